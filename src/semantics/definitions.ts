/**
 * Every business definition Clientele counts by, declared once as data: a name, one sentence, and the SQL
 * that decides it, parameterised by the alias of the row it reads (Cube's measures and dimensions, LookML).
 * The views of compile.ts are built from these fragments, every surface reads those views (or calls these
 * fragments), and docs/definitions.md is generated from the same list, so a rule cannot be written twice.
 */

import { MONEY_LIMIT } from '../domain/kinds.js';
import { type Dialect, duckdbDialect } from '../store/dialect.js';
import { keyOf } from './customer-key.js';
import { DEFAULT_SETTINGS, type DefinitionSettings } from './settings.js';

/** What a declared definition applies to. */
export type DefinitionKind = 'order' | 'order line' | 'measure' | 'customer' | 'profile';

/** One business definition. */
export interface Definition {
  /** The name surfaces and docs use (snake_case, as its column in the views where it is one). */
  readonly name: string;
  readonly kind: DefinitionKind;
  /** One sentence a person can read. */
  readonly description: string;
  /** Where the definition can be read ready-made (a view and column), if anywhere. */
  readonly column?: string;
  /** True when the SQL depends on the settings (then only compile.ts, which has them, compiles it). */
  readonly usesSettings?: true;
  /** Joins the fragment needs beside the row `a` (their aliases start with `a`). */
  readonly joins?: (a: string) => string;
  /** The SQL fragment; `a` is the alias of the row (or relation) it reads, `d` the engine's dialect. */
  readonly sql: (a: string, s: DefinitionSettings, d: Dialect) => string;
}

// A status matches a list of stems when one of its words starts with one: any case, any separator,
// cancelled and canceled alike (stem `cancel`), `payment_failed` (stem `fail`). Stems are letters only
// (settings.ts), so they are safe inside the pattern.
const statusWords = (a: string, stems: readonly string[], d: Dialect) =>
  `coalesce(${d.regexpMatches(`lower(${a}.status)`, `'(^|[^a-z])(${stems.join('|')})'`)}, false)`;

/** An amount as an exact decimal of four places; one of MONEY_LIMIT or more is no money (and would not fit). */
export const exactMoney = (value: string): string =>
  `CAST(CASE WHEN abs(${value}) < ${MONEY_LIMIT} THEN ${value} END AS DECIMAL(38, 4))`;

// The exact sum of the amounts `value` of the rows where `where` holds, 0 when there are none.
const exactSum = (value: string, where: string) =>
  `coalesce(sum(${exactMoney(value)}) FILTER (WHERE ${where}), 0)`;

/**
 * A sum of money, exact whatever order the engine adds the rows in: each value is read as a decimal of four
 * places, summed exactly and returned as a double. A sum of doubles differs in its last digits with the order of
 * its rows (PostgreSQL's plans, DuckDB's threads), so the same profile could show 1832.56 or 1832.5599999999997
 * depending on how it was refreshed.
 */
export function moneySum(value: string, where: string): string {
  return `CAST(${exactSum(value, where)} AS DOUBLE)`;
}

/** {@link moneySum} over every row: 0 when there are none. */
export function moneyTotal(value: string): string {
  return `CAST(coalesce(sum(${exactMoney(value)}), 0) AS DOUBLE)`;
}

/** {@link moneySum} that stays NULL when no value was there to add (of the rows where `where` holds, if given). */
export function moneySumOrNull(value: string, where?: string): string {
  const filter = where === undefined ? '' : ` FILTER (WHERE ${where})`;
  return `CAST(sum(${exactMoney(value)})${filter} AS DOUBLE)`;
}

/** An order line's value: its total, else quantity × unit price less the line's discount; no quantity is one unit. */
export function lineValue(i: string): string {
  return `coalesce(${i}.line_total, coalesce(${i}.quantity, 1) * ${i}.unit_price - coalesce(${i}.discount, 0))`;
}

/**
 * The lines' value of each order that states no revenue, joined to the `orders` row `o` as `o_lines` (only those
 * orders' lines are summed, so a shop whose orders all carry revenue pays nothing for it). `orders` and `lines`
 * are the relations read (the tables, or one person's records).
 */
export function orderLinesJoin(o: string, orders = 'orders', lines = 'order_items'): string {
  return `LEFT JOIN (SELECT li.order_id, ${moneySumOrNull(lineValue('li'))} AS value FROM ${lines} li
    WHERE li.order_id IN (SELECT o_null.order_id FROM ${orders} o_null WHERE o_null.revenue IS NULL) GROUP BY 1) ${o}_lines
    ON ${o}_lines.order_id = ${o}.order_id`;
}

