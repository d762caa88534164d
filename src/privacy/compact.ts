import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { ClienteleError } from '../errors/index.js';
import { duckdb } from '../store/duckdb/api.js';
import { duckdbDialect, isPostgresLocation } from '../store/index.js';
import { restrictFiles } from './files.js';

/**
 * Rewrites a closed database file into a fresh one and puts it in its place. DuckDB marks deleted rows and
 * frees their blocks but does not overwrite them, so an erased person's bytes stay in the file until it
 * is rewritten; `COPY FROM DATABASE` copies only live rows (with the schema and sequences). The swap is a
 * rename: a crash leaves the old file whole. Returns the sizes before and after.
 */
export async function compactDatabase(location: string): Promise<{ before: number; after: number }> {
  if (isPostgresLocation(location)) {
    throw new ClienteleError(
      'CLT_ERR_STORE_ENGINE',
      'compact rewrites a DuckDB file; on PostgreSQL run VACUUM FULL (as the database owner) to rewrite its tables without deleted rows',
      { engine: 'postgresql' },
    );
  }
  const before = statSync(location).size;
  const tmp = `${location}.compact-${randomBytes(4).toString('hex')}`;
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `ATTACH ${duckdbDialect.literal(location)} AS src (READ_ONLY); ATTACH ${duckdbDialect.literal(tmp)} AS dst;
       COPY FROM DATABASE src TO dst; DETACH dst; DETACH src`,
    );
  } catch (error) {
    await rm(tmp, { force: true });
    await rm(`${tmp}.wal`, { force: true });
    throw error;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  restrictFiles(tmp);
  await rename(tmp, location);
  // The old file's WAL was replayed into the copy.
  if (existsSync(`${location}.wal`)) await rm(`${location}.wal`, { force: true });
  return { before, after: statSync(location).size };
}
