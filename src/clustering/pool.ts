/**
 * The assignment step on one or more threads: the WebAssembly step (assign-wasm.ts) over one shared memory
 * holding a copy of the rows, the labels, bounds, centres and partials, or past its limits (128 columns,
 * 2 GiB) the JavaScript step (assign-kernel.ts), over SharedArrayBuffers when threaded. The main thread and the workers take the blocks one at a time from a shared counter
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
import { type AssignKernel, assignShared, compileAssign, workerSource } from './assign-kernel.js';
import { fillPairs, instantiateAssign, pairCount, type WasmLayout, wasmLayout } from './assign-wasm.js';
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
export function createAssigner(
  m: Matrix,
  options: { maxK: number; threads?: number; wasm?: boolean },
): Assigner {
  const blocks = blockCount(m.rows);
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(m), blocks));
  const stride = blockStride(options.maxK, m.cols);
  const layout =
    options.wasm === false ? undefined : wasmLayout(m.rows, m.cols, options.maxK, blocks, stride);
  if (layout) {
    try {
      return wasmAssigner(m, layout, threads, blocks, stride);
    } catch (e) {
      // A shared memory that large may be refused (RangeError), an engine may lack SIMD or threads in
      // WebAssembly (CompileError, LinkError): the JavaScript step needs neither.
      const refused =
        e instanceof RangeError || (e instanceof Error && /^(CompileError|LinkError)$/.test(e.name));
      if (!refused) throw e;
    }
  }
  return scriptAssigner(m, options.maxK, threads, blocks, stride);
}

// The JavaScript step (assign-kernel.ts): on one thread over the caller's rows, on several over copies in
// SharedArrayBuffers.
function scriptAssigner(m: Matrix, maxK: number, threads: number, blocks: number, stride: number): Assigner {
  const assignBlocks = compileAssign(m.cols);
  const shared = threads > 1;
  const float64 = (length: number) => (shared ? sharedFloat64(length) : new Float64Array(length));
  let data = m.data;
  if (shared && !(data.buffer instanceof SharedArrayBuffer)) {
    data = sharedFloat64(m.data.length);
    data.set(m.data);
  }
  const buffers: AssignBuffers = {
    data,
    rows: m.rows,
    cols: m.cols,
    labels: new Int32Array(
      shared ? new SharedArrayBuffer(m.rows * Int32Array.BYTES_PER_ELEMENT) : new ArrayBuffer(m.rows * 4),
    ).fill(-1),
    upper: float64(m.rows),
    lower: float64(m.rows),
    centres: float64(maxK * m.cols),
    half: float64(maxK),
    drift: float64(maxK),
    driftMax: float64(1),
    partials: float64(blocks * stride),
  };
  return threadedAssigner(buffers, threads, blocks, {
    assign: assignBlocks,
    worker: (start) => new Worker(workerSource(m.cols), { eval: true, workerData: { buffers, ...start } }),
  });
}

// The WebAssembly step (assign-wasm.ts): every buffer in one shared memory, which the workers instantiate
// the same module over.
function wasmAssigner(m: Matrix, l: WasmLayout, threads: number, blocks: number, stride: number): Assigner {
  const { memory, buffer: raw, module, assign } = instantiateAssign(l);
  const f64 = (offset: number, length: number) => new Float64Array(raw, offset, length);
  const buffers: AssignBuffers = {
    data: f64(l.data, m.rows * m.cols),
    rows: m.rows,
    cols: m.cols,
    labels: new Int32Array(raw, l.labels, m.rows).fill(-1),
    upper: f64(l.upper, m.rows),
    lower: f64(l.lower, m.rows),
    centres: f64(l.centres, l.maxK * m.cols),
    half: f64(l.half, l.maxK),
    drift: f64(l.drift, l.maxK),
    driftMax: f64(l.driftMax, 1),
    partials: f64(l.partials, blocks * stride),
  };
  buffers.data.set(m.data);
  const pairs = f64(l.pairs, 2 * pairCount(l.maxK) * m.cols);
  return threadedAssigner(buffers, threads, blocks, {
    assign: (_b, k, first, end, exact) => assign(k, first, end, exact ? 1 : 0),
    worker: (start) => new Worker(wasmWorkerSource, { eval: true, workerData: { module, memory, ...start } }),
    prepare: (k) => fillPairs(pairs, buffers.centres, k, m.cols),
  });
}

const wasmWorkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory, next, free, own } = workerData;
const { assign } = new WebAssembly.Instance(module, { m: { memory } }).exports;
parentPort.on('message', (m) => {
  const exact = m.exact ? 1 : 0;
  assign(m.k, own, own + 1, exact);
  for (let block = Atomics.add(next, 0, 1); block < free; block = Atomics.add(next, 0, 1)) {
    assign(m.k, block, block + 1, exact);
  }
  parentPort.postMessage(0);
});`;

interface Step {
  /** Runs the step on blocks [first, end). */
  readonly assign: AssignKernel;
  /** Starts a worker given its start (the shared block counter, the free blocks and its own block). */
  readonly worker: (start: { next: Int32Array; free: number; own: number }) => Worker;
  /** Runs after the centres are set and before the step. */
  readonly prepare?: (k: number) => void;
}

// One thread: the step in place. Several: the main thread and the workers take blocks from a shared counter.
function threadedAssigner(buffers: AssignBuffers, threads: number, blocks: number, s: Step): Assigner {
  let fresh = true;
  const reset = () => {
    buffers.labels.fill(-1);
    buffers.partials.fill(0);
    fresh = true;
  };
  if (threads === 1) {
    return {
      threads,
      buffers,
      reset,
      step: async (centres, k, exact) => {
        prepareCentres(buffers, centres, k, fresh);
        s.prepare?.(k);
        fresh = false;
        s.assign(buffers, k, 0, blocks, exact);
        return reduceBlocks(buffers, k);
      },
      close: async () => {},
    };
  }
  // The next block to take, shared by all threads (assignShared); the last threads − 1 blocks are the
  // workers' own, one each.
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const free = blocks - (threads - 1);
  const workers = Array.from({ length: threads - 1 }, (_, i) => s.worker({ next, free, own: free + i }));
  let failure: Error | undefined;
  for (const w of workers) w.on('error', (e) => (failure = e));
  return {
    threads,
    buffers,
    reset,
    step: async (centres, k, exact) => {
      if (failure) throw failure;
      prepareCentres(buffers, centres, k, fresh);
      s.prepare?.(k);
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
      assignShared(s.assign, buffers, next, free, k, exact);
      await Promise.all(done);
      return reduceBlocks(buffers, k);
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
