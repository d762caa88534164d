import type { Command } from 'commander';
import { warningLines } from '../../../warnings/index.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { cliSay, heads } from '../../lang.js';

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
        const w = cliSay(command);
        const { s, v } = w;
        const pct = (x: number | null) => (x === null ? '?' : `${s.fixed(x * 100, 1)} %`);
        const psi = (x: number | null | undefined) => (x === null || x === undefined ? '' : s.fixed(x, 3));
        report(command, result, () =>
          [
            s.t('cli.model.drift.head', {
              model: result.model,
              current: result.currentRun,
              baseline: result.baselineRun,
              status: s.t(`cli.model.drift.status.${result.status}`),
            }),
            table(
              [...heads(w, 'input'), 'psi'],
              [
                ...result.features.map((f) => [f.name, psi(f.psi)]),
                [s.t('cli.model.drift.score', { name: result.score.name ?? '' }), psi(result.score.psi)],
              ],
            ),
            s.t('cli.model.drift.mean', {
              baseline: result.calibration.baselineMean === null ? '?' : v(result.calibration.baselineMean),
              current: result.calibration.currentMean === null ? '?' : v(result.calibration.currentMean),
            }),
            ...(churn
              ? [
                  s.t('cli.model.drift.churn', {
                    run: churn.run,
                    customers: s.t('cli.customers', { n: churn.customers }),
                    days: churn.daysSince ?? '?',
                    predicted: pct(churn.predicted),
                    realised: pct(churn.realised),
                  }),
                  table(
                    heads(w, 'decile', 'customers', 'predicted', 'realised'),
                    churn.deciles.map((d) => [d.decile, v(d.customers), pct(d.predicted), pct(d.realised)]),
                  ),
                ]
              : []),
            ...(result.alert
              ? [
                  result.alert.raised
                    ? s.t('cli.model.drift.alert', { message: result.alert.message })
                    : s.t('cli.model.drift.alerted'),
                ]
              : []),
            ...(result.retrained ? [s.t('cli.model.drift.retrained', { run: result.retrained.runId })] : []),
            ...warningLines(result.warnings, s),
          ].join('\n'),
        );
      },
    );
}
