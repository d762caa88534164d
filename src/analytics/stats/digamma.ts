/**
 * The digamma function ψ(x) = d/dx ln Γ(x), for the analytic gradients of the likelihoods.
 * Reflection for x < 0 (Abramowitz & Stegun 6.3.7), the recurrence ψ(x) = ψ(x+1) − 1/x up to
 * x ≥ 10, then the asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) (A&S 6.3.18), to 7 terms.
 */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x <= 0 && Number.isInteger(x)) return Number.NaN;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift -= 1 / y;
    y += 1;
  }
  const f = 1 / (y * y);
  const series =
    f *
    (-1 / 12 +
      f * (1 / 120 + f * (-1 / 252 + f * (1 / 240 + f * (-1 / 132 + f * (691 / 32760 + f * (-1 / 12)))))));
  return shift + Math.log(y) - 0.5 / y + series;
}
