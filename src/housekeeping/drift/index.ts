export { DRIFT_ALERT, type DriftAlert, driftMessage, raiseDriftAlert } from './alert.js';
export {
  type CalibrationDecile,
  CHURN_SCORES,
  type ChurnCalibration,
  churnCalibration,
} from './calibration.js';
export {
  checkAllDrift,
  checkDrift,
  type DriftCheck,
  type DriftCheckOptions,
  modelsWithRuns,
} from './check.js';
export { type DriftResult, modelDrift } from './drift.js';
export { type DriftStatus, decileEdges, PSI_DRIFTED, PSI_WATCH, psi, statusOf } from './psi.js';
export { FEATURES as DRIFT_FEATURES, recordDistributions } from './record.js';
export { canRetrain, retrainModel } from './retrain.js';
