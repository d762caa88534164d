import { databaseFiles, restrictFiles } from '../privacy/files.js';
import { compileDefinitions } from '../semantics/compile.js';
import { openDuckDB } from './duckdb/duckdb-warehouse.js';
import { isPostgresLocation, resolveDbPath } from './location.js';
import { migrate, withSchemaLock } from './migrate.js';
import { poolSizeSetting } from './settings.js';
import type { Warehouse } from './warehouse.js';

export {
  type DateUnit,
  type Dialect,
  duckdbDialect,
  type FileFormat,
  type JsonRecordType,
  postgresDialect,
} from './dialect.js';
export { type DuckDBWarehouseOptions, openDuckDB } from './duckdb/duckdb-warehouse.js';
export { engineName, requireDuckDB } from './engine.js';
export { exclusively, inTurn, leaseKey } from './lease.js';
export { LIKE_ESCAPE, likeEscape } from './like.js';
export { DEFAULT_DB_PATH, isPostgresLocation, resolveDbPath } from './location.js';
export { remember } from './memo.js';
export { migrate, withSchemaLock } from './migrate.js';
export type { Migration } from './migrations/index.js';
export {
  cancelledError,
  checkQueryScope,
  createQueryScope,
  currentQueryScope,
  isCancelled,
  outsideQueryScope,
  type QueryScope,
  type RepeatingTask,
  repeatInScope,
  Slots,
  sharedWork,
  stopSharedWork,
  withQueryScope,
} from './scope.js';
export { memoryLimitSetting, poolSizeSetting } from './settings.js';
export { type Signal, signal } from './signal.js';
export type { AppendColumn, NumericColumn, Row, SqlValue, Warehouse } from './warehouse.js';

/** How to open a warehouse. */
export interface OpenOptions {
  /**
   * PostgreSQL: keep trying this long (ms) while the server cannot be reached (it may be starting), then fail
   * with CLT_ERR_STORE_UNREACHABLE; 0 (the default) tries once. `clientele serve` waits.
   */
  readonly waitForServerMs?: number;
  /** Called before each new attempt with the error of the last one. */
  readonly onWait?: (error: Error, attempt: number) => void;
  /** PostgreSQL: connections the pool may open (CLIENTELE_DB_POOL, else 10). */
  readonly poolSize?: number;
  /** PostgreSQL: milliseconds to wait for a connection before CLT_ERR_STORE_BUSY (10 s by default). */
  readonly poolWaitMs?: number;
}

async function openServer(location: string, options: OpenOptions): Promise<Warehouse> {
  const { openPostgres, isUnreachable } = await import('./postgres/index.js');
  const until = Date.now() + (options.waitForServerMs ?? 0);
  for (let attempt = 1; ; attempt++) {
    try {
      return await openPostgres(location, {
        maxConnections: options.poolSize ?? poolSizeSetting(),
        poolWaitMs: options.poolWaitMs,
      });
    } catch (error) {
      if (!isUnreachable(error) || Date.now() >= until) throw error;
      options.onWait?.(error as Error, attempt);
      // Back off up to 2 s between attempts, never past the deadline.
      await new Promise((r) => setTimeout(r, Math.min(2000, 250 * attempt, Math.max(0, until - Date.now()))));
    }
  }
}

/**
 * Opens the warehouse at `location` (a DuckDB file, ':memory:', or a postgres:// URL) and brings its schema
 * up to date.
 */
export async function openWarehouse(
  location: string = resolveDbPath(),
  options: OpenOptions = {},
): Promise<Warehouse> {
  const postgres = isPostgresLocation(location);
  // Loaded only for a server, so that a DuckDB file never loads the PostgreSQL driver.
  const db = postgres ? await openServer(location, options) : await openDuckDB(location);
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
