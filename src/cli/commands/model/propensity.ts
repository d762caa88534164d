import type { Command } from 'commander';
import type { PropensityResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { n, table } from '../../format.js';

/** `clientele model propensity`: open leads in the sales pipeline ranked by their chance to convert. */
export function registerModelPropensity(model: Command): void {
  model
    .command('propensity')
    .description(
      'rank the open leads of the sales notes by propensity to convert, learned from won and lost leads',
    )
    .option('--limit <n>', 'open leads to print', parseCount('--limit', 1), 20)
    .action(async (flags: { limit: number }, command: Command) => {
      const { runPropensity } = await import('../../../modeling/index.js');
      const result = await withWarehouse(command, (db) => runPropensity(db, { limit: flags.limit }));
      report(command, result, () => describePropensity(result));
    });
}

function describePropensity(r: PropensityResult): string {
  return [
    `run ${r.runId}: ${n(r.closedLeads)} closed leads (${n(r.won)} won), ${n(r.openLeads)} open; test AUC ${r.auc} on ${r.testRows}`,
    table(
      ['driver', 'importance', 'odds/sd', 'effect'],
      r.drivers.slice(0, 8).map((d) => [d.name, d.importance, d.oddsRatioPerSd, d.direction]),
    ),
    table(
      ['open lead', 'propensity', 'reasons'],
      r.top.map((p) => [p.customer, p.score, p.reasons.join('; ')]),
    ),
    ...warningLines(r.warnings),
  ].join('\n');
}
