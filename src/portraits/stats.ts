// The tests behind "distinguishing features". The tails come from src/analytics/stats; the formulas are
// the textbook ones, cited where they are used, so the unit tests can check them against hand values.
import type { Moments } from '../analytics/stats/two-sample.js';

export { benjaminiHochberg } from '../analytics/stats/multiple-testing.js';
export { type Moments, type TestResult, twoProportionZ, welchT } from '../analytics/stats/two-sample.js';

/**
 * Lift of a share or a mean in a group over the rest: group / rest. Null when the rest's value is 0 (or
 * missing) and the ratio has no meaning.
 */
export function lift(group: number, rest: number): number | null {
  if (!Number.isFinite(group) || !Number.isFinite(rest) || rest === 0) return null;
  return group / rest;
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
