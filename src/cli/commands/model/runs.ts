import type { Command } from 'commander';
import type { ModelRun } from '../../../modeling/index.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';

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
      report(command, { runs }, () => describeRuns(runs));
    });
}

function describeRuns(runs: readonly ModelRun[]): string {
  if (runs.length === 0) return 'no model runs yet';
  return table(
    ['run', 'model', 'started', 'seconds', 'rows used', 'customers scored'],
    runs.map((r) => [r.runId, r.model, r.startedAt, r.seconds.toFixed(2), r.rowsUsed, r.customersScored]),
  );
}
