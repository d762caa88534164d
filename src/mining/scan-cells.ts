import type { Warehouse } from '../store/index.js';
import { DIMENSIONS, factSql, type Measure, measureSql, type Window } from './dimensions.js';
import { num } from './numbers.js';
import { segmentKeys } from './segments.js';

/** A calendar position a concentration can fall in. */
export type PeriodKind = 'month' | 'season' | 'dow' | 'hour';

/**
 * The period kinds the scan looks at, with their SQL over a local timestamp `ts`. A season is three
 * months, December–February as 1 to September–November as 4: a pattern spread over a season has three
 * times the evidence of each of its months, which it needs to survive the false discovery rate.
 */
// EXTRACT and floor of a decimal division: one spelling both engines run (DuckDB's `/` never truncates).
const MONTH = 'CAST(EXTRACT(MONTH FROM ts) AS INTEGER)';
export const PERIOD_KINDS: Readonly<Record<PeriodKind, string>> = {
  month: MONTH,
  season: `CAST(floor((${MONTH} % 12) / 3.0) AS INTEGER) + 1`,
  dow: 'CAST(EXTRACT(ISODOW FROM ts) AS INTEGER)',
  hour: 'CAST(EXTRACT(HOUR FROM ts) AS INTEGER)',
};

/** Dimensions of the customer (or of the order as the customer placed it): who bought, where, how. */
export const CUSTOMER_DIMENSIONS = [
  'region',
  'city',
  'country',
  'channel',
  'acquisition_source',
  'acquisition_campaign',
] as const;

/** Dimensions of what was bought: read from the order lines (a category from the line or the catalogue). */
export const PRODUCT_DIMENSIONS = ['category', 'product'] as const;

/** The columns the scan reads. */
export const SCAN_DIMENSIONS = [...CUSTOMER_DIMENSIONS, ...PRODUCT_DIMENSIONS] as const;
export type ScanDimension = (typeof SCAN_DIMENSIONS)[number];

/**
 * What `--dimensions` accepts: the columns, and `segment`. A customer may be in several saved segments, so
 * each segment is a group of its own (its members' rows, scanned alone against everyone else), not a
 * value of one column: segments are never crossed with each other or with other dimensions.
 */
export const SCAN_CHOICES = [...SCAN_DIMENSIONS, 'segment'] as const;
export type ScanChoice = (typeof SCAN_CHOICES)[number];

const isProduct = (d: ScanDimension) => (PRODUCT_DIMENSIONS as readonly string[]).includes(d);

/**
 * The groups scanned among the chosen dimensions: each dimension alone, and every customer dimension
 * crossed with every product dimension (region × product, city × category, channel × product, …).
 */
export function scanSets(chosen: readonly ScanDimension[]): ScanDimension[][] {
  const singles = chosen.map((d) => [d]);
  const pairs = chosen
    .filter((d) => !isProduct(d))
    .flatMap((c) => chosen.filter(isProduct).map((p) => [c, p]));
  return [...singles, ...pairs];
}

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

/** The rows one scan reads: placed orders or their lines, in a window, with the dimensions named. */
export interface ScanRows {
  readonly measure: Measure;
  /** Values kept per dimension; the rest are "(other)". */
  readonly top: number;
  readonly tz: string;
  readonly window: Window;
  readonly dimensions: readonly ScanDimension[];
  /** Read order lines (needed for product dimensions), else placed orders. */
  readonly lines: boolean;
}

const col = (name: string) => `d_${name}`;
const periodCol = (kind: PeriodKind) => `p_${kind}`;

/**
 * Runs `fn` on a connection of its own where the temporary table `scan_rows` holds the rows once for
 * every period kind: order_id, customer_key, revenue, p_<period kind> and d_<dimension>, each
 * dimension reduced to its `top` values by measure (the rest "(other)", missing ones "(none)"), so that
 * a dimension with 100,000 values costs no more than one with `top`.
 */
export async function withScanRows<T>(
  db: Warehouse,
  rows: ScanRows,
  fn: (s: Warehouse) => Promise<T>,
): Promise<T> {
  const { dimensions: names, top } = rows;
  const m = measureSql(rows.measure);
  const tops = names.map(
    (n) =>
      `top_${n} AS (SELECT ${col(n)} AS v FROM f WHERE ${col(n)} <> '${SCAN_NONE}' GROUP BY 1 ORDER BY ${m} DESC, 1 LIMIT ${top})`,
  );
  const kinds = Object.keys(PERIOD_KINDS) as PeriodKind[];
  const facts = factSql(rows.lines, rows.tz, rows.window);
  return db.session(async (s) => {
    try {
      await s.run('DROP TABLE IF EXISTS scan_rows');
      await s.run(
        `CREATE TEMP TABLE scan_rows AS
        WITH f AS MATERIALIZED (
          SELECT order_id, coalesce(customer_key, order_id) AS customer_key, revenue
            ${kinds.map((k) => `, ${PERIOD_KINDS[k]} AS ${periodCol(k)}`).join('')}
            ${names.map((n) => `, coalesce(CAST(${(DIMENSIONS[n] as { sql: string }).sql} AS VARCHAR), '${SCAN_NONE}') AS ${col(n)}`).join('')}
          FROM ${facts.text})
        ${tops.map((t) => `, ${t}`).join('\n        ')}
        SELECT order_id, customer_key, revenue ${kinds.map((k) => `, ${periodCol(k)}`).join('')}
          ${names
            .map(
              (n) =>
                `, CASE WHEN ${col(n)} = '${SCAN_NONE}' OR ${col(n)} IN (SELECT v FROM top_${n}) THEN ${col(n)} ELSE '${SCAN_OTHER}' END AS ${col(n)}`,
            )
            .join('\n          ')}
        FROM f`,
        facts.params,
      );
      return await fn(s);
    } finally {
      await s.run('DROP TABLE IF EXISTS scan_rows');
    }
  });
}

