import type { Command } from 'commander';
import type { SpendResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';

/** `clientele model spend`: weekly marketing spend by channel, with lags, against sales. */
export function registerModelSpend(model: Command): void {
  model
    .command('spend')
    .description('regress weekly sales on weekly marketing spend by channel, with lags')
    .option('--lags <n>', 'weeks of lagged spend per channel', parseCount('--lags'), 2)
    .action(async (flags: { lags: number }, command: Command) => {
      const { runSpendRegression } = await import('../../../modeling/index.js');
      const result = await withWarehouse(command, (db) => runSpendRegression(db, { lags: flags.lags }));
      report(command, result, () => describeSpend(result));
    });
}

function describeSpend(r: SpendResult): string {
  return [
    `run ${r.runId}: ${r.n} weeks (${r.firstWeek} to ${r.lastWeek}), ${r.channels.length} channels, ${r.lags} lags; R² ${r.r2}`,
    table(
      ['channel', 'revenue per unit of spend (sum of lags)', 'spend'],
      r.returnPerSpend.map((c) => [c.channel, c.estimate, c.spend]),
    ),
    ...warningLines(r.warnings),
  ].join('\n');
}
