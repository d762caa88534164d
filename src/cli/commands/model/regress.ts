import type { Command } from 'commander';
import type { RegressResult } from '../../../modeling/index.js';
import { METRICS } from '../../../modeling/metrics.js';
import { warningLines } from '../../../warnings/lines.js';
import { report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { parseList } from './options.js';

interface RegressFlags {
  y: string;
  x: string[];
  logit?: boolean;
  positive?: string;
}

/** `clientele model regress`: OLS or logit of one customer trait or metric on others. */
export function registerModelRegress(model: Command): void {
  model
    .command('regress')
    .description('regress a customer trait or metric on others (OLS, or logistic with --logit)')
    .requiredOption('--y <column>', 'the response: a trait (column or imported extra) or a metric')
    .requiredOption('--x <a,b,…>', 'the regressors, comma-separated; categories enter one-hot', parseList)
    .option('--logit', 'logistic regression of a two-valued response')
    .option('--positive <value>', 'with --logit, the response value that counts as 1')
    .addHelpText('after', `\nMetrics: ${METRICS.map((m) => m.name).join(', ')}`)
    .action(async (flags: RegressFlags, command: Command) => {
      const { runRegress } = await import('../../../modeling/index.js');
      const result = await withWarehouse(command, (db) =>
        runRegress(db, {
          y: flags.y,
          x: flags.x,
          ...(flags.logit && { logit: true }),
          ...(flags.positive !== undefined && { positive: flags.positive }),
        }),
      );
      report(command, result, () => describeRegress(result));
    });
}

function describeRegress(r: RegressResult): string {
  const fitLine =
    r.model === 'ols'
      ? `R² ${r.r2}, adjusted ${r.adjustedR2}, F p-value ${r.fPValue}`
      : `pseudo-R² ${r.pseudoR2}, log-likelihood ${r.logLikelihood}${r.separation ? ' (separated: Firth estimates)' : ''}`;
  return [
    `run ${r.runId}: ${r.model} of ${r.y} on ${r.n} customers (${r.dropped} left out for missing values); ${fitLine}`,
    table(
      ['', 'estimate', 'std error', 'p-value', `${r.level * 100} % interval`],
      r.coefficients.map((c) => [c.name, c.estimate, c.stdError, c.pValue, `${c.lower} … ${c.upper}`]),
    ),
    ...warningLines(r.warnings),
  ].join('\n');
}
