export type { ModelCard } from './card.js';
export { type ChurnDriver, type ChurnOptions, type ChurnResult, runChurn } from './churn.js';
export { type AliveResult, runAliveChurn } from './churn-alive.js';
export { type Driver, scoreRows, type TestMetrics, trainClassifier } from './classifier.js';
export { type ClvResult, type ClvRunOptions, runClv } from './clv.js';
export { customerKey, hasCustomerKey } from './customer-key.js';
export { type SkippedFeature, usableFeatures } from './dataset.js';
export { type FeatureRows, loadFeatureRows } from './feature-rows.js';
export { discoverFeatures, type Feature, type FeatureKind, resolveFeature } from './features.js';
export {
  DAYS_PER_UNIT,
  type HistoryOptions,
  loadHistories,
  type ModelUnit,
  type WarehouseHistories,
} from './histories.js';
export type { HoldoutCheck } from './holdout.js';
export { type BinaryLabel, binaryLabel } from './label.js';
export {
  type LookalikeOptions,
  type LookalikeProspect,
  type LookalikeResult,
  runLookalike,
} from './lookalike.js';
export { METRICS, type MetricSpec } from './metrics.js';
export { type PropensityOptions, type PropensityResult, runPropensity } from './propensity.js';
export { fitOrFail, fitPurchases } from './purchase-fit.js';
export { type RegressCoefficient, type RegressOptions, type RegressResult, runRegress } from './regress.js';
export { type RfmCustomer, type RfmOptions, type RfmResult, runRfm } from './rfm.js';
export { getRun, listRuns, type ModelRun, type RunRecord, recordRun, type ScoreColumn } from './runs.js';
export { runSpendRegression, type SpendOptions, type SpendResult } from './spend.js';
export { contrastTraits, type TraitContrast } from './traits-compare.js';
export { runValue, type ValueBasis, type ValueOptions, type ValueResult, type ValueTotals } from './value.js';
