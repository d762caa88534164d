/**
 * A drift check that acts: the comparison, then for a drifted model the alert (alert.ts) and, when asked,
 * retraining (retrain.ts). `clientele model drift` and the scheduled `drift` tasks run it.
 */
import type { Warehouse } from '../../store/index.js';
import { type DriftAlert, raiseDriftAlert } from './alert.js';
import { type DriftResult, modelDrift } from './drift.js';
import { canRetrain, retrainModel } from './retrain.js';

export interface DriftCheck extends DriftResult {
  /** The alert a drifted model raised (null when not drifted). */
  alert: DriftAlert | null;
  /** The new run when the drifted model was retrained. */
  retrained: { runId: number } | null;
}

export interface DriftCheckOptions {
  readonly model?: string;
  readonly baseline?: number;
  readonly retrain?: boolean;
  readonly webhook?: string;
  readonly secret?: string;
}

export async function checkDrift(db: Warehouse, options: DriftCheckOptions = {}): Promise<DriftCheck> {
  const drift = await modelDrift(db, {
    ...(options.model !== undefined && { model: options.model }),
    ...(options.baseline !== undefined && { baseline: options.baseline }),
  });
  const alert = await raiseDriftAlert(db, drift, { webhook: options.webhook, secret: options.secret });
  let retrained: { runId: number } | null = null;
  if (drift.status === 'drifted' && options.retrain) {
    if (canRetrain(drift.model)) retrained = { runId: await retrainModel(db, drift.model) };
    else
      drift.warnings.push({
        code: 'CLT_WARN_DRIFT_NO_RETRAIN',
        message: `${drift.model} needs the options a person chose (a label, features): run it again with them`,
      });
  }
  return { ...drift, alert, retrained };
}

/** The models with at least two recorded runs, the most recently run first. */
export async function modelsWithRuns(db: Warehouse): Promise<{ model: string; runs: number }[]> {
  const rows = await db.all<{ model: string; runs: number }>(
    `SELECT model, CAST(count(DISTINCT run_id) AS INTEGER) AS runs FROM model_distributions
     GROUP BY model ORDER BY max(run_id) DESC`,
  );
  return rows;
}

/** Checks every model with two runs or more (the scheduled `drift` task). */
export async function checkAllDrift(
  db: Warehouse,
  options: { retrain?: boolean } = {},
): Promise<DriftCheck[]> {
  const out: DriftCheck[] = [];
  for (const m of await modelsWithRuns(db)) {
    if (m.runs >= 2) out.push(await checkDrift(db, { model: m.model, retrain: options.retrain ?? false }));
  }
  return out;
}
