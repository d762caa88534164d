export { type ScaleInitSummary, type ScaleWarning, scaleInit } from './init.js';
export { personKey, SHARD_SCHEMA, SHARDED_TABLES, WORKER_SCHEMA } from './layout.js';
export { parseWorkers, type Worker, withWorker } from './workers.js';
