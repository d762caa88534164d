/**
 * The per-profile tables of portraits and personas that depend on the data only, not on any segment (issue 13:
 * a segment refresh or a new clustering made personas build every one of them again, 3–30 s of the engine's
 * work, when only the sums over the members had changed). Each is kept as a table of the database named by the
 * state of the data it was built from (`pp_<state>_<name>`), so a portrait or persona computed for the same
 * data — in this process or the next — reads it instead of building it; a session sees it under the name the
 * queries use (`pt_base`, `pf_orders` …) as a temporary view. Tables of any other state are dropped when a new
 * state's are built, and by erasure (src/privacy/forget.ts), since they copy profiles' fields.
 */
import { createHash } from 'node:crypto';
import type { SqlValue, Warehouse } from '../store/index.js';

/** The prefix of every kept part's table. */
export const PART_PREFIX = 'pp_';

// The sessions whose part views are in place (a nested withFeatures reuses them), with the state they read.
const attached = new WeakMap<Warehouse, string>();

/** What answers computed from the data depend on, beside segments and texts (personas' cache key, the parts). */
export interface DataState {
  /** The data profiles were resolved from (every import and record count: src/identity/state.ts). */
  readonly data: string | null;
  /** The business definitions' settings. */
  readonly settings: string | null;
  /** The newest model run (scores). */
  readonly run: string | null;
}

/** Reads the {@link DataState} of `db`. */
export async function dataState(db: Warehouse): Promise<DataState> {
  const [row] = await db.all<{ data: string | null; settings: string | null; run: string | null }>(
    `SELECT (SELECT value FROM upkeep_state WHERE name = 'identity.resolved_from') AS data,
       (SELECT string_agg(CAST(d AS VARCHAR), ';' ORDER BY CAST(d AS VARCHAR)) FROM definition_settings d) AS settings,
       (SELECT CAST(max(run_id) AS VARCHAR) FROM model_runs) AS run`,
  );
  return { data: row?.data ?? null, settings: row?.settings ?? null, run: row?.run ?? null };
}

/** A signature of everything the parts read: the {@link DataState} and the profiles' count. Short: it names tables. */
export async function partsState(db: Warehouse): Promise<string> {
  const state = await dataState(db);
  const [count] = await db.all<{ n: number }>('SELECT count(*) AS n FROM profiles');
  return createHash('sha256')
    .update(JSON.stringify(['parts-1', { ...state, n: count?.n ?? 0 }]))
    .digest('hex')
    .slice(0, 16);
}

/** The state whose parts session `s` reads, once {@link attachParts} ran on it. */
export function attachedState(s: Warehouse): string | undefined {
  return attached.get(s);
}

/** Marks session `s` as reading the parts of `state` (views in place), or as reading none. */
export function markAttached(s: Warehouse, state: string | undefined): void {
  listed.delete(s);
  if (state === undefined) attached.delete(s);
  else attached.set(s, state);
}

// The kept tables an attached session has seen: the catalog is listed once per session, not twice per part
// (issue 13: some 40 listings of the catalog per cold build). What this session builds or drops is noted in
// it; a table another session or process builds meanwhile is built again `IF NOT EXISTS` (nothing done), one
// it drops is dropped `IF EXISTS`.
const listed = new WeakMap<Warehouse, Set<string>>();

async function knownTables(s: Warehouse): Promise<Set<string>> {
  const seen = listed.get(s);
  if (seen !== undefined) return seen;
  const tables = new Set(await keptTables(s));
  // Only an attached session's listing is kept (its views end with it); any other caller lists each time.
  if (attached.has(s)) listed.set(s, tables);
  return tables;
}

// The parts being built in this process, by database location and table.
const builds = new Map<string, Promise<void>>();

const partName = (state: string, name: string) => `${PART_PREFIX}${state}_${name}`;

async function exists(s: Warehouse, table: string): Promise<boolean> {
  return (await knownTables(s)).has(table);
}

/** The kept name of part `name` for option `key` (the part's name alone without one). */
export function partKey(name: string, key = ''): string {
  return key ? `${name}_${createHash('sha256').update(key).digest('hex').slice(0, 8)}` : name;
}

/**
 * Whether the part `name` of `state` is kept already (no view made): a caller builds what a missing part needs
 * (pt_events for the event parts) only when one is missing.
 */
export function partKept(s: Warehouse, state: string, name: string): Promise<boolean> {
  return exists(s, partName(state, name));
}

/**
 * Makes `name` readable on session `s` as the rows of `query`: from the table kept for `state` when there is
 * one, else built into it first (concurrent builders of the same part make it once: `IF NOT EXISTS`). `key`
 * tells parts of one name apart that depend on an option too (the time zone of the active times).
 */
export async function part(
  s: Warehouse,
  state: string,
  name: string,
  query: string,
  params: readonly SqlValue[] = [],
  key = '',
): Promise<void> {
  const table = partName(state, partKey(name, key));
  // One build of a part at a time in this process: a second session asking meanwhile waits for it and reads it
  // (two CREATEs of one table conflict on DuckDB's catalog), and builds it itself only if that one failed.
  const building = `${s.location}\u0000${table}`;
  for (let inFlight = builds.get(building); inFlight; inFlight = builds.get(building))
    await inFlight.catch(() => undefined);
  // Registered before any await: no other session of this process can start the same build in between.
  const build = (async () => {
    if (await exists(s, table)) return;
    await dropOtherStates(s, state);
    await s.run(`CREATE TABLE IF NOT EXISTS ${table} AS ${query}`, params).catch(async (error: unknown) => {
      // Another process built it at the same time (PostgreSQL, many servers): theirs is read.
      if (!(await keptTables(s)).includes(table)) throw error;
    });
    (await knownTables(s)).add(table);
  })();
  builds.set(building, build);
  try {
    await build;
  } finally {
    if (builds.get(building) === build) builds.delete(building);
  }
  await s.run(`DROP VIEW IF EXISTS ${name}`);
  await s.run(`CREATE TEMP VIEW ${name} AS SELECT * FROM ${table}`);
}

/** Drops the views {@link part} made on `s` (their tables stay). */
export async function detach(s: Warehouse, names: readonly string[]): Promise<void> {
  await s.run(names.map((n) => `DROP VIEW IF EXISTS ${n}`).join('; '));
}

/** The kept parts' tables, of every state. */
async function keptTables(db: Warehouse): Promise<string[]> {
  const rows = await db.all<{ name: string }>(db.dialect.tablesQuery);
  return rows
    .map((r) => r.name)
    .filter((t) => /^pp_[0-9a-f]{16}_/.test(t))
    .sort();
}

// Tables of other states than `state`: never read again (a state does not come back), dropped when the new
// state's first part is built.
async function dropOtherStates(s: Warehouse, state: string): Promise<void> {
  const known = await knownTables(s);
  for (const t of [...known]) {
    if (t.startsWith(partName(state, ''))) continue;
    // A portrait of the old state still reading it fails as it would have after the data changed under it.
    await s.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    known.delete(t);
  }
}

/** Drops every kept part (erasure: they copy profiles' fields). Returns how many tables were dropped. */
export async function dropParts(db: Warehouse): Promise<number> {
  const tables = await keptTables(db);
  for (const t of tables) await db.run(`DROP TABLE IF EXISTS ${t}`);
  return tables.length;
}
