import betainc from '@stdlib/math-base-special-betainc';
import { checkDegreesOfFreedom } from './check.js';

// P(F > f) = I_{d2/(d2+d1·f)}(d2/2, d1/2) (Abramowitz & Stegun 26.6.2); the upper-tail form of the
// complementary argument keeps tiny p-values (regressions with huge F) from rounding to 0 early.

/** Survival function of the F distribution with (d1, d2) degrees of freedom: P(F > f). */
export function fisherFSf(f: number, d1: number, d2: number): number {
  checkDegreesOfFreedom(d1, 'numerator degrees of freedom');
  checkDegreesOfFreedom(d2, 'denominator degrees of freedom');
  if (Number.isNaN(f)) throw new Error(`invalid f statistic: ${f}`);
  if (f <= 0) return 1;
  if (f === Number.POSITIVE_INFINITY) return 0;
  const x = d2 / (d2 + d1 * f);
  if (x < 0.5) return betainc(x, d2 / 2, d1 / 2, true, false);
  return betainc((d1 * f) / (d2 + d1 * f), d1 / 2, d2 / 2, true, true);
}
