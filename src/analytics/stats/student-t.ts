import betainc from '@stdlib/math-base-special-betainc';
import betaincinv from '@stdlib/math-base-special-betaincinv';
import { checkDegreesOfFreedom, checkOpenProbability } from './check.js';
import { normalQuantile, normalTwoSidedP } from './normal.js';

// P(|T| ≥ t) = I_{ν/(ν+t²)}(ν/2, 1/2) (Abramowitz & Stegun 26.7.1 with 26.5.27); the complementary
// form 1 − I_{t²/(ν+t²)}(1/2, ν/2) is used when the first argument is close to 1, to avoid cancellation.

/** Two-sided p-value of a Student t statistic with `df` degrees of freedom: P(|T| ≥ |t|). */
export function studentTTwoSidedP(t: number, df: number): number {
  checkDegreesOfFreedom(df);
  if (Number.isNaN(t)) throw new Error(`invalid t statistic: ${t}`);
  if (df === Number.POSITIVE_INFINITY) return normalTwoSidedP(t);
  const t2 = t * t;
  if (t2 === Number.POSITIVE_INFINITY) return 0;
  if (df > 2 * t2) return betainc(t2 / (df + t2), 0.5, df / 2, true, true);
  return betainc(df / (df + t2), df / 2, 0.5, true, false);
}

/** Student t cumulative distribution function P(T ≤ t). */
export function studentTCdf(t: number, df: number): number {
  const half = studentTTwoSidedP(t, df) / 2;
  return t < 0 ? half : 1 - half;
}

/** Student t quantile: the t with P(T ≤ t) = p, for 0 < p < 1. */
export function studentTQuantile(p: number, df: number): number {
  checkOpenProbability(p);
  checkDegreesOfFreedom(df);
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  if (p === 0.5) return 0;
  // Invert the two-sided tail: tail = I_x(ν/2, 1/2) with x = ν/(ν+t²), so t² = ν(1−x)/x.
  const tail = 2 * Math.min(p, 1 - p);
  // 1 − x comes from the mirrored upper inverse, I_{1−x}(1/2, ν/2) = 1 − tail, not from subtraction.
  const x = betaincinv(tail, df / 2, 0.5);
  const oneMinusX = betaincinv(tail, 0.5, df / 2, true);
  const magnitude = Math.sqrt((df * oneMinusX) / x);
  return p < 0.5 ? -magnitude : magnitude;
}
