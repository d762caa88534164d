/**
 * The assignment step on one or more threads. With several, the rows, labels, centres and partials live in
 * SharedArrayBuffers; the main thread and the workers take the blocks one at a time from a shared counter
 * (each worker also has one block of its own), so two cores make one main thread and one worker.
 * `close()` terminates the workers.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type AssignBuffers,
  blockCount,
  blockStride,
  prepareCentres,
  reduceBlocks,
  type StepTotals,
} from './assign.js';
import { assignShared, compileAssign, workerSource } from './assign-kernel.js';
import type { Matrix } from './matrix.js';

/** Runs the assignment step over one matrix, as often as a fit needs. */
export interface Assigner {
  readonly threads: number;
  readonly buffers: AssignBuffers;
  /** Forgets the labels and the clusters' totals (before a new fit). */
  reset(): void;
  /**
   * Labels every row with its nearest of the first `k` centres and returns the totals; `exact` computes
   * every distance and the inertia, otherwise bounds skip rows that cannot have moved (inertia NaN).
   */
  step(centres: Float64Array, k: number, exact: boolean): Promise<StepTotals>;
  close(): Promise<void>;
}

/** Rows below which threads cost more to start than they save. */
export const THREAD_MIN_ROWS = 50_000;

/** The threads to use by default for a matrix: up to the cores there are (at most 8), one below 50 000 rows. */
export function defaultThreads(m: Matrix): number {
  return m.rows < THREAD_MIN_ROWS ? 1 : Math.min(8, availableParallelism());
}

function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

/** An assigner for `m` and up to `maxK` centres, on `threads` threads (1: no worker at all). */
export function createAssigner(m: Matrix, options: { maxK: number; threads?: number }): Assigner {
  const blocks = blockCount(m.rows);
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(m), blocks));
  const stride = blockStride(options.maxK, m.cols);
  const assignBlocks = compileAssign(m.cols);
  if (threads === 1) {
    const buffers: AssignBuffers = {
      data: m.data,
      rows: m.rows,
      cols: m.cols,
      labels: new Int32Array(m.rows).fill(-1),
      upper: new Float64Array(m.rows),
      lower: new Float64Array(m.rows),
      centres: new Float64Array(options.maxK * m.cols),
      half: new Float64Array(options.maxK),
      drift: new Float64Array(options.maxK),
      driftMax: new Float64Array(1),
      partials: new Float64Array(blocks * stride),
    };
    let fresh = true;
    return {
      threads,
      buffers,
      reset: () => {
        buffers.labels.fill(-1);
        buffers.partials.fill(0);
        fresh = true;
      },
      step: async (centres, k, exact) => {
        prepareCentres(buffers, centres, k, fresh);
        fresh = false;
        assignBlocks(buffers, k, 0, blocks, exact);
        return reduceBlocks(buffers, k);
      },
      close: async () => {},
    };
  }
  let data = m.data;
  if (!(data.buffer instanceof SharedArrayBuffer)) {
    data = sharedFloat64(m.data.length);
    data.set(m.data);
  }
  const buffers: AssignBuffers = {
    data,
    rows: m.rows,
    cols: m.cols,
    labels: new Int32Array(new SharedArrayBuffer(m.rows * Int32Array.BYTES_PER_ELEMENT)).fill(-1),
    upper: sharedFloat64(m.rows),
    lower: sharedFloat64(m.rows),
    centres: sharedFloat64(options.maxK * m.cols),
    half: sharedFloat64(options.maxK),
    drift: sharedFloat64(options.maxK),
    driftMax: sharedFloat64(1),
    partials: sharedFloat64(blocks * stride),
  };
  let fresh = true;
  // The next block to take, shared by all threads (assignShared); the last threads − 1 blocks are the
  // workers' own, one each.
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const free = blocks - (threads - 1);
  const workers = Array.from(
    { length: threads - 1 },
    // The workers run the generated step as a script: no module to load, under tsx or built alike.
    (_, i) =>
      new Worker(workerSource(m.cols), {
        eval: true,
        workerData: { buffers, next, free, own: free + i },
      }),
  );
  let failure: Error | undefined;
  for (const w of workers) w.on('error', (e) => (failure = e));
  return {
    threads,
    buffers,
    reset: () => {
      buffers.labels.fill(-1);
      buffers.partials.fill(0);
      fresh = true;
    },
    step: async (centres, k, exact) => {
      if (failure) throw failure;
      prepareCentres(buffers, centres, k, fresh);
      fresh = false;
      Atomics.store(next, 0, 0);
      const done = workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const onError = (e: Error) => reject(e);
            w.once('error', onError);
            w.once('message', () => {
              w.off('error', onError);
              resolve();
            });
            w.postMessage({ k, exact });
          }),
      );
      assignShared(assignBlocks, buffers, next, free, k, exact);
      await Promise.all(done);
      return reduceBlocks(buffers, k);
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
