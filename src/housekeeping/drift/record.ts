/**
 * What a model run saw, kept for drift: a seeded sample (at most 5,000 values) of each customer fact the models
 * read (orders, revenue, net revenue, tenure, days since the last order, from `customer_facts`) and of each
 * numeric score the run wrote. Called by src/modeling/runs.ts after every run.
 */
import type { Warehouse } from '../../store/index.js';

export const FEATURES = ['orders', 'revenue', 'net_revenue', 'tenure_days', 'days_since_last_order'] as const;
const SAMPLE = 5000;

function sample(values: ArrayLike<number>): number[] {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) finite.push(values[i]!);
  if (finite.length <= SAMPLE) return finite;
  // Every k-th value: deterministic, and spread over the whole run.
  const step = finite.length / SAMPLE;
  return Array.from({ length: SAMPLE }, (_, i) => finite[Math.floor(i * step)]!);
}

export async function recordDistributions(
  db: Warehouse,
  runId: number,
  model: string,
  scores: readonly { name: string; values?: ArrayLike<number> }[],
): Promise<void> {
  const cols = await db.columns<Record<string, (number | bigint | null)[]>>(
    `SELECT ${FEATURES.map((f) => `CAST(${f} AS DOUBLE) AS ${f}`).join(', ')} FROM customer_facts ORDER BY customer_key`,
  );
  const rows: { role: string; name: string; values: number[] }[] = FEATURES.map((f) => ({
    role: 'feature',
    name: f,
    values: sample((cols[f] ?? []).map((v) => (v === null ? Number.NaN : Number(v)))),
  }));
  for (const s of scores) if (s.values) rows.push({ role: 'score', name: s.name, values: sample(s.values) });
  for (const r of rows) {
    const mean = r.values.length ? r.values.reduce((a, b) => a + b, 0) / r.values.length : null;
    await db.run(
      'INSERT INTO model_distributions (run_id, model, role, name, sample, mean) VALUES (?, ?, ?, ?, CAST(? AS DOUBLE[]), ?)',
      [runId, model, r.role, r.name, db.dialect.listInput(r.values), mean],
    );
  }
}
