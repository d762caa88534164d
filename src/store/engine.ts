/** Which engine a warehouse runs on, and the refusal of work that runs on DuckDB only. */
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from './warehouse.js';

/** The engine a warehouse runs on, as `clientele status` names it. */
export function engineName(db: Warehouse): 'duckdb' | 'postgresql' {
  return db.dialect.name === 'postgres' ? 'postgresql' : 'duckdb';
}

/** Refuses, with CLT_ERR_STORE_ENGINE, work that runs only on DuckDB when `db` is a PostgreSQL database. */
export function requireDuckDB(db: Warehouse, what: string): void {
  if (db.dialect.name === 'duckdb') return;
  throw new ClienteleError(
    'CLT_ERR_STORE_ENGINE',
    `${what} does not run on PostgreSQL yet (docs/scale.md says what does); use a DuckDB file for it`,
    { engine: 'postgresql' },
  );
}
