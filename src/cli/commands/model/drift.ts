import type { Command } from 'commander';
import { warningLines } from '../../../warnings/index.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';

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
    .action(async (name: string | undefined, flags: { baseline?: number }, command: Command) => {
      const { modelDrift } = await import('../../../housekeeping/index.js');
      const result = await withWarehouse(command, (db) =>
        modelDrift(db, {
          ...(name !== undefined && { model: name }),
          ...(flags.baseline !== undefined && { baseline: flags.baseline }),
        }),
      );
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
          ...warningLines(result.warnings),
        ].join('\n'),
      );
    });
}
