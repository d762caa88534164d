/**
 * k-means by Lloyd's iterations from k-means++ centres, stopping as scikit-learn's KMeans does: when no row
 * changes cluster, or when the centres move (sum of squared shifts) no more than `tol` times the mean
 * variance of the columns. Empty clusters take the rows farthest from their centres, as there.
 */
import { kmeansPlusPlus } from './init.js';
import { checkMatrix, type Matrix, meanColumnVariance, squaredDistance } from './matrix.js';
import { type Assigner, createAssigner } from './pool.js';
import { mulberry32 } from './random.js';

/** Options of `kmeans`. */
export interface KMeansOptions {
  readonly k: number;
  /** Seeds the k-means++ draws (0 by default). */
  readonly seed?: number;
  /** Starting centres (k × cols, row after row) instead of k-means++; `nInit` is then 1. */
  readonly init?: Float64Array;
  /** Runs from this many k-means++ starts and keeps the lowest inertia (1 by default, as scikit-learn). */
  readonly nInit?: number;
  readonly maxIter?: number;
  /** Relative tolerance on the centres' movement (1e-4, as scikit-learn). */
  readonly tol?: number;
  /** Threads for the assignment step (default: the cores, one below 50 000 rows). */
  readonly threads?: number;
  /** An assigner already made for this matrix (saves starting threads for every fit). */
  readonly assigner?: Assigner;
}

/** A fitted k-means. */
export interface KMeansResult {
  readonly k: number;
  /** Cluster of each row, 0 … k − 1. */
  readonly labels: Int32Array;
  /** k × cols centres, row after row. */
  readonly centres: Float64Array;
  /** Rows in each cluster. */
  readonly sizes: number[];
  /** Sum of squared distances of the rows to their centres. */
  readonly inertia: number;
  readonly iterations: number;
  /** False when `maxIter` ended the iterations. */
  readonly converged: boolean;
  readonly threads: number;
}

/** Fits k-means to the rows of `m`. */
export async function kmeans(m: Matrix, options: KMeansOptions): Promise<KMeansResult> {
  checkMatrix(m);
  const { k } = options;
  if (!Number.isInteger(k) || k < 1 || k > m.rows) throw new Error(`invalid k: ${k} for ${m.rows} rows`);
  if (options.init && options.init.length !== k * m.cols) {
    throw new Error(`invalid init: ${options.init.length} values for ${k} × ${m.cols} centres`);
  }
  const assigner =
    options.assigner ??
    createAssigner(m, { maxK: k, ...(options.threads !== undefined && { threads: options.threads }) });
  try {
    const tol = (options.tol ?? 1e-4) * meanColumnVariance(m);
    const random = mulberry32(options.seed ?? 0);
    const starts = options.init ? 1 : Math.max(1, options.nInit ?? 1);
    let best: KMeansResult | undefined;
    for (let s = 0; s < starts; s++) {
      const init = options.init ? options.init.slice() : kmeansPlusPlus(m, k, random);
      const fit = await lloyd(m, k, init, options.maxIter ?? 300, tol, assigner);
      if (!best || fit.inertia < best.inertia) best = fit;
    }
    return best!;
  } finally {
    if (!options.assigner) await assigner.close();
  }
}

async function lloyd(
  m: Matrix,
  k: number,
  centres: Float64Array,
  maxIter: number,
  tol: number,
  assigner: Assigner,
): Promise<KMeansResult> {
  assigner.reset();
  const { cols } = m;
  let converged = false;
  let iterations = 0;
  for (let it = 0; it < maxIter; it++) {
    const totals = await assigner.step(centres, k, false);
    iterations = it + 1;
    const next = new Float64Array(k * cols);
    relocateEmpty(m, k, centres, assigner.buffers.labels, totals.counts, totals.sums, next);
    for (let c = 0; c < k; c++) {
      const n = totals.counts[c]!;
      if (n === 0) continue;
      for (let j = 0; j < cols; j++) next[c * cols + j] = totals.sums[c * cols + j]! / n;
    }
    let shift = 0;
    for (let i = 0; i < next.length; i++) shift += (next[i]! - centres[i]!) ** 2;
    centres = next;
    if (it > 0 && totals.changed === 0) {
      converged = true;
      break;
    }
    if (shift <= tol) {
      converged = true;
      break;
    }
  }
  // Unless no row moved, the labels belong to the previous centres: one more (exact) step makes them agree
  // and measures the inertia.
  const totals = await assigner.step(centres, k, true);
  const labels = assigner.buffers.labels.slice();
  const sizes = Array.from(totals.counts, Number);
  return {
    k,
    labels,
    centres,
    sizes,
    inertia: totals.inertia,
    iterations,
    converged,
    threads: assigner.threads,
  };
}

// scikit-learn's _relocate_empty_clusters: each empty cluster takes one of the rows farthest from their
// centres, which leaves its old cluster.
function relocateEmpty(
  m: Matrix,
  k: number,
  centres: Float64Array,
  labels: Int32Array,
  counts: Float64Array,
  sums: Float64Array,
  next: Float64Array,
): void {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  const { cols } = m;
  const distance = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) distance[r] = squaredDistance(m.data, r, centres, labels[r]!, cols);
  const order = Array.from({ length: m.rows }, (_, r) => r).sort(
    (a, b) => distance[b]! - distance[a]! || a - b,
  );
  empty.forEach((c, i) => {
    const r = order[i]!;
    const from = labels[r]!;
    for (let j = 0; j < cols; j++) {
      const x = m.data[r * cols + j]!;
      sums[from * cols + j]! -= x;
      next[c * cols + j] = x;
    }
    counts[from]!--;
  });
}
