export {
  type BgNbdFit,
  type BgNbdFitOptions,
  type BgNbdHorizon,
  type BgNbdModel,
  type BgNbdParams,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodGradient,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  fitBgNbd,
} from './bgnbd.js';
export { type ClvOptions, customerLifetimeValue, type PurchaseModel, type ValueHistories } from './clv.js';
export {
  fitGammaGamma,
  type GammaGammaFit,
  type GammaGammaFitOptions,
  type GammaGammaModel,
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodGradient,
  type SpendHistories,
} from './gammagamma.js';
export type { PurchaseHistories } from './history.js';
export type { FitOptions, FitSummary } from './mle.js';
export {
  fitParetoNbd,
  type ParetoNbdFit,
  type ParetoNbdFitOptions,
  type ParetoNbdHorizon,
  type ParetoNbdModel,
  type ParetoNbdParams,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
} from './paretonbd.js';
export {
  type CompressedHistories,
  type CustomerSummary,
  compressHistories,
  type SummaryOptions,
  summarizeTransactions,
  type TimeUnit,
  type TransactionColumns,
} from './summary.js';
