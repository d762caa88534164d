import type { Command } from 'commander';
import type { RfmResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { globals, report, withWarehouse } from '../../context.js';
import { n, table } from '../../format.js';
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
      report(command, result, () => describeRfm(result));
    });
}

function describeRfm(r: RfmResult): string {
  return [
    `run ${r.runId}: ${n(r.customers)} customers as of ${r.asOf} (${n(r.oneTimeBuyers)} bought once)`,
    table(
      ['tier', 'customers', 'share', 'revenue', 'revenue share'],
      r.tiers.map((t) => [t.tier, t.customers, t.share, t.revenue, t.revenueShare]),
    ),
    ...warningLines(r.warnings),
  ].join('\n');
}
