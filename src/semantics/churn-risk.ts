/**
 * The one churn risk every screen, report and API answer shows (docs/definitions.md, "Churn risk").
 *
 * Headline: the purchase-rhythm model's `churn_risk` (1 − P(alive) by BG/NBD, `clientele model churn --alive`),
 * because it exists for every buyer without choosing a label or a lapse window, it carries its reasons
 * (at risk, overdue) and it is what the segment, report and persona figures count. Only when that model
 * has not run does the churn classifier's `churn_probability` stand in. A customer is at risk when the
 * figure is at least {@link AT_RISK}: more likely to have left than to stay.
 */

/** Scores that can be the churn risk, the preferred first. */
export const CHURN_RISK_SCORES = ['churn_risk', 'churn_probability'] as const;
export type ChurnRiskScore = (typeof CHURN_RISK_SCORES)[number];

/** A member is at risk when their churn risk is at least this (more likely to leave than stay). */
export const AT_RISK = 0.5;

/** Whether a churn risk counts as "at risk". */
export const isAtRisk = (risk: number): boolean => risk >= AT_RISK;

/** The headline churn risk among one customer's latest scores, or null when no churn model scored them. */
export function churnRiskOf<T extends { readonly score: string; readonly value: number | null }>(
  scores: readonly T[],
): (T & { readonly score: ChurnRiskScore; readonly value: number }) | null {
  for (const name of CHURN_RISK_SCORES) {
    const s = scores.find((x) => x.score === name);
    if (s && typeof s.value === 'number' && Number.isFinite(s.value))
      return s as T & { score: ChurnRiskScore; value: number };
  }
  return null;
}

/**
 * SQL: the churn risk of one customer from rows of `customer_scores` aliased `alias` that are already the
 * latest run per score, as an aggregate (use with GROUP BY the customer).
 */
export const churnRiskAggregateSql = (alias: string): string =>
  `coalesce(${CHURN_RISK_SCORES.map((s) => `max(${alias}.value) FILTER (WHERE ${alias}.score = ${SCORE_LITERAL[s]})`).join(', ')})`;

/** The scores' names as SQL literals: fixed names of ours, typed so that a new score needs its literal here. */
const SCORE_LITERAL: Record<ChurnRiskScore, string> = {
  churn_risk: "'churn_risk'",
  churn_probability: "'churn_probability'",
};

/**
 * SQL: `(customer_key, risk)` for every customer a churn model scored, from the latest run of each churn
 * score, by the rule above. A sub-query for a WITH or a JOIN.
 */
export const latestChurnRiskSql = (): string => `
  SELECT cs.customer_key, ${churnRiskAggregateSql('cs')} AS risk
  FROM customer_scores cs
  JOIN (SELECT score, max(run_id) AS run_id FROM customer_scores
        WHERE score IN (${CHURN_RISK_SCORES.map((s) => SCORE_LITERAL[s]).join(', ')}) GROUP BY score) l
    ON l.score = cs.score AND l.run_id = cs.run_id
  GROUP BY cs.customer_key`;
