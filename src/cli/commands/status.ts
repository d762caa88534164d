import type { Command } from 'commander';
import { speaker } from '../../i18n/speak.js';
import { type StoreStatus, storeStatus } from '../../semantics/status.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { type CliWords, cliSay, cliWords } from '../lang.js';

export { type StoreStatus, storeStatus };

/** Text for people of a status, in the words' language (English by default, as `demo` prints it). */
export function describeStatus(st: StoreStatus, w: CliWords = cliWords(speaker('en'))): string {
  const { s, n } = w;
  return [
    s.t('cli.status.database', {
      database: st.database,
      engine: st.engine === 'postgresql' ? 'PostgreSQL' : 'DuckDB',
    }),
    s.t('cli.status.holds', {
      customers: s.t('cli.customers', { n: st.customers }),
      prospects: st.prospects,
      placed: st.placedOrders,
      revenue: n(st.revenue),
    }) +
      (st.firstOrder
        ? s.t('cli.status.span', { first: w.day(st.firstOrder), last: w.day(st.lastOrder) })
        : '') +
      (st.orders > st.placedOrders ? s.t('cli.status.notPlaced', { n: st.orders - st.placedOrders }) : ''),
    s.t('cli.status.revenue', { gross: n(st.grossRevenue), returns: n(st.returns), net: n(st.netRevenue) }),
    ...(st.unattributedOrders
      ? [
          s.t('cli.status.unattributed', {
            revenue: n(st.customerRevenue),
            n: st.unattributedOrders,
            worth: n(Math.round((st.revenue - st.customerRevenue) * 100) / 100),
          }),
        ]
      : []),
    s.t('cli.status.profiles', { profiles: s.t('cli.profiles', { n: st.profiles }) }),
    '',
    table(
      [s.t('cli.col.kind'), s.t('cli.col.rows')],
      Object.entries(st.tables).map(([k, v]) => [k, n(v)]),
    ),
    '',
    s.t('cli.status.imports', { imports: st.imports, rejects: st.rejects }),
  ].join('\n');
}

/** `clientele status`. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('what the database holds: rows per kind, imports, rejects and headline figures')
    .action(async (_o: unknown, command: Command) => {
      const status = await withWarehouse(command, storeStatus);
      report(command, status, () => describeStatus(status, cliSay(command)));
    });
}
