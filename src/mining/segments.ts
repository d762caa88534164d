/**
 * Saved segments in mining: a segment's current members as customer keys (orders) and as event persons
 * (events), and every segment's members at once for breakdowns, where one person may be in several.
 */
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import { construct, type Fragment, param, raw, sql } from '../store/sql.js';
import { type Window, whereAll, windowConditions } from './dimensions.js';
import type { Grain } from './periods.js';

/** A saved segment checked to exist. */
export interface SegmentRef {
  readonly name: string;
}

/**
 * The saved segment `name`, or CLT_ERR_SEGMENT_NOT_FOUND. The name is looked up, and later used, as a bound
 * value.
 */
export async function requireSegment(db: Warehouse, name: string | undefined): Promise<SegmentRef | null> {
  if (name === undefined) return null;
  const [known] = await db.all<{ n: number }>('SELECT count(*) AS n FROM segments WHERE name = ?', [name]);
  if (!known?.n)
    throw new ClienteleError(
      'CLT_ERR_SEGMENT_NOT_FOUND',
      `no segment named '${name}'`,
      { name },
      phrase('error.noSegment', { name }),
    );
  return { name };
}

/**
 * Current members of every saved segment (or of one) by customer key: `segment`, `customer_key`. Mining
 * keys a customer by the profile id where identity has placed the order (facts.ts), which is what
 * membership holds; orders identity has not placed yet belong to no segment.
 */
export function segmentKeys(segment: SegmentRef | null = null): Fragment {
  return sql`SELECT segment, CAST(profile_id AS VARCHAR) AS customer_key FROM segment_membership
    WHERE exited_at IS NULL${segment ? sql` AND segment = ${param(segment.name)}` : raw('')}`;
}

/**
 * The segments of event persons: `person`, `segment`, for a relation `from` with `person` and `row_key`
 * (events.ts). A person is in a segment when any of their events belongs to one of its members' profiles.
 */
export function personSegments(from: string, segment: SegmentRef | null = null): Fragment {
  return sql`SELECT DISTINCT x.person, m.segment FROM ${raw(from)} x
    JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = x.row_key
    JOIN segment_membership m ON m.profile_id = rp.profile_id AND m.exited_at IS NULL
    ${segment ? sql`WHERE m.segment = ${param(segment.name)}` : raw('')}`;
}

/**
 * Segment sizes by period from `segment_sizes` (one row per refresh): the size at the period's last
 * refresh, per segment (or for one), as `period`, `value` (the segment) and `m`. Periods without a refresh
 * carry the last size forward (trend.ts).
 */
export async function readSegmentSizes(
  db: Warehouse,
  grain: Grain,
  tz: string,
  window: Window,
  segment: SegmentRef | null,
): Promise<{ period: string; value: string; m: number }[]> {
  // The zone is bound (checked by checkTimeZone); the window compares local times.
  const local = sql`timezone(${param(tz)}, measured_at)`;
  const where = [
    ...(segment ? [sql`segment = ${param(segment.name)}`] : []),
    ...windowConditions(local, window),
  ];
  const d = db.dialect;
  const period = construct((e) => d.formatTime(e, '%Y-%m-%d'), sql`date_trunc(${param(grain)}, ${local})`);
  const q = sql`SELECT ${period} AS period, segment AS value,
       CAST(${raw(d.argMax('size', 'measured_at'))} AS DOUBLE) AS m
     FROM segment_sizes ${whereAll(where)}
     GROUP BY 1, 2 ORDER BY period, value`;
  const rows = await db.all<{ period: string; value: string; m: number }>(q.text, q.params);
  return rows.map((r) => ({ period: r.period, value: r.value, m: Number(r.m) }));
}
