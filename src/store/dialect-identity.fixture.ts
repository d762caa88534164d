import assert from 'node:assert/strict';
import type { Dialect } from './dialect.js';
import type { Warehouse } from './warehouse.js';

/**
 * The spellings identity resolution and the profile refresh use, as one set of queries and the answers both
 * engines must give (src/store/dialect.test.ts runs it on DuckDB, src/store/postgres/schema.test.ts on PostgreSQL).
 */
export function identitySpellings(d: Dialect) {
  const rel = `SELECT * FROM (VALUES ('a', NULL, 1, 'k2'), ('a', NULL, 0, 'k1'), ('a', '', 2, 'k3'), ('b', 'x', 5, 'k4')) r (g, h, o, k)`;
  return {
    firsts: d.firstOfGroups(rel, ['g', 'h'], { tkey: d.tupleHash(['g', 'h']) }, ['o', 'k'], {
      first_key: 'k',
    }),
    aggregates: `SELECT ${d.listJson(d.listAgg('k', { distinct: true, orderBy: 'k' }))} AS ks,
        ${d.argMaxWhere('k', '(o, h)', "g = 'a'")} AS top,
        ${d.listJson(d.argMaxWhere(d.list(['k']), 'o', "g = 'a'", true))} AS top_list,
        ${d.listJson(d.sortedUnion([d.list(["'b'", "'a'"]), d.list(["'a'"]), d.emptyTextList]))} AS u,
        CAST(${d.yearDiff("DATE '2000-12-31'", "DATE '2024-01-01'")} AS INTEGER) AS years
      FROM (${rel}) q`,
    expected: {
      firstKeys: ['k1', 'k3', 'k4'],
      aggregates: { ks: ['k1', 'k2', 'k3', 'k4'], top: 'k3', top_list: ['k3'], u: ['a', 'b'], years: 24 },
    },
  };
}

/** Checks a run of `identitySpellings`: the first rows in order, and three distinct 53-bit tuple keys. */
export function identityAnswers(
  firsts: readonly Record<string, unknown>[],
  aggregates: Record<string, unknown>,
): {
  firstKeys: unknown[];
  keysDistinct: boolean;
  keysInRange: boolean;
  aggregates: Record<string, unknown>;
} {
  const keys = firsts.map((r) => Number(r.tkey));
  return {
    firstKeys: firsts.map((r) => r.first_key),
    keysDistinct: new Set(keys).size === keys.length,
    keysInRange: keys.every((k) => Number.isSafeInteger(k) && k >= 0),
    aggregates: Object.fromEntries(
      Object.entries(aggregates).map(([k, v]) => [
        k,
        typeof v === 'string' && v.startsWith('[') ? JSON.parse(v) : v,
      ]),
    ),
  };
}

/** Runs the spellings on `db` (either engine) and asserts the answers both engines must give. */
export async function checkIdentitySpellings(db: Warehouse): Promise<void> {
  const q = identitySpellings(db.dialect);
  const [aggregates] = await db.all(q.aggregates);
  assert.deepEqual(identityAnswers(await db.all(q.firsts), aggregates!), {
    firstKeys: q.expected.firstKeys,
    keysDistinct: true,
    keysInRange: true,
    aggregates: q.expected.aggregates,
  });
}
