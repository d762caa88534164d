import gammainc from '@stdlib/math-base-special-gammainc';
import { checkDegreesOfFreedom } from './check.js';

/** Survival function of the χ² distribution with `k` degrees of freedom: P(X > x) = Q(k/2, x/2). */
export function chiSquareSf(x: number, k: number): number {
  checkDegreesOfFreedom(k);
  if (Number.isNaN(x)) throw new Error(`invalid chi-square statistic: ${x}`);
  if (x <= 0) return 1;
  return gammainc(x / 2, k / 2, true, true);
}
