/**
 * Saved segments in mining: a segment's current members as customer keys (orders) and as event persons
 * (events), and every segment's members at once for breakdowns, where one person may be in several.
 */
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { isoDay, type Window } from './dimensions.js';
import type { Grain } from './periods.js';

/** A saved segment checked to exist, with its name as an SQL string literal. */
export interface SegmentRef {
  readonly name: string;
  readonly literal: string;
}

/**
 * The saved segment `name`, or CLT_ERR_SEGMENT_NOT_FOUND. The name is looked up with a bound value; the
 * literal is built only for a name that exists (saved names are letters, digits and _ . : -).
 */
export async function requireSegment(db: Warehouse, name: string | undefined): Promise<SegmentRef | null> {
  if (name === undefined) return null;
  const [known] = await db.all<{ n: number }>('SELECT count(*) AS n FROM segments WHERE name = ?', [name]);
  if (!known?.n)
    throw new ClienteleError('CLT_ERR_SEGMENT_NOT_FOUND', `no segment named '${name}'`, { name });
  return { name, literal: `'${name.replaceAll("'", "''")}'` };
}

/**
 * Current members of every saved segment (or of one) by customer key: `segment`, `customer_key`. Mining
 * keys a customer by the profile id where identity has placed the order (facts.ts), which is what
 * membership holds; orders identity has not placed yet belong to no segment.
 */
export function segmentKeys(segment: SegmentRef | null = null): string {
  return `SELECT segment, CAST(profile_id AS VARCHAR) AS customer_key FROM segment_membership
    WHERE exited_at IS NULL${segment ? ` AND segment = ${segment.literal}` : ''}`;
}

/**
 * The segments of event persons: `person`, `segment`, for a relation `from` with `person` and `row_key`
 * (events.ts). A person is in a segment when any of their events belongs to one of its members' profiles.
 */
export function personSegments(from: string, segment: SegmentRef | null = null): string {
  return `SELECT DISTINCT x.person, m.segment FROM ${from} x
    JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = x.row_key
    JOIN segment_membership m ON m.profile_id = rp.profile_id AND m.exited_at IS NULL
    ${segment ? `WHERE m.segment = ${segment.literal}` : ''}`;
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
  const from = isoDay('--from', window.from);
  const to = isoDay('--to', window.to);
  const local = `timezone('${tz.replaceAll("'", "''")}', measured_at)`;
  const where = [
    segment ? `segment = ${segment.literal}` : null,
    from ? `${local} >= TIMESTAMP '${from}'` : null,
    to ? `${local} < TIMESTAMP '${to}' + INTERVAL 1 DAY` : null,
  ].filter(Boolean);
  const rows = await db.all<{ period: string; value: string; m: number }>(
    `SELECT strftime(date_trunc('${grain}', ${local}), '%Y-%m-%d') AS period, segment AS value,
       CAST(arg_max(size, measured_at) AS DOUBLE) AS m
     FROM segment_sizes ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY ALL ORDER BY period, value`,
  );
  return rows.map((r) => ({ period: r.period, value: r.value, m: Number(r.m) }));
}
