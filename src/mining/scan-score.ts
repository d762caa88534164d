import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import { normalSf } from '../analytics/stats/normal.js';

/**
 * Empirical-Bayes scoring of concentrations, after DuMouchel (1999), "Bayesian data mining in large
 * frequency tables" (the Gamma-Poisson Shrinker): a cell's count x is Poisson(λ·E) with E its expected
 * count and λ its lift; λ ~ Gamma(a, a), mean 1, with a fitted by maximum likelihood over every cell
 * scanned (the marginal of x is negative binomial). The posterior's lower quantile
 * (DuMouchel's EB05 at 95 %) ranks cells, so that a cell of three orders is shrunk to a lift near 1
 * while a strong pattern over thousands keeps nearly all of its lift.
 */

/** A cell in units of its group's effective size: observed and expected counts. */
export interface CellCount {
  readonly observed: number;
  readonly expected: number;
}

/** The a of the Gamma(a, a) prior of a lift: a large a says lifts differ little beyond chance. */
export interface LiftPrior {
  readonly a: number;
  /** The a that maximises the likelihood, before the clamp. */
  readonly fitted: number;
}

/** The range the prior's a is kept in (see fitPrior). */
export const PRIOR_RANGE = [0.25, 4] as const;

/** Log-likelihood of the prior Gamma(a, a) given cells (negative binomial marginals). */
export function priorLogLikelihood(a: number, cells: readonly CellCount[]): number {
  let ll = 0;
  const lga = gammaln(a);
  for (const { observed: x, expected: e } of cells) {
    if (!(e > 0)) continue;
    ll += gammaln(a + x) - lga - gammaln(x + 1) + a * Math.log(a / (a + e)) + x * Math.log(e / (a + e));
  }
  return ll;
}

/**
 * The prior's a by golden-section search of the log-likelihood over log a in [log 0.05, log 10⁴], then
 * clamped to PRIOR_RANGE. DuMouchel fits a mixture of two gammas because one gamma must describe noise
 * and signal at once: when nearly every cell is noise, the single-gamma fit sends a to infinity and
 * would shrink every cell to 1. The clamp keeps the scan able to report its strongest cells; the
 * fitted value is reported so that a reader sees when the data look like noise.
 */
export function fitPrior(cells: readonly CellCount[]): LiftPrior {
  if (cells.length === 0) return { a: 1, fitted: 1 };
  let lo = Math.log(0.05);
  let hi = Math.log(1e4);
  const g = (Math.sqrt(5) - 1) / 2;
  const f = (t: number) => -priorLogLikelihood(Math.exp(t), cells);
  let c = hi - g * (hi - lo);
  let d = lo + g * (hi - lo);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 80 && hi - lo > 1e-4; i++) {
    if (fc < fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - g * (hi - lo);
      fc = f(c);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + g * (hi - lo);
      fd = f(d);
    }
  }
  const fitted = Math.exp((lo + hi) / 2);
  return { a: Math.min(PRIOR_RANGE[1], Math.max(PRIOR_RANGE[0], fitted)), fitted };
}

/** The q-quantile of Gamma(shape, rate), by bisection on the regularized incomplete gamma function. */
export function gammaQuantile(q: number, shape: number, rate: number): number {
  if (!(q > 0 && q < 1) || !(shape > 0) || !(rate > 0)) return Number.NaN;
  let lo = 0;
  let hi = Math.max(1, shape / rate);
  while (gammainc(hi * rate, shape) < q) hi *= 2;
  for (let i = 0; i < 100 && hi - lo > 1e-10 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gammainc(mid * rate, shape) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** How surprising one cell is. */
export interface CellScore {
  readonly lift: number;
  /** Posterior mean of the lift, (a + x) / (a + E). */
  readonly shrunkLift: number;
  /** Lower credible bound of the lift at the chosen level (EB05 at 95 %). */
  readonly liftLower: number;
  /** (x − E) / √E, the Poisson z. */
  readonly z: number;
  /** One-sided normal p-value of z. */
  readonly pValue: number;
}

/** Scores a cell under the prior: the posterior of its lift is Gamma(a + x, a + E). */
export function scoreCell(cell: CellCount, prior: LiftPrior, level = 0.95): CellScore | null {
  const { observed: x, expected: e } = cell;
  const { a } = prior;
  if (!(e > 0) || !(x >= 0) || !(a > 0)) return null;
  const lower = gammaQuantile(1 - level, a + x, a + e);
  const z = (x - e) / Math.sqrt(e);
  if (!Number.isFinite(lower) || !Number.isFinite(z)) return null;
  return { lift: x / e, shrunkLift: (a + x) / (a + e), liftLower: lower, z, pValue: normalSf(z) };
}
