import { ClienteleError } from '../errors/index.js';
import type { Migration } from './migrations/index.js';
import { MIGRATION_VERSIONS } from './migrations/versions.js';
import type { Warehouse } from './warehouse.js';

// The PostgreSQL advisory lock held while the schema changes ('Clnt' as a number): one process migrates at a
// time, the others wait and then find nothing left to do.
const SCHEMA_LOCK = 0x436c6e74;

/**
 * Runs `fn` holding the schema lock: on PostgreSQL, on a connection of its own holding a session-level
 * advisory lock (taken again on the same connection, it nests); on DuckDB, whose file one process holds, as is.
 */
export async function withSchemaLock<T>(db: Warehouse, fn: (db: Warehouse) => Promise<T>): Promise<T> {
  if (db.dialect.name !== 'postgres') return fn(db);
  return db.session(async (s) => {
    await s.run('SELECT pg_advisory_lock(?)', [SCHEMA_LOCK]);
    try {
      return await fn(s);
    } finally {
      await s.run('SELECT pg_advisory_unlock(?)', [SCHEMA_LOCK]).catch(() => undefined);
    }
  });
}

/**
 * Applies the migrations the database has not seen yet, each in its own transaction; returns their versions.
 * The migrations are written in DuckDB's DDL; `dialect.ddl` spells them for the engine at hand.
 */
export function migrate(db: Warehouse, migrations?: readonly Migration[]): Promise<number[]> {
  return withSchemaLock(db, (locked) => apply(locked, migrations));
}

// The versions applied. Read first: every open but a new database's finds the table, and making it `IF NOT EXISTS`
// each time was one more statement on every command's start (issue 13). Read again after making it, whatever
// the first read's failure was, so that a table that was there is never taken for an empty one.
async function appliedVersions(db: Warehouse): Promise<{ version: number }[]> {
  const read = () => db.all<{ version: number }>('SELECT version FROM schema_migrations');
  try {
    return await read();
  } catch {
    await db.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)',
    );
    return read();
  }
}

async function apply(db: Warehouse, given: readonly Migration[] | undefined): Promise<number[]> {
  const rows = await appliedVersions(db);
  const applied = new Set(rows.map((r) => r.version));
  // Every migration there and none other: nothing to do, and the migrations' text is never loaded.
  if (
    given === undefined &&
    applied.size === MIGRATION_VERSIONS.length &&
    MIGRATION_VERSIONS.every((v) => applied.has(v))
  )
    return [];
  const migrations = given ?? (await import('./migrations/index.js')).MIGRATIONS;
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  const ahead = [...applied].filter((v) => v > newest);
  if (ahead.length) {
    throw new ClienteleError(
      'CLT_ERR_STORE_MIGRATION',
      `the database ${db.location} has schema version ${Math.max(...ahead)}, newer than this Clientele knows (${newest}); upgrade Clientele`,
      { version: Math.max(...ahead), known: newest },
    );
  }
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    try {
      await db.transaction(async (tx) => {
        const text =
          db.dialect.name === 'postgres' && m.postgresSql !== undefined
            ? m.postgresSql
            : db.dialect.ddl(m.sql);
        if (text.trim()) await tx.run(text);
        await tx.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
      });
    } catch (error) {
      if (error instanceof ClienteleError) throw error;
      throw new ClienteleError(
        'CLT_ERR_STORE_MIGRATION',
        `migration ${m.version} (${m.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    done.push(m.version);
  }
  // DuckDB 1.5 cannot replay from its write-ahead log an ALTER TABLE of a table with a `DEFAULT now()` column
  // ("GetDefaultDatabase with no default database set"): a process killed before the next checkpoint left a
  // database no one could open. The migrations' DDL goes into the file itself before anything else runs.
  if (done.length && db.dialect.name === 'duckdb') await db.run('CHECKPOINT');
  return done;
}
