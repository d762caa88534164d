import { chmodSync, existsSync } from 'node:fs';

/**
 * Files the product creates are its owner's only: everything it writes holds customer data or secrets
 * (the database and its WAL, exports, the overview's Parquet copy, the server file, key files).
 */
export const FILE_MODE = 0o600;
/** Folders the product creates. */
export const DIR_MODE = 0o700;

/** Makes every file and folder this process creates from now on owner-only (umask 077). */
export function restrictUmask(): void {
  process.umask(0o077);
}

/**
 * Makes existing files owner-only: for files the engine writes (DuckDB's database and WAL, COPY output),
 * whose mode the umask sets only when they are new. Missing files are skipped.
 */
export function restrictFiles(...paths: readonly string[]): void {
  for (const path of paths) {
    if (!existsSync(path)) continue;
    try {
      chmodSync(path, FILE_MODE);
    } catch {
      // A file owned by someone else (a shared folder) keeps its mode; the umask still covers new files.
    }
  }
}

/** The database file and the files DuckDB keeps beside it. */
export function databaseFiles(location: string): string[] {
  if (location === ':memory:' || location === '') return [];
  return [location, `${location}.wal`];
}
