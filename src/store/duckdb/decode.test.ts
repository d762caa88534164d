import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withTempDir } from '../../../test/helpers/tmp.js';
import { openDuckDB } from './duckdb-warehouse.js';

describe('reads at the warehouse boundary', () => {
  it('decode BIGINT, HUGEINT and DECIMAL as numbers, inside lists and structs too', async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/d.duckdb`);
      try {
        const [row] = await db.all(
          `SELECT count(*) AS n, sum(i) AS s, 1.50::DECIMAL(10, 2) AS d, [2::BIGINT] AS l, {'a': 3::BIGINT} AS st,
             9007199254740991::BIGINT AS top FROM range(4) t(i)`,
        );
        assert.deepEqual(row, { n: 4, s: 6, d: 1.5, l: [2], st: { a: 3 }, top: 9007199254740991 });
      } finally {
        await db.close();
      }
    });
  });

  it('refuse an integer beyond ±2^53 with a coded error, never a string', async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/b.duckdb`);
      try {
        for (const read of [
          () => db.all('SELECT 9007199254740993::BIGINT AS big'),
          () => db.columns('SELECT [9007199254740993::HUGEINT] AS big'),
          () => db.numbers('SELECT -9007199254740993::BIGINT AS big'),
        ]) {
          await assert.rejects(read(), (e: Error & { code?: string }) => {
            assert.equal(e.code, 'CLT_ERR_QUERY_INTEGER_RANGE');
            assert.match(e.message, /column big/);
            return true;
          });
        }
      } finally {
        await db.close();
      }
    });
  });

  it('numbers() returns typed arrays from the result vectors across chunks, NULL as NaN, text as text', async () => {
    await withTempDir(async (dir) => {
      const db = await openDuckDB(`${dir}/n.duckdb`);
      try {
        // 5000 rows span several 2048-row chunks.
        const c = await db.numbers(
          `SELECT i::DOUBLE / 2 AS x, i::INTEGER AS k, CASE WHEN i % 7 = 0 THEN NULL ELSE i END::INTEGER AS g,
             i::BIGINT * 3 AS b, (i / 4)::DECIMAL(12, 2) AS d, i % 2 = 0 AS e, 'c' || i AS t,
             CASE WHEN i = 3 THEN NULL ELSE i::DOUBLE END AS h
           FROM range(?) r(i) ORDER BY i`,
          [5000],
        );
        assert.ok(c.x instanceof Float64Array && c.x.length === 5000);
        assert.equal(c.x[4999], 2499.5);
        assert.ok(c.k instanceof Int32Array, 'an INTEGER column without NULL is an Int32Array');
        assert.equal(c.k[4097], 4097);
        assert.ok(c.g instanceof Float64Array && Number.isNaN(c.g[4998]) && c.g[4999] === 4999);
        assert.ok(c.b instanceof Float64Array && c.b[10] === 30);
        assert.ok(c.d instanceof Float64Array && c.d[10] === 2.5);
        assert.deepEqual([...(c.e as Float64Array).slice(0, 3)], [1, 0, 1]);
        assert.deepEqual((c.t as string[]).slice(0, 2), ['c0', 'c1']);
        assert.ok(Number.isNaN(c.h?.[3] as number) && c.h?.[4] === 4);
        const empty = await db.numbers('SELECT 1.0::DOUBLE AS x, 1 AS k, 1::VARCHAR AS t WHERE false');
        assert.ok(empty.x instanceof Float64Array && empty.x.length === 0 && Array.isArray(empty.t));
      } finally {
        await db.close();
      }
    });
  });
});
