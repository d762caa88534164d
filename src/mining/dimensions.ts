import { loadFieldAliases } from '../domain/aliases.js';
import { didYouMean, type FieldAlias, matchName } from '../domain/fields.js';
import { moneyTotal } from '../semantics/definitions.js';
import type { Warehouse } from '../store/index.js';
import { type Fragment, join, param, raw, sql } from '../store/sql.js';
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
      return moneyTotal('revenue');
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

// The fields of imported kinds each dimension reads (facts.ts): a file's column read into one of them is a
// name of the dimension (`customer_state` → region, `product_category_name` → category).
const FIELD_DIMENSION: Readonly<Record<string, string>> = {
  region: 'region',
  ship_region: 'region',
  country: 'country',
  ship_country: 'country',
  city: 'city',
  ship_city: 'city',
  channel: 'channel',
  acquisition_source: 'acquisition_source',
  acquisition_campaign: 'acquisition_campaign',
  category: 'category',
  product_id: 'product',
  product_name: 'product',
};

/** The names imported files gave the dimensions' columns, as aliases of the dimensions, latest import first. */
export async function dimensionAliases(db: Warehouse): Promise<FieldAlias[]> {
  return (await loadFieldAliases(db)).flatMap((a) => {
    const field = a.kind === 'products' && a.field === 'name' ? 'product' : FIELD_DIMENSION[a.field];
    return field === undefined || a.kind === 'events' ? [] : [{ ...a, field }];
  });
}

/**
 * The dimension `name` means, through the one field resolver (any case or separators, or a file's column
 * name); else a bad-option error suggesting the nearest. `known` narrows the names (the scan's choices).
 */
export function dimension(
  option: string,
  name: string,
  aliases: readonly FieldAlias[] = [],
  known: readonly string[] = Object.keys(DIMENSIONS),
): Dimension {
  const found = matchName(name, known, aliases);
  if (!found) return badOption(option, name, `one of ${known.join(', ')}${didYouMean(name, known, aliases)}`);
  return DIMENSIONS[found.name]!;
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

/** Parses `dimension=value` (the CLI's `--filter`); the dimension may be named as the file named it. */
export function parseFilter(
  option: string,
  text: string | undefined,
  aliases: readonly FieldAlias[] = [],
): Filter | null {
  if (text === undefined) return null;
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1)
    return badOption(option, text, 'dimension=value, e.g. category=Apparel');
  return {
    dimension: dimension(option, text.slice(0, at).trim(), aliases),
    value: text.slice(at + 1).trim(),
  };
}

/** Which customers' rows a measure reads, and whether each row carries its saved segments. */
export interface FactScope {
  /** Only the rows of this segment's current members. */
  readonly segment?: SegmentRef | null;
  /** Adds a `segment` column, one row per segment of the row's customer (rows of no segment are left out). */
  readonly bySegment?: boolean;
}

const members = (segment: SegmentRef | null, value?: string): Fragment =>
  sql`customer_key IN (SELECT customer_key FROM (${segmentKeys(segment)}) k${value === undefined ? raw('') : sql` WHERE segment = ${param(value)}`})`;

/**
 * The conditions that keep `expr` within a window, the days bound as values. With `utc`, `expr` is a
 * TIMESTAMPTZ and the days are UTC days; otherwise it is a local TIMESTAMP.
 */
export function windowConditions(expr: string | Fragment, window: Window, utc = false): Fragment[] {
  const at = typeof expr === 'string' ? raw(expr) : expr;
  const from = isoDay('--from', window.from);
  const to = isoDay('--to', window.to);
  const day = (d: string) =>
    utc ? sql`CAST(${param(`${d} 00:00:00+00`)} AS TIMESTAMPTZ)` : sql`CAST(${param(d)} AS TIMESTAMP)`;
  return [
    ...(from ? [sql`${at} >= ${day(from)}`] : []),
    ...(to ? [sql`${at} < ${day(to)} + INTERVAL '1 day'`] : []),
  ];
}

/** `WHERE` and the conditions joined by AND, or nothing when there are none. */
export function whereAll(conditions: readonly Fragment[]): Fragment {
  return conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : raw('');
}

/** The rows a measure is read from (orders, or lines when a dimension needs them), within a window. */
export function factSql(
  lines: boolean,
  tz: string,
  window: Window = {},
  filter: Filter | null = null,
  scope: FactScope = {},
): Fragment {
  const plain = raw(lines || filter?.dimension.lines ? orderLines(tz) : placedOrders(tz));
  const base = scope.bySegment
    ? sql`SELECT f.*, s.segment FROM (${plain}) f JOIN (${segmentKeys()}) s USING (customer_key)`
    : plain;
  const where = [
    ...windowConditions('ts', window),
    ...(filter
      ? [
          filter.dimension.name === 'product'
            ? sql`(product = ${param(filter.value)} OR product_id = ${param(filter.value)})`
            : filter.dimension.name === 'segment'
              ? members(null, filter.value)
              : sql`CAST(${raw(filter.dimension.sql)} AS VARCHAR) = ${param(filter.value)}`,
        ]
      : []),
    ...(scope.segment ? [members(scope.segment)] : []),
  ];
  return where.length ? sql`(SELECT * FROM (${base}) b ${whereAll(where)}) facts` : sql`(${base}) facts`;
}
