import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDuckDB } from './duckdb-warehouse.js';

// A statement that runs for many seconds unless interrupted.
const LONG = 'SELECT sum(a.r * b.r) AS s FROM t a, t b WHERE a.i % 1000 = b.i % 1000';

// Closing a DuckDB connection under a running statement never settled that statement and kept its libuv
// thread for good; with four of them every file operation of the process waited forever (a stopped server
// hung a CI test for 20 minutes). The close now interrupts what runs, waits for it, and then closes.
test('closing the database under running statements interrupts them, and the process goes on', {
  timeout: 120_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'clientele-close-'));
  try {
    const db = await openDuckDB(join(dir, 'c.duckdb'), { threads: 1 });
    await db.run('CREATE TABLE t AS SELECT range AS i, random() AS r FROM range(200000)');
    // One on the database's own connection, four on connections of their own: more than libuv's pool has threads.
    const running = [db.all(LONG), ...Array.from({ length: 4 }, () => db.session((s) => s.all(LONG)))].map(
      (p) =>
        p.then(
          () => 'finished',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
    );
    await new Promise((r) => setTimeout(r, 300));
    await db.close();
    await db.close(); // a second close is a no-op
    const ends = await Promise.all(running);
    assert.equal(ends.length, 5, 'every statement settled');
    assert.ok(
      ends.some((e) => /interrupt/i.test(e)),
      `interrupted: ${ends.join(' | ')}`,
    );
    // libuv's threads are free again: file operations complete.
    const files = await Promise.all(Array.from({ length: 8 }, () => readFile(join(dir, 'c.duckdb'))));
    assert.equal(files.length, 8);
    // And the file opens again in this process, whole.
    const again = await openDuckDB(join(dir, 'c.duckdb'));
    try {
      assert.deepEqual(await again.all('SELECT count(*)::INTEGER AS n FROM t'), [{ n: 200000 }]);
    } finally {
      await again.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('closing the database during a CHECKPOINT waits for it instead of crashing', {
  timeout: 120_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'clientele-close-'));
  try {
    const db = await openDuckDB(join(dir, 'c.duckdb'));
    await db.run('CREATE TABLE t AS SELECT range AS i, random() AS r FROM range(2000000)');
    await db.run('INSERT INTO t SELECT range, random() FROM range(2000000)');
    const checkpoint = db.run('CHECKPOINT').then(
      () => 'done',
      (error: unknown) => String(error),
    );
    await new Promise((r) => setTimeout(r, 5));
    await db.close();
    assert.ok(await checkpoint);
    const again = await openDuckDB(join(dir, 'c.duckdb'));
    try {
      assert.deepEqual(await again.all('SELECT count(*)::INTEGER AS n FROM t'), [{ n: 4000000 }]);
    } finally {
      await again.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
