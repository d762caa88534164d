/**
 * Where each profile's records are: `profile_rows` holds (profile, table, row id, row key) sorted by profile,
 * so one person's rows are read from one row group (DuckDB's zone maps skip the rest) and their records
 * fetched by row id, which DuckDB reads without scanning the record table's columns. PostgreSQL has no row
 * id (rid is NULL there): its b-tree indexes (migration 26) find the profile's rows and then each record by
 * row key. It also holds, under
 * the label `order_lines`, the `order_items` rows of the profile's orders (joined by order id, as the order
 * facts join lines to orders): lines seldom name their customer, and reading them by order id would scan the
 * table. Built from record_profiles once per resolved state of the data (the signature src/identity/state.ts
 * keeps), and checked on every read: row ids move when DuckDB compacts a table, so a read whose row keys do
 * not match rebuilds the index first.
 */
import { KIND_NAMES, KINDS } from '../domain/kinds.js';
import { resolvedSignature } from '../identity/state.js';
import {
  identifier,
  join,
  param,
  raw,
  type SqlValue,
  sharedWork,
  sql,
  type Warehouse,
} from '../store/index.js';

const STATE = 'profiles.rows_from';
// Bumped when what profile_rows holds changes, so an index built by an older version is built again.
const LAYOUT = 'rows-2';
const RECORD_TABLES = new Set<string>(KIND_NAMES.map((k) => KINDS[k].table));

/** The label of the lines of a profile's orders in profile_rows (not a record table of its own). */
export const ORDER_LINES = 'order_lines';

// The table a label of profile_rows names.
const sourceOf = (label: string) => (label === ORDER_LINES ? 'order_items' : label);

/** The record tables that hold rows of profiles, known to the schema (never a name taken from data). */
export async function profileRecordTables(db: Warehouse): Promise<string[]> {
  const rows = await db.all<{ t: string }>(
    'SELECT DISTINCT record_table AS t FROM record_profiles ORDER BY 1',
  );
  return rows.map((r) => r.t).filter((t) => RECORD_TABLES.has(t));
}

