/** Per-feature bin edges and the binned design, column-major, one byte a value. */
export interface Binning {
  /** edges[j][b] is the largest raw value in bin b of feature j: a value v falls in the first bin with v ≤ edge. */
  readonly edges: readonly Float64Array[];
  readonly codes: Uint8Array;
  readonly n: number;
  readonly p: number;
}

/** At most this many bins per feature (one byte a code). */
export const MAX_BINS = 255;

/**
 * Bins each feature like scikit-learn's HistGradientBoosting `_BinMapper`: with at most `maxBins` distinct
 * values, one bin per value (edges at midpoints); otherwise edges at evenly spaced quantiles of the values
 * of an even stride of at most 200,000 rows.
 */
export function fitBinning(x: Float64Array, n: number, p: number, maxBins = MAX_BINS): Binning {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS)
    throw new Error(`invalid maxBins: ${maxBins}`);
  const stride = Math.max(1, Math.ceil(n / 200000));
  const edges: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const sample: number[] = [];
    for (let i = 0; i < n; i += stride) sample.push(x[i * p + j]!);
    const sorted = Float64Array.from(sample).sort();
    const distinct: number[] = [];
    for (let k = 0; k < sorted.length; k++)
      if (k === 0 || sorted[k] !== sorted[k - 1]) distinct.push(sorted[k]!);
    let e: number[];
    if (distinct.length <= maxBins) {
      e = distinct.slice(0, -1).map((v, k) => (v + distinct[k + 1]!) / 2);
    } else {
      e = [];
      for (let b = 1; b < maxBins; b++) {
        const h = ((sorted.length - 1) * b) / maxBins;
        const lo = Math.floor(h);
        const v = sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!);
        if (e.length === 0 || v > e[e.length - 1]!) e.push(v);
      }
    }
    e.push(Number.POSITIVE_INFINITY);
    edges.push(Float64Array.from(e));
  }
  return { edges, codes: applyBinning(edges, x, n, p), n, p };
}

/** Bin codes of a row-major design under fitted edges, column-major. */
export function applyBinning(
  edges: readonly Float64Array[],
  x: Float64Array,
  n: number,
  p: number,
): Uint8Array {
  const codes = new Uint8Array(n * p);
  for (let j = 0; j < p; j++) {
    const e = edges[j]!;
    const top = e.length - 1;
    for (let i = 0; i < n; i++) {
      const v = x[i * p + j]!;
      let lo = 0;
      let hi = top;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= e[mid]!) hi = mid;
        else lo = mid + 1;
      }
      codes[j * n + i] = lo;
    }
  }
  return codes;
}
