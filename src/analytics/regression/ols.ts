import { fisherFSf } from '../stats/fisher-f.js';
import { checkDesign, checkResponse, type Design, withIntercept } from './design.js';
import { type CoefficientTable, checkLevel, waldTable } from './inference.js';
import { qrApplyQt, qrDecompose, qrSolveR, qrUnscaledCovariance, toColumnMajor } from './qr.js';

/** A design with its numeric response. */
export interface RegressionData extends Design {
  readonly y: ArrayLike<number>;
}

/** Options of {@link fitOls}. */
export interface OlsOptions {
  /** Add a leading intercept column (default true). */
  readonly intercept?: boolean;
  /** Confidence level of the coefficient intervals (default 0.95). */
  readonly level?: number;
}

/** An ordinary least squares fit with the statistics statsmodels' `OLS(...).fit()` reports. */
export interface OlsFit extends CoefficientTable {
  readonly kind: 'ols';
  readonly intercept: boolean;
  readonly n: number;
  /** Regressors besides the intercept. */
  readonly dfModel: number;
  readonly dfResidual: number;
  /** Centered with an intercept, uncentered without one (as statsmodels). */
  readonly rSquared: number;
  readonly adjustedRSquared: number;
  /** Overall F test of all regressors but the intercept; null when there are none. */
  readonly fStatistic: number | null;
  readonly fPValue: number | null;
  /** √(RSS / dfResidual). */
  readonly residualStandardError: number;
  readonly rss: number;
  readonly residuals: Float64Array;
  readonly fitted: Float64Array;
}

/**
 * Fits y = Xβ + ε by least squares through a Householder QR of X.
 *
 * Standard errors are √(σ̂² diag (XᵀX)⁻¹) with σ̂² = RSS/(n − p); t tests and intervals use Student t with
 * n − p degrees of freedom (Greene, Econometric Analysis, 7th ed., §4.5 and §5.3).
 */
export function fitOls(data: RegressionData, options: OlsOptions = {}): OlsFit {
  const intercept = options.intercept ?? true;
  const level = checkLevel(options.level ?? 0.95);
  const names = checkDesign(data);
  const y = checkResponse(data.y, data.n);
  if (data.n === 0) throw new Error('empty input: 0 rows');
  const design = withIntercept(data, names, intercept);
  const { x, n, p } = design;
  const allNames = design.names!;
  if (p === 0) throw new Error('empty design: no columns and no intercept');
  if (n <= p)
    throw new Error(`too few rows: ${n} rows for ${p} coefficients (need more rows than coefficients)`);

  const qr = qrDecompose(toColumnMajor(x, n, p), n, p, allNames);
  const qty = Float64Array.from(y);
  qrApplyQt(qr, qty);
  const coefficients = qrSolveR(qr, qty);

  // Residuals from the original X, not from Qᵀy, so they are exact to rounding of Xβ.
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < p; j++) f += x[i * p + j]! * coefficients[j]!;
    fitted[i] = f;
    const r = y[i]! - f;
    residuals[i] = r;
    rss += r * r;
  }
  const center = intercept ? mean(y) : 0;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (y[i]! - center) ** 2;
  if (tss === 0) throw new Error(`constant response: every value is ${y[0]}`);

  const kConst = intercept ? 1 : 0;
  const dfResidual = n - p;
  const dfModel = p - kConst;
  const sigma2 = rss / dfResidual;
  const covariance = qrUnscaledCovariance(qr).map((v) => v * sigma2);
  const rSquared = 1 - rss / tss;
  const adjustedRSquared = 1 - ((n - kConst) / dfResidual) * (1 - rSquared);
  const fStatistic = dfModel > 0 ? (tss - rss) / dfModel / sigma2 : null;
  const fPValue = fStatistic === null ? null : fisherFSf(fStatistic, dfModel, dfResidual);
  const table = waldTable(allNames, coefficients, covariance, { kind: 't', df: dfResidual }, level);
  return {
    kind: 'ols',
    ...table,
    intercept,
    n,
    dfModel,
    dfResidual,
    rSquared,
    adjustedRSquared,
    fStatistic,
    fPValue,
    residualStandardError: Math.sqrt(sigma2),
    rss,
    residuals,
    fitted,
  };
}

/** Predictions Xβ of a fitted OLS model for new rows with the fit's columns (without the intercept column). */
export function predictOls(fit: OlsFit, design: Design): Float64Array {
  return linearPredictor(fit.coefficients, fit.intercept, design);
}

/** Xβ for rows without the intercept column, β's first entry being the intercept when `intercept` is set. */
export function linearPredictor(
  coefficients: Float64Array,
  intercept: boolean,
  design: Design,
): Float64Array {
  checkDesign(design);
  const { x, n, p } = design;
  const offset = intercept ? 1 : 0;
  if (coefficients.length !== p + offset) {
    throw new Error(`invalid design columns: ${p} (the model has ${coefficients.length - offset})`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = intercept ? coefficients[0]! : 0;
    for (let j = 0; j < p; j++) s += x[i * p + j]! * coefficients[j + offset]!;
    out[i] = s;
  }
  return out;
}

function mean(y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  const m = s / y.length;
  // Second pass (Higham, Accuracy and Stability, §1.9) removes most of the rounding of the first.
  let c = 0;
  for (let i = 0; i < y.length; i++) c += y[i]! - m;
  return m + c / y.length;
}
