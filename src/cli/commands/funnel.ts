import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele funnel`: conversion and drop-off through ordered event steps. */
export function registerFunnel(program: Command): void {
  program
    .command('funnel')
    .description('conversion and drop-off through ordered steps within a window, with time between steps')
    .requiredOption('--steps <list>', "comma-separated event names, e.g. 'Product Viewed,Order Completed'")
    .option('--window <d>', 'time from the first step to the last: 30m, 24h, 7d, 2w', '7d')
    .option(
      '--by <column>',
      'device_type|os|browser|channel|utm_source|utm_medium|utm_campaign|country|acquisition_source|segment',
    )
    .option('--segment <name>', 'only the persons in a saved segment')
    .option('--from <day>', 'first day of events (YYYY-MM-DD)')
    .option('--to <day>', 'last day of events, included (YYYY-MM-DD)')
    .action(
      async (
        o: { steps: string; window: string; by?: string; from?: string; to?: string; segment?: string },
        command: Command,
      ) => {
        const { funnel } = await import('../../mining/index.js');
        const result = await withWarehouse(command, (db) => funnel(db, { ...o, steps: o.steps.split(',') }));
        report(command, result, () =>
          table(
            ['step', 'people', 'conversion', 'of previous', 'drop-off', 'median s from previous'],
            result.steps.map((s) => [
              s.step,
              s.count,
              s.conversion,
              s.stepConversion,
              s.dropOff,
              s.medianSecondsFromPrevious,
            ]),
          ),
        );
      },
    );
}
