import type { AtStake } from '../contracts/reports.js';
import { AT_RISK, CHURN_RISK_SCORES, churnRiskAggregateSql } from '../semantics/churn-risk.js';
import { exactMoney, moneyTotal } from '../semantics/definitions.js';
import { join, param, raw, sql, type Warehouse } from '../store/index.js';

export { AT_RISK };

/**
 * Revenue at stake per segment: the current members whose latest churn risk (one definition:
 * src/semantics/churn-risk.ts) is at least {@link AT_RISK}, their
 * lifetime revenue and their predicted value. Segments whose members carry no churn score get zeros and
 * `scored: 0`, which the report states as "run a churn model".
 */
export async function revenueAtStake(
  db: Warehouse,
  segments: readonly string[],
): Promise<Map<string, AtStake>> {
  const out = new Map<string, AtStake>();
  if (!segments.length) return out;
  const q = sql`
    WITH latest AS (
      SELECT score, max(run_id) AS run_id FROM customer_scores
      WHERE score IN ('clv', ${join([...CHURN_RISK_SCORES].map(param), ', ')}) GROUP BY score
    ), scores AS (
      SELECT ${raw(db.dialect.tryBigint('cs.customer_key'))} AS profile_id,
        ${raw(churnRiskAggregateSql('cs'))} AS risk,
        max(cs.value) FILTER (WHERE cs.score = 'clv') AS clv
      FROM customer_scores cs JOIN latest l ON l.score = cs.score AND l.run_id = cs.run_id
      GROUP BY 1
    )
    SELECT m.segment AS segment,
      CAST(count(s.risk) AS INTEGER) AS scored,
      CAST(count(*) FILTER (WHERE s.risk >= ${param(AT_RISK)}) AS INTEGER) AS "atRisk",
      CAST(coalesce(sum(${raw(exactMoney('p.revenue'))}) FILTER (WHERE s.risk >= ${param(AT_RISK)}), 0) AS DOUBLE) AS revenue,
      CAST(sum(${raw(exactMoney('s.clv'))}) FILTER (WHERE s.risk >= ${param(AT_RISK)}) AS DOUBLE) AS clv,
      ${raw(moneyTotal('p.revenue'))} AS total
    FROM segment_membership m
    JOIN profiles p ON p.profile_id = m.profile_id
    LEFT JOIN scores s ON s.profile_id = m.profile_id
    WHERE m.exited_at IS NULL AND m.segment IN (${join(segments.map(param), ', ')})
    GROUP BY 1`;
  const rows = await db.all<{
    segment: string;
    scored: number;
    atRisk: number;
    revenue: number;
    clv: number | null;
    total: number;
  }>(q.text, q.params);
  for (const r of rows) {
    out.set(r.segment, {
      scored: r.scored,
      atRisk: r.atRisk,
      revenue: round2(r.revenue),
      clv: r.clv === null ? null : round2(r.clv),
      share: r.total > 0 && r.scored > 0 ? Math.round((r.revenue / r.total) * 10_000) / 10_000 : null,
    });
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** What a segment without members (or without scores) has at stake. */
export const NOTHING_AT_STAKE: AtStake = { scored: 0, atRisk: 0, revenue: 0, clv: null, share: null };
