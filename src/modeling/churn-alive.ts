import { bgNbdProbabilityAlive } from '../analytics/clv/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import type { Warning } from '../warnings/index.js';
import { cardWords } from './card.js';
import { purchaseFitWarnings } from './clv-checks.js';
import { finite, mean } from './columns.js';
import { loadHistories } from './histories.js';
import { fitPurchases } from './purchase-fit.js';
import { recordRun } from './runs.js';

/** What `clientele model churn --json` prints without --label. */
export interface AliveResult {
  readonly runId: number;
  readonly mode: 'non-contractual';
  readonly asOf: string;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly bgnbd: {
    r: number | null;
    alpha: number | null;
    a: number | null;
    b: number | null;
    logLikelihood: number | null;
  };
  readonly meanProbabilityAlive: number | null;
  /** Probability alive below which a customer counts as at risk. */
  readonly threshold: number;
  readonly atRisk: number;
  /** Repeat customers whose time since the last purchase exceeds twice their mean gap between purchases. */
  readonly overdue: number;
  /** Customers by probability alive: [0, 0.1), [0.1, 0.2), … [0.9, 1]. */
  readonly distribution: readonly number[];
  /** Few repeat customers or a fit that did not converge (see `CLV_LIMITS`). */
  readonly warnings: readonly Warning[];
}

// A customer is overdue when the silence since the last purchase is over OVERDUE times their usual gap.
const OVERDUE = 2;

/**
 * Churn without a label, for non-contractual buying: each customer's probability of still being
 * active by BG/NBD (Fader, Hardie & Lee 2008) fitted on all purchases to the last order day, and
 * whether they are overdue against their own rhythm. Writes p_alive and churn_risk = 1 − p_alive.
 */
export async function runAliveChurn(
  db: Warehouse,
  options: { threshold?: number } = {},
): Promise<AliveResult> {
  const startedAt = new Date();
  const threshold = options.threshold ?? 0.5;
  const h = await loadHistories(db, { unit: 'week' });
  const { bg, repeatCustomers } = fitPurchases(h);
  const alive = bgNbdProbabilityAlive(h, { params: bg.params });
  const warnings = purchaseFitWarnings(repeatCustomers, bg.converged);
  const risk = alive.map((p) => 1 - p);
  const labels: (string | null)[] = [];
  let atRisk = 0;
  let overdue = 0;
  const distribution = new Array<number>(10).fill(0);
  for (let i = 0; i < alive.length; i++) {
    const p = alive[i] ?? 0;
    const x = h.x[i] ?? 0;
    const gap = x > 0 ? (h.tx[i] ?? 0) / x : Number.NaN;
    const silence = (h.T[i] ?? 0) - (h.tx[i] ?? 0);
    const late = x > 0 && gap > 0 && silence > OVERDUE * gap;
    if (late) overdue++;
    if (p < threshold) atRisk++;
    const bin = Math.min(9, Math.floor(p * 10));
    distribution[bin] = (distribution[bin] ?? 0) + 1;
    labels.push(p < threshold ? (late ? 'at risk, overdue' : 'at risk') : late ? 'overdue' : null);
  }
  const result: Omit<AliveResult, 'runId'> = {
    mode: 'non-contractual',
    asOf: h.calibrationEnd,
    customers: h.x.length,
    repeatCustomers,
    bgnbd: {
      r: finite(bg.params.r),
      alpha: finite(bg.params.alpha),
      a: finite(bg.params.a),
      b: finite(bg.params.b),
      logLikelihood: finite(bg.logLikelihood, 10),
    },
    meanProbabilityAlive: finite(mean(alive) ?? Number.NaN, 4),
    threshold,
    atRisk,
    overdue,
    distribution,
    warnings,
  };
  const runId = await recordRun(db, {
    model: 'churn-alive',
    parameters: { threshold, overdueFactor: OVERDUE, unit: 'week' },
    metrics: { bgnbd: result.bgnbd, atRisk, overdue, meanProbabilityAlive: result.meanProbabilityAlive },
    card: {
      model: 'churn-alive',
      ...cardWords({
        title: phrase('modelCard.alive.title'),
        what: phrase('modelCard.alive.what', {
          calibrationEnd: h.calibrationEnd,
          threshold,
          overdue: OVERDUE,
        }),
        caveats: [phrase('modelCard.alive.noLabel')],
      }),
      data: {
        source: 'orders',
        windowStart: h.firstDay,
        windowEnd: h.calibrationEnd,
        rowsRead: h.orders.read,
        rowsUsed: h.orders.used,
        customers: h.x.length,
      },
      parameters: { threshold, overdueFactor: OVERDUE },
      quality: { logLikelihood: result.bgnbd.logLikelihood, converged: bg.converged ? 'yes' : 'no' },
      warnings,
      scores: ['p_alive', 'churn_risk'],
    },
    startedAt,
    customers: h.customers.map((c) => c ?? ''),
    scores: [
      { name: 'p_alive', values: alive },
      { name: 'churn_risk', values: risk, labels },
    ],
  });
  return { runId, ...result };
}
