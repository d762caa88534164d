import type { Command } from 'commander';
import type { AliveResult, ChurnResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { type CliWords, cliSay, heads } from '../../lang.js';
import { parseDay, parseList } from './options.js';

interface ChurnFlags {
  label?: string;
  lapsedDays?: number;
  timeColumn?: string;
  testFrom?: string;
  positive?: string;
  features?: string[];
  model: 'logistic' | 'gbt';
}

/** `clientele model churn`: a classifier on a churn label, or probability alive without one. */
export function registerModelChurn(model: Command): void {
  model
    .command('churn')
    .description(
      'with --label, train a churn classifier on the customers whose trait holds the label; without, score probability alive from purchases',
    )
    .option('--label <column>', 'trait holding the churn label (e.g. Churn)')
    .option(
      '--lapsed-days <n>',
      'without a label column: train on buyers, churned = no purchase in the last N days of the data',
      parseCount('--lapsed-days', 1),
    )
    .option('--positive <value>', 'label value meaning churned (e.g. Yes)')
    .option(
      '--features <a,b,…>',
      'features to use (default: every trait and metric but the label and identifiers)',
      parseList,
    )
    .option('--model <kind>', 'logistic or gbt', 'logistic')
    .option(
      '--time-column <column>',
      'hold out the latest customers by this date column instead of a random part',
    )
    .option(
      '--test-from <day>',
      'with --time-column, the first day of the test part (default: the latest 30 %)',
      parseDay('--test-from'),
    )
    .action(async (flags: ChurnFlags, command: Command) => {
      const { runAliveChurn, runChurn } = await import('../../../modeling/index.js');
      if (flags.label === undefined && flags.lapsedDays === undefined) {
        const result = await withWarehouse(command, (db) => runAliveChurn(db));
        report(command, result, () => describeAlive(result, cliSay(command)));
        return;
      }
      const result = await withWarehouse(command, (db) =>
        runChurn(db, {
          ...(flags.label !== undefined && { label: flags.label }),
          ...(flags.lapsedDays !== undefined && { lapsedDays: flags.lapsedDays }),
          ...(flags.timeColumn !== undefined && { timeColumn: flags.timeColumn }),
          ...(flags.testFrom !== undefined && { testFrom: flags.testFrom }),
          model: flags.model,
          ...(flags.positive !== undefined && { positive: flags.positive }),
          ...(flags.features !== undefined && { features: flags.features }),
        }),
      );
      report(command, result, () => describeChurn(result, cliSay(command)));
    });
}

function describeChurn(r: ChurnResult, w: CliWords): string {
  const { s, n, v } = w;
  return [
    s.t('cli.model.run', { run: r.runId }) +
      s.t('cli.model.churn.head', {
        model: r.model,
        label: r.label,
        positive: r.positive,
        train: n(r.trainRows),
        test: n(r.testRows),
      }),
    s.t('cli.model.churn.fit', {
      auc: v(r.auc),
      prAuc: v(r.prAuc),
      lift: v(r.topDecileLift),
      base: v(r.baseRate),
    }),
    table(
      heads(w, 'driver', 'importance', 'oddsPerSd', 'effect'),
      r.drivers
        .slice(0, 10)
        .map((d) => [d.name, v(d.importance), v(d.oddsRatioPerSd), effect(w, d.direction)]),
    ),
    ...warningLines(r.warnings, s),
  ].join('\n');
}

function describeAlive(r: AliveResult, w: CliWords): string {
  const { s, n, v } = w;
  return [
    s.t('cli.model.run', { run: r.runId }) +
      s.t('cli.model.alive.head', {
        customers: s.t('cli.customers', { n: r.customers }),
        asOf: w.day(r.asOf),
        r: v(r.bgnbd.r),
        alpha: v(r.bgnbd.alpha),
        a: v(r.bgnbd.a),
        b: v(r.bgnbd.b),
      }),
    s.t('cli.model.alive.risk', {
      alive: v(r.meanProbabilityAlive),
      threshold: v(r.threshold),
      atRisk: n(r.atRisk),
      overdue: n(r.overdue),
    }),
    ...warningLines(r.warnings, s),
  ].join('\n');
}

/** A driver's direction in words. */
export function effect(w: CliWords, direction: 'raises' | 'lowers' | null): string {
  return direction === null ? '' : w.s.t(`cli.model.effect.${direction}`);
}
