/** Worker thread entry: runs the assignment step on the block ranges the main thread sends. */
import { parentPort, workerData } from 'node:worker_threads';
import { type AssignBuffers, assignBlocks } from './assign.js';

const buffers = workerData as AssignBuffers;
const port = parentPort;
if (port) {
  port.on('message', (m: { k: number; first: number; end: number; exact: boolean }) => {
    assignBlocks(buffers, m.k, m.first, m.end, m.exact);
    port.postMessage(0);
  });
}
