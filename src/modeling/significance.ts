// Thin adapter over the tails in src/analytics/stats, whose index does not export them.
import { normalTwoSidedP } from '../analytics/stats/normal.js';
import { studentTTwoSidedP } from '../analytics/stats/student-t.js';

/**
 * Two-sided p-value of the difference of two proportions k1/n1 and k2/n2 by the pooled z test
 * (Agresti, Categorical Data Analysis, §3.1.1); 1 when either group is empty or the pool is 0 or 1.
 */
export function twoProportionP(k1: number, n1: number, k2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return 1;
  return normalTwoSidedP((k1 / n1 - k2 / n2) / se);
}

/** Two-sided p-value of Welch's t test of two means from their sizes, means and sample variances (Welch 1947). */
export function welchP(n1: number, m1: number, v1: number, n2: number, m2: number, v2: number): number {
  if (n1 < 2 || n2 < 2) return 1;
  const a = v1 / n1;
  const b = v2 / n2;
  const se = Math.sqrt(a + b);
  if (!(se > 0)) return m1 === m2 ? 1 : 0;
  const df = (a + b) ** 2 / (a ** 2 / (n1 - 1) + b ** 2 / (n2 - 1));
  return studentTTwoSidedP((m1 - m2) / se, df);
}
