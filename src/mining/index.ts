// Data mining over the warehouse: market baskets, trends, concentration scan, cohorts, funnels and paths.
// Each service reads with SQL in the engine and hands small results to pure code.

export {
  type Decomposition,
  type DecompositionModel,
  decompose,
  movingAverage,
  type Outlier,
  robustOutliers,
} from '../analytics/series/index.js';
export {
  type AnomalyOptions,
  type AnomalyResult,
  anomalies,
  type FlaggedCustomer,
  type FlaggedOrder,
  type SharedCard,
} from './anomalies.js';
export {
  type BasketOptions,
  type BasketParameters,
  type BasketResult,
  basketRules,
  type RuleRow,
} from './basket-rules.js';
export { BASKET_LEVELS, type BasketLevel } from './baskets.js';
export { type CohortOptions, type CohortResult, type CohortRow, cohorts } from './cohorts.js';
export {
  type ConcentrationOptions,
  type ConcentrationResult,
  type ConcentrationRow,
  concentration,
} from './concentration.js';
export { type CrossSell, type CrossSellResult, crossSell } from './cross-sell.js';
export { DIMENSIONS, MEASURES, type Measure } from './dimensions.js';
export { EVENT_BREAKDOWNS } from './events.js';
export { CUSTOMER_KEY } from './facts.js';
export { type FunnelOptions, type FunnelResult, type FunnelStep, funnel } from './funnel.js';
export { type PathOptions, type PathResult, paths } from './paths.js';
export { GRAINS, type Grain } from './periods.js';
export { type Finding, type ScanOptions, type ScanResult, scan } from './scan.js';
export { SCAN_CHOICES, SCAN_DIMENSIONS } from './scan-cells.js';
export {
  TREND_MEASURES,
  type TrendMeasure,
  type TrendOptions,
  type TrendResult,
  type TrendSeries,
  trend,
} from './trend.js';
