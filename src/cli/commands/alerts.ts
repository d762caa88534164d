import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

const score = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_INVALID',
      `--sentiment-below ${value}: a number between -1 and 1`,
    );
  return n;
};

/** `clientele alerts create|list|delete|inbox`: keyword and social alerts. */
export function registerAlerts(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('keyword and social alerts on feedback, social posts and events, with webhooks');
  alerts
    .command('create')
    .description('watch arriving records for keywords or a social action')
    .argument('<name>')
    .option('--keywords <list>', 'comma-separated words or phrases (whole words and hashtags, any case)')
    .option('--on <action>', 'a social action: like, follow or share')
    .option('--source <source>', 'social, feedback, events or all (default: all; social with --on)')
    .option('--sentiment-below <x>', 'only texts whose sentiment is below x (-1 to 1)', score)
    .option('--segment <segment>', 'only people in this saved segment')
    .option('--webhook <url>', 'POST each hit here (through the outbox, retried)')
    .option('--secret <secret>', 'sign webhook bodies with HMAC-SHA256')
    .option('--no-fold', 'match diacritics exactly (zażółć is not zazolc)')
    .option('--backfill', 'also evaluate the records already stored')
    .action(
      async (
        name: string,
        o: {
          keywords?: string;
          on?: string;
          source?: string;
          sentimentBelow?: number;
          segment?: string;
          webhook?: string;
          secret?: string;
          fold: boolean;
          backfill?: boolean;
        },
        command: Command,
      ) => {
        const { createAlert, evaluateAlerts, getAlert } = await import('../../alerts/index.js');
        const { flushBeforeExit } = await import('../../outbox/index.js');
        const result = await withWarehouse(command, async (db) => {
          await createAlert(db, { name, ...o, foldDiacritics: o.fold });
          const [found] = o.backfill ? await evaluateAlerts(db, { names: [name], backfill: true }) : [];
          await flushBeforeExit(db);
          return { ...(await getAlert(db, name)), backfilled: found?.hits ?? 0 };
        });
        report(
          command,
          result,
          () =>
            `alert ${name} on ${result.source}: ${result.keywords ? result.keywords.join(', ') : result.on}${o.backfill ? `; ${result.backfilled} hits in stored records` : ''}`,
        );
      },
    );
  alerts
    .command('list')
    .description('list alerts with their hits')
    .action(async (_o: unknown, command: Command) => {
      const { listAlerts } = await import('../../alerts/index.js');
      const rows = await withWarehouse(command, (db) => listAlerts(db), { current: false });
      report(command, rows, () =>
        rows.length
          ? table(
              ['name', 'source', 'watching', 'segment', 'webhook', 'hits'],
              rows.map((r) => [
                r.name,
                r.source,
                r.keywords?.join(', ') ?? r.on,
                r.segment ?? '',
                r.webhook ?? '',
                r.hits,
              ]),
            )
          : 'no alerts',
      );
    });
  alerts
    .command('inbox')
    .description("an alert's hits (all alerts' without a name), newest first")
    .argument('[name]')
    .action(async (name: string | undefined, _o: unknown, command: Command) => {
      const { alertInbox, getAlert } = await import('../../alerts/index.js');
      const rows = await withWarehouse(
        command,
        async (db) => {
          if (name !== undefined) await getAlert(db, name);
          return alertInbox(db, name);
        },
        { current: false },
      );
      report(command, rows, () =>
        rows.length
          ? table(
              ['alert', 'at', 'source', 'customer', 'matched', 'text'],
              rows.map((r) => [
                r.alert,
                r.at,
                r.source,
                r.customerId ?? '',
                r.matched.join(', '),
                r.text.slice(0, 60),
              ]),
            )
          : 'no hits',
      );
    });
  alerts
    .command('delete')
    .description('delete an alert and its inbox')
    .argument('<name>')
    .action(async (name: string, _o: unknown, command: Command) => {
      const { deleteAlert } = await import('../../alerts/index.js');
      const r = await withWarehouse(command, (db) => deleteAlert(db, name), { current: false });
      report(command, r, () => `deleted alert ${name}`);
    });
}
