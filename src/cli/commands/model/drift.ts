import type { Command } from 'commander';
import { warningLines } from '../../../warnings/index.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';

const pct = (x: number | null) => (x === null ? '?' : `${(x * 100).toFixed(1)} %`);

/** `clientele model drift [MODEL]`: population stability of a model's inputs and score between two runs. */
export function registerModelDrift(model: Command): void {
  model
    .command('drift [name]')
    .description(
      'how far the data moved since the previous run of a model (PSI: under 0.1 stable, 0.1–0.25 watch, 0.25+ drifted)',
    )
    .option(
      '--baseline <run>',
      'compare against this run instead of the previous one',
      parseCount('--baseline', 1),
    )
    .option('--retrain', 'when the model drifted, run it again with its default options')
    .option('--webhook <url>', 'also deliver a drift alert to this URL (through the outbox)')
    .option('--secret <secret>', "sign the webhook's body with this secret")
    .action(
      async (
        name: string | undefined,
        flags: { baseline?: number; retrain?: boolean; webhook?: string; secret?: string },
        command: Command,
      ) => {
        const { checkDrift } = await import('../../../housekeeping/index.js');
        const { checkHttpUrl } = await import('../../../outbox/index.js');
        const webhook = flags.webhook === undefined ? undefined : checkHttpUrl(flags.webhook, '--webhook');
        const { flushBeforeExit } = await import('../../../outbox/index.js');
        const result = await withWarehouse(command, async (db) => {
          const checked = await checkDrift(db, {
            ...(name !== undefined && { model: name }),
            ...(flags.baseline !== undefined && { baseline: flags.baseline }),
            ...(flags.retrain && { retrain: true }),
            ...(webhook !== undefined && { webhook }),
            ...(flags.secret !== undefined && { secret: flags.secret }),
          });
          // A drift alert's webhook is tried before the command ends; the outbox retries what did not arrive.
          if (checked.alert?.delivery) await flushBeforeExit(db);
          return checked;
        });
        const churn = result.calibration.churn;
        report(command, result, () =>
          [
            `${result.model}: run ${result.currentRun} against run ${result.baselineRun}: ${result.status}`,
            table(
              ['input', 'psi'],
              [
                ...result.features.map((f) => [f.name, f.psi.toFixed(3)]),
                [`score ${result.score.name ?? ''}`, result.score.psi?.toFixed(3) ?? ''],
              ],
            ),
            `score mean ${result.calibration.baselineMean ?? '?'} → ${result.calibration.currentMean ?? '?'}`,
            ...(churn
              ? [
                  `churn of run ${churn.run}'s ${churn.customers} customers, ${churn.daysSince ?? '?'} days on: predicted ${pct(churn.predicted)}, realised ${pct(churn.realised)}`,
                  table(
                    ['decile', 'customers', 'predicted', 'realised'],
                    churn.deciles.map((d) => [d.decile, d.customers, pct(d.predicted), pct(d.realised)]),
                  ),
                ]
              : []),
            ...(result.alert
              ? [
                  result.alert.raised
                    ? `alert raised: ${result.alert.message}`
                    : 'alert already raised for these runs',
                ]
              : []),
            ...(result.retrained ? [`retrained: run ${result.retrained.runId}`] : []),
            ...warningLines(result.warnings),
          ].join('\n'),
        );
      },
    );
}
