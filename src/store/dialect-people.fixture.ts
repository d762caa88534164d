import assert from 'node:assert/strict';
import type { Warehouse } from './warehouse.js';

/**
 * The spellings privacy, security and the overview use (quantile, any value, first match, a row's locator),
 * with the answers both engines must give (src/store/dialect.test.ts runs it on DuckDB,
 * src/store/postgres/schema.test.ts on PostgreSQL).
 */
export async function checkPeopleSpellings(db: Warehouse): Promise<void> {
  const d = db.dialect;
  const rel = `SELECT * FROM (VALUES (1, 'x'), (2, 'x'), (3, 'x'), (4, 'x')) r (v, g)`;
  const [row] = await db.all(
    `SELECT CAST(${d.continuousQuantile('v', 0.5)} AS DOUBLE PRECISION) AS median, ${d.anyValue('g')} AS g,
       ${d.regexpExtract("'203.0.113.7'", "'^[^.:]*'")} AS net, ${d.regexpExtract("'abc'", "'[0-9]+'")} AS none
     FROM (${rel}) q`,
  );
  assert.deepEqual(row, { median: 2.5, g: 'x', net: '203', none: '' });
  await db.run('DROP TABLE IF EXISTS people_spellings; CREATE TABLE people_spellings (k VARCHAR)');
  try {
    await db.run("INSERT INTO people_spellings VALUES ('a'), ('b')");
    const [b] = await db.all<{ id: string }>(
      `SELECT ${d.rowLocator('t')} AS id FROM people_spellings t WHERE k = 'b'`,
    );
    assert.equal(typeof b?.id, 'string');
    await db.run(
      `DELETE FROM people_spellings WHERE ${d.listContains(d.jsonList('?', 'VARCHAR'), d.rowLocator('people_spellings'))}`,
      [JSON.stringify([b!.id])],
    );
    assert.deepEqual(await db.all('SELECT k FROM people_spellings'), [{ k: 'a' }]);
  } finally {
    await db.run('DROP TABLE IF EXISTS people_spellings');
  }
}
