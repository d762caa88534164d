export { type ScaleInitSummary, type ScaleWarning, scaleInit } from './init.js';
export { personKey, SHARD_SCHEMA, SHARDED_TABLES, WORKER_SCHEMA } from './layout.js';
export { hasLedger } from './ledger.js';
export {
  AUTO_REPAIR_WAIT_MS,
  autoRepair,
  type RepairOptions,
  repairShards,
  type ShardRepair,
  type WorkerRepair,
} from './repair.js';
export { parseWorkers, type Worker, withWorker } from './workers.js';
