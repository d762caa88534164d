/**
 * Count, mean, sample variance and median of one numeric feature on both sides of a portrait, over typed
 * arrays: the values of every profile once, sorted, and a mask of side a. Many segments are summarized from
 * one read of the values (each segment is one more pass over the sorted values, not one more query).
 */

/** One side's summary of a feature; null when the side has no value. */
export interface SideMoments {
  readonly n: number;
  readonly mean: number;
  /** Sample variance (n − 1 in the denominator); null for a single value, as SQL's var_samp. */
  readonly variance: number | null;
  /** The middle value, or the mean of the two middle ones (SQL's median, interpolated). */
  readonly median: number;
}

/**
 * Summaries of `values[lo, hi)` (sorted ascending; `owner[i]` is the profile of value i) on side a (profiles
 * with `inA[owner] === 1`) and side b (the others).
 */
export function sideMoments(
  values: Float64Array,
  owner: Int32Array,
  inA: Uint8Array,
  lo: number,
  hi: number,
): { a: SideMoments | null; b: SideMoments | null } {
  let nA = 0;
  let nB = 0;
  let sumA = 0;
  let sumB = 0;
  for (let i = lo; i < hi; i++) {
    const x = values[i] as number;
    if (inA[owner[i] as number] === 1) {
      nA++;
      sumA += x;
    } else {
      nB++;
      sumB += x;
    }
  }
  const meanA = nA ? sumA / nA : 0;
  const meanB = nB ? sumB / nB : 0;
  // Second pass: squared deviations from the mean (stabler than sums of squares) and the middle ranks.
  let ssA = 0;
  let ssB = 0;
  let seenA = 0;
  let seenB = 0;
  const midA = middle(nA);
  const midB = middle(nB);
  let loA = Number.NaN;
  let hiA = Number.NaN;
  let loB = Number.NaN;
  let hiB = Number.NaN;
  for (let i = lo; i < hi; i++) {
    const x = values[i] as number;
    if (inA[owner[i] as number] === 1) {
      ssA += (x - meanA) * (x - meanA);
      if (seenA === midA[0]) loA = x;
      if (seenA === midA[1]) hiA = x;
      seenA++;
    } else {
      ssB += (x - meanB) * (x - meanB);
      if (seenB === midB[0]) loB = x;
      if (seenB === midB[1]) hiB = x;
      seenB++;
    }
  }
  const side = (n: number, mean: number, ss: number, low: number, high: number): SideMoments | null =>
    n === 0 ? null : { n, mean, variance: n > 1 ? ss / (n - 1) : null, median: low + (high - low) * 0.5 };
  return { a: side(nA, meanA, ssA, loA, hiA), b: side(nB, meanB, ssB, loB, hiB) };
}

// The 0-based ranks whose values make the median of n sorted values (the same rank twice when n is odd).
function middle(n: number): [number, number] {
  return n % 2 === 1 ? [(n - 1) / 2, (n - 1) / 2] : [n / 2 - 1, n / 2];
}
