import type { Command } from 'commander';
import type { ModelRun } from '../../../modeling/index.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { type CliWords, cliSay, heads } from '../../lang.js';

/** `clientele model runs`: the recorded model runs with their cards. */
export function registerModelRuns(model: Command): void {
  model
    .command('runs')
    .description('list the recorded model runs, newest first, with their model cards')
    .option(
      '--model <name>',
      'only runs of this model (rfm, value, clv, churn, churn-alive, regress, lookalike, propensity, spend)',
    )
    .option('--limit <n>', 'at most this many runs', parseCount('--limit', 1), 100)
    .action(async (flags: { model?: string; limit: number }, command: Command) => {
      const { listRuns } = await import('../../../modeling/index.js');
      const runs = await withWarehouse(command, (db) =>
        listRuns(db, { limit: flags.limit, ...(flags.model !== undefined && { model: flags.model }) }),
      );
      report(command, { runs }, () => describeRuns(runs, cliSay(command)));
    });
}

function describeRuns(runs: readonly ModelRun[], w: CliWords): string {
  if (runs.length === 0) return w.s.t('cli.model.runs.none');
  return table(
    heads(w, 'run', 'model', 'started', 'seconds', 'rowsUsed', 'customersScored'),
    runs.map((r) => [
      r.runId,
      r.model,
      r.startedAt,
      w.s.fixed(r.seconds, 2),
      w.v(r.rowsUsed),
      w.v(r.customersScored),
    ]),
  );
}
