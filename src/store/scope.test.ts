import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withTempDir } from '../../test/helpers/tmp.js';
import { openDuckDB } from './duckdb/duckdb-warehouse.js';
import { createQueryScope, outsideQueryScope, sharedWork, stopSharedWork, withQueryScope } from './scope.js';

// Runs for hours unless interrupted.
const ENDLESS = 'SELECT sum(hash(i)) AS s FROM range(1000000000000) t(i)';

describe('query scopes', () => {
  it('interrupt a running query at the deadline, and leave the database usable', async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/s.duckdb`);
      try {
        const scope = createQueryScope({ timeoutMs: 300, label: 'the test' });
        await assert.rejects(
          withQueryScope(scope, () => db.all(ENDLESS)),
          (e: Error & { code?: string }) => e.code === 'CLT_ERR_QUERY_TIMEOUT' && /the test/.test(e.message),
        );
        scope.end();
        assert.deepEqual(await db.all('SELECT 1 AS one'), [{ one: 1 }]);
      } finally {
        await db.close();
      }
    });
  });

  it('interrupt on abort, inside a transaction too (which rolls back), and refuse new queries after', async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/a.duckdb`);
      try {
        await db.run('CREATE TABLE t (x INTEGER)');
        const scope = createQueryScope({ timeoutMs: Number.POSITIVE_INFINITY, label: 'work' });
        const running = withQueryScope(scope, () =>
          db.transaction(async (tx) => {
            await tx.run('INSERT INTO t VALUES (1)');
            await tx.all(ENDLESS);
          }),
        );
        setTimeout(() => scope.abort('the client closed the connection'), 200);
        await assert.rejects(running, (e: Error & { code?: string }) => {
          assert.equal(e.code, 'CLT_ERR_QUERY_CANCELLED');
          assert.match(e.message, /client closed/);
          return true;
        });
        await assert.rejects(
          withQueryScope(scope, () => db.all('SELECT 1')),
          { code: 'CLT_ERR_QUERY_CANCELLED' },
        );
        scope.end();
        assert.deepEqual(await db.all('SELECT count(*) AS n FROM t'), [{ n: 0 }]);
      } finally {
        await db.close();
      }
    });
  });

  it('give each scope its own connection, closed at its end, and let unscoped work through', async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/c.duckdb`, { heavySlots: 1 });
      try {
        const slow = createQueryScope({ timeoutMs: 400, heavy: true, label: 'slow' });
        const waiting = createQueryScope({ timeoutMs: 100, heavy: true, label: 'waiting' });
        // Its connection exists already, so the endless query takes the slot within microtasks.
        await withQueryScope(slow, () => db.all('SELECT 1'));
        const first = withQueryScope(slow, () => db.all(ENDLESS));
        // Under load its deadline may pass before the line that awaits it: not an unhandled rejection.
        first.catch(() => undefined);
        // The only heavy slot is taken: the second heavy scope gives up at its deadline without running.
        await assert.rejects(
          withQueryScope(waiting, () => db.all('SELECT 42 AS x')),
          { code: 'CLT_ERR_QUERY_TIMEOUT' },
        );
        // Unscoped work (the event writer's commits) and light scopes do not wait for heavy slots.
        assert.deepEqual(await outsideQueryScope(() => db.all('SELECT 1 AS x')), [{ x: 1 }]);
        const light = createQueryScope({ timeoutMs: 5000, label: 'light' });
        await withQueryScope(light, () => db.run('CREATE TEMP TABLE mine AS SELECT 7 AS x'));
        assert.deepEqual(await withQueryScope(light, () => db.all('SELECT x FROM mine')), [{ x: 7 }]);
        light.end();
        await assert.rejects(db.all('SELECT x FROM mine'), /mine/);
        await assert.rejects(first, { code: 'CLT_ERR_QUERY_TIMEOUT' });
        slow.end();
        waiting.end();
      } finally {
        await db.close();
      }
    });
  });

  it('run shared work once for every caller, let a caller whose scope aborts go, and cancel it on stop', async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/w.duckdb`);
      try {
        const owner = {};
        let runs = 0;
        const endless = () => {
          runs++;
          return db.all(ENDLESS);
        };
        // Asked from inside a request's scope: the work is not the request's, and its deadline does not apply.
        const request = createQueryScope({ timeoutMs: 60_000, label: 'a request' });
        const first = withQueryScope(request, () => sharedWork(owner, 'k', 'the shared work', endless));
        const second = sharedWork(owner, 'k', 'the shared work', endless);
        request.abort('the client went away');
        await assert.rejects(first, (e: Error & { code?: string }) => {
          assert.equal(e.code, 'CLT_ERR_QUERY_CANCELLED');
          assert.match(e.message, /a request was cancelled: the client went away/);
          return true;
        });
        request.end();
        await stopSharedWork(owner, 'the server is stopping');
        await assert.rejects(second, (e: Error & { code?: string }) => {
          assert.equal(e.code, 'CLT_ERR_QUERY_CANCELLED');
          assert.match(e.message, /the shared work was cancelled: the server is stopping/);
          return true;
        });
        assert.equal(runs, 1);
        await assert.rejects(sharedWork(owner, 'k', 'the shared work', endless), {
          code: 'CLT_ERR_QUERY_CANCELLED',
        });
        assert.equal(runs, 1);
        assert.deepEqual(await db.all('SELECT 1 AS one'), [{ one: 1 }]);
      } finally {
        await db.close();
      }
    });
  });
  it('lets a caller go at its own deadline while the shared work runs on for the others', async () => {
    const owner = {};
    let finish!: (value: string) => void;
    const work = () => new Promise<string>((resolve) => (finish = resolve));
    const hurried = createQueryScope({ timeoutMs: 50, label: 'a hurried request' });
    const first = withQueryScope(hurried, () => sharedWork(owner, 'k', 'the shared work', work));
    const patient = sharedWork(owner, 'k', 'the shared work', work);
    await assert.rejects(first, (e: Error & { code?: string }) => {
      assert.equal(e.code, 'CLT_ERR_QUERY_TIMEOUT');
      assert.match(e.message, /a hurried request reached its deadline waiting for the shared work/);
      assert.equal(
        (e as Error & { details?: Record<string, unknown> }).details?.waitingFor,
        'the shared work',
      );
      return true;
    });
    hurried.end();
    finish('done');
    assert.equal(await patient, 'done');
  });
});
