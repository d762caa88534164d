/**
 * Distinctive terms by the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
 * "Fightin' Words", eqs. 16–22). For term w with counts y_i in the selection and y_j in the comparison,
 * α_w = a·π_w from the background (both together) shares π_w:
 *   δ_w = ln((y_iw+α_w)/(n_i+α_0−y_iw−α_w)) − ln((y_jw+α_w)/(n_j+α_0−y_jw−α_w)),
 *   σ²(δ_w) ≈ 1/(y_iw+α_w) + 1/(y_jw+α_w),  z_w = δ_w/σ.
 * The prior's total a is a tenth of the background's words, at least 100: it shrinks rare terms toward no
 * difference, which is what keeps a term used twice from topping the list.
 */

/** One term's counts. */
export interface TermCounts {
  readonly selection: number;
  readonly comparison: number;
}

/** δ and z of each term, in the order given. */
export function logOddsDirichlet(
  counts: readonly TermCounts[],
  options: { priorScale?: number } = {},
): { delta: Float64Array; z: Float64Array } {
  let ni = 0;
  let nj = 0;
  for (const c of counts) {
    ni += c.selection;
    nj += c.comparison;
  }
  const background = ni + nj;
  const a = options.priorScale ?? Math.max(100, background / 10);
  const delta = new Float64Array(counts.length);
  const z = new Float64Array(counts.length);
  if (background === 0) return { delta, z };
  counts.forEach((c, k) => {
    const alpha = (a * (c.selection + c.comparison)) / background;
    const oi = (c.selection + alpha) / (ni + a - c.selection - alpha);
    const oj = (c.comparison + alpha) / (nj + a - c.comparison - alpha);
    const d = Math.log(oi) - Math.log(oj);
    const variance = 1 / (c.selection + alpha) + 1 / (c.comparison + alpha);
    delta[k] = d;
    z[k] = d / Math.sqrt(variance);
  });
  return { delta, z };
}
