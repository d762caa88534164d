import { orderLines, placedOrders } from './facts.js';
import { badOption } from './options.js';
import { type SegmentRef, segmentKeys } from './segments.js';

/** What is counted: order revenue, distinct orders, or distinct customers. */
export type Measure = 'revenue' | 'orders' | 'customers';

/** The measures every mining command accepts. */
export const MEASURES: readonly Measure[] = ['revenue', 'orders', 'customers'];

/** The SQL aggregate of a measure over PLACED_ORDERS or ORDER_LINES rows. */
export function measureSql(measure: Measure): string {
  switch (measure) {
    case 'revenue':
      return 'CAST(coalesce(sum(revenue), 0) AS DOUBLE)';
    case 'orders':
      return 'CAST(count(DISTINCT order_id) AS DOUBLE)';
    case 'customers':
      return 'CAST(count(DISTINCT customer_key) AS DOUBLE)';
  }
}

/** A dimension a measure can be broken down by, and whether it needs the order lines. */
export interface Dimension {
  readonly name: string;
  readonly sql: string;
  /** True when the value lives on the line (product, category): the measure is then read from lines. */
  readonly lines: boolean;
  /** The word a sentence uses, e.g. "customers in region NY". */
  readonly phrase: string;
  /**
   * True when a row may have several values (a customer in several saved segments): the rows are repeated
   * once per value, so each value's measure is right and values must not be added up.
   */
  readonly overlapping?: boolean;
}

const d = (name: string, sql: string, lines: boolean, phrase: string): Dimension => ({
  name,
  sql,
  lines,
  phrase,
});

/** Every dimension of trend and scan, by name. */
export const DIMENSIONS: Readonly<Record<string, Dimension>> = {
  region: d('region', 'region', false, 'region'),
  country: d('country', 'country', false, 'country'),
  city: d('city', 'city', false, 'city'),
  channel: d('channel', 'channel', false, 'channel'),
  acquisition_source: d('acquisition_source', 'acquisition_source', false, 'acquisition source'),
  acquisition_campaign: d('acquisition_campaign', 'acquisition_campaign', false, 'acquisition campaign'),
  category: d('category', 'category', true, 'category'),
  product: d('product', 'product', true, 'product'),
  segment: { ...d('segment', 'segment', false, 'segment'), overlapping: true },
};

/** The dimension named `name`, or a bad-option error listing them. */
export function dimension(option: string, name: string): Dimension {
  const found = DIMENSIONS[name];
  if (!found) return badOption(option, name, `one of ${Object.keys(DIMENSIONS).join(', ')}`);
  return found;
}

/** A date window, both ends optional, as ISO days (the end day included). */
export interface Window {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Checks an ISO day (YYYY-MM-DD) option. */
export function isoDay(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    return badOption(option, value, 'a day as YYYY-MM-DD');
  }
  return value;
}

/** Rows of one dimension value only, such as category = Apparel (a product matches its id or its name). */
export interface Filter {
  readonly dimension: Dimension;
  readonly value: string;
}

/** Parses `dimension=value` (the CLI's `--filter`). */
export function parseFilter(option: string, text: string | undefined): Filter | null {
  if (text === undefined) return null;
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1)
    return badOption(option, text, 'dimension=value, e.g. category=Apparel');
  return { dimension: dimension(option, text.slice(0, at).trim()), value: text.slice(at + 1).trim() };
}

const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;

/** Which customers' rows a measure reads, and whether each row carries its saved segments. */
export interface FactScope {
  /** Only the rows of this segment's current members. */
  readonly segment?: SegmentRef | null;
  /** Adds a `segment` column, one row per segment of the row's customer (rows of no segment are left out). */
  readonly bySegment?: boolean;
}

const members = (segment: SegmentRef | null, value?: string) =>
  `customer_key IN (SELECT customer_key FROM (${segmentKeys(segment)})${value === undefined ? '' : ` WHERE segment = ${quote(value)}`})`;

/** The rows a measure is read from (orders, or lines when a dimension needs them), within a window. */
export function factSql(
  lines: boolean,
  tz: string,
  window: Window = {},
  filter: Filter | null = null,
  scope: FactScope = {},
): string {
  const plain = lines || filter?.dimension.lines ? orderLines(tz) : placedOrders(tz);
  const base = scope.bySegment
    ? `SELECT f.*, s.segment FROM (${plain}) f JOIN (${segmentKeys()}) s USING (customer_key)`
    : plain;
  const from = isoDay('--from', window.from);
  const to = isoDay('--to', window.to);
  const where = [
    from ? `ts >= TIMESTAMP '${from}'` : null,
    to ? `ts < TIMESTAMP '${to}' + INTERVAL 1 DAY` : null,
    filter
      ? filter.dimension.name === 'product'
        ? `(product = ${quote(filter.value)} OR product_id = ${quote(filter.value)})`
        : filter.dimension.name === 'segment'
          ? members(null, filter.value)
          : `CAST(${filter.dimension.sql} AS VARCHAR) = ${quote(filter.value)}`
      : null,
    scope.segment ? members(scope.segment) : null,
  ].filter(Boolean);
  return where.length ? `(SELECT * FROM (${base}) WHERE ${where.join(' AND ')})` : `(${base})`;
}
