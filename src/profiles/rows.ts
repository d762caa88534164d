/**
 * Where each profile's records are: `profile_rows` holds (profile, table, row id, row key) sorted by profile,
 * so one person's rows are read from one row group (DuckDB's zone maps skip the rest) and their records
 * fetched by row id, which DuckDB reads without scanning the record table's columns. Built from
 * record_profiles once per resolved state of the data (the signature src/identity/state.ts keeps), and
 * checked on every read: row ids move when DuckDB compacts a table, so a read whose row keys do not match
 * rebuilds the index first.
 */
import { KIND_NAMES, KINDS } from '../domain/kinds.js';
import { resolvedSignature } from '../identity/state.js';
import { identifier, join, outsideQueryScope, param, sql, type Warehouse } from '../store/index.js';

const STATE = 'profiles.rows_from';
const RECORD_TABLES = new Set<string>(KIND_NAMES.map((k) => KINDS[k].table));

/** The record tables that hold rows of profiles, known to the schema (never a name taken from data). */
export async function profileRecordTables(db: Warehouse): Promise<string[]> {
  const rows = await db.all<{ t: string }>(
    'SELECT DISTINCT record_table AS t FROM record_profiles ORDER BY 1',
  );
  return rows.map((r) => r.t).filter((t) => RECORD_TABLES.has(t));
}

/** Rebuilds `profile_rows` from record_profiles and marks it built for the current resolved state. */
export async function rebuildProfileRows(db: Warehouse): Promise<void> {
  const signature = (await resolvedSignature(db)) ?? '';
  const tables = await profileRecordTables(db);
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM profile_rows');
    if (tables.length) {
      const parts = tables.map(
        (t) =>
          sql`SELECT rp.profile_id, rp.record_table, t.rowid AS rid, t.row_key FROM ${identifier(t)} t
              JOIN record_profiles rp ON rp.record_table = ${param(t)} AND rp.row_key = t.row_key`,
      );
      // Sorted by profile: each profile's rows then sit in one row group, which the zone maps find.
      const q = sql`INSERT INTO profile_rows ${join(parts, ' UNION ALL ')} ORDER BY 1, 2, 3`;
      await tx.run(q.text, q.params);
    }
    const state = sql`INSERT INTO upkeep_state (name, value, updated_at) VALUES (${param(STATE)}, ${param(signature)}, now())
      ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;
    await tx.run(state.text, state.params);
  });
}

const inFlight = new WeakMap<Warehouse, Promise<void>>();

/**
 * Brings `profile_rows` up to date with the resolved profiles when they changed since it was built. The
 * rebuild runs outside the caller's query scope and is shared by concurrent callers (as ensureCurrent is):
 * a request that gives up at its deadline does not cancel it, so the next request finds it built.
 */
export async function ensureProfileRows(db: Warehouse): Promise<void> {
  const [row] = await db.all<{ value: string }>('SELECT value FROM upkeep_state WHERE name = ?', [STATE]);
  if (row?.value === ((await resolvedSignature(db)) ?? '')) return;
  let work = inFlight.get(db);
  if (!work) {
    work = outsideQueryScope(() => rebuildProfileRows(db)).finally(() => inFlight.delete(db));
    inFlight.set(db, work);
  }
  await work;
}

/**
 * Copies one profile's records into temporary tables on the session `s`: `<prefix>_rows` (table, row id,
 * row key) and one `<prefix>_<table>` per record table, each holding that table's rows of the profile.
 * Returns false when the row ids no longer point at the profile's row keys (the caller rebuilds and retries).
 */
export async function copyProfileRecords(
  s: Warehouse,
  id: number,
  prefix: string,
  tables: readonly string[],
): Promise<boolean> {
  const rows = identifier(`${prefix}_rows`);
  const pick = sql`CREATE TEMP TABLE ${rows} AS SELECT record_table, rid, row_key FROM profile_rows WHERE profile_id = ${param(id)}`;
  await s.run(pick.text, pick.params);
  for (const t of tables) {
    const copy = sql`CREATE TEMP TABLE ${identifier(`${prefix}_${t}`)} AS SELECT * FROM ${identifier(t)}
      WHERE rowid IN (SELECT rid FROM ${rows} WHERE record_table = ${param(t)})`;
    await s.run(copy.text, copy.params);
  }
  const checks = tables.map(
    (t) => sql`SELECT count(*) AS n FROM ${identifier(`${prefix}_${t}`)} c
      JOIN ${rows} r ON r.record_table = ${param(t)} AND r.rid IS NOT NULL AND r.row_key = c.row_key`,
  );
  const expected = sql`SELECT count(*) AS n FROM ${rows} WHERE record_table IN (${join(
    tables.map((t) => param(t)),
    ', ',
  )})`;
  if (!checks.length) return true;
  const [want] = await s.all<{ n: number }>(expected.text, expected.params);
  const got = sql`SELECT sum(n)::BIGINT AS n FROM (${join(checks, ' UNION ALL ')})`;
  const [have] = await s.all<{ n: number }>(got.text, got.params);
  return Number(have?.n ?? 0) === Number(want?.n ?? 0);
}

/** Drops the temporary tables {@link copyProfileRecords} made. */
export async function dropProfileRecords(
  s: Warehouse,
  prefix: string,
  tables: readonly string[],
): Promise<void> {
  for (const t of ['rows', ...tables])
    await s.run(`DROP TABLE IF EXISTS ${identifier(`${prefix}_${t}`).text}`);
}
