export { type DriftResult, modelDrift } from './drift.js';
export { type DriftStatus, decileEdges, PSI_DRIFTED, PSI_WATCH, psi, statusOf } from './psi.js';
export { FEATURES as DRIFT_FEATURES, recordDistributions } from './record.js';
