// Two-sample tests: the formulas are the textbook ones, cited where they are used.
import { normalTwoSidedP } from './normal.js';
import { studentTTwoSidedP } from './student-t.js';

/** A test's statistic and two-sided p-value. */
export interface TestResult {
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * The pooled two-proportion z test of k1/n1 against k2/n2 (Agresti, Categorical Data Analysis, §3.1.1):
 * z = (p1 − p2) / √(p̄(1 − p̄)(1/n1 + 1/n2)). For a 2×2 table it equals the χ² test without continuity
 * correction (z² = χ²). z 0 and p 1 when a group is empty or the pool is all or nothing.
 */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): TestResult {
  if (n1 === 0 || n2 === 0) return { statistic: 0, pValue: 1 };
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { statistic: 0, pValue: 1 };
  const z = (k1 / n1 - k2 / n2) / se;
  return { statistic: z, pValue: normalTwoSidedP(z) };
}

/** Two samples summarized: size, mean and sample variance (n − 1 denominator). */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

/**
 * Welch's unequal-variance t test of two means (Welch 1947), with the Welch–Satterthwaite degrees of
 * freedom. p 1 when either sample has fewer than two values; p 0 when both are constant and differ.
 */
export function welchT(a: Moments, b: Moments): TestResult & { df: number } {
  if (a.n < 2 || b.n < 2) return { statistic: 0, pValue: 1, df: Number.NaN };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return { statistic: 0, pValue: a.mean === b.mean ? 1 : 0, df: Number.NaN };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = (a.mean - b.mean) / se;
  return { statistic: t, pValue: studentTTwoSidedP(t, df), df };
}
