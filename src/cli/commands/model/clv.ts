import type { Command } from 'commander';
import { CLV_DEFAULTS } from '../../../contracts/models.js';
import type { ClvResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { type CliWords, cliSay, heads } from '../../lang.js';
import { parseDay, parseNumber, parseUnit } from './options.js';

interface ClvFlags {
  calibrationEnd?: string;
  observationEnd?: string;
  unit: 'day' | 'week' | 'month';
  horizonMonths: number;
  discountRate: number;
  pareto?: boolean;
}

/** `clientele model clv`: BG/NBD + Gamma-Gamma lifetime value, with a holdout check. */
export function registerModelClv(model: Command): void {
  model
    .command('clv')
    .description('fit BG/NBD and Gamma-Gamma to the orders and score each customer’s lifetime value')
    .option(
      '--calibration-end <day>',
      'last day of the calibration period (default: the last purchase day)',
      parseDay('--calibration-end'),
    )
    .option(
      '--observation-end <day>',
      'last day of the holdout (default: the last purchase day)',
      parseDay('--observation-end'),
    )
    .option(
      '--unit <unit>',
      'time unit of the purchase model: day, week or month',
      parseUnit,
      CLV_DEFAULTS.unit,
    )
    .option(
      '--horizon-months <n>',
      'CLV horizon in months',
      parseCount('--horizon-months'),
      CLV_DEFAULTS.horizonMonths,
    )
    .option(
      '--discount-rate <rate>',
      'monthly discount rate',
      parseNumber('--discount-rate', 0, 0.99),
      CLV_DEFAULTS.discountRate,
    )
    .option('--pareto', 'also fit Pareto/NBD as a second purchase model and compare its holdout prediction')
    .action(async (flags: ClvFlags, command: Command) => {
      const { runClv } = await import('../../../modeling/index.js');
      const result = await withWarehouse(command, (db) =>
        runClv(db, {
          unit: flags.unit,
          horizonMonths: flags.horizonMonths,
          discountRate: flags.discountRate,
          ...(flags.pareto && { paretoNbd: true }),
          ...(flags.calibrationEnd !== undefined && { calibrationEnd: flags.calibrationEnd }),
          ...(flags.observationEnd !== undefined && { observationEnd: flags.observationEnd }),
        }),
      );
      report(command, result, () => describeClv(result, cliSay(command)));
    });
}

function describeClv(r: ClvResult, w: CliWords): string {
  const { s, n, v } = w;
  const lines = [
    s.t('cli.model.run', { run: r.runId }) +
      s.t('cli.model.clv.head', {
        customers: s.t('cli.customers', { n: r.customers }),
        repeat: n(r.repeatCustomers),
        end: w.day(r.calibrationEnd),
        unit: s.t(`cli.model.unit.${r.unit}`),
      }),
    s.t('cli.model.bgnbd', {
      r: v(r.bgnbd.r),
      alpha: v(r.bgnbd.alpha),
      a: v(r.bgnbd.a),
      b: v(r.bgnbd.b),
      ll: v(r.bgnbd.logLikelihood),
    }),
    s.t('cli.model.gammaGamma', { p: v(r.gammaGamma.p), q: v(r.gammaGamma.q), gamma: v(r.gammaGamma.gamma) }),
    s.t('cli.model.clv.value', {
      months: r.horizonMonths,
      total: v(r.clv.total),
      mean: v(r.clv.mean),
      top: v(r.clv.topDecileShare),
    }),
  ];
  if (r.paretoNbd) {
    const p = r.paretoNbd;
    lines.push(
      s.t('cli.model.pareto', {
        r: v(p.r),
        alpha: v(p.alpha),
        s: v(p.s),
        beta: v(p.beta),
        ll: v(p.logLikelihood),
      }),
    );
  }
  if (r.holdout?.sufficient) {
    lines.push(
      s.t('cli.model.clv.holdout', {
        end: w.day(r.observationEnd),
        predicted: v(r.holdout.predicted),
        actual: v(r.holdout.actual),
      }),
      table(
        ['x', ...heads(w, 'customers', 'predicted', 'actual')],
        r.holdout.byFrequency.map((g) => [g.x, v(g.customers), v(g.predicted), v(g.actual)]),
      ),
    );
  } else if (r.holdout) {
    // A figure from a handful of purchases reads as a verdict on the fit; the warning below says why there is none.
    lines.push(
      s.t('cli.model.clv.holdoutThin', { end: w.day(r.observationEnd), actual: v(r.holdout.actual) }),
    );
  }
  lines.push(...warningLines(r.warnings, s));
  return lines.join('\n');
}
