export {
  type ColumnSpec,
  type EncodedColumn,
  type Encoder,
  encodeLabel,
  encodeRows,
  fitEncoder,
  fitStandardizer,
  MISSING_LEVEL,
  type RawRow,
  type RawValue,
  type Standardizer,
  standardize,
} from './encode.js';
export {
  type Importance,
  type OddsRatio,
  oddsRatios,
  type PermutationOptions,
  permutationImportance,
  type Reason,
  topReasons,
} from './explain.js';
export { fitGbt, type GbtModel, type GbtOptions, predictGbt } from './gbt.js';
export { fitLogistic, type LogisticModel, type LogisticOptions, predictLogistic } from './logistic.js';
export {
  averagePrecision,
  brierScore,
  type CalibrationBin,
  type Confusion,
  calibrationCurve,
  confusionAt,
  lift,
  logLoss,
  rocAuc,
  rocCurve,
} from './metrics.js';
export { mulberry32 } from './random.js';
export {
  type Split,
  type StratifiedSplitOptions,
  stratifiedSplit,
  type TimeSplitOptions,
  timeSplit,
} from './split.js';
