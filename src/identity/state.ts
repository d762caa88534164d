import { duckdbDialect } from '../store/dialect.js';
import type { Warehouse } from '../store/index.js';
import { effectiveRules } from './effective-rules.js';
import { identifierColumns } from './sources.js';

const { literal } = duckdbDialect;

const STATE = 'identity.resolved_from';

/**
 * A short text that changes whenever records that identity resolution reads change: the newest import
 * (an import that updates rows in place still logs one) and the row count of every table that carries
 * identifiers (API events arrive without an import). One query over table counts, cheap enough for every read.
 */
export async function dataSignature(db: Warehouse): Promise<string> {
  const tables = identifierColumns(await effectiveRules(db)).map((t) => t.table);
  const parts = [
    '(SELECT coalesce(max(import_id), 0) FROM imports)',
    ...tables.map((t) => `(SELECT count(*) FROM ${t})`),
  ];
  const [row] = await db.all<{ s: string }>(`SELECT concat_ws(':', ${parts.join(', ')}) AS s`);
  return row?.s ?? '';
}

/** The signature of the data that profiles were last resolved from, if they ever were. */
export async function resolvedSignature(db: Warehouse): Promise<string | undefined> {
  const [row] = await db.all<{ value: string }>('SELECT value FROM upkeep_state WHERE name = ?', [STATE]);
  return row?.value;
}

/** Records that profiles were resolved from the data as it was when `signature` was taken. */
export async function markResolved(db: Warehouse, signature: string): Promise<void> {
  await db.run(
    `INSERT INTO upkeep_state (name, value, updated_at) VALUES (?, ?, now())
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [STATE, signature],
  );
}

/**
 * The newest import that profiles were last resolved from (0 when never): rows with a higher `import_id`
 * arrived since. Read before the resolution marks the new state.
 */
export async function resolvedThroughImport(db: Warehouse): Promise<number> {
  const first = (await resolvedSignature(db))?.split(':')[0];
  return first ? Number(first) : 0;
}

/**
 * Profiles with a record that an import since `since` changed in place: an import that updates a row (same
 * natural key, other content: a customer's new country) deletes and re-inserts it under its row key with the
 * new import's id. Its identifiers may be the same, so no new identifier tuple touches its profile; this does.
 */
export async function profilesWithUpdatedRecords(db: Warehouse, since: number): Promise<number[]> {
  const tables = [...new Set(identifierColumns(await effectiveRules(db)).map((t) => t.table))].filter(
    (t) => t !== 'events',
  );
  if (!tables.length) return [];
  const rows = await db.all<{ p: number }>(
    tables
      .map(
        (t) => `SELECT rp.profile_id AS p FROM ${t} x
         JOIN record_profiles rp ON rp.record_table = ${literal(t)} AND rp.row_key = x.row_key
         WHERE x.import_id > ? AND rp.profile_id IS NOT NULL`,
      )
      .join(' UNION '),
    tables.map(() => since),
  );
  return rows.map((r) => Number(r.p));
}

/**
 * Profiles whose orders gained or changed lines since import `since`. Order lines often name no customer (only
 * their order), so they join no profile themselves, yet an order without a revenue of its own is worth its
 * lines: the profiles that own those orders must be computed again.
 */
export async function profilesWithNewLines(db: Warehouse, since: number): Promise<number[]> {
  const rows = await db.all<{ p: number }>(
    `SELECT DISTINCT rp.profile_id AS p
     FROM order_items i JOIN orders o ON o.order_id = i.order_id
     JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = o.row_key
     WHERE i.import_id > ? AND rp.profile_id IS NOT NULL`,
    [since],
  );
  return rows.map((r) => Number(r.p));
}
