/**
 * What a database holds, counted by the business definitions (docs/definitions.md): the figures
 * `clientele status` and `clientele demo` show.
 */
import { KIND_NAMES, KINDS } from '../domain/kinds.js';
import { engineName } from '../store/engine.js';
import type { Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';
import { customerKeyJoin } from './customer-key.js';
import { measure } from './definitions.js';

const cents = (x: number | null | undefined) => Math.round((x ?? 0) * 100) / 100;

/** What a database holds: rows per kind, imports, rejects, and the headline figures. */
export interface StoreStatus {
  database: string;
  /** The engine holding the data: DuckDB in-process, or a PostgreSQL server (docs/scale.md). */
  engine: 'duckdb' | 'postgresql';
  tables: Record<string, number>;
  imports: number;
  rejects: number;
  customers: number;
  prospects: number;
  /** Rows of the orders table, whatever their status. */
  orders: number;
  /** Placed orders (docs/definitions.md) and the money measures over them. */
  placedOrders: number;
  revenue: number;
  /** The revenue of placed orders whose customer is known; the rest comes from orders naming no one. */
  customerRevenue: number;
  unattributedOrders: number;
  grossRevenue: number;
  returns: number;
  netRevenue: number;
  firstOrder: string | null;
  lastOrder: string | null;
  profiles: number;
}

/** Reads the figures `clientele status` and `clientele demo` show. */
export async function storeStatus(db: Warehouse, location: string): Promise<StoreStatus> {
  const counts = await db.all<Record<string, number>>(
    `SELECT ${KIND_NAMES.map((k) => `(SELECT count(*) FROM ${KINDS[k].table}) AS ${identifier(k).text}`).join(', ')},
       (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM rejects) AS rejects`,
  );
  const [c] = counts;
  // Customers, prospects and money by the business definitions (docs/definitions.md), as every surface counts them,
  // in one pass over the placed orders (the view is computed once, not once for each figure): customer_facts has
  // one row per customer key of a placed order (compile.ts), so its rows are counted here as those keys.
  const keyed = customerKeyJoin('customers', 'c');
  const [o] = await db.all<{
    customers: number;
    prospects: number;
    placed: number;
    revenue: number | null;
    customerRevenue: number | null;
    unattributed: number;
    gross: number | null;
    returns: number | null;
    first: string | null;
    last: string | null;
  }>(
    `WITH o AS MATERIALIZED (SELECT customer_key, placed, purchase, revenue, returned_value, order_ts FROM placed_orders)
     SELECT count(DISTINCT o.customer_key) AS customers,
       (SELECT count(*) FROM (SELECT ${keyed.key} AS k FROM customers c ${keyed.join} WHERE ${keyed.has}
          UNION SELECT CAST(profile_id AS VARCHAR) FROM profiles) p
        WHERE k NOT IN (SELECT customer_key FROM o WHERE customer_key IS NOT NULL)) AS prospects,
       ${measure('orders', 'o')} AS placed,
       CAST(${measure('revenue', 'o')} AS DOUBLE) AS revenue,
       CAST(${measure('customer_revenue', 'o')} AS DOUBLE) AS "customerRevenue",
       count(*) FILTER (WHERE o.customer_key IS NULL) AS unattributed,
       CAST(${measure('gross_revenue', 'o')} AS DOUBLE) AS gross,
       CAST(${measure('returns', 'o')} AS DOUBLE) AS returns,
       ${db.dialect.formatTime('min(order_ts)', '%Y-%m-%d')} AS first, ${db.dialect.formatTime('max(order_ts)', '%Y-%m-%d')} AS last
     FROM o`,
  );
  // Grouped, then counted: DuckDB groups an integer column by its known range, cheaper than count(DISTINCT).
  const [p] = await db.all<{ n: number }>(
    'SELECT count(*) AS n FROM (SELECT profile_id FROM record_profiles GROUP BY profile_id) r',
  );
  return {
    profiles: p?.n ?? 0,
    database: location,
    engine: engineName(db),
    tables: Object.fromEntries(KIND_NAMES.map((k) => [k, c?.[k] ?? 0])),
    imports: c?.imports ?? 0,
    rejects: c?.rejects ?? 0,
    customers: o?.customers ?? 0,
    prospects: o?.prospects ?? 0,
    orders: c?.orders ?? 0,
    placedOrders: o?.placed ?? 0,
    revenue: cents(o?.revenue),
    customerRevenue: cents(o?.customerRevenue),
    unattributedOrders: o?.unattributed ?? 0,
    grossRevenue: cents(o?.gross),
    returns: cents(o?.returns),
    netRevenue: cents((o?.gross ?? 0) - (o?.returns ?? 0)),
    firstOrder: o?.first ?? null,
    lastOrder: o?.last ?? null,
  };
}

/** How many stored profiles there are (0 before identity resolution has run). */
export async function profileCount(db: Warehouse): Promise<number> {
  const [p] = await db.all<{ n: number }>('SELECT count(*) AS n FROM profiles');
  return Number(p?.n ?? 0);
}
