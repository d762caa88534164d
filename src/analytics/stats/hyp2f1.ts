import hyp2f1 from '@stdlib/math-base-special-hyp2f1';

/**
 * Natural log of the Gauss hypergeometric function ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1,
 * where it is positive. The likelihoods of the buy-till-you-die models raise it to huge values for
 * heavy buyers (₂F₁ ≈ (1 − z)^(c−a−b) when a + b > c), so when the direct value overflows we use
 * Euler's transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z)
 * (Abramowitz & Stegun 15.3.3), whose remaining factor stays moderate.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new Error(`invalid hypergeometric argument: z = ${z}`);
  if (z === 0) return 0;
  const direct = hyp2f1(a, b, c, z);
  if (Number.isFinite(direct) && direct > 0) return Math.log(direct);
  const euler = hyp2f1(c - a, c - b, c, z);
  if (Number.isFinite(euler) && euler > 0) return (c - a - b) * Math.log1p(-z) + Math.log(euler);
  return seriesLog(a, b, c, z);
}

// Last resort: the defining series summed in log space, term ratio (a+k)(b+k)z / ((c+k)(k+1)).
function seriesLog(a: number, b: number, c: number, z: number): number {
  let logTerm = 0;
  let logSum = 0;
  for (let k = 0; k < 100_000; k++) {
    logTerm += Math.log(((a + k) * (b + k) * z) / ((c + k) * (k + 1)));
    const next = logSum + Math.log1p(Math.exp(logTerm - logSum));
    if (next - logSum < 1e-17 && logTerm < logSum - 40) return next;
    logSum = next;
  }
  return logSum;
}
