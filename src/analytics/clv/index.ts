export {
  type BgNbdFit,
  type BgNbdFitOptions,
  type BgNbdHorizon,
  type BgNbdModel,
  type BgNbdParams,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  fitBgNbd,
} from './bgnbd.js';
export type { PurchaseHistories } from './history.js';
export type { FitOptions, FitSummary } from './mle.js';
export {
  type CompressedHistories,
  type CustomerSummary,
  compressHistories,
  type SummaryOptions,
  summarizeTransactions,
  type TimeUnit,
  type TransactionColumns,
} from './summary.js';
