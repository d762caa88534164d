import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { cliSpeaker } from '../lang.js';

/** `clientele campaigns create|list|send`: e-mail campaigns to a segment over SMTP. */
export function registerCampaigns(program: Command): void {
  const campaigns = program
    .command('campaigns')
    .description('e-mail campaigns: a segment, a Liquid template, SMTP');
  campaigns
    .command('create')
    .description('save a campaign; unknown template variables are warned about (they render empty)')
    .argument('<name>')
    .requiredOption('--segment <segment>', 'the saved segment to send to')
    .requiredOption('--subject <text>', 'the subject line (Liquid)')
    .requiredOption('--template <file>', 'the body: a Liquid template of HTML')
    .option('--from <address>', 'the sender', 'Clientele <noreply@localhost>')
    .option('--smtp <url>', 'smtp://host:port (default: $CLIENTELE_SMTP or smtp://localhost:25)')
    .option('--cap <n/period>', 'at most N e-mails a person per period, e.g. 2/7d or 1/week')
    .option('--no-track', 'send without the open pixel and tracked links')
    .option(
      '--tracking-url <url>',
      "the server's public address opens and clicks come back to (default: $CLIENTELE_PUBLIC_URL)",
    )
    .action(
      async (
        name: string,
        o: {
          segment: string;
          subject: string;
          template: string;
          from?: string;
          smtp?: string;
          cap?: string;
          track: boolean;
          trackingUrl?: string;
        },
        command: Command,
      ) => {
        const { createCampaign } = await import('../../campaigns/index.js');
        const c = await withWarehouse(command, (db) => createCampaign(db, { name, ...o }));
        report(command, c, () =>
          [
            cliSpeaker(command).t('cli.campaign.line', { name: c.name, segment: c.segment }),
            ...c.warnings.map((w) =>
              cliSpeaker(command).t('cli.warning', { message: w.message, code: w.code }),
            ),
          ].join('\n'),
        );
      },
    );
  campaigns
    .command('list')
    .description('list campaigns')
    .action(async (_o: unknown, command: Command) => {
      const { listCampaigns } = await import('../../campaigns/index.js');
      const rows = await withWarehouse(command, (db) => listCampaigns(db), { current: false });
      report(command, rows, () =>
        rows.length
          ? table(
              ['name', 'segment', 'subject', 'cap'],
              rows.map((r) => [r.name, r.segment, r.subject, r.cap ?? '']),
            )
          : 'no campaigns',
      );
    });
  campaigns
    .command('send')
    .description('send to the segment now (or count with --dry-run); each send is recorded in messages')
    .argument('<name>')
    .option('--dry-run', 'count recipients and skips, send nothing')
    .action(async (name: string, o: { dryRun?: boolean }, command: Command) => {
      const { sendCampaign } = await import('../../campaigns/index.js');
      const r = await withWarehouse(command, (db) => sendCampaign(db, name, { dryRun: o.dryRun ?? false }));
      report(command, r, () =>
        [
          cliSpeaker(command).t(o.dryRun ? 'cli.campaign.wouldSend' : 'cli.campaign.sent', {
            n: o.dryRun ? r.recipients - Object.values(r.skipped).reduce((a, b) => a + b, 0) : r.sent,
            recipients: r.recipients,
            skipped: Object.entries(r.skipped)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
          }),
          ...r.warnings.map((w) =>
            cliSpeaker(command).t('cli.warning', { message: w.message, code: w.code }),
          ),
        ].join('\n'),
      );
    });
}
