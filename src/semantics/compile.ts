/**
 * Compiles the declarations of definitions.ts, with the database's settings, into three views every
 * surface reads: `order_facts` (every order with its value and what it counts as), `placed_orders`
 * (the orders that count) and `customer_facts` (one row per customer).
 */
import { createHash } from 'node:crypto';
import { type Dialect, duckdbDialect } from '../store/dialect.js';
import type { Fragment } from '../store/sql.js';
import type { Warehouse } from '../store/warehouse.js';
import { defined, definition, orderLinesJoin } from './definitions.js';
import { type DefinitionSettings, readSettings } from './settings.js';

// The order facts over `from` (orders aliased `o`, with the joins the definitions read as `o_lines` and
// `o_profile`), in `dialect`; `orderColumns` (the `orders` table's columns, in order) is needed where the
// engine cannot replace a column inside `*` (PostgreSQL).
function orderFactsOver(
  s: DefinitionSettings,
  from: string,
  dialect: Dialect = duckdbDialect,
  orderColumns: readonly string[] = [],
): string {
  const d = (name: string, a: string) => defined(name, a, s, dialect);
  return `
  WITH valued AS (
    SELECT ${dialect.replaceColumns('o', orderColumns, { revenue: d('order_value', 'o') })}, o.revenue AS stated_revenue,
      ${d('placed_order', 'o')} AS placed, ${d('customer_key', 'o')} AS customer_key
    FROM ${from}),
  counted AS (SELECT v.*, ${d('refund', 'v')} AS refund, ${d('purchase', 'v')} AS purchase FROM valued v),
  returned AS (SELECT c.*, ${d('returned_purchase', 'c')} AS returned FROM counted c)
  SELECT r.*, ${d('returned_value', 'r')} AS returned_value FROM returned r`;
}

/**
 * `order_facts` for one profile's orders without reading the whole view: `orders` and `lines` are relations
 * (the profile's copies, src/profiles/rows.ts) holding the profile's orders rows and at least every
 * order_items row of those orders; every one of those orders is in the profile `profileId`. Its rows are the
 * view's rows of those orders, with the same columns and values.
 */
export function profileOrderFactsSql(
  s: DefinitionSettings,
  orders: string,
  lines: string,
  profileId: number,
  dialect: Dialect = duckdbDialect,
  orderColumns: readonly string[] = [],
): Fragment {
  const from = `${orders} o
    ${orderLinesJoin('o', orders, lines)}
    LEFT JOIN (SELECT CAST(? AS BIGINT) AS profile_id) o_profile ON true`;
  return { text: orderFactsOver(s, from, dialect, orderColumns), params: [profileId] };
}

/**
 * The last placed order in the data (the definitions' "now", AS_OF) read from `orders` alone: the view's
 * joins neither add nor drop orders, so its maximum is the same, without joining every order's lines and
 * profile.
 */
export function asOfSql(s: DefinitionSettings, dialect: Dialect = duckdbDialect): string {
  return `SELECT max(o.order_ts) AS as_of FROM orders o WHERE ${defined('placed_order', 'o', s, dialect)}`;
}

/**
 * The SQL of the three views, for the settings `s`, in `dialect`; `orderColumns` (the `orders` table's columns,
 * in order) is needed where the engine cannot replace a column inside `*` (PostgreSQL).
 */
export function viewsSql(
  s: DefinitionSettings,
  dialect: Dialect = duckdbDialect,
  orderColumns: readonly string[] = [],
): { name: string; sql: string }[] {
  const d = (name: string, a: string) => defined(name, a, s, dialect);
  const orderFacts = orderFactsOver(
    s,
    `orders o ${definition('order_value').joins?.('o')} ${definition('customer_key').joins?.('o')}`,
    dialect,
    orderColumns,
  );
  const customerFacts = `
  WITH c AS (
    SELECT o.customer_key, ${d('orders', 'o')} AS orders, ${d('revenue', 'o')} AS revenue,
      ${d('gross_revenue', 'o')} AS gross_revenue, ${d('returns', 'o')} AS returns,
      ${d('net_revenue', 'o')} AS net_revenue,
      ${d('first_order_at', 'o')} AS first_order_at, ${d('last_order_at', 'o')} AS last_order_at
    FROM placed_orders o WHERE o.customer_key IS NOT NULL GROUP BY 1)
  SELECT c.*, ${d('tenure_days', 'c')} AS tenure_days, ${d('days_since_last_order', 'c')} AS days_since_last_order,
    ${d('active_customer', 'c')} AS active FROM c`;
  return [
    { name: 'order_facts', sql: orderFacts },
    { name: 'placed_orders', sql: 'SELECT * FROM order_facts WHERE placed' },
    { name: 'customer_facts', sql: customerFacts },
  ];
}

/** (Re)creates the views from the declarations and the stored settings; run after migrations and after `config set`. */
export async function compileDefinitions(db: Warehouse): Promise<DefinitionSettings> {
  const settings = await readSettings(db);
  if (db.dialect.name === 'duckdb') {
    await compileDuckDBViews(db, viewsSql(settings));
    return settings;
  }
  // PostgreSQL expands `*` when a view is made and refuses CREATE OR REPLACE that changes its columns: the
  // columns are listed, and the views dropped and made again in one transaction.
  const columns = await db.all<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'orders' ORDER BY ordinal_position`,
  );
  const views = viewsSql(
    settings,
    db.dialect,
    columns.map((c) => c.column_name),
  );
  await db.transaction(async (tx) => {
    await tx.run(
      `DROP VIEW IF EXISTS ${views
        .map((v) => v.name)
        .reverse()
        .join(', ')}`,
    );
    for (const v of views) await tx.run(`CREATE VIEW ${v.name} AS ${v.sql}`);
  });
  return settings;
}

/**
 * DuckDB: (re)creates only the views whose SQL or underlying tables changed. Every open compiles the views; were
 * they rewritten each time, every command (even `status`) would write the catalogue and pay a checkpoint when
 * it closes the file. Each view carries, as its comment, a fingerprint of its SQL and of every table's columns
 * (a view binds its columns when made, so a migration that changes a table makes it again).
 */
async function compileDuckDBViews(
  db: Warehouse,
  views: readonly { name: string; sql: string }[],
): Promise<void> {
  // duckdb_tables' `sql` (CREATE TABLE with every column and type), not duckdb_columns(), which binds every view.
  const [tables] = await db.all<{ columns: string | null }>(
    `SELECT string_agg(table_name || ' ' || sql, ';' ORDER BY table_name) AS columns
       FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main'`,
  );
  const stored = new Map(
    (
      await db.all<{ view_name: string; comment: string | null }>(
        "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'",
      )
    ).map((v) => [v.view_name, v.comment]),
  );
  let changed = false;
  for (const v of views) {
    const fingerprint = createHash('sha256')
      .update(`${v.sql}\u0000${tables?.columns ?? ''}`)
      .digest('hex');
    // A view made from a changed one is made again too (placed_orders reads order_facts).
    if (!changed && stored.get(v.name) === fingerprint) continue;
    changed = true;
    await db.run(`CREATE OR REPLACE VIEW ${v.name} AS ${v.sql}`);
    // COMMENT ON takes no bound parameter: the digest goes in as the dialect's literal.
    await db.run(`COMMENT ON VIEW ${v.name} IS ${db.dialect.literal(fingerprint)}`);
  }
}
