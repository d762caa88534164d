import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type PostgresServer, startPostgres } from '../../../test/helpers/postgres.js';
import { ClienteleError } from '../../errors/index.js';
import { createQueryScope, sharedWork, stopSharedWork, withQueryScope } from '../scope.js';
import { param, sql } from '../sql.js';
import type { Warehouse } from '../warehouse.js';
import { numberPlaceholders } from './placeholders.js';
import { openPostgres } from './postgres-warehouse.js';

describe('numberPlaceholders', () => {
  it('numbers ? outside literals, quoted names and comments', () => {
    assert.equal(
      numberPlaceholders(`SELECT ?, '?', "a?""b", 'it''s ?' -- ?\n , ? /* ? */ , ?`),
      `SELECT $1, '?', "a?""b", 'it''s ?' -- ?\n , $2 /* ? */ , $3`,
    );
    assert.equal(numberPlaceholders('SELECT $1, $2'), 'SELECT $1, $2');
  });
});

describe('the PostgreSQL warehouse', () => {
  let server: PostgresServer;
  let db: Warehouse;
  before(async () => {
    server = await startPostgres();
    db = await openPostgres(await server.createDatabase());
  });
  after(async () => {
    await db?.close();
    await server?.stop();
  });

  it('returns rows shaped as the DuckDB path returns them', async () => {
    const [row] = await db.all(
      `SELECT count(*) AS n, CAST(2.5 AS NUMERIC) AS dec, DATE '2024-03-15' AS d,
         TIMESTAMP '2024-03-15 10:20:30' AS ts, TIMESTAMPTZ '2024-03-15 10:20:30+02' AS tz,
         CAST('{"a": 1}' AS JSONB) AS j, ARRAY[CAST(1 AS BIGINT), 2] AS l, ARRAY['x', NULL] AS t,
         CAST(? AS VARCHAR) AS p, CAST(? AS INTEGER) AS q, ? = 'a?' AS lit`,
      ['v', 7, 'a?'],
    );
    assert.deepEqual(row, {
      n: 1,
      dec: 2.5,
      d: new Date('2024-03-15T00:00:00Z'),
      ts: new Date('2024-03-15T10:20:30Z'),
      tz: new Date('2024-03-15T08:20:30Z'),
      j: '{"a": 1}',
      l: [1, 2],
      t: ['x', null],
      p: 'v',
      q: 7,
      lit: true,
    });
    // The fragment builder's values bind the same way.
    const q = sql`SELECT ${param(41)} + 1 AS x`;
    assert.deepEqual(await db.all(q.text, q.params), [{ x: 42 }]);
  });

  it('refuses an integer beyond ±2^53 with CLT_ERR_QUERY_INTEGER_RANGE', async () => {
    await assert.rejects(
      db.all('SELECT CAST(9007199254740993 AS BIGINT) AS big'),
      (e: unknown) =>
        e instanceof ClienteleError && e.code === 'CLT_ERR_QUERY_INTEGER_RANGE' && /big/.test(e.message),
    );
  });

  it('appends by COPY, reads columns, numbers and streams', async () => {
    await db.run('CREATE TABLE t (i BIGINT, x DOUBLE PRECISION, s VARCHAR, b BOOLEAN)');
    const n = 10_000;
    const ints = Array.from({ length: n }, (_, i) => (i === 3 ? null : i));
    const texts = Array.from({ length: n }, (_, i) => (i === 1 ? '' : i === 2 ? null : `a,"b"\n${i}`));
    assert.equal(
      await db.append('t', [
        { kind: 'int', values: ints },
        { kind: 'double', values: ints.map((v) => (v === null ? null : v / 2)) },
        { kind: 'text', values: texts },
        { kind: 'bool', values: ints.map((v) => (v === null ? null : v % 2 === 0)) },
      ]),
      n,
    );
    const cols = await db.columns('SELECT i, s FROM t ORDER BY i NULLS FIRST LIMIT 4');
    assert.deepEqual(cols, { i: [null, 0, 1, 2], s: ['a,"b"\n3', 'a,"b"\n0', '', null] });
    const nums = await db.numbers(
      'SELECT i, x, CAST(i AS INTEGER) AS small, b, s FROM t ORDER BY i NULLS LAST',
    );
    assert.ok(nums.i instanceof Float64Array && nums.i[0] === 0 && Number.isNaN(nums.i[n - 1] as number));
    assert.ok(nums.x instanceof Float64Array && nums.x[1] === 0.5);
    assert.ok(nums.small instanceof Float64Array, 'a NULL makes an INTEGER column Float64Array');
    assert.equal((nums.b as Float64Array)[0], 1);
    assert.ok(Array.isArray(nums.s));
    const ints32 = await db.numbers('SELECT CAST(i AS INTEGER) AS k FROM t WHERE i IS NOT NULL');
    assert.ok(ints32.k instanceof Int32Array);
    let seen = 0;
    let chunks = 0;
    const total = await db.stream(
      'SELECT i FROM t WHERE i >= ?',
      (c) => {
        seen += (c.i as unknown[]).length;
        chunks++;
      },
      [0],
    );
    assert.equal(total, n - 1);
    assert.equal(seen, n - 1);
    assert.ok(chunks > 1);
  });

  it('keeps all of a transaction or none, nests inside it, and a session keeps its temporary tables', async () => {
    await db.run('CREATE TABLE tx (v INTEGER)');
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO tx VALUES (1)');
        await tx.transaction((inner) => inner.run('INSERT INTO tx VALUES (2)'));
        throw new Error('stop');
      }),
      /stop/,
    );
    assert.deepEqual(await db.all('SELECT count(*) AS n FROM tx'), [{ n: 0 }]);
    await db.session(async (s) => {
      await s.run('CREATE TEMPORARY TABLE scratch AS SELECT 5 AS v');
      await s.append('scratch', [{ kind: 'int', values: [6] }]);
      await s.transaction((tx) => tx.run('INSERT INTO tx SELECT v FROM scratch'));
    });
    assert.deepEqual(await db.all('SELECT v FROM tx ORDER BY v'), [{ v: 5 }, { v: 6 }]);
    // Several statements without values run as one call (the migrations' shape).
    await db.run('CREATE TABLE m1 (a INTEGER); CREATE TABLE m2 (b INTEGER)');
    assert.equal(
      await db.withProgress(
        async () => 3,
        () => undefined,
      ),
      3,
    );
  });

  it("cancels a scope's query at its deadline and on abort, and the connection serves the next query", async () => {
    const late = createQueryScope({ timeoutMs: 300, label: 'a slow request' });
    await assert.rejects(
      withQueryScope(late, () => db.all('SELECT pg_sleep(30)')),
      (e: unknown) => e instanceof ClienteleError && e.code === 'CLT_ERR_QUERY_TIMEOUT',
    );
    late.end();
    const gone = createQueryScope({ timeoutMs: 60_000, label: 'a request' });
    const running = withQueryScope(gone, () => db.all('SELECT pg_sleep(30)'));
    setTimeout(() => gone.abort('the client went away'), 200);
    await assert.rejects(
      running,
      (e: unknown) => e instanceof ClienteleError && e.code === 'CLT_ERR_QUERY_CANCELLED',
    );
    gone.end();
    assert.deepEqual(await db.all('SELECT 1 AS one'), [{ one: 1 }]);
  });

  it('cancels a query whose scope ended first, and runs the queries of one connection one at a time', async () => {
    // A request's client leaves: the scope ends at once while its statement runs. The connection must not go
    // back to the pool busy (the cancel, taking the last connection returned, queued behind the statement).
    const left = createQueryScope({ timeoutMs: 60_000, label: 'a request' });
    const running = withQueryScope(left, () => db.all('SELECT pg_sleep(30)'));
    setTimeout(() => {
      left.abort('the client closed the connection');
      left.end();
    }, 200);
    await assert.rejects(
      running,
      (e: unknown) => e instanceof ClienteleError && e.code === 'CLT_ERR_QUERY_CANCELLED',
    );
    // Many queries at once on one scope's connection and on the root one: pg itself would queue them and
    // warn ("client.query() when the client is already executing a query").
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const scope = createQueryScope({ timeoutMs: 60_000, label: 'a busy request' });
      const many = (n: number) =>
        Promise.all(Array.from({ length: n }, (_, i) => db.all('SELECT CAST(? AS INTEGER) AS i', [i])));
      const [scoped, root] = await Promise.all([withQueryScope(scope, () => many(20)), many(20)]);
      scope.end();
      assert.deepEqual(
        [...scoped, ...root].map((r) => r[0]?.i),
        [...Array.from({ length: 20 }, (_, i) => i), ...Array.from({ length: 20 }, (_, i) => i)],
      );
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(
      warnings.filter((w) => w.includes('already executing a query')),
      [],
    );
  });

  it('runs shared work on a connection of its own, which a stop cancels, leaving no statement running', async () => {
    // Shared work (a resolution every request waits for) must not hold the root connection, on which the
    // event writer commits, and a stopping server must be able to cancel it.
    const [{ pid: rootPid }] = (await db.all('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    const owner = {};
    const sleep = () => db.all('SELECT pg_sleep(30) AS slept');
    const job = sharedWork(owner, 'sleep', 'the shared sleep', sleep);
    const sleeping = (s: Warehouse) =>
      s.all<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
         AND query LIKE 'SELECT pg_sleep(30)%'`,
      );
    await db.session(async (s) => {
      let found: { pid: number }[] = [];
      while (found.length === 0) found = await sleeping(s);
      assert.notEqual(found[0]?.pid, rootPid, 'the shared work runs on the root connection');
      // A caller whose own scope is aborted stops waiting; the work runs on for the others.
      const asker = createQueryScope({ timeoutMs: 60_000, label: 'a request' });
      const joined = withQueryScope(asker, () => sharedWork(owner, 'sleep', 'the shared sleep', sleep));
      asker.abort('the client went away');
      await assert.rejects(
        joined,
        (e: unknown) => e instanceof ClienteleError && /a request/.test(e.message),
      );
      asker.end();
      assert.equal((await sleeping(s)).length, 1);
      // The root connection is free meanwhile.
      assert.deepEqual(await db.all('SELECT 1 AS one'), [{ one: 1 }]);
      await stopSharedWork(owner, 'the server is stopping');
      await assert.rejects(job, (e: unknown) => {
        assert.ok(e instanceof ClienteleError && e.code === 'CLT_ERR_QUERY_CANCELLED', String(e));
        assert.match(e.message, /the shared sleep was cancelled: the server is stopping/);
        return true;
      });
      assert.deepEqual(await sleeping(s), []);
      // Asked again once stopped: refused at once.
      await assert.rejects(sharedWork(owner, 'sleep', 'the shared sleep', sleep), {
        code: 'CLT_ERR_QUERY_CANCELLED',
      });
    });
  });
  it('runs shared work on connections outside the pool, so a request that holds the last pooled one and waits for it is not starved', {
    timeout: 60_000,
  }, async () => {
    // A pool of two: the root connection and one more, which the request below holds while it waits for the
    // shared work (as a profile read waits for the profile index build). Drawn from the pool, the work would
    // wait for the request's connection: CLT_ERR_STORE_BUSY after the wait.
    const small = await openPostgres(await server.createDatabase(), { maxConnections: 2, poolWaitMs: 1500 });
    try {
      await small.run('CREATE TABLE built (n INTEGER)');
      const request = createQueryScope({ timeoutMs: 60_000, label: 'GET /v1/profiles/:id' });
      const result = await withQueryScope(request, async () => {
        await small.all('SELECT 1 AS state');
        return sharedWork(small, 'build', 'the profile index build', async () => {
          // A read, a stream and a transaction, as the build and a resolution run them.
          let streamed = 0;
          await small.stream('SELECT generate_series(1, 10) AS n', (c) => {
            streamed += (c.n as unknown[]).length;
          });
          await small.transaction(async (tx) => tx.run('INSERT INTO built VALUES (?)', [streamed]));
          return small.all<{ n: number }>('SELECT n FROM built');
        });
      });
      request.end();
      assert.deepEqual(result, [{ n: 10 }]);
    } finally {
      await small.close();
    }
  });
});
