import type { Warehouse } from '../store/index.js';
import { DIMENSIONS, factSql, type Measure, measureSql, type Window } from './dimensions.js';
import { num } from './numbers.js';

/** A calendar position a concentration can fall in. */
export type PeriodKind = 'month' | 'dow' | 'hour';

/** The period kinds the scan looks at, with their SQL over a local timestamp `ts`. */
export const PERIOD_KINDS: Readonly<Record<PeriodKind, string>> = {
  month: 'month(ts)',
  dow: 'isodow(ts)',
  hour: 'hour(ts)',
};

/** The columns the scan reads. */
export const SCAN_DIMENSIONS = [
  'region',
  'city',
  'channel',
  'acquisition_source',
  'category',
  'product',
] as const;
export type ScanDimension = (typeof SCAN_DIMENSIONS)[number];

/**
 * What `--dimensions` accepts: the columns, and `segment`. A customer may be in several saved segments, so
 * each segment is a group of its own (its members' rows, scanned alone against the whole calendar), not a
 * value of one column: segments are never crossed with each other or with other dimensions.
 */
export const SCAN_CHOICES = [...SCAN_DIMENSIONS, 'segment'] as const;
export type ScanChoice = (typeof SCAN_CHOICES)[number];

/** Dimensions nested in another: scanned with their parent, and expected to follow the parent's calendar. */
export const NESTED: Readonly<Partial<Record<ScanDimension, ScanDimension>>> = {
  city: 'region',
  product: 'category',
};

/** Dimensions scanned alone (each expected to follow the whole data's calendar). */
export const SCAN_SINGLES: readonly ScanDimension[] = ['region', 'channel', 'acquisition_source', 'category'];

/** Pairs scanned together: crossings of two singles, and a nested dimension with its parent. */
export const SCAN_PAIRS: readonly (readonly [ScanDimension, ScanDimension])[] = [
  ['region', 'category'],
  ['channel', 'category'],
  ['acquisition_source', 'category'],
  ['region', 'city'],
  ['category', 'product'],
];

/** Label of values outside a dimension's top values, and of rows without one; never reported. */
export const SCAN_OTHER = '(other)';
export const SCAN_NONE = '(none)';

/** The measure in one group of dimension values, over all periods and per period. */
export interface ScanGroup {
  /** Dimension name → value; empty for the whole data. */
  readonly dims: Readonly<Record<string, string>>;
  /**
   * The sum of the measure over periods: the denominator of shares. For customers it counts a customer once
   * per period they bought in, so that shares sum to 1 (distinct customers over all periods would not).
   */
  readonly total: number;
  /** The measure over all periods at once (distinct customers for the customers measure). */
  readonly distinct: number;
  /** Kish's effective number of independent customer × period clusters behind `total`. */
  readonly size: number;
  readonly byPeriod: Map<number, number>;
}

/** Every group of one period kind, keyed by `groupKey`. */
export type ScanGroups = Map<string, ScanGroup>;

