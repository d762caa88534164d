import { duckdbDialect } from '../store/dialect.js';
import type { SqlValue, Warehouse } from '../store/index.js';
import { socialEvent } from '../voice/social-events.js';
import type { AlertSource } from './store.js';

const { literal } = duckdbDialect;

/** One stored record an alert may fire on. */
export interface Candidate {
  readonly source: 'feedback' | 'social' | 'events';
  readonly key: string;
  readonly at: string | null;
  readonly profileId: number | null;
  readonly customerId: string | null;
  readonly text: string;
  /** What happened: a feedback kind, a social kind (like, share …), an event's kind or name. */
  readonly kind: string | null;
}

/**
 * Which records to read (null: everything): those of imports after `importId` or stored after `at`, and
 * never one stored before the alert was made (`createdImport`, `createdAt`) unless backfilling.
 */
export type Since = {
  readonly importId: number;
  readonly at: string;
  readonly createdImport: number;
  readonly createdAt: string;
} | null;

// Events carry their text in a property; these are the names the Segment spec and common sources use.
const EVENT_TEXT = ['text', 'comment', 'message', 'body', 'content', 'review'];

// The person behind a record of `table` (the alias `t`): the profile and its first customer id.
const person = (
  table: string,
) => `LEFT JOIN record_profiles rp ON rp.record_table = ${literal(table)} AND rp.row_key = t.row_key
  LEFT JOIN profiles p ON p.profile_id = rp.profile_id`;

const iso = (db: Warehouse, expr: string) => db.dialect.formatTime(expr, '%Y-%m-%dT%H:%M:%SZ');

/**
 * The records of `source` that arrived since `since`, with their text and kind. The social kind is added by
 * the text pipeline (issue 15); where its table does not exist, social is simply empty.
 */
export async function candidates(db: Warehouse, source: AlertSource, since: Since): Promise<Candidate[]> {
  const tables = source === 'all' ? (['feedback', 'social', 'events'] as const) : ([source] as const);
  const out: Candidate[] = [];
  for (const table of tables) {
    const query = await sourceQuery(db, table);
    if (query === null) continue;
    // Slack of thirty seconds on the time: an API group commit (milliseconds long) that began before the
    // last evaluation but ended after it stamped its rows with its start. File imports are caught by their
    // import id however long they ran. Re-reading a record is harmless: hits are unique.
    const where =
      since === null
        ? 'true'
        : `(t.import_id > ? OR t.imported_at > CAST(? AS TIMESTAMPTZ) - INTERVAL '30 seconds')
           AND (t.import_id > ? OR t.imported_at >= CAST(? AS TIMESTAMPTZ))`;
    const params: SqlValue[] =
      since === null ? [] : [since.importId, since.at, since.createdImport, since.createdAt];
    const rows = await db.all<{
      key: string;
      at: string | null;
      profile_id: number | null;
      customer_id: string | null;
      text: string | null;
      kind: string | null;
    }>(`${query} AND ${where}`, params);
    for (const r of rows)
      out.push({
        source: table,
        key: r.key,
        at: r.at,
        profileId: r.profile_id === null ? null : Number(r.profile_id),
        customerId: r.customer_id,
        text: r.text ?? '',
        kind: r.kind,
      });
  }
  return out;
}

async function sourceQuery(db: Warehouse, table: 'feedback' | 'social' | 'events'): Promise<string | null> {
  switch (table) {
    case 'feedback':
      return `SELECT t.row_key AS key, ${iso(db, 'coalesce(t.created_at, t.imported_at)')} AS at, rp.profile_id,
          coalesce(p.customer_ids[1], t.customer_id) AS customer_id, concat_ws(' ', t.subject, t.text) AS text, t.kind
        FROM feedback t ${person('feedback')} WHERE (t.text IS NOT NULL OR t.subject IS NOT NULL)`;
    case 'events': {
      // Social events are read as the social records they became (src/voice/social-events.ts), once.
      const text = EVENT_TEXT.map((k) => `t.properties->>'${k}'`).join(', ');
      return `SELECT t.row_key AS key, ${iso(db, 'coalesce(t.ts, t.imported_at)')} AS at, rp.profile_id,
          coalesce(p.customer_ids[1], t.user_id) AS customer_id, coalesce(${text}) AS text,
          lower(coalesce(t.properties->>'kind', t.event)) AS kind
        FROM events t ${person('events')} WHERE t.type = 'track' AND NOT ${socialEvent('t')}`;
    }
    case 'social': {
      // Read whatever columns the social table has: its shape belongs to the text pipeline.
      const cols = new Set(
        (
          await db.all<{ c: string }>(
            "SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'social' AND table_schema = current_schema()",
          )
        ).map((r) => r.c),
      );
      if (!cols.has('row_key') || !cols.has('import_id') || !cols.has('imported_at')) return null;
      const has = (c: string, otherwise = 'NULL') => (cols.has(c) ? `t.${c}` : otherwise);
      const own = has('customer_id', has('handle'));
      return `SELECT t.row_key AS key, ${iso(db, `coalesce(${has('posted_at')}, t.imported_at)`)} AS at, rp.profile_id,
          coalesce(p.customer_ids[1], ${own}) AS customer_id, CAST(${has('text')} AS VARCHAR) AS text,
          lower(CAST(${has('kind')} AS VARCHAR)) AS kind
        FROM social t ${person('social')} WHERE true`;
    }
  }
}
