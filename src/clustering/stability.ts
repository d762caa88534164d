/**
 * Stability by resampling (Ben-Hur, Elisseeff & Guyon 2002, in its bootstrap form): refit the same k on
 * bootstrap samples, label a fixed evaluation sample with each refit's centres, and measure the agreement
 * with the original partition by the adjusted Rand index. Near 1: the clusters are there in the data;
 * well below: k-means is cutting a continuum where the sample happens to fall.
 */
import { adjustedRandIndex } from './ari.js';
import { kmeans } from './kmeans.js';
import { type Matrix, takeRows } from './matrix.js';
import { bootstrapIndices, mulberry32, sampleIndices } from './random.js';

/** Options of `stability`. */
export interface StabilityOptions {
  /** Bootstrap refits (5 by default). */
  readonly resamples?: number;
  /** Rows in the evaluation sample and in each bootstrap sample (10 000 by default, at most all rows). */
  readonly sampleSize?: number;
  readonly seed?: number;
  readonly nInit?: number;
}

/** The agreement of refits with the original partition. */
export interface Stability {
  readonly resamples: number;
  readonly sampleSize: number;
  readonly meanAri: number;
  readonly minAri: number;
  readonly aris: readonly number[];
}

/** The nearest of the `k` centres for each row of `m`. */
export function nearestCentre(m: Matrix, centres: Float64Array, k: number): Int32Array {
  const out = new Int32Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < m.cols; j++) {
        const d = m.data[r * m.cols + j]! - centres[c * m.cols + j]!;
        s += d * d;
      }
      if (s < bestDistance) {
        bestDistance = s;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}

/** How stable the partition `labels` of `m` into `k` clusters is under bootstrap refits. */
export async function stability(
  m: Matrix,
  labels: Int32Array,
  k: number,
  options: StabilityOptions = {},
): Promise<Stability> {
  const random = mulberry32((options.seed ?? 0) ^ 0x5eed);
  const size = Math.min(m.rows, options.sampleSize ?? 10_000);
  const evaluation = sampleIndices(m.rows, size, random);
  const points = takeRows(m, evaluation);
  const reference = Array.from(evaluation, (i) => labels[i]!);
  const aris: number[] = [];
  for (let b = 0; b < (options.resamples ?? 5); b++) {
    const sample = takeRows(m, bootstrapIndices(m.rows, size, random));
    const fit = await kmeans(sample, {
      k,
      seed: (options.seed ?? 0) + 1000 + b,
      nInit: options.nInit ?? 1,
      threads: 1,
    });
    aris.push(adjustedRandIndex(reference, nearestCentre(points, fit.centres, k)));
  }
  const meanAri = aris.reduce((a, b) => a + b, 0) / Math.max(1, aris.length);
  return { resamples: aris.length, sampleSize: size, meanAri, minAri: Math.min(...aris), aris };
}
