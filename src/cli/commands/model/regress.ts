import type { Command } from 'commander';
import type { RegressResult } from '../../../modeling/index.js';
import { METRICS } from '../../../modeling/metrics.js';
import { warningLines } from '../../../warnings/lines.js';
import { report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { type CliWords, cliSay, heads } from '../../lang.js';
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
      report(command, result, () => describeRegress(result, cliSay(command)));
    });
}

function describeRegress(r: RegressResult, w: CliWords): string {
  const { s, v } = w;
  const fitLine =
    r.model === 'ols'
      ? s.t('cli.model.regress.ols', { r2: v(r.r2), adjusted: v(r.adjustedR2), p: v(r.fPValue) })
      : s.t('cli.model.regress.logit', { r2: v(r.pseudoR2), ll: v(r.logLikelihood) }) +
        (r.separation ? s.t('cli.model.regress.separated') : '');
  return [
    s.t('cli.model.run', { run: r.runId }) +
      s.t('cli.model.regress.head', { model: r.model, y: r.y, n: r.n, dropped: v(r.dropped), fit: fitLine }),
    table(
      [
        '',
        ...heads(w, 'estimate', 'stdError', 'pValue'),
        s.t('cli.col.interval', { level: Math.round(r.level * 1000) / 10 }),
      ],
      r.coefficients.map((c) => [
        c.name,
        v(c.estimate),
        v(c.stdError),
        v(c.pValue),
        `${v(c.lower)} … ${v(c.upper)}`,
      ]),
    ),
    ...warningLines(r.warnings, s),
  ].join('\n');
}
