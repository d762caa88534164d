/**
 * Where the database file is: a leaf module with no engine import, so the CLI can name the file without
 * loading DuckDB (`clientele --version` and `--help` never open it).
 */

/** The database file used when neither --db nor CLIENTELE_DB names one. */
export const DEFAULT_DB_PATH = './clientele.duckdb';

/** The database location from an explicit option, then CLIENTELE_DB, then the default. */
export function resolveDbPath(explicit?: string): string {
  return explicit ?? process.env.CLIENTELE_DB ?? DEFAULT_DB_PATH;
}