/** The value of an `orders` row `o` (with {@link orderLinesJoin}): its revenue, else the sum of its lines' values. */
export function orderValue(o: string): string {
  return `coalesce(${o}.revenue, ${o}_lines.value)`;
}

/** The profile identity resolution put the `orders` row `o` in, joined as `o_profile`. */
export function orderProfileJoin(o: string): string {
  return `LEFT JOIN record_profiles ${o}_profile ON ${o}_profile.record_table = 'orders' AND ${o}_profile.row_key = ${o}.row_key`;
}

/** True when an `orders` row `o` was placed (its status does not say it never became a sale). */
export function placedOrder(o: string, s: DefinitionSettings, d: Dialect = duckdbDialect): string {
  return `NOT ${statusWords(o, s.notPlacedStatuses, d)}`;
}

/** The last placed order in the data: the date "now" is for recency, tenure and activity. */
export const AS_OF = '(SELECT max(order_ts) FROM placed_orders)';

/** The declarations, in the order docs/definitions.md lists them. */
export const DEFINITIONS: readonly Definition[] = [
  {
    name: 'placed_order',
    usesSettings: true,
    kind: 'order',
    description:
      'An order counts unless a word of its status starts with one of the not-placed stems (cancelled, canceled, void, failed, test, fraud …, any case or separator; `clientele config set not-placed-statuses`).',
    column: 'order_facts.placed; the rows of placed_orders',
    sql: (o, s, d) => placedOrder(o, s, d),
  },
  {
    name: 'line_value',
    kind: 'order line',
    description:
      "An order line's value is its line total, else its quantity (one unit when missing) times its unit price less its discount.",
    sql: (i) => lineValue(i),
  },
  {
    name: 'order_value',
    kind: 'order',
    description:
      "An order's value is its revenue, else the sum of its lines' values; shipping and tax stay apart in shipping_cost and tax.",
    column: 'order_facts.revenue (the stated figure stays in stated_revenue)',
    joins: (o) => orderLinesJoin(o),
    sql: (o) => orderValue(o),
  },
  {
    name: 'customer_key',
    kind: 'order',
    description:
      'The customer of a record is the profile identity resolution put it in, else the customer_id the file gave.',
    column: 'order_facts.customer_key (for other records: customerKey() in src/semantics/customer-key.ts)',
    joins: (o) => orderProfileJoin(o),
    sql: (o) => keyOf(`${o}_profile.profile_id`, o),
  },
  {
    name: 'refund',
    kind: 'order',
    description: 'A refund is a placed order with a negative value (a credit note written as its own row).',
    column: 'order_facts.refund',
    sql: (o) => `(${o}.placed AND ${o}.revenue < 0)`,
  },
  {
    name: 'purchase',
    kind: 'order',
    description:
      'A purchase is a placed order whose value is known and not negative; the value models (RFM, CLV, churn) count purchases.',
    column: 'order_facts.purchase',
    sql: (o) => `(${o}.placed AND ${o}.revenue >= 0)`,
  },
  {
    name: 'returned_purchase',
    usesSettings: true,
    kind: 'order',
    description:
      'A returned purchase is a purchase whose status has a word starting with a returned stem (returned, refunded; `clientele config set returned-statuses`).',
    column: 'order_facts.returned',
    sql: (o, s, d) => `(${o}.purchase AND ${statusWords(o, s.returnedStatuses, d)})`,
  },
  {
    name: 'returned_value',
    kind: 'order',
    description:
      'The money an order gave back: the amount of a refund, the value of a returned purchase, else 0.',
    column: 'order_facts.returned_value',
    sql: (o) => `CASE WHEN ${o}.refund THEN -${o}.revenue WHEN ${o}.returned THEN ${o}.revenue ELSE 0 END`,
  },
  {
    name: 'orders',
    kind: 'measure',
    description: 'Orders are counted as placed orders.',
    sql: (o) => `count(*) FILTER (WHERE ${o}.placed)`,
  },
  {
    name: 'revenue',
    kind: 'measure',
    description:
      'Revenue, the figure every screen shows, is the sum of the values of placed orders (refunds written as negative rows reduce it).',
    sql: (o) => moneySum(`${o}.revenue`, `${o}.placed`),
  },
  {
    name: 'customer_revenue',
    kind: 'measure',
    description:
      'Customer revenue is the revenue of the placed orders whose customer is known; the rest (guest orders naming no one) counts in revenue only.',
    sql: (o) => moneySum(`${o}.revenue`, `${o}.placed AND ${o}.customer_key IS NOT NULL`),
  },
  {
    name: 'gross_revenue',
    kind: 'measure',
    description: 'Gross revenue is the sum of the values of purchases.',
    sql: (o) => moneySum(`${o}.revenue`, `${o}.purchase`),
  },
  {
    name: 'returns',
    kind: 'measure',
    description:
      'Returns are the sum of the returned values of placed orders (refunds and returned purchases).',
    sql: (o) => moneySum(`${o}.returned_value`, `${o}.placed`),
  },
  {
    name: 'net_revenue',
    kind: 'measure',
    description: 'Net revenue is gross revenue less returns.',
    sql: (o) =>
      `CAST(${exactSum(`${o}.revenue`, `${o}.purchase`)} - ${exactSum(`${o}.returned_value`, `${o}.placed`)} AS DOUBLE)`,
  },
  {
    name: 'first_order_at',
    kind: 'customer',
    description: "A customer's first order is the earliest time of their placed orders.",
    column: 'customer_facts.first_order_at',
    sql: (o) => `min(${o}.order_ts) FILTER (WHERE ${o}.placed)`,
  },
  {
    name: 'last_order_at',
    kind: 'customer',
    description: "A customer's last order is the latest time of their placed orders.",
    column: 'customer_facts.last_order_at',
    sql: (o) => `max(${o}.order_ts) FILTER (WHERE ${o}.placed)`,
  },
  {
    name: 'customer',
    kind: 'customer',
    description:
      'A customer is a person (a customer key: a profile, else a customer_id) with at least one placed order.',
    column: 'the rows of customer_facts',
    sql: (c) => `(${c}.orders > 0)`,
  },
  {
    name: 'prospect',
    kind: 'profile',
    description:
      'A prospect is a profile with no placed order (profiles.is_prospect says so, whatever a CRM file claimed).',
    column: 'profiles.is_prospect',
    sql: (p) => `(coalesce(${p}.orders, 0) = 0)`,
  },
  {
    name: 'tenure_days',
    kind: 'customer',
    description:
      "A customer's tenure is the days from their first order to the last placed order in the data.",
    column: 'customer_facts.tenure_days',
    sql: (c, _s, d) => d.dateDiff('day', `CAST(${c}.first_order_at AS DATE)`, `CAST(${AS_OF} AS DATE)`),
  },
  {
    name: 'days_since_last_order',
    kind: 'customer',
    description:
      "A customer's recency is the days from their last order to the last placed order in the data.",
    column: 'customer_facts.days_since_last_order',
    sql: (c, _s, d) => d.dateDiff('day', `CAST(${c}.last_order_at AS DATE)`, `CAST(${AS_OF} AS DATE)`),
  },
  {
    name: 'active_customer',
    usesSettings: true,
    kind: 'customer',
    description:
      'A customer is active when their last order falls within the active window (365 days unless `clientele config set active-window-days`) before the last placed order in the data.',
    column: 'customer_facts.active',
    sql: (c, s, d) =>
      `(CAST(${c}.last_order_at AS DATE) > CAST(${AS_OF} AS DATE) - ${d.days(s.activeWindowDays)})`,
  },
];

/** The definition named `name` (a programming error when there is none). */
export function definition(name: string): Definition {
  const d = DEFINITIONS.find((x) => x.name === name);
  if (!d) throw new Error(`no definition named ${name}`);
  return d;
}

/**
 * The SQL of a definition that reads only the views' columns (a measure over `placed_orders`, a customer or
 * profile figure), over alias `a`; the settings are already compiled into those columns.
 */
export function measure(name: string, a: string, dialect: Dialect = duckdbDialect): string {
  const d = definition(name);
  if (d.usesSettings) throw new Error(`definition ${name} depends on the settings; read it from ${d.column}`);
  return d.sql(a, DEFAULT_SETTINGS, dialect);
}

/** The SQL of the definition named `name` over alias `a`. */
export function defined(
  name: string,
  a: string,
  s: DefinitionSettings,
  dialect: Dialect = duckdbDialect,
): string {
  return definition(name).sql(a, s, dialect);
}
