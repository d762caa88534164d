import betainc from '@stdlib/math-base-special-betainc';

/**
 * The scan's test of one cell: is a group's share of its measure in a period above the share of a
 * reference (the rest of the data, or the rest of a parent group) in the same period? Both are counts in
 * units of effective size (Kish), x ~ Poisson(λ·n); under λ₁ = λ₂ the cell's count given the sum is
 * Binomial(t, n₁ / (n₁ + n₂)): the exact conditional test of two Poisson rates (Przyborowski & Wilenski
 * 1940), one-sided, with the mid-p (Lancaster 1961). The binomial tail is the regularized incomplete beta,
 * which also takes the non-whole counts effective sizes give.
 */
export interface RateTest {
  /** The cell's rate over the reference's: (x₁/n₁) / (x₂/n₂); null when the reference is empty. */
  readonly lift: number | null;
  /** One-sided mid-p of x₁ or more under equal rates. */
  readonly pValue: number;
  /** Normal approximation of the same test, for reading. */
  readonly z: number;
}

/** P(X ≥ k) for X ~ Binomial(t, π), k and t not necessarily whole. */
function upperTail(k: number, t: number, pi: number): number {
  if (k <= 0) return 1;
  if (k > t) return 0;
  return betainc(pi, k, t - k + 1);
}

/** Tests x₁ of n₁ against x₂ of n₂ (counts in effective units), one-sided: the cell's rate is higher. */
export function rateTest(x1: number, n1: number, x2: number, n2: number): RateTest | null {
  if (!(n1 > 0 && n2 > 0) || !(x1 >= 0 && x2 >= 0)) return null;
  const t = x1 + x2;
  const pi = n1 / (n1 + n2);
  if (!(t > 0)) return { lift: null, pValue: 1, z: 0 };
  const pValue = Math.min(1, midP(x1, t, pi));
  const z = (x1 - t * pi) / Math.sqrt(t * pi * (1 - pi));
  const lift = x2 > 0 ? x1 / n1 / (x2 / n2) : null;
  return { lift, pValue, z: Number.isFinite(z) ? z : 0 };
}

/** The one-sided mid-p of x₁ of t under Binomial(t, π). */
function midP(x1: number, t: number, pi: number): number {
  return 0.5 * (upperTail(x1, t, pi) + upperTail(x1 + 1, t, pi));
}

/**
 * The lower confidence bound of the rate ratio at level 1 − α: the mid-p bound of the binomial
 * proportion π = n₁ρ / (n₁ρ + n₂) (the π at which the cell's mid-p equals α, by bisection), turned back
 * into ρ. It is the bound the test inverts: a cell whose p is at most α has a bound of at least 1.
 */
export function rateRatioLower(x1: number, n1: number, x2: number, n2: number, alpha: number): number {
  if (!(x1 > 0) || !(n1 > 0 && n2 > 0) || !(alpha > 0 && alpha < 1)) return 0;
  const t = x1 + x2;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (midP(x1, t, mid) < alpha) lo = mid;
    else hi = mid;
  }
  const lower = (lo + hi) / 2;
  if (!(lower < 1)) return Number.POSITIVE_INFINITY;
  return (lower / (1 - lower)) * (n2 / n1);
}
