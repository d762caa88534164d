import { databaseFiles, restrictFiles } from '../privacy/files.js';
import { compileDefinitions } from '../semantics/compile.js';
import { openDuckDB } from './duckdb/duckdb-warehouse.js';
import { isPostgresLocation, resolveDbPath } from './location.js';
import { migrate, withSchemaLock } from './migrate.js';
import type { Warehouse } from './warehouse.js';

export { type DateUnit, type Dialect, duckdbDialect, type FileFormat, postgresDialect } from './dialect.js';
export { type DuckDBWarehouseOptions, openDuckDB } from './duckdb/duckdb-warehouse.js';
export { LIKE_ESCAPE, likeEscape } from './like.js';
export { DEFAULT_DB_PATH, isPostgresLocation, resolveDbPath } from './location.js';
export { migrate, withSchemaLock } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export {
  cancelledError,
  checkQueryScope,
  createQueryScope,
  currentQueryScope,
  outsideQueryScope,
  type QueryScope,
  type RepeatingTask,
  repeatInScope,
  withQueryScope,
} from './scope.js';
export type { AppendColumn, NumericColumn, Row, SqlValue, Warehouse } from './warehouse.js';

/** The engine a warehouse runs on, as `clientele status` names it. */
export function engineName(db: Warehouse): 'duckdb' | 'postgresql' {
  return db.dialect.name === 'postgres' ? 'postgresql' : 'duckdb';
}

/**
 * Opens the warehouse at `location` (a DuckDB file, ':memory:', or a postgres:// URL) and brings its schema
 * up to date.
 */
export async function openWarehouse(location: string = resolveDbPath()): Promise<Warehouse> {
  const postgres = isPostgresLocation(location);
  // Loaded only for a server, so that a DuckDB file never loads the PostgreSQL driver.
  const db = postgres
    ? await (await import('./postgres/postgres-warehouse.js')).openPostgres(location)
    : await openDuckDB(location);
  try {
    // One process at a time changes the schema and the views (PostgreSQL: an advisory lock; others wait).
    await withSchemaLock(db, async (locked) => {
      for (const statement of db.dialect.prelude) await locked.run(statement);
      await migrate(locked);
      // The business definitions' views follow the code and the stored settings (docs/definitions.md).
      await compileDefinitions(locked);
    });
    // Owner-only whatever the umask was when the file was made (docs/privacy.md); a server has no file here.
    if (!postgres) restrictFiles(...databaseFiles(location));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
export { construct, type Fragment, identifier, join, param, raw, sql } from './sql.js';
