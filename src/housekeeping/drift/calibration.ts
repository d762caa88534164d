/**
 * Realised against predicted churn: of the customers a churn run scored, the share who have since churned by
 * the active-customer definition (src/semantics: no placed order within the active window before the data's
 * last order), per decile of the predicted churn, beside the mean prediction of that decile. A model that
 * holds has the two close in every decile.
 */
import type { Warehouse } from '../../store/index.js';
import type { Warning } from '../../warnings/index.js';

/** The churn score each churn model writes (a probability of churning). */
export const CHURN_SCORES: Readonly<Record<string, string>> = {
  churn: 'churn_probability',
  'churn-alive': 'churn_risk',
};

/** One decile of the run's predicted churn (1: the lowest predictions). */
export interface CalibrationDecile {
  decile: number;
  customers: number;
  predicted: number;
  realised: number;
}

export interface ChurnCalibration {
  /** The run whose predictions are checked (the drift baseline: the run the model was trained on). */
  run: number;
  score: string;
  /** The last order in the data when the run was made, and now (ISO days), and the days between. */
  runAsOf: string | null;
  dataAsOf: string | null;
  daysSince: number | null;
  customers: number;
  predicted: number | null;
  realised: number | null;
  deciles: CalibrationDecile[];
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** The realised-against-predicted check of churn run `run` of `model`, or null for a model that is not churn. */
export async function churnCalibration(
  db: Warehouse,
  model: string,
  run: number,
  warnings: Warning[],
): Promise<ChurnCalibration | null> {
  const score = CHURN_SCORES[model];
  if (!score) return null;
  // Constant SQL with bound values: the run, the score name.
  const deciles = await db.all<{ decile: number; customers: number; predicted: number; realised: number }>(
    `WITH s AS (
       SELECT customer_key, value FROM customer_scores WHERE run_id = ? AND score = ? AND value IS NOT NULL),
     r AS (
       SELECT s.value, CASE WHEN coalesce(f.active, false) THEN 0 ELSE 1 END AS churned
       FROM s LEFT JOIN customer_facts f USING (customer_key)),
     d AS (SELECT *, ntile(10) OVER (ORDER BY value) AS decile FROM r)
     SELECT CAST(decile AS INTEGER) AS decile, CAST(count(*) AS INTEGER) AS customers,
       avg(value) AS predicted, avg(churned) AS realised
     FROM d GROUP BY decile ORDER BY decile`,
    [run, score],
  );
  const d = db.dialect;
  const [when] = await db.all<{ run_as_of: string | null; data_as_of: string | null; days: number | null }>(
    `SELECT ${d.formatTime('CAST(r.window_end AS DATE)', '%Y-%m-%d')} AS run_as_of,
       ${d.formatTime('CAST(m.last AS DATE)', '%Y-%m-%d')} AS data_as_of,
       CAST(${d.dateDiff('day', 'CAST(r.window_end AS DATE)', 'CAST(m.last AS DATE)')} AS INTEGER) AS days
     FROM model_runs r, (SELECT max(order_ts) AS last FROM placed_orders) m WHERE r.run_id = ?`,
    [run],
  );
  const customers = deciles.reduce((a, d) => a + d.customers, 0);
  const weighted = (k: 'predicted' | 'realised') =>
    customers ? round(deciles.reduce((a, d) => a + d[k] * d.customers, 0) / customers) : null;
  const daysSince = when?.days ?? null;
  if (customers < 100 || daysSince === null || daysSince < 30) {
    warnings.push({
      code: 'CLT_WARN_DRIFT_CALIBRATION_EARLY',
      message: `${customers} customers scored by run ${run}, ${daysSince ?? 'unknown'} days of orders since: realised churn is mostly the churn already visible at the run; check again after a few months of new orders`,
    });
  }
  return {
    run,
    score,
    runAsOf: when?.run_as_of ?? null,
    dataAsOf: when?.data_as_of ?? null,
    daysSince,
    customers,
    predicted: weighted('predicted'),
    realised: weighted('realised'),
    deciles: deciles.map((d) => ({
      decile: d.decile,
      customers: d.customers,
      predicted: round(d.predicted),
      realised: round(d.realised),
    })),
  };
}
