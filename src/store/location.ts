/**
 * Where the database file is: a leaf module with no engine import, so the CLI can name the file without
 * loading DuckDB (`clientele --version` and `--help` never open it).
 */

/** The database file used when neither --db nor CLIENTELE_DB names one. */
export const DEFAULT_DB_PATH = './clientele.duckdb';

/** True when a database location is a PostgreSQL connection string (postgres:// or postgresql://), not a file. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * The database location from an explicit option, then CLIENTELE_DB, then the default: a DuckDB file path,
 * ':memory:', or `postgres://user:password@host:port/database` (docs/scale.md).
 */
export function resolveDbPath(explicit?: string): string {
  return explicit ?? process.env.CLIENTELE_DB ?? DEFAULT_DB_PATH;
}
