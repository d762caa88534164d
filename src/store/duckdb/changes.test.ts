import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDuckDB } from './duckdb-warehouse.js';

test('Warehouse.changes moves on every kind of write and holds still on reads', async () => {
  const db = await openDuckDB(':memory:');
  try {
    const count = () => db.changes?.() ?? Number.NaN;
    await db.run('CREATE TABLE t (x INTEGER)');
    let seen = count();
    const moved = (what: string) => {
      const now = count();
      assert.ok(now > seen, `${what} counts as a write`);
      seen = now;
    };
    const still = (what: string) => assert.equal(count(), seen, `${what} is a read`);
    await db.run('INSERT INTO t VALUES (1)');
    moved('INSERT through run');
    await db.all('SELECT * FROM t');
    await db.all('  with a AS (SELECT 1) SELECT * FROM a');
    await db.columns('FROM t');
    await db.numbers('SELECT x FROM t');
    still('SELECT, WITH and FROM');
    await db.all('INSERT INTO t VALUES (2) RETURNING x');
    moved('INSERT … RETURNING through all');
    await db.append('t', [{ kind: 'int', values: [3] }]);
    moved('append');
    await db.session((s) => s.run('UPDATE t SET x = x + 1'));
    moved('a write on a session of its own');
    await db.transaction(async (tx) => {
      await tx.all('SELECT 1');
    });
    moved('a commit');
  } finally {
    await db.close();
  }
});
