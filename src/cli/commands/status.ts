import type { Command } from 'commander';
import { type StoreStatus, storeStatus } from '../../semantics/status.js';
import { report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';

export { type StoreStatus, storeStatus };

/** Text for people of a status. */
export function describeStatus(s: StoreStatus): string {
  return [
    `database ${s.database} (${s.engine === 'postgresql' ? 'PostgreSQL' : 'DuckDB'})`,
    `${n(s.customers)} customers and ${n(s.prospects)} prospects; ${n(s.placedOrders)} placed orders worth ${n(s.revenue)}` +
      (s.firstOrder ? ` from ${s.firstOrder} to ${s.lastOrder}` : '') +
      (s.orders > s.placedOrders ? ` (${n(s.orders - s.placedOrders)} more not placed)` : ''),
    `gross revenue ${n(s.grossRevenue)}, returns ${n(s.returns)}, net revenue ${n(s.netRevenue)} (docs/definitions.md)`,
    ...(s.unattributedOrders
      ? [
          `customer revenue ${n(s.customerRevenue)}: ${n(s.unattributedOrders)} placed orders worth ${n(Math.round((s.revenue - s.customerRevenue) * 100) / 100)} name no customer`,
        ]
      : []),
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
