/**
 * The assignment step's inner loop, generated as JavaScript for the matrix's number of columns. With the
 * columns known, every distance is unrolled and the row's values sit in locals, loaded once for all k
 * centres: V8 neither unrolls a loop whose trip count it does not know nor keeps an array's values in
 * registers (in a full scan of 1M × 8 against k = 8 centres the generic loop took 1.5× this one's time).
 * The same source runs on the main thread (`compileAssign`) and, as a script, in the workers
 * (`workerSource`), which then start without loading any module. The terms of each sum are added in
 * column order, as the plain loop adds them, so the distances, and with them the labels, are
 * bit-identical to plain Lloyd's (kmeans-plain.test.ts).
 */
import { type AssignBuffers, BLOCK_ROWS } from './assign.js';

/** Runs the step on blocks [first, end) with the first `k` centres (see `assignSource`). */
export type AssignKernel = (b: AssignBuffers, k: number, first: number, end: number, exact: boolean) => void;

// Bounds are compared with a relative margin so that rounding in the square roots never skips a row whose
// nearest centre may have changed; the margin only costs a few more distance computations.
const MARGIN = 1e-9;

// Past this many columns the unrolled source outgrows what V8 optimises (a 320-column kernel ran 15× slower
// than a loop): wider matrices get the same step with loops over the columns, summed in the same order.
export const UNROLL_MAX = 128;

/** Σ_j (x_j − centres[at + j])², column after column, into `s` (`at` is an expression). */
function squaredSum(cols: number, at: string): string {
  if (cols > UNROLL_MAX)
    return `s = 0; for (let j = 0; j < ${cols}; j++) { d = data[row + j] - centres[${at} + j]; s += d * d; }`;
  const terms = [`s = 0;`];
  for (let j = 0; j < cols; j++) terms.push(`d = x${j} - centres[${at} + ${j}]; s += d * d;`);
  return terms.join(' ');
}

/**
 * The source of a function `(b, k, first, end, exact)` that labels every row of blocks [first, end) with its
 * nearest of the first `k` centres and keeps each block's partials (assign.ts). `exact` computes every
 * distance and the inertia; otherwise Hamerly's bounds (Hamerly 2010, "Making k-means even faster", alg. 2)
 * skip the rows that cannot have changed cluster, and the inertia is NaN.
 */
export function assignSource(cols: number): string {
  if (!Number.isInteger(cols) || cols < 1) throw new Error(`invalid cols: ${cols}`);
  const wide = cols > UNROLL_MAX;
  const load = wide
    ? ''
    : Array.from({ length: cols }, (_, j) => `const x${j} = data[row + ${j}];`).join(' ');
  const leave = wide
    ? `for (let j = 0; j < ${cols}; j++) partials[at + j] -= data[row + j];`
    : Array.from({ length: cols }, (_, j) => `partials[at + ${j}] -= x${j};`).join(' ');
  const join = wide
    ? `for (let j = 0; j < ${cols}; j++) partials[at + j] += data[row + j];`
    : Array.from({ length: cols }, (_, j) => `partials[at + ${j}] += x${j};`).join(' ');
  return `
const { data, rows, labels, centres, partials, upper, lower, half, drift } = b;
const driftMax = b.driftMax[0];
const stride = 2 + k + k * ${cols};
for (let block = first; block < end; block++) {
  const out = block * stride;
  const sums = out + 2 + k;
  const from = block * ${BLOCK_ROWS};
  const to = Math.min(rows, from + ${BLOCK_ROWS});
  let inertia = 0;
  let changed = 0;
  for (let r = from; r < to; r++) {
    const old = labels[r];
    let scan = exact || old < 0;
    let check = false;
    let skip = 0;
    if (!scan) {
      // The row keeps its centre when the upper bound on the distance to it is below both half the gap from
      // that centre to its nearest neighbour and the lower bound on every other. Bounds are stored net of
      // the drift (the centres' total movement since the fit began), so following the centres' moves costs
      // nothing per row: |x − c_now| ≤ |x − c_then| + drift since.
      skip = Math.max(half[old], lower[r] - driftMax) * ${1 - MARGIN};
      check = upper[r] + drift[old] > skip;
    }
    if (!scan && !check) continue;
    const row = r * ${cols};
    ${load}
    let s = 0;
    let d = 0;
    if (check) {
      // Tighten the upper bound to the exact distance; only if that still fails, look at every centre.
      ${squaredSum(cols, 'old * ' + cols)}
      const u = Math.sqrt(s);
      upper[r] = u - drift[old];
      scan = u > skip;
    }
    if (!scan) continue;
    let label = old;
    let best = Infinity;
    let second = Infinity;
    for (let c = 0, at = 0; c < k; c++, at += ${cols}) {
      ${squaredSum(cols, 'at')}
      if (s < best) {
        second = best;
        best = s;
        label = c;
      } else if (s < second) second = s;
    }
    inertia += best;
    upper[r] = Math.sqrt(best) - drift[label];
    lower[r] = Math.sqrt(second) + driftMax;
    if (label !== old) {
      // The block's counts and sums follow the labels: a row that moves leaves one cluster's totals and
      // joins another's, so rows that stay cost nothing here.
      changed++;
      if (old >= 0) {
        partials[out + 2 + old] -= 1;
        const at = sums + old * ${cols};
        ${leave}
      }
      partials[out + 2 + label] += 1;
      const at = sums + label * ${cols};
      ${join}
      labels[r] = label;
    }
  }
  partials[out] = exact ? inertia : NaN;
  partials[out + 1] = changed;
}`;
}

const compiled = new Map<number, AssignKernel>();

/** The step for matrices of `cols` columns, compiled once per process and number of columns. */
export function compileAssign(cols: number): AssignKernel {
  let kernel = compiled.get(cols);
  if (!kernel) {
    kernel = new Function('b', 'k', 'first', 'end', 'exact', assignSource(cols)) as AssignKernel;
    compiled.set(cols, kernel);
  }
  return kernel;
}

/**
 * Runs the step on blocks [0, free) not yet taken, taking them one at a time from the shared counter `next`
 * (Atomics.add), so that a thread the machine slows down takes fewer blocks instead of holding the others
 * up. Which thread labels a block changes nothing: each block's partials are its own.
 */
export function assignShared(
  assign: AssignKernel,
  b: AssignBuffers,
  next: Int32Array,
  free: number,
  k: number,
  exact: boolean,
): void {
  for (let block = Atomics.add(next, 0, 1); block < free; block = Atomics.add(next, 0, 1)) {
    assign(b, k, block, block + 1, exact);
  }
}

/**
 * A worker script, for `new Worker(source, { eval: true, workerData: { buffers, next, free, own } })`: on
 * each message `{ k, exact }` it labels its own block `own` (one of the last blocks, kept for it so that
 * every worker takes part in every step, however late it wakes), then takes blocks below `free` as
 * `assignShared` does beside it, and answers once done.
 */
export function workerSource(cols: number): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const assign = new Function('b', 'k', 'first', 'end', 'exact', ${JSON.stringify(assignSource(cols))});
const { buffers, next, free, own } = workerData;
parentPort.on('message', (m) => {
  assign(buffers, m.k, own, own + 1, m.exact);
  for (let block = Atomics.add(next, 0, 1); block < free; block = Atomics.add(next, 0, 1)) {
    assign(buffers, m.k, block, block + 1, m.exact);
  }
  parentPort.postMessage(0);
});`;
}