/** The key of a group: its dimension names and values in scan order. */
export function groupKey(dims: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(dims).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Two queries per period kind: the measure of every scanned dimension set with and without the period,
 * by GROUPING SETS, and each set's sum of squares over customer × period clusters. Each dimension is
 * reduced to its `top` values by measure (the rest as "(other)"), so that a dimension with 100,000
 * values costs no more than one with `top`.
 */
export async function readScanGroups(
  db: Warehouse,
  measure: Measure,
  kind: PeriodKind,
  top: number,
  tz: string,
  window: Window,
  segments = false,
): Promise<ScanGroups> {
  const names = [...SCAN_DIMENSIONS];
  const col = (name: string) => `d_${name}`;
  const facts = factSql(true, tz, window);
  const m = measureSql(measure);
  const singles = SCAN_SINGLES.map((n) => [n]);
  const pairs = SCAN_PAIRS.map((p) => [...p]);
  const sets = [[], ...singles, ...pairs].flatMap((set) => [set.map(col), [...set.map(col), 'p']]);
  const tops = names
    .map(
      (n) =>
        `top_${n} AS (SELECT ${col(n)} AS v FROM f WHERE ${col(n)} <> '${SCAN_NONE}' GROUP BY 1 ORDER BY ${m} DESC, 1 LIMIT ${top})`,
    )
    .join(',\n');
  const base = `
    WITH f AS (
      SELECT order_id, coalesce(customer_key, order_id) AS customer_key, revenue, ${PERIOD_KINDS[kind]} AS p,
        ${names.map((n) => `coalesce(CAST(${(DIMENSIONS[n] as { sql: string }).sql} AS VARCHAR), '${SCAN_NONE}') AS ${col(n)}`).join(', ')}
      FROM ${facts}),
    ${tops},
    g AS (
      SELECT order_id, customer_key, revenue, p,
        ${names
          .map(
            (n) =>
              `CASE WHEN ${col(n)} = '${SCAN_NONE}' OR ${col(n)} IN (SELECT v FROM top_${n}) THEN ${col(n)} ELSE '${SCAN_OTHER}' END AS ${col(n)}`,
          )
          .join(',\n        ')}
      FROM f)`;
  const bits = [...names.map(col), 'p'];
  const rows = await db.all(`${base}
    SELECT ${bits.join(', ')}, GROUPING(${bits.join(', ')}) AS gid, ${m} AS m
    FROM g GROUP BY GROUPING SETS (${sets.map((s) => `(${s.join(', ')})`).join(', ')})`);
  // A customer's orders are not independent (same place, hours and tastes): the effective size of a group
  // is Kish's (Σ m)² / Σ m² over its customer × period clusters, which also discounts a few large orders.
  const sizeRows = await db.all(`${base}
    ${[...singles, ...pairs]
      .map((set) => {
        const cols = set.map(col);
        const all = bits.slice(0, -1).map((c) => (cols.includes(c) ? c : `NULL AS ${c}`));
        return `SELECT ${all.join(', ')}, CAST(sum(m * m) AS DOUBLE) AS ss FROM (
          SELECT customer_key, p, ${cols.join(', ')}, ${m} AS m FROM g GROUP BY customer_key, p, ${cols.join(', ')})
          GROUP BY ${cols.join(', ')}`;
      })
      .join('\n    UNION ALL ')}`);
  const squares = new Map<string, number>();
  for (const row of sizeRows) {
    const dims: Record<string, string> = {};
    for (const n of names) if (row[col(n)] !== null) dims[n] = String(row[col(n)]);
    squares.set(groupKey(dims), num(row.ss));
  }
  const groups = new Map<
    string,
    { dims: Record<string, string>; distinct: number; byPeriod: Map<number, number> }
  >();
  for (const row of rows) {
    const gid = num(row.gid);
    // GROUPING() sets a bit for each column NOT grouped, the last column being the lowest bit.
    const grouped = (c: string) => ((gid >> (bits.length - 1 - bits.indexOf(c))) & 1) === 0;
    const dims: Record<string, string> = {};
    for (const n of names) if (grouped(col(n))) dims[n] = String(row[col(n)]);
    const key = groupKey(dims);
    let group = groups.get(key);
    if (!group) {
      group = { dims, distinct: 0, byPeriod: new Map() };
      groups.set(key, group);
    }
    if (!grouped('p')) group.distinct = num(row.m);
    else if (row.p !== null) group.byPeriod.set(num(row.p), num(row.m));
  }
  if (segments) {
    for (const [key, g] of await readSegmentGroups(db, measure, kind, tz, window)) {
      groups.set(key, g);
      squares.set(key, g.ss);
    }
  }
  const out: ScanGroups = new Map();
  for (const [key, g] of groups) {
    let total = 0;
    for (const v of g.byPeriod.values()) total += v;
    const ss = squares.get(key) ?? 0;
    out.set(key, { ...g, total, size: ss > 0 ? (total * total) / ss : 0 });
  }
  return out;
}

// Each saved segment's members' rows as one group `{segment: NAME}`: the measure by period and over all
// periods, and the sum of squares over customer × period clusters, as for a single dimension value.
async function readSegmentGroups(
  db: Warehouse,
  measure: Measure,
  kind: PeriodKind,
  tz: string,
  window: Window,
): Promise<
  Map<string, { dims: Record<string, string>; distinct: number; byPeriod: Map<number, number>; ss: number }>
> {
  const m = measureSql(measure);
  const base = `WITH g AS (
      SELECT order_id, customer_key, revenue, ${PERIOD_KINDS[kind]} AS p, segment
      FROM ${factSql(true, tz, window, null, { bySegment: true })})`;
  const rows = await db.all(
    `${base} SELECT segment, p, GROUPING(segment, p) AS gid, ${m} AS m FROM g GROUP BY GROUPING SETS ((segment), (segment, p))`,
  );
  const squares = await db.all(
    `${base} SELECT segment, CAST(sum(m * m) AS DOUBLE) AS ss FROM (
       SELECT segment, customer_key, p, ${m} AS m FROM g GROUP BY segment, customer_key, p) GROUP BY segment`,
  );
  const out = new Map<
    string,
    { dims: Record<string, string>; distinct: number; byPeriod: Map<number, number>; ss: number }
  >();
  const at = (segment: string) => {
    const dims = { segment };
    const key = groupKey(dims);
    let group = out.get(key);
    if (!group) {
      group = { dims, distinct: 0, byPeriod: new Map(), ss: 0 };
      out.set(key, group);
    }
    return group;
  };
  for (const row of rows) {
    const group = at(String(row.segment));
    if (num(row.gid) === 1) group.distinct = num(row.m);
    else if (row.p !== null) group.byPeriod.set(num(row.p), num(row.m));
  }
  for (const row of squares) at(String(row.segment)).ss = num(row.ss);
  return out;
}
