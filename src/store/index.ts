import { databaseFiles, restrictFiles } from '../privacy/files.js';
import { compileDefinitions } from '../semantics/compile.js';
import { openDuckDB } from './duckdb/duckdb-warehouse.js';
import { resolveDbPath } from './location.js';
import { migrate } from './migrate.js';
import type { Warehouse } from './warehouse.js';

export { type DateUnit, type Dialect, duckdbDialect, type FileFormat, postgresDialect } from './dialect.js';
export { type DuckDBWarehouseOptions, openDuckDB } from './duckdb/duckdb-warehouse.js';
export { LIKE_ESCAPE, likeEscape } from './like.js';
export { DEFAULT_DB_PATH, resolveDbPath } from './location.js';
export { migrate } from './migrate.js';
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

/** Opens the warehouse at `location` and brings its schema up to date. */
export async function openWarehouse(location: string = resolveDbPath()): Promise<Warehouse> {
  const db = await openDuckDB(location);
  try {
    await migrate(db);
    // Owner-only whatever the umask was when the file was made (docs/privacy.md).
    restrictFiles(...databaseFiles(location));
    // The business definitions' views follow the code and the stored settings (docs/definitions.md).
    await compileDefinitions(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
export { construct, type Fragment, identifier, join, param, raw, sql } from './sql.js';
