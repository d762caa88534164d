/**
 * When each person was last confirmed by any source: the latest dated sign of them in any record (a profile
 * update, an order, an event, an opened or clicked message, feedback, a sales note). Sending a message
 * confirms nothing; opening it does. A person with no dated record was never confirmed.
 */
import { param, raw, sql, type Warehouse } from '../store/index.js';

/** The staleness part of the audit. */
export interface Staleness {
  /** The shelf life asked for (`18m`), or null. */
  after: string | null;
  /** Records confirmed before this are stale (ISO), or null without a shelf life. */
  cutoff: string | null;
  profiles: number;
  /** People not confirmed since the cutoff (null without a shelf life). */
  stale: number | null;
  oldestConfirmedAt: string | null;
  newestConfirmedAt: string | null;
  /** The contacts to re-verify, oldest first. */
  contacts: StaleContact[];
}

export interface StaleContact {
  profileId: number;
  customerId: string | null;
  email: string | null;
  phone: string | null;
  lastConfirmedAt: string | null;
  /** When the person's current e-mail was last carried by a record with a date. */
  emailConfirmedAt: string | null;
}

const CONFIRMATIONS = `
  SELECT 'customers' AS t, row_key, coalesce(updated_at, signup_at) AS seen_at, lower(trim(email)) AS email FROM customers
  UNION ALL SELECT 'orders', row_key, order_ts, lower(trim(email)) FROM orders
  UNION ALL SELECT 'events', row_key, ts, lower(trim(email)) FROM events
  UNION ALL SELECT 'messages', row_key, greatest(opened_at, clicked_at), lower(trim(email)) FROM messages
  UNION ALL SELECT 'feedback', row_key, created_at, lower(trim(email)) FROM feedback
  UNION ALL SELECT 'sales_notes', row_key, created_at, lower(trim(email)) FROM sales_notes`;

export async function staleness(
  db: Warehouse,
  cutoff: Date | null,
  limit: number,
  after?: string,
): Promise<Staleness> {
  const iso = (col: string) => db.dialect.formatTime(`(${col}) AT TIME ZONE 'UTC'`, '%Y-%m-%dT%H:%M:%SZ');
  // One pass over every record: each person's latest confirmation is computed once (materialized), and the
  // counts and the stalest contacts are both read from it (they were two scans of every record table).
  const cut = cutoff ? cutoff.toISOString() : null;
  const q = sql`WITH c AS (${raw(CONFIRMATIONS)}),
    last AS MATERIALIZED (
      SELECT p.profile_id, max(c.seen_at) AS seen_at, max(c.seen_at) FILTER (WHERE c.email = lower(trim(p.email))) AS email_at
      FROM profiles p LEFT JOIN record_profiles rp ON rp.profile_id = p.profile_id
      LEFT JOIN c ON c.t = rp.record_table AND c.row_key = rp.row_key
      GROUP BY p.profile_id),
    stats AS (
      SELECT count(*)::BIGINT AS profiles,
        ${cut ? sql`count(*) FILTER (WHERE seen_at IS NULL OR seen_at < CAST(${param(cut)} AS TIMESTAMPTZ))::BIGINT` : raw('CAST(NULL AS BIGINT)')} AS stale,
        ${raw(iso('min(seen_at)'))} AS oldest, ${raw(iso('max(seen_at)'))} AS newest FROM last),
    list AS (
      SELECT p.profile_id::BIGINT AS id, p.customer_ids[1] AS customer_id, p.email, p.phone,
        ${raw(iso('l.seen_at'))} AS at, ${raw(iso('l.email_at'))} AS email_at, l.seen_at AS seen_at
      FROM last l JOIN profiles p USING (profile_id)
      WHERE ${cut ? sql`l.seen_at IS NULL OR l.seen_at < CAST(${param(cut)} AS TIMESTAMPTZ)` : raw('false')}
      ORDER BY l.seen_at NULLS FIRST, p.profile_id LIMIT ${param(limit)})
    SELECT s.profiles, s.stale, s.oldest, s.newest, l.id, l.customer_id, l.email, l.phone, l.at, l.email_at
    FROM stats s LEFT JOIN list l ON true
    ORDER BY l.seen_at NULLS FIRST, l.id`;
  const rows = await db.all<{
    profiles: bigint;
    stale: bigint | null;
    oldest: string | null;
    newest: string | null;
    id: bigint | null;
    customer_id: string | null;
    email: string | null;
    phone: string | null;
    at: string | null;
    email_at: string | null;
  }>(q.text, q.params);
  const s = rows[0];
  const contacts: StaleContact[] = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      profileId: Number(r.id),
      customerId: r.customer_id,
      email: r.email,
      phone: r.phone,
      lastConfirmedAt: r.at,
      emailConfirmedAt: r.email_at,
    }));
  return {
    after: after ?? null,
    cutoff: cut,
    profiles: Number(s?.profiles ?? 0),
    stale: s?.stale === null || s?.stale === undefined ? null : Number(s.stale),
    oldestConfirmedAt: s?.oldest ?? null,
    newestConfirmedAt: s?.newest ?? null,
    contacts,
  };
}
