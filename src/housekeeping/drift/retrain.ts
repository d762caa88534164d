/**
 * Retraining a drifted model: the model runs again with its default options (as a schedule runs it), and the
 * new run is what the next drift check compares against.
 */
import type { Warehouse } from '../../store/index.js';

type Retrain = (db: Warehouse) => Promise<number>;

const RETRAIN: Readonly<Record<string, Retrain>> = {
  rfm: async (db) => (await (await import('../../modeling/index.js')).runRfm(db, {})).runId,
  value: async (db) => (await (await import('../../modeling/index.js')).runValue(db, {})).runId,
  clv: async (db) => (await (await import('../../modeling/index.js')).runClv(db, {})).runId,
  'churn-alive': async (db) => (await (await import('../../modeling/index.js')).runAliveChurn(db, {})).runId,
};

/** Whether `model` can be retrained without options a person chose (a classifier needs its label). */
export function canRetrain(model: string): boolean {
  return Object.hasOwn(RETRAIN, model);
}

/** Runs `model` again; returns the new run's id. */
export async function retrainModel(db: Warehouse, model: string): Promise<number> {
  const run = RETRAIN[model];
  if (!run) throw new Error(`no retraining for ${model}`);
  return run(db);
}
