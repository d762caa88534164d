/**
 * One profile's touchpoints, newest first, a page at a time over the whole history: orders, events, messages,
 * feedback and sales notes, filtered by kind and date range, with an opaque cursor (`before`) naming the last
 * entry shown. The cursor holds the entry's time in microseconds, its source table and row key, so pages
 * neither skip nor repeat entries that share a second.
 */
import { ClienteleError } from '../errors/index.js';
import { join, param, raw, sql, type Warehouse } from '../store/index.js';
import type { ScratchNames } from './profile.js';

/** One touchpoint in time order. */
export type TimelineEntry = {
  at: string;
  kind: string;
  what: string;
  source: string;
};

/** Which touchpoints a page holds. */
export interface TimelineQuery {
  /** Entries per page (at least 1). */
  readonly limit: number;
  /** The `next` cursor of the previous page: only entries older than the last one shown. */
  readonly before?: string;
  /** Only these kinds (order, message, track, page, identify, ticket, review, sales note …). */
  readonly kinds?: readonly string[];
  /** Only entries at or after this time (ISO 8601 date or time). */
  readonly from?: string;
  /** Only entries before this time (ISO 8601; a date alone means the whole day is included). */
  readonly to?: string;
}

/** A page of touchpoints and the cursor of the next, older page (null at the end of the history). */
export interface TimelinePage {
  readonly entries: TimelineEntry[];
  readonly next: string | null;
}

interface Cursor {
  readonly us: bigint;
  readonly source: string;
  readonly key: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([String(c.us), c.source, c.key])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [us, source, key] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof us === 'string' &&
      /^-?\d+$/.test(us) &&
      typeof source === 'string' &&
      typeof key === 'string'
    ) {
      return { us: BigInt(us), source, key };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ClienteleError(
    'CLT_ERR_PROFILE_TIMELINE_CURSOR',
    `timeline cursor '${text}' is not one this server gave out`,
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseTime(name: string, text: string, endOfDay: boolean): Date {
  const date = new Date(DAY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime())) {
    throw new ClienteleError(
      'CLT_ERR_USAGE',
      `timeline ${name} '${text}': expected a date (YYYY-MM-DD) or an ISO time`,
    );
  }
  return endOfDay && DAY.test(text) ? new Date(date.getTime() + 86_400_000) : date;
}

/**
 * A page of the touchpoints held in the profile's temporary tables `T` (src/profiles/profile.ts), newest
 * first. Every filter value is bound.
 */
export async function timelinePage(
  s: Warehouse,
  T: ScratchNames,
  query: TimelineQuery,
): Promise<TimelinePage> {
  const limit = Math.max(1, Math.floor(query.limit));
  const conditions = [sql`t IS NOT NULL`];
  if (query.kinds?.length) conditions.push(sql`kind IN (${join(query.kinds.map(param), ', ')})`);
  if (query.from) conditions.push(sql`t >= ${param(parseTime('from', query.from, false))}`);
  if (query.to) conditions.push(sql`t < ${param(parseTime('to', query.to, true))}`);
  if (query.before) {
    const c = decodeCursor(query.before);
    const us = param(c.us);
    conditions.push(
      sql`(us < ${us} OR (us = ${us} AND (source < ${param(c.source)} OR (source = ${param(c.source)} AND row_key < ${param(c.key)}))))`,
    );
  }
  const where = conditions.reduce((a, b) => sql`${a} AND ${b}`);
  const d = s.dialect;
  // Amounts and ratings as fixed decimals: the same text on both engines (a double's text differs).
  const q = sql`SELECT ${raw(d.formatTime('t', '%Y-%m-%dT%H:%M:%SZ'))} AS at, kind, what, source, CAST(us AS VARCHAR) AS us, row_key FROM (
      SELECT u.*, ${raw(d.epochMicros('u.t'))} AS us FROM (
        SELECT order_ts AS t, 'order' AS kind, concat_ws(' ', order_id, CAST(CAST(revenue AS DECIMAL(18, 2)) AS VARCHAR), currency, status, channel) AS what,
          'orders' AS source, row_key FROM ${raw(T.orders)} o1
        UNION ALL SELECT ts, type, coalesce(event, ${raw(d.jsonText('properties', ['name']))}, page_url, type), 'events', row_key
          FROM ${raw(T.events)} e1
        UNION ALL SELECT sent_at, 'message', concat_ws(' ', channel, category, campaign,
            CASE WHEN clicked_at IS NOT NULL THEN 'clicked' WHEN opened_at IS NOT NULL THEN 'opened' WHEN bounced THEN 'bounced' ELSE 'sent' END),
          'messages', row_key FROM ${raw(T.messages)} m1
        UNION ALL SELECT created_at, coalesce(kind, 'feedback'),
            concat_ws(' · ', CASE WHEN rating IS NOT NULL THEN 'rating ' || CAST(CAST(rating AS DECIMAL(4, 1)) AS VARCHAR) END, nullif(left(concat_ws(': ', subject, text), 120), '')),
          'feedback', row_key FROM ${raw(T.feedback)} f1
        UNION ALL SELECT created_at, 'sales note', concat_ws(' · ', stage, outcome, left(text, 80)), 'notes', row_key
          FROM ${raw(T.sales_notes)} n1) u) v
    WHERE ${where}
    ORDER BY us DESC, source DESC, row_key DESC LIMIT ${param(limit + 1)}`;
  const rows = await s.all<TimelineEntry & { us: string; row_key: string }>(q.text, q.params);
  const entries = rows.slice(0, limit).map(({ at, kind, what, source }) => ({ at, kind, what, source }));
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    entries,
    next: last ? encodeCursor({ us: BigInt(last.us), source: last.source, key: last.row_key }) : null,
  };
}
