import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { cliSpeaker } from '../lang.js';

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const numbers = (option: string) => (value: string) => {
  const out = list(value).map(Number);
  if (out.some((n) => !Number.isFinite(n)))
    throw new ClienteleError('CLT_ERR_ACTIVATION_INVALID', `${option} ${value}: comma-separated numbers`);
  return out;
};

const number = (option: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new ClienteleError('CLT_ERR_ACTIVATION_INVALID', `${option} ${value}: a number`);
  return n;
};

const days = (value: string) => {
  const m = /^(\d+)\s*d?$/.exec(value.trim());
  if (!m) throw new ClienteleError('CLT_ERR_ACTIVATION_INVALID', `--window ${value}: days, e.g. 30d`);
  return Number(m[1]);
};

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—');

/** `clientele experiments create|assign|members|report`. */
export function registerExperiments(program: Command): void {
  const experiments = program
    .command('experiments')
    .description('A/B tests within a segment: hash assignment, reports that match statsmodels');
  experiments
    .command('create')
    .description('split a segment into variants (the first is the control)')
    .argument('<name>')
    .requiredOption('--segment <segment>', 'the saved segment')
    .requiredOption('--variants <list>', 'control,offer[,…]', list)
    .option('--weights <list>', 'relative weights, e.g. 50,50', numbers('--weights'))
    .option('--holdout <pct>', 'per cent held out of every variant', number('--holdout'))
    .option('--start <date>', 'outcomes count from this date (default: now)')
    .action(
      async (
        name: string,
        o: { segment: string; variants: string[]; weights?: number[]; holdout?: number; start?: string },
        command: Command,
      ) => {
        const { createExperiment } = await import('../../experiments/index.js');
        const e = await withWarehouse(command, (db) => createExperiment(db, { name, ...o }));
        report(command, e, () =>
          cliSpeaker(command).t('cli.experiment.line', {
            name: e.name,
            segment: e.segment,
            variants: e.variants.join(' / '),
          }),
        );
      },
    );
  experiments
    .command('assign')
    .description("a person's variant")
    .argument('<name>')
    .requiredOption('--customer <id>', 'the customer id')
    .action(async (name: string, o: { customer: string }, command: Command) => {
      const { assignCustomer } = await import('../../experiments/index.js');
      const r = await withWarehouse(command, (db) => assignCustomer(db, name, o.customer));
      report(command, r, () =>
        cliSpeaker(command).t(r.member ? 'cli.experiment.assigned' : 'cli.experiment.notMember', {
          customer: o.customer,
          variant: r.variant,
        }),
      );
    });
  experiments
    .command('members')
    .description('who is in which variant since when')
    .argument('<name>')
    .action(async (name: string, _o: unknown, command: Command) => {
      const { experimentMembers } = await import('../../experiments/index.js');
      const rows = await withWarehouse(command, (db) => experimentMembers(db, name));
      report(command, rows, () =>
        table(
          ['customer', 'variant', 'assigned'],
          rows.map((r) => [r.customerId, r.variant, r.assignedAt]),
        ),
      );
    });
  experiments
    .command('report')
    .description('outcomes per variant and the tests against the control')
    .argument('<name>')
    .option('--metric <metric>', 'conversion, revenue, or an event name', 'conversion')
    .option('--window <days>', 'days after assignment that count, e.g. 30d', days, 30)
    .option('--min-effect <x>', 'relative effect the sample size is for', number('--min-effect'), 0.1)
    .action(
      async (name: string, o: { metric: string; window: number; minEffect: number }, command: Command) => {
        const { experimentReport } = await import('../../experiments/index.js');
        const r = await withWarehouse(command, (db) =>
          experimentReport(db, name, { metric: o.metric, windowDays: o.window, minimumEffect: o.minEffect }),
        );
        report(command, r, () =>
          [
            table(
              ['variant', 'n', 'conversions', 'rate', 'revenue', 'per member'],
              r.variants.map((v) => [
                v.name,
                v.n,
                v.conversions,
                pct(v.rate),
                v.revenue,
                v.revenuePerMember.toFixed(2),
              ]),
            ),
            ...r.comparisons.map(
              (c) =>
                `${c.variant} vs control: lift ${pct(c.lift)} (95 % ${pct(c.ci[0])} to ${pct(c.ci[1])}), p = ${c.pValue.toPrecision(3)} (${c.method})${c.probabilityToBeatControl === null ? '' : `, P(beats control) ${pct(c.probabilityToBeatControl)}`}`,
            ),
            r.sequential
              ? `sequential (mSPRT): always-valid p = ${r.sequential.alwaysValidP.toPrecision(3)}: ${r.sequential.decision}`
              : '',
            `members needed per variant for a ${pct(r.sampleSize.minimumEffect)} effect: ${r.sampleSize.perVariant}`,
            ...r.warnings.map((w) =>
              cliSpeaker(command).t('cli.warning', { message: w.message, code: w.code }),
            ),
          ]
            .filter(Boolean)
            .join('\n'),
        );
      },
    );
}