/** What one read of the scan's groups covers. */
export interface ScanRead {
  readonly measure: Measure;
  readonly kind: PeriodKind;
  /** The dimension sets to group by (scanSets), besides the whole data. */
  readonly sets: readonly (readonly ScanDimension[])[];
  /** Add one group per saved segment. */
  readonly segments: boolean;
  /** Least effective size of a crossing read (smaller ones are never scanned). */
  readonly minSize: number;
}

/**
 * The groups of one period kind from `scan_rows` (withScanRows), in one query (two with segments). A
 * customer's orders are not independent (same place, hours and tastes), so each group is read as
 * customer × period clusters: the measure of a group in a period is the sum over its clusters, and its
 * effective size is Kish's (Σ m)² / Σ m², which also discounts a few large orders. Summing clusters
 * keeps DISTINCT counts inside small groups (grouping sets over DISTINCT were several times slower).
 */
export async function readScanGroups(s: Warehouse, read: ScanRead): Promise<ScanGroups> {
  const { measure, kind, minSize } = read;
  const names = SCAN_DIMENSIONS.filter((n) => read.sets.some((set) => set.includes(n)));
  // Within one customer × period cluster the customers measure is 1: no DISTINCT to count.
  const m = measure === 'customers' ? 'CAST(1 AS DOUBLE)' : measureSql(measure);
  const p = periodCol(kind);
  const parts = [[], ...read.sets].map((set, i) => {
    const cols = set.map(col);
    const all = names.map(col).map((c) => (cols.includes(c) ? c : `NULL AS ${c}`));
    const keys = ['customer_key', p, ...cols].join(', ');
    const known = cols.map((c) => `${c} NOT IN ('${SCAN_OTHER}', '${SCAN_NONE}')`);
    const cells = `SELECT ${[...cols, `${p} AS p`, 'sum(m) AS m', 'sum(m * m) AS ss'].join(', ')}
      FROM (SELECT ${keys}, ${m} AS m FROM scan_rows ${known.length ? `WHERE ${known.join(' AND ')}` : ''} GROUP BY ${keys}) clusters
      GROUP BY ${[...cols, p].join(', ')}`;
    // Crossings too small to be scanned are dropped in the engine (most city × product pairs are);
    // single values are kept whatever their size, as the parents of the crossings. The window sums are
    // columns of a subquery filtered outside it (no QUALIFY: PostgreSQL has none).
    const from =
      set.length < 2
        ? `(${cells}) c${i}`
        : `(SELECT *, sum(m) OVER w${i} AS wm, sum(ss) OVER w${i} AS wss FROM (${cells}) c${i}
            WINDOW w${i} AS (PARTITION BY ${cols.join(', ')})) k${i}
           WHERE wm * wm >= ${minSize} * wss`;
    return `SELECT ${[...all, 'p', 'm', 'ss'].join(', ')} FROM ${from}`;
  });
  const groups = new Accumulator();
  for (const row of await s.all(parts.join('\n    UNION ALL '))) {
    const dims: Record<string, string> = {};
    for (const n of names) if (row[col(n)] !== null) dims[n] = String(row[col(n)]);
    groups.add(dims, row.p, row.m, row.ss);
  }
  // Each saved segment is one group `{segment: NAME}`, its members' rows, read like a dimension value.
  if (read.segments) {
    const segments = await s.all(`
      SELECT segment, p, sum(m) AS m, sum(m * m) AS ss FROM (
        SELECT segment, customer_key, ${p} AS p, ${m} AS m
        FROM scan_rows JOIN (${segmentKeys().text}) sk USING (customer_key) GROUP BY segment, customer_key, ${p}) clusters
      GROUP BY segment, p`);
    for (const row of segments) groups.add({ segment: String(row.segment) }, row.p, row.m, row.ss);
  }
  return groups.done();
}

// Groups from rows of (dimension values, period, Σ m, Σ m²) over customer × period clusters.
class Accumulator {
  readonly #groups = new Map<
    string,
    { dims: Record<string, string>; byPeriod: Map<number, number>; ss: number }
  >();

  add(dims: Record<string, string>, p: unknown, m: unknown, ss: unknown): void {
    const key = groupKey(dims);
    let group = this.#groups.get(key);
    if (!group) {
      group = { dims, byPeriod: new Map(), ss: 0 };
      this.#groups.set(key, group);
    }
    if (p === null) return;
    group.byPeriod.set(num(p), num(m));
    group.ss += num(ss);
  }

  done(): ScanGroups {
    const out: ScanGroups = new Map();
    for (const [key, g] of this.#groups) {
      let total = 0;
      for (const v of g.byPeriod.values()) total += v;
      out.set(key, {
        dims: g.dims,
        byPeriod: g.byPeriod,
        total,
        size: g.ss > 0 ? (total * total) / g.ss : 0,
      });
    }
    return out;
  }
}
