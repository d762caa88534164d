/**
 * Behavioural feature groups for `clientele cluster`: what a person buys, where, when and on what, as a
 * vector of shares per profile (spend per product category, orders per order channel, activity per part of
 * the day, weekend against weekdays, events per operating system). Counted in SQL from the records identity
 * resolution put in each profile (`record_profiles`); each group is one `shares` feature of `encode.ts`.
 */
import { lineValue } from '../semantics/index.js';
import { type Dialect, duckdbDialect } from '../store/dialect.js';
import type { SqlValue } from '../store/index.js';
import { identifier } from '../store/sql.js';

/** A behavioural group a user can name in `--features`, with an optional `:N` parameter. */
export interface BehaviourGroup {
  readonly name: string;
  /** What it measures, for errors and the feature list. */
  readonly description: string;
  /** Default of the `:N` parameter (categories: the top N kept, the rest `other`; hours: bins a day), if any. */
  readonly parameter?: { readonly default: number; readonly allowed: readonly number[] };
  /**
   * Rows (profile_id, level, amount): one per observation. `tz` is the checked time zone name; `n` the
   * parameter. Bound values are appended to `params`.
   */
  sql(tz: string, n: number): string;
  /** Levels in a fixed order (none: the top N by total amount, then `other`). */
  levels?(n: number): readonly string[];
}

const inProfile = (table: string, alias: string, rp = 'rp') =>
  `JOIN record_profiles ${rp} ON ${rp}.record_table = ${duckdbDialect.literal(table)} AND ${rp}.row_key = ${alias}.row_key`;

// The part of the day of local time `ts` as a bin number 0 … n − 1.
const bin = (n: number) => `CAST(floor(EXTRACT(HOUR FROM ts) / ${24 / n}) AS INTEGER)`;

// Every timestamped thing a person did: placed orders (docs/definitions.md) and events (web and app activity), in zone tz.
const times = (tz: string) => `
  SELECT rp.profile_id, timezone(${zone(tz)}, o.order_ts) AS ts FROM placed_orders o ${inProfile('orders', 'o')}
    WHERE o.order_ts IS NOT NULL
  UNION ALL
  SELECT rp.profile_id, timezone(${zone(tz)}, e.ts) AS ts FROM events e ${inProfile('events', 'e')}
    WHERE e.ts IS NOT NULL`;

// A list field of customer records (psychographics): each tag of a record weighs 1 / its number of tags.
function tags(column: 'interests' | 'values' | 'lifestyle', what: string): BehaviourGroup {
  return {
    name: column,
    description: `${what} (a list field of customer records): each tag weighs 1 / the number of tags (the top N tags, the rest \`other\`)`,
    parameter: { default: 24, allowed: [4, 8, 12, 16, 20, 24, 30, 40] },
    sql: () => `
      SELECT profile_id, lower(tag) AS level, 1.0 / n AS amount FROM (
        SELECT rp.profile_id, unnest(c.${identifier(column).text}) AS tag, array_length(c.${identifier(column).text}, 1) AS n
        FROM customers c ${inProfile('customers', 'c')} WHERE array_length(c.${identifier(column).text}, 1) > 0) t`,
  };
}

/** The groups, by the name used in `--features`. */
export const BEHAVIOUR: Readonly<Record<string, BehaviourGroup>> = {
  categories: {
    name: 'categories',
    description: 'share of spend per product category (the top N categories by spend, the rest `other`)',
    parameter: { default: 12, allowed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 24, 30] },
    // A line belongs to the profile of its order, else to its own (lines without an order record).
    sql: () => `
      SELECT coalesce(rpo.profile_id, rpi.profile_id) AS profile_id, coalesce(i.category, pr.category) AS level,
        greatest(CAST(${lineValue('i')} AS DOUBLE), 0) AS amount
      FROM order_items i
      LEFT JOIN order_facts o ON o.order_id = i.order_id
      LEFT JOIN record_profiles rpo ON rpo.record_table = 'orders' AND rpo.row_key = o.row_key
      LEFT JOIN record_profiles rpi ON rpi.record_table = 'order_items' AND rpi.row_key = i.row_key
      LEFT JOIN products pr ON pr.product_id = i.product_id
      WHERE coalesce(o.placed, true) AND coalesce(i.category, pr.category) IS NOT NULL`,
  },
  order_channels: {
    name: 'order_channels',
    description: 'share of placed orders per order channel (web, app, store, marketplace …)',
    sql: () => `
      SELECT rp.profile_id, lower(o.channel) AS level, 1.0 AS amount FROM placed_orders o ${inProfile('orders', 'o')}
      WHERE o.channel IS NOT NULL`,
  },
  hours: {
    name: 'hours',
    description: 'share of orders and events per part of the day (N equal bins from midnight, local time)',
    parameter: { default: 6, allowed: [2, 3, 4, 6, 8, 12, 24] },
    // The bin by EXTRACT and floor: one spelling for both engines (DuckDB's `/` never truncates).
    sql: (tz, n) => `
      SELECT profile_id, lpad(CAST(${24 / n} * ${bin(n)} AS VARCHAR), 2, '0') || '-' ||
        lpad(CAST(${24 / n} * (${bin(n)} + 1) AS VARCHAR), 2, '0') AS level, 1.0 AS amount
      FROM (${times(tz)}) t`,
    levels: (n) =>
      Array.from(
        { length: n },
        (_, i) => `${String((24 / n) * i).padStart(2, '0')}-${String((24 / n) * (i + 1)).padStart(2, '0')}`,
      ),
  },
  weekdays: {
    name: 'weekdays',
    description: 'share of orders and events on Saturdays and Sundays against Monday to Friday (local time)',
    sql: (tz) => `
      SELECT profile_id, CASE WHEN EXTRACT(ISODOW FROM ts) >= 6 THEN 'weekend' ELSE 'weekday' END AS level, 1.0 AS amount
      FROM (${times(tz)}) t`,
    levels: () => ['weekday', 'weekend'],
  },
  interests: tags('interests', 'the interests a person gave'),
  values: tags('values', 'the values a person expressed'),
  lifestyle: tags('lifestyle', 'the lifestyle tags a person has'),
  devices: {
    name: 'devices',
    description: 'share of events per operating system (else device type): iOS, Android, Windows, macOS …',
    sql: () => `
      SELECT rp.profile_id, coalesce(e.os, e.device_type) AS level, 1.0 AS amount FROM events e ${inProfile('events', 'e')}
      WHERE coalesce(e.os, e.device_type) IS NOT NULL`,
  },
};

