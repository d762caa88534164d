import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
});
