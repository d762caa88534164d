import type { Command } from 'commander';
import type { PropensityResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { type CliWords, cliSay, heads } from '../../lang.js';
import { effect } from './churn.js';

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
      report(command, result, () => describePropensity(result, cliSay(command)));
    });
}

function describePropensity(r: PropensityResult, w: CliWords): string {
  const { s, n, v } = w;
  return [
    s.t('cli.model.run', { run: r.runId }) +
      s.t('cli.model.propensity.head', {
        closed: r.closedLeads,
        won: n(r.won),
        open: n(r.openLeads),
        auc: v(r.auc),
        test: v(r.testRows),
      }),
    table(
      heads(w, 'driver', 'importance', 'oddsPerSd', 'effect'),
      r.drivers
        .slice(0, 8)
        .map((d) => [d.name, v(d.importance), v(d.oddsRatioPerSd), effect(w, d.direction)]),
    ),
    table(
      heads(w, 'openLead', 'propensity', 'reasons'),
      r.top.map((p) => [p.customer, v(p.score), p.reasons.join('; ')]),
    ),
    ...warningLines(r.warnings, s),
  ].join('\n');
}
