import { type Fragment, raw, sql } from '../store/sql.js';
import { type Window, whereAll, windowConditions } from './dimensions.js';
import { badOption } from './options.js';
import { personSegments, type SegmentRef } from './segments.js';

/**
 * Events with a `person`: the user id, else the user id some identify call tied the anonymous id to, else
 * the anonymous id (prefixed `anon:`). Identity resolution proper comes later; this is the one place that
 * stitches events. `label` is the event name of a track call, else the call's type (page, screen …).
 * With a segment, only the events of persons in it (segments.ts: any of their events in the window
 * belongs to a member's profile).
 */
export function personEvents(window: Window = {}, segment: SegmentRef | null = null): Fragment {
  const where = [raw('e.ts IS NOT NULL'), ...windowConditions('e.ts', window, true)];
  const all = sql`
    WITH ids AS (SELECT anonymous_id, min(user_id) AS user_id FROM events
                 WHERE user_id IS NOT NULL AND anonymous_id IS NOT NULL GROUP BY 1)
    SELECT e.*, coalesce(e.user_id, ids.user_id, 'anon:' || e.anonymous_id) AS person,
           coalesce(e.event, e.type) AS label
    FROM events e LEFT JOIN ids ON ids.anonymous_id = e.anonymous_id
    ${whereAll(where)} AND coalesce(e.user_id, e.anonymous_id) IS NOT NULL`;
  if (!segment) return sql`(${all})`;
  return sql`(WITH pe AS (${all})
    SELECT * FROM pe WHERE person IN (SELECT person FROM (${personSegments('pe', segment)}) ps))`;
}

/** Columns of an event a funnel can be broken down by (acquisition_source comes from the customer). */
export const EVENT_BREAKDOWNS = [
  'device_type',
  'os',
  'browser',
  'channel',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'country',
  'acquisition_source',
] as const;
export type EventBreakdown = (typeof EVENT_BREAKDOWNS)[number];

/** A duration such as 30m, 24h, 7d or 2w, in seconds. */
export function parseWindow(option: string, value: string | undefined, fallback: string): number {
  const text = value ?? fallback;
  const m = /^(\d+(?:\.\d+)?)\s*(m|h|d|w)$/.exec(text.trim());
  const n = m ? Number(m[1]) : Number.NaN;
  if (!m || !(n > 0)) return badOption(option, text, 'a duration such as 30m, 24h, 7d or 2w');
  const unit = { m: 60, h: 3600, d: 86_400, w: 604_800 }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return n * unit;
}
