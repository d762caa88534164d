import type { Command } from 'commander';
import type { AliveResult, ChurnResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { n, table } from '../../format.js';
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
        report(command, result, () => describeAlive(result));
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
      report(command, result, () => describeChurn(result));
    });
}

function describeChurn(r: ChurnResult): string {
  return [
    `run ${r.runId}: ${r.model} on '${r.label}' = '${r.positive}', ${n(r.trainRows)} training and ${n(r.testRows)} test customers`,
    `test ROC AUC ${r.auc}, PR AUC ${r.prAuc}, top-decile lift ${r.topDecileLift}, base rate ${r.baseRate}`,
    table(
      ['driver', 'importance', 'odds/sd', 'effect'],
      r.drivers.slice(0, 10).map((d) => [d.name, d.importance, d.oddsRatioPerSd, d.direction]),
    ),
    ...warningLines(r.warnings),
  ].join('\n');
}

function describeAlive(r: AliveResult): string {
  return [
    `run ${r.runId}: ${n(r.customers)} customers to ${r.asOf}; BG/NBD r ${r.bgnbd.r} alpha ${r.bgnbd.alpha} a ${r.bgnbd.a} b ${r.bgnbd.b}`,
    `mean probability alive ${r.meanProbabilityAlive}; at risk (alive < ${r.threshold}) ${n(r.atRisk)}; overdue ${n(r.overdue)}`,
    ...warningLines(r.warnings),
  ].join('\n');
}
