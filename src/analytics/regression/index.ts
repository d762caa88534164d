export { checkBinary, checkDesign, type Design, INTERCEPT } from './design.js';
export type { CoefficientTable, WaldReference } from './inference.js';
export { bernoulliLogLikelihood, sigmoid, softplus } from './link.js';
export { type BinaryData, fitLogit, type LogitFit, type LogitOptions, predictLogit } from './logit.js';
export {
  fitOls,
  linearPredictor,
  type OlsFit,
  type OlsOptions,
  predictOls,
  type RegressionData,
} from './ols.js';
