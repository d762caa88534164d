// The tests behind "distinguishing features". The tails come from src/analytics/stats; the formulas are
// the textbook ones, cited where they are used, so the unit tests can check them against hand values.
import { normalTwoSidedP } from '../analytics/stats/normal.js';
import { studentTTwoSidedP } from '../analytics/stats/student-t.js';

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

/**
 * Lift of a share or a mean in a group over the rest: group / rest. Null when the rest's value is 0 (or
 * missing) and the ratio has no meaning.
 */
export function lift(group: number, rest: number): number | null {
  if (!Number.isFinite(group) || !Number.isFinite(rest) || rest === 0) return null;
  return group / rest;
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values) for the false discovery rate (Benjamini & Hochberg 1995):
 * q₍ᵢ₎ = min over j ≥ i of m·p₍ⱼ₎ / j, capped at 1, returned in the input's order.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const [p, i] = order[rank - 1] as readonly [number, number];
    running = Math.min(running, (m * p) / rank);
    q[i] = running;
  }
  return q;
}

/** Cohen's h, the effect size of two proportions: 2·asin√p1 − 2·asin√p2 (Cohen 1988, §6.2). */
export function cohenH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/** Cohen's d with the pooled standard deviation of two samples (Cohen 1988, §2.2). */
export function cohenD(a: Moments, b: Moments): number {
  if (a.n + b.n <= 2) return 0;
  const pooled = Math.sqrt(((a.n - 1) * a.variance + (b.n - 1) * b.variance) / (a.n + b.n - 2));
  return pooled > 0 ? (a.mean - b.mean) / pooled : 0;
}

/** Rounds to `digits` significant digits for output; null for NaN and infinities. */
export function round(x: number | null | undefined, digits = 4): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return Number(x.toPrecision(digits));
}
