/** Experiments: hash assignment within a segment, and reports that match statsmodels (src/experiments/stats.ts). */
export { assignCustomer, assignMembers, experimentMembers, variantFor } from './assign.js';
export { type Comparison, type ExperimentReport, experimentReport, type VariantFigures } from './report.js';
export {
  differenceInterval,
  mixtureRatio,
  msprt,
  probabilityToBeat,
  sampleSizePerVariant,
  type TestResult,
  twoProportionZ,
  welchT,
} from './stats.js';
export {
  createExperiment,
  type Experiment,
  ExperimentInput,
  getExperiment,
  listExperiments,
} from './store.js';
