import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { engineConflict } from './engine.js';

// Two transactions that change the same rows in opposite order: DuckDB refuses the second writer of a row,
// PostgreSQL finds the deadlock and rolls one back. Either way, the loser's error is the conflict code.
test('a transaction that collides with another is CLT_ERR_STORE_CONFLICT, other errors are not', async () => {
  await withTestDb(async (db) => {
    await db.run('CREATE TABLE clash (id INTEGER PRIMARY KEY, n INTEGER)');
    await db.run('INSERT INTO clash VALUES (1, 0), (2, 0)');
    let release!: () => void;
    const bothWrote = new Promise<void>((r) => {
      let n = 0;
      release = () => {
        if (++n === 2) r();
      };
    });
    const writer = (first: number, second: number) =>
      db.transaction(async (tx) => {
        await tx.run('UPDATE clash SET n = n + 1 WHERE id = ?', [first]);
        release();
        await bothWrote;
        await tx.run('UPDATE clash SET n = n + 1 WHERE id = ?', [second]);
      });
    const outcomes = await Promise.allSettled([writer(1, 2), writer(2, 1)]);
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    assert.ok(failed.length >= 1, 'one of the two was refused');
    for (const f of failed) {
      const coded = engineConflict(f.reason);
      assert.equal(coded?.code, 'CLT_ERR_STORE_CONFLICT', String(f.reason));
      assert.equal(coded?.status, 409);
    }
    const syntax = await db.run('SELEC 1').catch((e: unknown) => e);
    assert.equal(engineConflict(syntax), undefined);
  });
});

// DuckDB past its memory limit (CLIENTELE_DB_MEMORY): a coded answer that says so, never CLT_ERR_INTERNAL.
test('work that needs more memory than the engine may use is CLT_ERR_STORE_MEMORY', async () => {
  await withTestDb(async (db) => {
    if (db.dialect.name === 'duckdb') {
      await db.run("SET memory_limit = '20MB'");
      await db.run('SET threads = 1');
    } else {
      // PostgreSQL's own refusal, raised as the server would: SQLSTATE 53200.
      await db.run(
        "CREATE FUNCTION pg_temp.oom() RETURNS void LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'out of memory' USING ERRCODE = '53200'; END $$",
      );
    }
    const failed = await (db.dialect.name === 'duckdb'
      ? db.all(
          "SELECT string_agg(repeat(CAST(i AS VARCHAR), 50), ',' ORDER BY random()) FROM range(3000000) t(i)",
        )
      : db.all('SELECT pg_temp.oom()')
    ).catch((e: unknown) => e);
    const coded = engineConflict(failed);
    assert.equal(coded?.code, 'CLT_ERR_STORE_MEMORY', String(failed));
    assert.equal(coded?.status, 503);
  });
});
