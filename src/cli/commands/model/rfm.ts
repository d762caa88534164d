import type { Command } from 'commander';
import type { RfmResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { globals, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { type CliWords, cliSay, heads } from '../../lang.js';
import { parseDay } from './options.js';

/** `clientele model rfm`: recency, frequency and monetary quintiles and named tiers. */
export function registerModelRfm(model: Command): void {
  model
    .command('rfm')
    .description('score every buyer by recency, frequency and monetary quintiles and name their tier')
    .option('--as-of <day>', 'day recency is counted to (default: the last order day)', parseDay('--as-of'))
    .option(
      '--no-customers',
      'leave the per-customer scores out of the JSON (they are always stored in customer_scores)',
    )
    .action(async (flags: { asOf?: string; customers: boolean }, command: Command) => {
      const { runRfm } = await import('../../../modeling/index.js');
      const result = await withWarehouse(command, (db) =>
        runRfm(db, {
          ...(flags.asOf !== undefined && { asOf: flags.asOf }),
          perCustomer: flags.customers && globals(command).json === true,
        }),
      );
      report(command, result, () => describeRfm(result, cliSay(command)));
    });
}

function describeRfm(r: RfmResult, w: CliWords): string {
  const { s, n, v } = w;
  return [
    s.t('cli.model.run', { run: r.runId }) +
      s.t('cli.model.rfm.head', {
        customers: s.t('cli.customers', { n: r.customers }),
        asOf: w.day(r.asOf),
        once: n(r.oneTimeBuyers),
      }),
    table(
      heads(w, 'tier', 'customers', 'share', 'revenue', 'revenueShare'),
      r.tiers.map((t) => [
        s.t(`rfm.tier.${t.tier}`),
        v(t.customers),
        v(t.share),
        v(t.revenue),
        v(t.revenueShare),
      ]),
    ),
    ...warningLines(r.warnings, s),
  ].join('\n');
}
