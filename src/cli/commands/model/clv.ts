import type { Command } from 'commander';
import { CLV_DEFAULTS } from '../../../contracts/models.js';
import type { ClvResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { n, table } from '../../format.js';
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
      report(command, result, () => describeClv(result));
    });
}

function describeClv(r: ClvResult): string {
  const lines = [
    `run ${r.runId}: ${n(r.customers)} customers (${n(r.repeatCustomers)} repeat) to ${r.calibrationEnd}, unit ${r.unit}`,
    `BG/NBD       r ${r.bgnbd.r}  alpha ${r.bgnbd.alpha}  a ${r.bgnbd.a}  b ${r.bgnbd.b}  LL ${r.bgnbd.logLikelihood}`,
    `Gamma-Gamma  p ${r.gammaGamma.p}  q ${r.gammaGamma.q}  gamma ${r.gammaGamma.gamma}`,
    `CLV over ${r.horizonMonths} months: total ${r.clv.total}, mean ${r.clv.mean}, top decile ${r.clv.topDecileShare}`,
  ];
  if (r.paretoNbd) {
    const p = r.paretoNbd;
    lines.push(`Pareto/NBD   r ${p.r}  alpha ${p.alpha}  s ${p.s}  beta ${p.beta}  LL ${p.logLikelihood}`);
  }
  if (r.holdout?.sufficient) {
    lines.push(
      `holdout to ${r.observationEnd}: predicted ${r.holdout.predicted} vs actual ${r.holdout.actual} repeat purchases`,
      table(
        ['x', 'customers', 'predicted', 'actual'],
        r.holdout.byFrequency.map((g) => [g.x, g.customers, g.predicted, g.actual]),
      ),
    );
  } else if (r.holdout) {
    // A figure from a handful of purchases reads as a verdict on the fit; the warning below says why there is none.
    lines.push(
      `holdout to ${r.observationEnd}: too small to judge the fit (${r.holdout.actual} repeat purchases seen)`,
    );
  }
  lines.push(...warningLines(r.warnings));
  return lines.join('\n');
}
