import type { Command } from 'commander';
import { KIND_NAMES, KINDS } from '../../domain/kinds.js';
import type { Warehouse } from '../../store/index.js';
import { report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';

/** What a database holds: rows per kind, imports, rejects, and the headline figures. */
export interface StoreStatus {
  database: string;
  tables: Record<string, number>;
  imports: number;
  rejects: number;
  customers: number;
  prospects: number;
  orders: number;
  revenue: number;
  firstOrder: string | null;
  lastOrder: string | null;
  profiles: number;
}

/** Reads the figures `clientele status` and `clientele demo` show. */
export async function storeStatus(db: Warehouse, location: string): Promise<StoreStatus> {
  const counts = await db.all<Record<string, number>>(
    `SELECT ${KIND_NAMES.map((k) => `(SELECT count(*) FROM ${KINDS[k].table}) AS "${k}"`).join(', ')},
       (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM rejects) AS rejects`,
  );
  const [c] = counts;
  const [o] = await db.all<{
    customers: number;
    prospects: number;
    revenue: number | null;
    first: string | null;
    last: string | null;
  }>(
    `SELECT (SELECT count(*) FILTER (WHERE NOT coalesce(is_prospect, false)) FROM customers) AS customers,
       (SELECT count(*) FILTER (WHERE is_prospect) FROM customers) AS prospects,
       CAST(sum(revenue) AS DOUBLE) AS revenue,
       strftime(min(order_ts), '%Y-%m-%d') AS first, strftime(max(order_ts), '%Y-%m-%d') AS last
     FROM orders`,
  );
  const [p] = await db.all<{ n: number }>('SELECT count(DISTINCT profile_id) AS n FROM record_profiles');
  return {
    profiles: p?.n ?? 0,
    database: location,
    tables: Object.fromEntries(KIND_NAMES.map((k) => [k, c?.[k] ?? 0])),
    imports: c?.imports ?? 0,
    rejects: c?.rejects ?? 0,
    customers: o?.customers ?? 0,
    prospects: o?.prospects ?? 0,
    orders: c?.orders ?? 0,
    revenue: Math.round((o?.revenue ?? 0) * 100) / 100,
    firstOrder: o?.first ?? null,
    lastOrder: o?.last ?? null,
  };
}

/** Text for people of a status. */
export function describeStatus(s: StoreStatus): string {
  return [
    `database ${s.database}`,
    `${n(s.customers)} customers and ${n(s.prospects)} prospects; ${n(s.orders)} orders worth ${n(s.revenue)}` +
      (s.firstOrder ? ` from ${s.firstOrder} to ${s.lastOrder}` : ''),
    `${n(s.profiles)} profiles (one per person, after identity resolution)`,
    '',
    table(
      ['kind', 'rows'],
      Object.entries(s.tables).map(([k, v]) => [k, n(v)]),
    ),
    '',
    `${n(s.imports)} imports, ${n(s.rejects)} rejected rows kept (\`clientele rejects\`)`,
  ].join('\n');
}

/** `clientele status`. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('what the database holds: rows per kind, imports, rejects and headline figures')
    .action(async (_o: unknown, command: Command) => {
      const status = await withWarehouse(command, storeStatus);
      report(command, status, () => describeStatus(status));
    });
}
