/**
 * The assignment step of Lloyd's k-means over a range of fixed-size blocks of rows: each row gets its
 * nearest centre, and each block writes its own partial sums (inertia, rows that changed cluster, counts
 * and coordinate sums per cluster). Blocks are the same whatever the number of threads and are added up in
 * block order, so one thread and several give bit-identical results.
 */

/** Rows per block: small enough to split work evenly, large enough that the partials stay tiny. */
export const BLOCK_ROWS = 4096;

/** Doubles one block's partials take: inertia, changed, k counts, k × cols sums. */
export function blockStride(k: number, cols: number): number {
  return 2 + k + k * cols;
}

/** How many blocks `rows` rows make. */
export function blockCount(rows: number): number {
  return Math.ceil(rows / BLOCK_ROWS);
}

/** Everything the step works on; in the threaded path every array lives in a SharedArrayBuffer. */
export interface AssignBuffers {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Current cluster of each row (−1 before the first step). */
  readonly labels: Int32Array;
  /** k × cols centres, row after row. */
  readonly centres: Float64Array;
  /** blockCount × blockStride(k, cols) partial results. */
  readonly partials: Float64Array;
}

/** Runs the step on blocks [first, end) with the first `k` centres. */
export function assignBlocks(b: AssignBuffers, k: number, first: number, end: number): void {
  const { data, cols, labels, centres, partials } = b;
  const stride = blockStride(k, cols);
  for (let block = first; block < end; block++) {
    const out = block * stride;
    partials.fill(0, out, out + stride);
    const sums = out + 2 + k;
    const from = block * BLOCK_ROWS;
    const to = Math.min(b.rows, from + BLOCK_ROWS);
    let inertia = 0;
    let changed = 0;
    for (let r = from; r < to; r++) {
      const row = r * cols;
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const centre = c * cols;
        let s = 0;
        for (let j = 0; j < cols; j++) {
          const d = data[row + j]! - centres[centre + j]!;
          s += d * d;
        }
        if (s < bestDistance) {
          bestDistance = s;
          best = c;
        }
      }
      inertia += bestDistance;
      if (labels[r] !== best) {
        changed++;
        labels[r] = best;
      }
      partials[out + 2 + best]!++;
      const sum = sums + best * cols;
      for (let j = 0; j < cols; j++) partials[sum + j]! += data[row + j]!;
    }
    partials[out] = inertia;
    partials[out + 1] = changed;
  }
}

/** The step's totals over all blocks, added in block order. */
export interface StepTotals {
  inertia: number;
  changed: number;
  readonly counts: Float64Array;
  readonly sums: Float64Array;
}

/** Adds the partials of every block, in block order. */
export function reduceBlocks(b: AssignBuffers, k: number): StepTotals {
  const stride = blockStride(k, b.cols);
  const totals: StepTotals = {
    inertia: 0,
    changed: 0,
    counts: new Float64Array(k),
    sums: new Float64Array(k * b.cols),
  };
  const blocks = blockCount(b.rows);
  for (let block = 0; block < blocks; block++) {
    const out = block * stride;
    totals.inertia += b.partials[out]!;
    totals.changed += b.partials[out + 1]!;
    for (let c = 0; c < k; c++) totals.counts[c]! += b.partials[out + 2 + c]!;
    const sums = out + 2 + k;
    for (let j = 0; j < k * b.cols; j++) totals.sums[j]! += b.partials[sums + j]!;
  }
  return totals;
}
