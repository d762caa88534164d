import { raw, sql, type Warehouse } from '../store/index.js';
import { documentsRelation, SOURCE_TABLE } from './documents.js';

// The texts' signature of each database, kept with the counters it was taken at: hashing every text costs
// a third of a second of CPU at 100,000 customers, on every persona and report request; the counters are
// read from table counts. A text changes only with a row added or removed (imports, the Event API, erasure)
// or an import that updates it in place (which logs a newer import).
const KEPT = new WeakMap<Warehouse, { counters: string; state: Promise<string> }>();

/**
 * What any text's change moves (imports, and every table holding texts counted): equal counters, the same texts.
 * Cheap (table counts), where reading the texts is not.
 */
export async function textCounters(db: Warehouse): Promise<string> {
  const tables = [...new Set(Object.values(SOURCE_TABLE))].sort();
  const [row] = await db.all<{ c: string }>(
    `SELECT concat_ws(':', CAST((SELECT max(import_id) FROM imports) AS VARCHAR), CAST((SELECT count(*) FROM imports) AS VARCHAR),
       ${tables.map((t) => `CAST((SELECT count(*) FROM ${t}) AS VARCHAR)`).join(', ')}) AS c`,
  );
  return row?.c ?? '';
}

/**
 * A signature of everything a text answer reads: every text customers wrote (count and XOR of the hashes of
 * source, id and text) and the segments' memberships (their refresh times). Equal signatures, equal answers:
 * the routes' answer cache keys on it. `segments: false` leaves the segments out, for a caller whose key
 * names the segments it reads by their own versions (the persona cache: src/segments/version.ts), so that a
 * refresh finding the same members does not move it.
 */
export async function textState(db: Warehouse, options: { segments?: boolean } = {}): Promise<string> {
  if (options.segments === false) {
    const now = await textCounters(db);
    const kept = KEPT.get(db);
    if (kept?.counters === now) return kept.state;
    const entry = { counters: now, state: hashTexts(db, false) };
    KEPT.set(db, entry);
    entry.state.catch(() => {
      if (KEPT.get(db) === entry) KEPT.delete(db);
    });
    return entry.state;
  }
  return hashTexts(db, options.segments ?? true);
}

async function hashTexts(db: Warehouse, withSegments: boolean): Promise<string> {
  const segments = !withSegments
    ? raw("''")
    : raw(
        "coalesce((SELECT CAST(max(refreshed_at) AS VARCHAR) || '/' || CAST(count(*) AS VARCHAR) FROM segments), '')",
      );
  const q = sql`SELECT count(*)::VARCHAR || ':' || coalesce(CAST(bit_xor(${raw(db.dialect.tupleHash(['p.source', 'p.id', 'p.text']))}) AS VARCHAR), '')
      || ':' || ${segments}
    AS state FROM (${documentsRelation('all')}) AS p`;
  const [row] = await db.all<{ state: string }>(q.text, [...q.params]);
  return row?.state ?? '';
}