/** A parsed `--features` entry: `name`, `name:N` (a group's parameter) and/or `…*W` (a weight). */
export interface FeatureSpec {
  readonly text: string;
  readonly name: string;
  readonly parameter?: number;
  readonly weight: number;
}

/** Parses one `--features` entry; throws a message for a bad weight or parameter. */
export function parseFeature(text: string): FeatureSpec {
  let rest = text.trim();
  let weight = 1;
  const star = /^(.*)\*\s*([0-9]*\.?[0-9]+)$/.exec(rest);
  if (star) {
    weight = Number(star[2]);
    rest = star[1]!.trim();
    if (!(weight > 0 && weight <= 100))
      throw new Error(`weight of '${rest}' must be above 0 and at most 100`);
  }
  const colon = /^([A-Za-z_][A-Za-z0-9_]*):([0-9]+)$/.exec(rest);
  if (colon && BEHAVIOUR[colon[1]!]) {
    const group = BEHAVIOUR[colon[1]!]!;
    const n = Number(colon[2]);
    if (!group.parameter?.allowed.includes(n))
      throw new Error(
        group.parameter
          ? `'${rest}': ${group.name}:N takes N in ${group.parameter.allowed.join(', ')}`
          : `'${rest}': ${group.name} takes no :N`,
      );
    return { text: text.trim(), name: group.name, parameter: n, weight };
  }
  return { text: text.trim(), name: rest, weight };
}

/**
 * The SQL of one group's per-profile sums, one column per level (`l0` … `lL`) plus `observations` (rows
 * seen), over the profiles `scope` selects, as a relation to LEFT JOIN on profile_id.
 */
export function behaviourSums(
  group: BehaviourGroup,
  tz: string,
  n: number,
  levels: readonly string[],
  fixed: boolean,
  d: Dialect,
): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  const columns = levels.map((level, l) => {
    if (!fixed && level === 'other' && l === levels.length - 1) {
      params.push(...levels.slice(0, -1));
      const named = levels.slice(0, -1).map(() => '?');
      return `coalesce(sum(amount) FILTER (WHERE NOT ${d.listContains(`CAST(${d.list(named)} AS VARCHAR[])`, 'level')}), 0) AS l${l}`;
    }
    params.push(level);
    return `coalesce(sum(amount) FILTER (WHERE level = ?), 0) AS l${l}`;
  });
  return {
    sql: `SELECT profile_id, ${columns.join(', ')}, count(*) AS observations, sum(amount) AS total
      FROM (${group.sql(tz, n)}) g WHERE profile_id IS NOT NULL GROUP BY profile_id`,
    params,
  };
}

/** How many levels a group without a parameter keeps at most (the rest are `other`). */
export const MAX_LEVELS = 12;

/** The top `n` levels of a group by total amount (ties by name), and `other` when more exist. */
export function topLevelsSql(group: BehaviourGroup, tz: string, n: number): string {
  return `SELECT level, sum(amount) AS amount FROM (${group.sql(tz, n)}) g WHERE profile_id IS NOT NULL
    GROUP BY level ORDER BY amount DESC, level`;
}

// The zone is checked by timeZone() in src/mining/options.ts (letters, digits and / _ + -); it sits inside SQL
// composed as text for the groups, hence the dialect's literal rather than a parameter.
function zone(tz: string): string {
  return duckdbDialect.literal(tz);
}
