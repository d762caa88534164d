export { type Decomposition, type DecompositionModel, decompose, movingAverage } from './decompose.js';
export { type Outlier, robustOutliers } from './outliers.js';
