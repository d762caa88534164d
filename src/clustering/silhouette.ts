/**
 * The silhouette (Rousseeuw 1987) of a partition: for each point, a = mean distance to the other points of
 * its cluster, b = the smallest mean distance to another cluster's points, s = (b − a) / max(a, b); the
 * score is the mean s. A point alone in its cluster scores 0, as in scikit-learn.
 */
import type { Matrix } from './matrix.js';
import { mulberry32, sampleIndices } from './random.js';

/** Options of `silhouette`. */
export interface SilhouetteOptions {
  /** Score a seeded sample of this many points (distances among the sample only), as scikit-learn's `sample_size`. */
  readonly sampleSize?: number;
  readonly seed?: number;
}

/** The mean silhouette of `labels` (0 … k − 1) over the rows of `m`, on a sample when asked. */
export function silhouette(m: Matrix, labels: ArrayLike<number>, options: SilhouetteOptions = {}): number {
  if (labels.length !== m.rows) throw new Error(`invalid labels: ${labels.length} for ${m.rows} rows`);
  const size = Math.min(m.rows, options.sampleSize ?? m.rows);
  const index = sampleIndices(m.rows, size, mulberry32(options.seed ?? 0));
  let k = 0;
  for (const i of index) k = Math.max(k, labels[i]! + 1);
  if (k < 2) return 0;
  const counts = new Float64Array(k);
  for (const i of index) counts[labels[i]!]!++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let p = 0; p < size; p++) {
    const i = index[p]!;
    sums.fill(0);
    for (let q = 0; q < size; q++) {
      if (q === p) continue;
      const j = index[q]!;
      let s = 0;
      for (let c = 0; c < m.cols; c++) {
        const d = m.data[i * m.cols + c]! - m.data[j * m.cols + c]!;
        s += d * d;
      }
      sums[labels[j]!]! += Math.sqrt(s);
    }
    const own = labels[i]!;
    if (counts[own]! < 2) continue;
    const a = sums[own]! / (counts[own]! - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, sums[c]! / counts[c]!);
    const denominator = Math.max(a, b);
    if (denominator > 0 && Number.isFinite(b)) total += (b - a) / denominator;
  }
  return total / size;
}
