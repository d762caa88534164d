import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { cliSpeaker } from '../lang.js';

/** `clientele anomalies`: fraud-like orders, customers and cards, each with its reason. */
export function registerAnomalies(program: Command): void {
  program
    .command('anomalies')
    .description(
      'unusual orders and customers: extreme values, cards shared by many customers, bursts of orders',
    )
    .option(
      '--threshold <z>',
      'robust z of log revenue from which an order or customer is extreme',
      Number,
      4,
    )
    .option('--card-customers <n>', 'customers on one card from which it is flagged', Number, 3)
    .option('--burst-orders <n>', 'orders by one customer within --burst-window that make a burst', Number, 3)
    .option('--burst-window <d>', 'window of a burst: 10m, 1h, 1d', '1h')
    .option('--limit <n>', 'rows per list', Number, 50)
    .option('--from <day>', 'first day (YYYY-MM-DD)')
    .option('--to <day>', 'last day, included (YYYY-MM-DD)')
    .action(async (o: Record<string, string | number | undefined>, command: Command) => {
      const s = cliSpeaker(command);
      const { anomalies } = await import('../../mining/index.js');
      const result = await withWarehouse(command, (db) => anomalies(db, o, s));
      const col = (
        ...names: ('order' | 'customer' | 'customers' | 'when' | 'revenue' | 'orders' | 'why' | 'card')[]
      ) => names.map((n) => s.t(`cli.col.${n}`));
      report(command, result, () =>
        [
          table(
            col('order', 'customer', 'when', 'revenue', 'why'),
            result.orders.map((r) => [r.orderId, r.customer, r.ts, r.revenue, r.reasons.join('; ')]),
          ),
          '',
          table(
            col('customer', 'orders', 'revenue', 'why'),
            result.customers.map((r) => [r.customer, r.orders, r.revenue, r.reasons.join('; ')]),
          ),
          '',
          table(
            col('card', 'customers', 'orders'),
            result.cards.map((c) => [c.cardHash, c.customers.join(' '), c.orders]),
          ),
        ].join('\n'),
      );
    });
}
