/**
 * The engine a test runs on, picked by CLIENTELE_TEST_ENGINE (duckdb by default, or postgres), and the
 * database it runs against: a DuckDB file as it is, or the same data copied (`clientele db copy`) into a
 * fresh database on a throwaway PostgreSQL server. Tests that already exercise a command on a DuckDB file
 * honour the variable by passing that file through `testDatabase`.
 */
import { copyDatabase } from '../../src/store/copy/index.js';
import { openWarehouse } from '../../src/store/index.js';
import { type PostgresServer, startPostgres, testEngine } from './postgres.js';

export { testEngine };

/** A database for a test, and how to let it go. */
export interface TestDatabase {
  /** A DuckDB file path or a postgres:// URL, for `--db` or `openWarehouse`. */
  readonly location: string;
  /** Stops the server started for it (nothing for DuckDB). */
  stop(): Promise<void>;
}

/**
 * The DuckDB database at `duckdbPath` on the engine under test: the file itself on DuckDB; on PostgreSQL,
 * its copy in a new database of `server` (or of a server started for it, stopped by `stop()`).
 */
export async function testDatabase(duckdbPath: string, server?: PostgresServer): Promise<TestDatabase> {
  if (testEngine() === 'duckdb') return { location: duckdbPath, stop: async () => undefined };
  const own = server ?? (await startPostgres());
  try {
    const location = await own.createDatabase();
    const [source, target] = [await openWarehouse(duckdbPath), await openWarehouse(location)];
    try {
      await copyDatabase(source, target);
    } finally {
      await target.close();
      await source.close();
    }
    return { location, stop: async () => (server ? undefined : own.stop()) };
  } catch (error) {
    if (!server) await own.stop();
    throw error;
  }
}
