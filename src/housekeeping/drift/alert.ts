/**
 * A drifted model raises an alert: an entry in the alerts inbox (`clientele alerts inbox`, alert
 * `model-drift`), once per pair of runs compared, and, with a webhook, a delivery through the outbox in the
 * same transaction, as keyword alerts deliver (src/alerts). With `retrain`, the model is then run again on
 * today's data with its default options, so the next comparison starts from a current baseline.
 */
import { enqueue } from '../../outbox/index.js';
import type { Warehouse } from '../../store/index.js';
import type { DriftResult } from './drift.js';

/** The inbox's name for drift alerts. */
export const DRIFT_ALERT = 'model-drift';

export interface DriftAlert {
  /** Whether this comparison raised a new alert (false: raised before, or not drifted). */
  raised: boolean;
  key: string;
  message: string;
  /** The outbox delivery id when a webhook was given and the alert is new. */
  delivery: string | null;
}

/** The sentence of the alert. */
export function driftMessage(d: DriftResult): string {
  const moved = [...d.features.map((f) => ({ name: f.name, psi: f.psi }))]
    .concat(d.score.name && d.score.psi !== null ? [{ name: `score ${d.score.name}`, psi: d.score.psi }] : [])
    .filter((f) => f.psi >= d.thresholds.drifted)
    .sort((a, b) => b.psi - a.psi)
    .map((f) => `${f.name} (PSI ${f.psi.toFixed(2)})`);
  return `${d.model} drifted between run ${d.baselineRun} and run ${d.currentRun}: ${moved.join(', ') || 'the score moved'}; retrain it or check the data`;
}

/** Raises the drift alert of `d` when it is drifted (once per pair of runs); returns null when it is not. */
export async function raiseDriftAlert(
  db: Warehouse,
  d: DriftResult,
  options: { webhook?: string | undefined; secret?: string | undefined } = {},
): Promise<DriftAlert | null> {
  if (d.status !== 'drifted') return null;
  const key = `${d.model}:${d.baselineRun}:${d.currentRun}`;
  const message = driftMessage(d);
  const matched = d.features.filter((f) => f.psi >= d.thresholds.drifted).map((f) => f.name);
  return db.transaction(async (tx) => {
    const [seen] = await tx.all(
      'SELECT 1 FROM alert_hits WHERE alert = ? AND source = ? AND record_key = ?',
      [DRIFT_ALERT, 'drift', key],
    );
    if (seen) return { raised: false, key, message, delivery: null };
    await tx.run(
      `INSERT INTO alert_hits (alert, source, record_key, hit_at, record_at, profile_id, customer_id, text, matched)
       VALUES (?, 'drift', ?, current_timestamp, current_timestamp, NULL, NULL, ?, CAST(? AS JSON))`,
      [DRIFT_ALERT, key, message, JSON.stringify(matched)],
    );
    let delivery: string | null = null;
    if (options.webhook) {
      [delivery = null] = await enqueue(tx, [
        {
          origin: `alert:${DRIFT_ALERT}`,
          orderingKey: `alert:${DRIFT_ALERT}:${d.model}`,
          url: options.webhook,
          secret: options.secret ?? null,
          body: JSON.stringify({
            type: 'model.drifted',
            alert: DRIFT_ALERT,
            at: new Date().toISOString(),
            model: d.model,
            baselineRun: d.baselineRun,
            currentRun: d.currentRun,
            status: d.status,
            features: d.features,
            score: d.score,
            text: message,
          }),
        },
      ]);
    }
    return { raised: true, key, message, delivery };
  });
}
