/**
 * Worker thread entry: builds the world from the options and generates its share of the chunks,
 * never more than two ahead of the writer's acknowledgements.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generateChunk } from './chunk.js';
import { transferList, type WorkerInput } from './workers.js';
import { buildWorld } from './world.js';

const AHEAD = 2;

async function run(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  const { options, chunkSize, worker, workers } = input;
  const world = buildWorld(options);
  let credits = AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits++;
    wake?.();
    wake = null;
  });
  const chunks = Math.ceil(options.customers / chunkSize);
  for (let c = worker; c < chunks; c += workers) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    const chunk = generateChunk(world, c, c * chunkSize, Math.min(options.customers, (c + 1) * chunkSize));
    port.postMessage(chunk, transferList(chunk));
  }
}

if (parentPort) await run(parentPort, workerData as WorkerInput);