/** Rebuilds `profile_rows` from record_profiles and marks it built for the current resolved state. */
export async function rebuildProfileRows(db: Warehouse): Promise<void> {
  const signature = `${LAYOUT}:${(await resolvedSignature(db)) ?? ''}`;
  const tables = await profileRecordTables(db);
  // DuckDB fetches a profile's records by row id; PostgreSQL has none and reads them by row key.
  const rid = (alias: string) =>
    raw(db.dialect.rowIdColumn ? `${alias}.${db.dialect.rowIdColumn}` : 'CAST(NULL AS BIGINT)');
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM profile_rows');
    if (tables.length) {
      const parts = tables.map(
        (t) =>
          sql`SELECT rp.profile_id, rp.record_table, ${rid('t')} AS rid, t.row_key FROM ${identifier(t)} t
              JOIN record_profiles rp ON rp.record_table = ${param(t)} AND rp.row_key = t.row_key`,
      );
      if (tables.includes('orders'))
        parts.push(
          sql`SELECT DISTINCT rp.profile_id, ${param(ORDER_LINES)}, ${rid('i')}, i.row_key FROM order_items i
              JOIN orders o ON o.order_id = i.order_id
              JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = o.row_key`,
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

/**
 * Brings `profile_rows` up to date with the resolved profiles when they changed since it was built, and
 * returns the state it is built for (its layout and the resolved signature). The rebuild is shared by
 * concurrent callers in a query scope of its own (src/store/scope.ts `sharedWork`, as ensureCurrent's
 * resolution): a request that gives up does not cancel it, so the next request finds it built; a stopping
 * server does (`stopSharedWork`).
 */
export async function ensureProfileRows(db: Warehouse): Promise<string> {
  return (await ensureProfileRowsWith(db, '')).state;
}

/**
 * {@link ensureProfileRows}, reading beside its state, in the same statement, the caller's one-row columns
 * `also` (SQL the code wrote, no values: `(SELECT max(import_id) FROM imports) AS i, …`), and returning them: a
 * profile read asks both, and each statement costs a round trip (issue 13).
 */
export async function ensureProfileRowsWith<R extends Record<string, unknown>>(
  db: Warehouse,
  also: string,
): Promise<{ state: string; row: R }> {
  const [row] = await db.all<{ rows_value: string | null; rows_resolved: string | null }>(
    `SELECT (SELECT value FROM upkeep_state WHERE name = ?) AS rows_value,
       (SELECT value FROM upkeep_state WHERE name = 'identity.resolved_from') AS rows_resolved${also ? `, ${also}` : ''}`,
    [STATE],
  );
  const { rows_value: value, rows_resolved: resolved, ...rest } = row ?? {};
  const wanted = `${LAYOUT}:${resolved ?? ''}`;
  if (value !== wanted)
    await sharedWork(db, 'profile-rows', 'the profile index build', () => rebuildProfileRows(db));
  return { state: wanted, row: rest as unknown as R };
}

/** What {@link copyProfileRecords} copied: each label's row count for the profile, and the tables made. */
export interface CopiedRecords {
  /** Rows of the profile by profile_rows label (record tables and {@link ORDER_LINES}). */
  readonly counts: ReadonlyMap<string, number>;
  /** The labels copied into `<prefix>_<label>` (those of `tables` the profile has rows in). */
  readonly copied: ReadonlySet<string>;
  /**
   * The check that the copies hold the profile's rows (row ids move when DuckDB compacts a table), when it was
   * left to the caller (`deferCheck`) and there is one to make: a one-row subquery to read beside the caller's
   * own columns, and whether its row says the copies are right. The caller throws the read away when not.
   */
  readonly check: RowCheck | null;
}

/** A check of the copies' row keys, read in a statement of the caller's ({@link CopiedRecords.check}). */
export interface RowCheck {
  readonly text: string;
  readonly params: readonly SqlValue[];
  ok(row: Record<string, unknown> | undefined): boolean;
}

/**
 * Copies one profile's records into temporary tables on the session `s`, one `<prefix>_<table>` per record
 * table of `tables` (or {@link ORDER_LINES}) the profile has rows in (a table it has none in is not made: the
 * caller reads an empty relation). The rows are fetched by row id where the engine has one (DuckDB: only the
 * row groups that hold them are read) and by row key otherwise (PostgreSQL: its row_key index). Returns null
 * when the row ids no longer point at the profile's row keys (the caller rebuilds and retries).
 */
export async function copyProfileRecords(
  s: Warehouse,
  id: number,
  prefix: string,
  tables: readonly string[],
  columns: Readonly<Record<string, readonly string[]>> = {},
  options: { readonly deferCheck?: boolean } = {},
): Promise<CopiedRecords | null> {
  const found = await s.columns<{ record_table: string[]; rid: unknown[]; row_key: string[] }>(
    'SELECT record_table, rid, row_key FROM profile_rows WHERE profile_id = ? ORDER BY record_table, rid, row_key',
    [id],
  );
  const byTable = new Map<string, { rids: number[]; keys: string[] }>();
  found.record_table.forEach((t, i) => {
    const entry = byTable.get(t) ?? { rids: [], keys: [] };
    const rid = found.rid[i];
    if (rid !== null && rid !== undefined) entry.rids.push(Number(rid));
    entry.keys.push(found.row_key[i]!);
    byTable.set(t, entry);
  });
  const counts = new Map([...byTable].map(([t, e]) => [t, e.keys.length]));
  const copied = new Set(tables.filter((t) => (counts.get(t) ?? 0) > 0));
  const rowId = s.dialect.rowIdColumn;
  const list = (values: readonly (string | number)[]) => join(values.map(param), ', ');
  for (const t of copied) {
    const { rids, keys } = byTable.get(t)!;
    const target = identifier(`${prefix}_${t}`);
    const source = identifier(sourceOf(t));
    // Only the columns the page reads, where the caller names them: a column store reads every column
    // selected for each stretch of rows that holds one of the profile's records.
    const what = columns[t] ? join(columns[t].map(identifier), ', ') : raw('*');
    // DuckDB: by row id alone, each a bound value (a bound list, `rowid = ANY(?)`, is not pushed into the scan
    // and cost twice the time). Row ids move when DuckDB compacts a table, so the rows' keys are checked below,
    // on the copies: a `row_key IN (…)` filter beside the row ids made the scan read the key column around
    // every row fetched, a third of the copy's time (issue 13). PostgreSQL: by row key through its index.
    const copy =
      rowId && rids.length === keys.length
        ? sql`CREATE TEMP TABLE ${target} AS SELECT ${what} FROM ${source} WHERE ${raw(rowId)} IN (${list(rids)})`
        : sql`CREATE TEMP TABLE ${target} AS SELECT ${what} FROM ${source} WHERE row_key IN (${list(keys)})`;
    await s.run(copy.text, copy.params);
  }
  if (!copied.size || !rowId) return { counts, copied, check: null };
  // Every copy holds as many rows as the profile has there, and each of them by a row key of the profile's
  // (row ids are distinct, so the copies hold no row twice): else the row ids moved, and the caller rebuilds.
  const got = sql`SELECT ${join(
    [...copied].map((t, n) => {
      const table = identifier(`${prefix}_${t}`);
      return sql`(SELECT count(*) FROM ${table}) AS ${identifier(`rows_n${n}`)},
        (SELECT count(*) FROM ${table} WHERE row_key IN (${list(byTable.get(t)!.keys)})) AS ${identifier(`rows_k${n}`)}`;
    }),
    ', ',
  )}`;
  const check: RowCheck = {
    text: got.text,
    params: got.params,
    ok: (have) =>
      [...copied].every(
        (t, n) =>
          Number(have?.[`rows_n${n}`]) === counts.get(t) && Number(have?.[`rows_k${n}`]) === counts.get(t),
      ),
  };
  // Left to the caller, it costs no statement of its own (issue 13).
  if (options.deferCheck) return { counts, copied, check };
  const [have] = await s.all<Record<string, unknown>>(got.text, got.params);
  return check.ok(have) ? { counts, copied, check: null } : null;
}

/** Drops the temporary tables {@link copyProfileRecords} made (those of `tables` that exist), in one call. */
export async function dropProfileRecords(
  s: Warehouse,
  prefix: string,
  tables: readonly string[],
): Promise<void> {
  await s.run(tables.map((t) => `DROP TABLE IF EXISTS ${identifier(`${prefix}_${t}`).text}`).join('; '));
}
