import type { Command } from 'commander';
import type { SpendResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { type CliWords, cliSay, heads } from '../../lang.js';

/** `clientele model spend`: weekly marketing spend by channel, with lags, against sales. */
export function registerModelSpend(model: Command): void {
  model
    .command('spend')
    .description('regress weekly sales on weekly marketing spend by channel, with lags')
    .option('--lags <n>', 'weeks of lagged spend per channel', parseCount('--lags'), 2)
    .action(async (flags: { lags: number }, command: Command) => {
      const { runSpendRegression } = await import('../../../modeling/index.js');
      const result = await withWarehouse(command, (db) => runSpendRegression(db, { lags: flags.lags }));
      report(command, result, () => describeSpend(result, cliSay(command)));
    });
}

function describeSpend(r: SpendResult, w: CliWords): string {
  const { s, v } = w;
  return [
    s.t('cli.model.run', { run: r.runId }) +
      s.t('cli.model.spend.head', {
        weeks: r.n,
        first: w.day(r.firstWeek),
        last: w.day(r.lastWeek),
        channels: r.channels.length,
        lags: r.lags,
        r2: v(r.r2),
      }),
    table(
      heads(w, 'channel', 'returnPerSpend', 'spend'),
      r.returnPerSpend.map((c) => [c.channel, v(c.estimate), v(c.spend)]),
    ),
    ...warningLines(r.warnings, s),
  ].join('\n');
}
