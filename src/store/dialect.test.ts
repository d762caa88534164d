import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { withTempDir } from '../../test/helpers/tmp.js';
import { duckdbDialect as d, postgresDialect as pg } from './dialect.js';
import { checkIdentitySpellings } from './dialect-identity.fixture.js';
import { checkPeopleSpellings } from './dialect-people.fixture.js';
import { openDuckDB } from './duckdb/duckdb-warehouse.js';
import { construct, param, sql } from './sql.js';

describe('the dialect', () => {
  it("spells DuckDB's constructs so that DuckDB runs them and gets the answers", async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/d.duckdb`);
      try {
        const ts = "TIMESTAMP '2024-03-15 10:20:30'";
        const [row] = await db.all(
          `SELECT ${d.listContains(d.list(["'a'", "'b'"]), "'b'")} AS has,
             ${d.formatTime(d.dateTrunc('month', ts), '%Y-%m-%d')} AS month,
             ${d.dateDiff('day', "DATE '2024-03-01'", "DATE '2024-03-15'")} AS days,
             ${d.dateDiff('month', "DATE '2024-01-31'", "DATE '2024-03-01'")} AS months,
             ${d.epochSeconds("TIMESTAMP '1970-01-02 00:00:00'")} AS s, ${d.epochMs("TIMESTAMP '1970-01-01 00:00:01'")} AS ms,
             CAST(${d.epochSeconds(`${ts} + ${d.seconds('90')}`)} - ${d.epochSeconds(ts)} AS INTEGER) AS later,
             ${d.jsonText(`'{"a b": {"c\\"d": "x"}}'::JSON`, ['a b', 'c"d'])} AS j,
             ${d.approxCountDistinct('i')} AS n
           FROM range(3) t(i)`,
        );
        assert.deepEqual(row, {
          has: true,
          month: '2024-03-01',
          days: 14,
          months: 2,
          s: 86400,
          ms: 1000,
          later: 90,
          j: 'x',
          n: 3,
        });
        const kept = await db.all(
          d.qualify('SELECT i FROM range(5) t(i)', 'row_number() OVER (ORDER BY i DESC) <= 2'),
        );
        assert.deepEqual(kept.map((r) => r.i).sort(), [3, 4]);
        await db.run(d.copyTo('SELECT 7 AS x', '?', 'parquet'), [`${dir}/x.parquet`]);
        assert.deepEqual(await db.all(`SELECT x FROM ${d.readFile('parquet', '?')}`, [`${dir}/x.parquet`]), [
          { x: 7 },
        ]);
      } finally {
        await db.close();
      }
    });
  });

  it('spells what identity resolution and the profile refresh use (NULL and empty text are different tuples)', async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/d.duckdb`);
      try {
        await checkIdentitySpellings(db);
      } finally {
        await db.close();
      }
    });
  });

  it('spells what privacy, security and the overview use', async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/d.duckdb`);
      try {
        await checkPeopleSpellings(db);
      } finally {
        await db.close();
      }
    });
  });

  it("spells PostgreSQL's side and refuses what it has no equivalent for", () => {
    assert.equal(pg.listContains(pg.list(['1', '2']), 'x'), '(x = ANY(ARRAY[1, 2]))');
    assert.equal(pg.formatTime('t', '%Y-%m-%dT%H:%M:%SZ'), `to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
    assert.equal(pg.jsonText('j', ['a', 'b']), `(j #>> '{"a","b"}')`);
    assert.equal(pg.epochSeconds('t'), 'EXTRACT(EPOCH FROM t)');
    assert.throws(() => pg.readFile('csv', "'f.csv'"), /not available on PostgreSQL/);
    assert.throws(() => pg.copyTo('SELECT 1', "'f'", 'parquet'), /not available on PostgreSQL/);
    assert.throws(() => d.dateTrunc('fortnight' as 'day', 't'), /invalid date unit/);
    assert.throws(() => d.formatTime('t', "%Y'); DROP TABLE x; --"), /invalid time format/);
  });

  it('construct() puts fragments in a dialect function, their values in text order', () => {
    const list = sql`${param('a')}, ${param('b')}`;
    const q = construct((l, v) => d.listContains(d.list([l]), v), list, param('c'));
    assert.deepEqual(q, { text: 'list_contains([?, ?], ?)', params: ['a', 'b', 'c'] });
    const flipped = construct((l, v) => pg.listContains(pg.list([l]), v), list, param('c'));
    assert.deepEqual(flipped, { text: '(? = ANY(ARRAY[?, ?]))', params: ['c', 'a', 'b'] });
  });

  // The functions the portraits and personas use, on the engine under test (CLIENTELE_TEST_ENGINE): the same
  // text from each engine's spelling, the same answers.
  it('spells what portraits and personas use: as-of join, lenient whole numbers, finiteness, temp tables, day names', async () => {
    await withTestDb(async (db) => {
      const d = db.dialect;
      await db.run(
        `DROP TABLE IF EXISTS asof_l; DROP TABLE IF EXISTS asof_r;
         CREATE TABLE asof_l (k INTEGER, placed TIMESTAMPTZ, n INTEGER);
         CREATE TABLE asof_r (k INTEGER, ts TIMESTAMPTZ)`,
      );
      try {
        await db.run(`INSERT INTO asof_l VALUES (1, '2024-01-10 00:00:00+00', 1), (1, '2024-01-10 00:00:00+00', 2),
          (1, '2024-01-20 00:00:00+00', 3), (2, '2024-01-05 00:00:00+00', 4), (3, '2024-01-05 00:00:00+00', 5)`);
        await db.run(`INSERT INTO asof_r VALUES (1, '2024-01-01 00:00:00+00'), (1, '2024-01-10 00:00:00+00'),
          (1, '2024-01-15 00:00:00+00'), (2, '2024-01-06 00:00:00+00'), (NULL, '2024-01-01 00:00:00+00')`);
        // The latest right time at or before each left row's (ties included), NULL where none; no row doubled.
        const joined = await db.all<{ n: number; latest: string | null }>(
          `SELECT l.n, ${d.formatTime('r.ts', '%Y-%m-%d')} AS latest FROM asof_l l
           ${d.asOfLeftJoin('asof_l', 'l', 'placed', 'asof_r', 'r', 'k', 'ts')} ORDER BY l.n`,
        );
        assert.deepEqual(
          joined.map((r) => [r.n, r.latest]),
          [
            [1, '2024-01-10'],
            [2, '2024-01-10'],
            [3, '2024-01-15'],
            [4, null],
            [5, null],
          ],
        );
        const [row] = await db.all<Record<string, unknown>>(
          `SELECT ${d.tryBigint("'42'")} AS n, ${d.tryBigint("' -7 '")} AS neg, ${d.tryBigint("'4.5'")} AS half, ${d.tryBigint("'1e3'")} AS exp,
             ${d.tryBigint("'x1'")} IS NULL AS text, ${d.tryBigint("'99999999999999999999'")} IS NULL AS huge,
             ${d.isFinite('CAST(1.5 AS DOUBLE)')} AS one, ${d.isFinite("CAST('Infinity' AS DOUBLE)")} AS inf,
             ${d.isFinite("CAST('NaN' AS DOUBLE)")} AS nan,
             ${d.formatTime("CAST('2024-03-18 10:00:00' AS TIMESTAMP)", '%A')} AS day,
             ${d.regexpExtract("'https://www.example.com/a?b'", "'^[a-z]+://(?:www\\.)?([^/:?#]+)'", 1)} AS host`,
        );
        assert.deepEqual(
          {
            ...row,
            n: Number(row?.n),
            neg: Number(row?.neg),
            half: Number(row?.half),
            exp: Number(row?.exp),
          },
          {
            n: 42,
            neg: -7,
            half: 5,
            exp: 1000,
            text: true,
            huge: true,
            one: true,
            inf: false,
            nan: false,
            day: 'Monday',
            host: 'example.com',
          },
        );
        await db.session(async (s) => {
          assert.deepEqual(await s.all(d.tempTableCount('pt_probe')), [{ n: 0 }]);
          await s.run('CREATE TEMP TABLE pt_probe AS SELECT 1 AS x');
          assert.deepEqual(await s.all(d.tempTableCount('pt_probe')), [{ n: 1 }]);
          await s.run('DROP TABLE pt_probe');
          // A table of the schema is not a temporary one.
          assert.deepEqual(await s.all(d.tempTableCount('asof_l')), [{ n: 0 }]);
        });
      } finally {
        await db.run('DROP TABLE IF EXISTS asof_l; DROP TABLE IF EXISTS asof_r');
      }
    });
  });
});
