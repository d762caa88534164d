/**
 * Chunks from worker threads. Worker w generates chunks w, w + W, w + 2W …, each a pure function of the
 * options, and posts their text as transferred UTF-8 buffers; the main thread writes them in chunk order.
 * Each worker may run at most two chunks ahead of the writer, so memory stays bounded.
 */
import { Worker } from 'node:worker_threads';
import type { ChunkResult } from './chunk.js';
import type { ResolvedOptions } from './options.js';
import { OUTPUTS } from './out.js';

/** What a worker needs to know. */
export interface WorkerInput {
  readonly options: ResolvedOptions;
  readonly chunkSize: number;
  readonly worker: number;
  readonly workers: number;
}

// Built, the worker is worker.js beside this file. Under tsx (tests, development) this module is
// TypeScript and Node 20 does not carry tsx's loader into workers, so a tiny module registers it first.
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./worker.js', import.meta.url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(worker)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Runs the workers and hands every chunk, in index order, to `write`. */
export async function chunksFromWorkers(
  options: ResolvedOptions,
  chunkSize: number,
  write: (chunk: ChunkResult) => Promise<void>,
): Promise<void> {
  const chunks = Math.ceil(options.customers / chunkSize);
  const count = Math.min(options.workers, chunks);
  const pending = new Map<number, ChunkResult>();
  let next = 0;
  let writing = Promise.resolve();
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const drain = () => {
        writing = writing
          .then(async () => {
            for (let chunk = pending.get(next); chunk; chunk = pending.get(next)) {
              pending.delete(next);
              await write(chunk);
              workers[chunk.index % count]?.postMessage('ack');
              next++;
            }
            if (next === chunks) resolve();
          })
          .catch(reject);
      };
      for (let w = 0; w < count; w++) {
        const input: WorkerInput = { options, chunkSize, worker: w, workers: count };
        const worker = new Worker(workerEntry(), {
          workerData: input,
          resourceLimits: { maxYoungGenerationSizeMb: 64 },
        });
        worker.on('message', (chunk: ChunkResult) => {
          pending.set(chunk.index, chunk);
          drain();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`demo worker ${w} exited with code ${code}`));
        });
        workers.push(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The buffers to transfer with a chunk (each block owns its ArrayBuffer). */
export function transferList(chunk: ChunkResult): ArrayBuffer[] {
  const list: ArrayBuffer[] = [];
  for (const kind of OUTPUTS) for (const b of chunk.bytes[kind]) list.push(b.buffer as ArrayBuffer);
  return list;
}
