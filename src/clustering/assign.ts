/**
 * The assignment step of Lloyd's k-means over a range of fixed-size blocks of rows: each row gets its
 * nearest centre, and each block keeps its own partial sums (inertia, rows that changed cluster, counts
 * and coordinate sums per cluster). Blocks are the same whatever the number of threads and are added up in
 * block order, so one thread and several give bit-identical results. The loop over the rows is generated
 * for the number of columns (assign-kernel.ts); this file holds its buffers and what runs between steps.
 *
 * Between exact steps, Hamerly's bounds (Hamerly 2010, "Making k-means even faster") skip most distance
 * computations: each row keeps an upper bound on the distance to its centre and one lower bound on the
 * distance to any other; by the triangle inequality a row whose bounds are far enough apart cannot have
 * changed cluster. The iterations and labels are Lloyd's; only the work is less. (Elkan's k lower bounds
 * per row measured fewer distances but read k times the memory every step, and were slower here.)
 */

/** Rows per block: small enough to split work evenly, large enough that the partials stay tiny. */
export const BLOCK_ROWS = 4096;

/**
 * Doubles one block's partials take: inertia, changed, k counts, k × cols sums. Counts and sums are kept
 * up to date from step to step (zeroed with the labels at the start of a fit); inertia and changed are
 * the last step's.
 */
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
  /**
   * Per row: an upper bound on the distance to its centre (stored minus that centre's drift) and a lower
   * bound on the distance to every other centre (stored plus `driftMax`), see `assignSource`.
   */
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  /** k × cols centres, row after row. */
  readonly centres: Float64Array;
  /** Per centre: half the distance to the nearest other centre, and how far it moved since the fit began. */
  readonly half: Float64Array;
  readonly drift: Float64Array;
  /** One value: the sum over steps of the largest movement of any centre. */
  readonly driftMax: Float64Array;
  /** blockCount × blockStride(k, cols) partial results. */
  readonly partials: Float64Array;
}

/** Sets, for the centres about to be used, their drift and half the distance from each to its nearest. */
export function prepareCentres(b: AssignBuffers, next: Float64Array, k: number, first: boolean): void {
  const { cols, centres, half, drift } = b;
  let largest = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += (next[c * cols + j]! - centres[c * cols + j]!) ** 2;
    drift[c] = first ? 0 : drift[c]! + Math.sqrt(s);
    largest = Math.max(largest, Math.sqrt(s));
  }
  b.driftMax[0] = first ? 0 : b.driftMax[0]! + largest;
  centres.set(next.subarray(0, k * cols));
  for (let c = 0; c < k; c++) {
    let nearest = Number.POSITIVE_INFINITY;
    for (let o = 0; o < k; o++) {
      if (o === c) continue;
      let s = 0;
      for (let j = 0; j < cols; j++) s += (centres[c * cols + j]! - centres[o * cols + j]!) ** 2;
      nearest = Math.min(nearest, s);
    }
    half[c] = Math.sqrt(nearest) / 2;
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
