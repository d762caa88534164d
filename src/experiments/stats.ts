/**
 * The tests an experiment report runs, as pure functions over counts and samples. The frequentist two
 * match statsmodels (`proportions_ztest`, `ttest_ind(usevar='unequal')`) to 1e-9; the reference figures
 * are in test/fixtures/experiments/ with the script that made them.
 */
import betaln from '@stdlib/math-base-special-betaln';
import { normalQuantile, normalTwoSidedP } from '../analytics/stats/normal.js';
import { studentTTwoSidedP } from '../analytics/stats/student-t.js';

/** A test's statistic and two-sided p-value. */
export interface TestResult {
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * Two-proportion z-test with the pooled proportion under H0 (statsmodels `proportions_ztest([c1, c0],
 * [n1, n0])`): z = (p1 − p0) / √(p̄(1 − p̄)(1/n1 + 1/n0)).
 */
export function twoProportionZ(c1: number, n1: number, c0: number, n0: number): TestResult {
  const p1 = c1 / n1;
  const p0 = c0 / n0;
  const pooled = (c1 + c0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  if (!(se > 0)) return { statistic: Number.NaN, pValue: Number.NaN };
  const z = (p1 - p0) / se;
  return { statistic: z, pValue: normalTwoSidedP(z) };
}

function meanVar(x: ArrayLike<number>): { n: number; mean: number; variance: number } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  return { n, mean, variance: ss / (n - 1) };
}

/**
 * Welch's t-test (statsmodels `ttest_ind(x1, x0, usevar='unequal')`): unequal variances, the
 * Welch–Satterthwaite degrees of freedom. Returns NaN when a group has fewer than two values or no spread.
 */
export function welchT(x1: ArrayLike<number>, x0: ArrayLike<number>): TestResult & { readonly df: number } {
  const a = meanVar(x1);
  const b = meanVar(x0);
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (a.n < 2 || b.n < 2 || !(se > 0)) return { statistic: Number.NaN, pValue: Number.NaN, df: Number.NaN };
  const t = (a.mean - b.mean) / se;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return { statistic: t, pValue: studentTTwoSidedP(t, df), df };
}

/**
 * P(p_B > p_A) under independent Beta(1 + c, 1 + n − c) posteriors (uniform priors), exactly: the sum of
 * Evan Miller's closed form ("Formulas for Bayesian A/B testing", 2015) over the smaller of B's counts.
 */
export function probabilityToBeat(cB: number, nB: number, cA: number, nA: number): number {
  const aA = 1 + cA;
  const bA = 1 + nA - cA;
  const aB = 1 + cB;
  const bB = 1 + nB - cB;
  // P(B > A) = Σ_{i=0}^{aB−1} B(aA+i, bA+bB) / ((bB+i) B(1+i, bB) B(aA, bA)); by symmetry, sum over
  // whichever success count is smaller.
  if (aB > aA) return 1 - probabilityToBeat(cA, nA, cB, nB) - tieMass();
  let total = 0;
  for (let i = 0; i < aB; i++)
    total += Math.exp(betaln(aA + i, bA + bB) - Math.log(bB + i) - betaln(1 + i, bB) - betaln(aA, bA));
  return Math.min(1, Math.max(0, total));
}

// Continuous posteriors tie with probability zero.
const tieMass = () => 0;

/**
 * The mixture sequential probability ratio test for a difference of proportions (Johari, Pekelis &
 * Walsh 2017, "Always valid inference", eq. 11 with a normal mixture N(0, τ²) over the effect): with the
 * estimate θ̂ = p1 − p0 and its variance V, Λ = √(V/(V+τ²)) · exp(τ²θ̂² / (2V(V+τ²))). The always-valid
 * p-value is min(1, 1/Λ): it may be looked at after every observation without raising the error rate.
 */
export function msprt(
  c1: number,
  n1: number,
  c0: number,
  n0: number,
  tau: number,
): { likelihoodRatio: number; alwaysValidP: number } {
  const p1 = c1 / n1;
  const p0 = c0 / n0;
  return mixtureRatio(p1 - p0, (p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0, tau);
}

/** The same mixture ratio for any estimate `theta` with variance `variance` (a difference of means). */
export function mixtureRatio(
  theta: number,
  variance: number,
  tau: number,
): { likelihoodRatio: number; alwaysValidP: number } {
  if (!(variance > 0) || !(tau > 0)) return { likelihoodRatio: Number.NaN, alwaysValidP: Number.NaN };
  const t2 = tau * tau;
  const logL =
    0.5 * Math.log(variance / (variance + t2)) + (t2 * theta * theta) / (2 * variance * (variance + t2));
  return { likelihoodRatio: Math.exp(logL), alwaysValidP: Math.min(1, Math.exp(-logL)) };
}

/**
 * Members needed per variant to detect a change from `baseline` to `baseline·(1 + relativeEffect)` with a
 * two-sided test at `alpha` and the given power (Fleiss, Levin & Paik 2003, eq. 4.14 without continuity
 * correction).
 */
export function sampleSizePerVariant(
  baseline: number,
  relativeEffect: number,
  alpha = 0.05,
  power = 0.8,
): number {
  const p1 = baseline * (1 + relativeEffect);
  if (!(baseline > 0 && baseline < 1 && p1 > 0 && p1 < 1 && p1 !== baseline)) return Number.NaN;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const bar = (baseline + p1) / 2;
  const n =
    (za * Math.sqrt(2 * bar * (1 - bar)) + zb * Math.sqrt(baseline * (1 - baseline) + p1 * (1 - p1))) ** 2 /
    (p1 - baseline) ** 2;
  return Math.ceil(n);
}

/** The 95 % Wald interval of p1 − p0 (unpooled). */
export function differenceInterval(
  c1: number,
  n1: number,
  c0: number,
  n0: number,
  level = 0.95,
): [number, number] {
  const p1 = c1 / n1;
  const p0 = c0 / n0;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0);
  const z = normalQuantile(1 - (1 - level) / 2);
  return [p1 - p0 - z * se, p1 - p0 + z * se];
}
