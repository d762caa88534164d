import type { SqlValue, Warehouse } from '../store/index.js';

/**
 * Makes temporary table `name` (a name the code chose) of the rows of `query` on session `s`, replacing one
 * left by an earlier portrait: `DROP` then `CREATE TEMP TABLE … AS`, which both engines run (PostgreSQL has no
 * `CREATE OR REPLACE TEMP TABLE`).
 */
export async function tempTable(
  s: Warehouse,
  name: string,
  query: string,
  params: readonly SqlValue[] = [],
): Promise<void> {
  await s.run(`DROP TABLE IF EXISTS ${name}`);
  await s.run(`CREATE TEMP TABLE ${name} AS ${query}`, params);
}
