import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele outbox [--json]` and `clientele outbox flush`: the durable delivery queue of webhooks and destinations. */
export function registerOutbox(program: Command): void {
  const outbox = program
    .command('outbox')
    .description('deliveries to webhooks and destinations: pending, delivered and dead letters')
    .action(async (_o: unknown, command: Command) => {
      const { outboxStatus } = await import('../../outbox/index.js');
      const status = await withWarehouse(command, (db) => outboxStatus(db), { current: false });
      report(command, status, () =>
        [
          `pending ${status.pending}, delivered ${status.delivered}, dead ${status.dead}${status.nextAt ? `; next due ${status.nextAt}` : ''}`,
          ...(status.deadLetters.length
            ? [
                '',
                'dead letters:',
                table(
                  ['id', 'origin', 'url', 'tries', 'last error'],
                  status.deadLetters.map((d) => [
                    d.id,
                    d.origin,
                    d.url,
                    String(d.attempts),
                    d.lastError ?? '',
                  ]),
                ),
              ]
            : []),
        ].join('\n'),
      );
    });
  outbox
    .command('flush')
    .description('deliver what is due now (failures are retried later with backoff)')
    .option('--budget <seconds>', 'stop starting deliveries after this many seconds', '30')
    .action(async (o: { budget: string }, command: Command) => {
      const { flushOutbox } = await import('../../outbox/index.js');
      const seconds = Number(o.budget);
      const result = await withWarehouse(
        command,
        (db) =>
          flushOutbox(db, { budgetMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000 }),
        { current: false },
      );
      report(
        command,
        result,
        () =>
          `delivered ${result.delivered}, to retry ${result.retried}, dead ${result.dead}; ${result.pending} pending`,
      );
    });
}
