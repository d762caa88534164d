/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007) in its greedy form, as scikit-learn runs it: each new
 * centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability proportional to the squared distance
 * to the nearest centre so far, "best" meaning the one that lowers the total of those distances most.
 */
import { type Matrix, squaredDistance } from './matrix.js';

/** k initial centres (k × cols, row after row) chosen among the rows of `m`. */
export function kmeansPlusPlus(m: Matrix, k: number, random: () => number): Float64Array {
  if (!Number.isInteger(k) || k < 1 || k > m.rows) throw new Error(`invalid k: ${k} for ${m.rows} rows`);
  const { data, rows, cols } = m;
  const centres = new Float64Array(k * cols);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.min(rows - 1, Math.floor(random() * rows));
  centres.set(data.subarray(first * cols, first * cols + cols), 0);
  const closest = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    closest[r] = squaredDistance(data, r, centres, 0, cols);
  }
  const cumulative = new Float64Array(rows);
  const candidate = new Float64Array(rows);
  const best = new Float64Array(rows);
  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let r = 0; r < rows; r++) {
      running += closest[r]!;
      cumulative[r] = running;
    }
    let bestPotential = Number.POSITIVE_INFINITY;
    let bestRow = 0;
    for (let t = 0; t < trials; t++) {
      const row = search(cumulative, random() * running);
      let p = 0;
      for (let r = 0; r < rows; r++) {
        const d = Math.min(closest[r]!, squaredDistance(data, r, data, row, cols));
        candidate[r] = d;
        p += d;
      }
      if (p < bestPotential) {
        bestPotential = p;
        bestRow = row;
        best.set(candidate);
      }
    }
    centres.set(data.subarray(bestRow * cols, bestRow * cols + cols), c * cols);
    closest.set(best);
  }
  return centres;
}

// The first index whose cumulative sum reaches `value` (numpy's searchsorted, side left), clipped to the rows.
function search(cumulative: Float64Array, value: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
