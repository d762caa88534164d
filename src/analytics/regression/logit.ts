import { chiSquareSf } from '../stats/chi-square.js';
import { checkBinary, checkDesign, type Design, withIntercept } from './design.js';
import { type CoefficientTable, checkLevel, waldTable } from './inference.js';
import { bernoulliLogLikelihood, sigmoid } from './link.js';
import {
  type Qr,
  qrApplyQt,
  qrDecompose,
  qrLogAbsDet,
  qrRInverse,
  qrSolveR,
  qrUnscaledCovariance,
  toColumnMajor,
} from './qr.js';

/** A design with its 0/1 label. */
export interface BinaryData extends Design {
  readonly y: ArrayLike<number>;
}

/** Options of {@link fitLogit}. */
export interface LogitOptions {
  /** Add a leading intercept column (default true). */
  readonly intercept?: boolean;
  /** Confidence level of the coefficient intervals (default 0.95). */
  readonly level?: number;
  /** Newton iterations before giving up (default 100). */
  readonly maxIterations?: number;
  /** Stop when every step satisfies |Δβ_j| ≤ tolerance · (1 + |β_j|) (default 1e-10). */
  readonly tolerance?: number;
  /**
   * What to do when the maximum likelihood estimate does not exist because the classes are (quasi-)
   * separated: throw (default), or refit with Firth's penalized likelihood and set `separation`.
   */
  readonly onSeparation?: 'error' | 'firth';
}

/** A logistic regression fit with the statistics statsmodels' `Logit(...).fit()` reports. */
export interface LogitFit extends CoefficientTable {
  readonly kind: 'logit';
  /** 'newton' for maximum likelihood, 'firth' for the penalized fallback after separation. */
  readonly method: 'newton' | 'firth';
  /** True when the classes were found (quasi-)separated; the estimates are then Firth's. */
  readonly separation: boolean;
  readonly intercept: boolean;
  readonly n: number;
  readonly dfModel: number;
  readonly dfResidual: number;
  readonly iterations: number;
  /** Log-likelihood at the estimates (unpenalized, also for Firth). */
  readonly logLikelihood: number;
  /** Log-likelihood of the intercept-only model. */
  readonly nullLogLikelihood: number;
  /** McFadden's pseudo-R², 1 − ℓ/ℓ₀ (statsmodels' `prsquared`). */
  readonly pseudoRSquared: number;
  /** Likelihood-ratio statistic 2(ℓ − ℓ₀) against the intercept-only model, and its χ² p-value. */
  readonly llrStatistic: number;
  readonly llrPValue: number;
  /** Fitted probabilities. */
  readonly fitted: Float64Array;
}

// Weights below this are floored in the Newton solve only; they come from rows fitted to within 1e-30,
// whose share of the information matrix is nil, and the floor keeps (y − μ)/√w finite.
const WEIGHT_FLOOR = 1e-30;

/**
 * Fits a logistic regression by Newton–Raphson (equivalently IRLS), each step solved through a QR
 * factorization of W^½X with step halving on the log-likelihood (McCullagh & Nelder, Generalized Linear
 * Models, 2nd ed., §4.4). Standard errors are √diag (XᵀŴX)⁻¹ and tests are Wald z tests, as in statsmodels.
 * Separation is detected when the likelihood stops improving while coefficients keep growing, or when the
 * weights collapse; Firth's fallback follows Heinze & Schemper (2002, Statistics in Medicine 21:2409).
 */
export function fitLogit(data: BinaryData, options: LogitOptions = {}): LogitFit {
  const intercept = options.intercept ?? true;
  const level = checkLevel(options.level ?? 0.95);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const onSeparation = options.onSeparation ?? 'error';
  if (onSeparation !== 'error' && onSeparation !== 'firth')
    throw new Error(`invalid onSeparation: ${onSeparation}`);
  const names = checkDesign(data);
  if (data.n === 0) throw new Error('empty input: 0 rows');
  const y = checkBinary(data.y, data.n);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i]!;
  if (positives === 0 || positives === y.length) {
    throw new Error(`label has a single class: every value is ${y[0]}`);
  }
  const design = withIntercept(data, names, intercept);
  const { n, p } = design;
  const allNames = design.names!;
  if (p === 0) throw new Error('empty design: no columns and no intercept');
  if (n <= p)
    throw new Error(`too few rows: ${n} rows for ${p} coefficients (need more rows than coefficients)`);
  // Collinearity of X itself is reported as such, before any weights can hide it.
  qrDecompose(toColumnMajor(design.x, n, p), n, p, allNames);

  const ybar = positives / n;
  const nullLogLikelihood = n * (ybar * Math.log(ybar) + (1 - ybar) * Math.log(1 - ybar));
  const ml = newton(design, y, maxIterations, tolerance);
  let result: Solution;
  let separation = false;
  if (ml.kind === 'converged') result = ml;
  else if (ml.kind === 'separated' && onSeparation === 'firth') {
    result = firth(design, y, maxIterations, tolerance);
    separation = true;
  } else if (ml.kind === 'separated') {
    const diverging = ml.diverging.map((j) => `'${allNames[j]}'`).join(', ');
    throw new Error(
      `perfect separation: coefficients of ${diverging} diverge; the maximum likelihood estimate does not exist (try onSeparation: 'firth')`,
    );
  } else throw new Error(`logit did not converge in ${maxIterations} iterations`);

  const dfModel = p - (intercept ? 1 : 0);
  const llrStatistic = Math.max(2 * (result.logLikelihood - nullLogLikelihood), 0);
  const table = waldTable(allNames, result.beta, result.covariance, { kind: 'normal' }, level);
  return {
    kind: 'logit',
    ...table,
    method: separation ? 'firth' : 'newton',
    separation,
    intercept,
    n,
    dfModel,
    dfResidual: n - p,
    iterations: result.iterations,
    logLikelihood: result.logLikelihood,
    nullLogLikelihood,
    pseudoRSquared: 1 - result.logLikelihood / nullLogLikelihood,
    llrStatistic,
    llrPValue: dfModel > 0 ? chiSquareSf(llrStatistic, dfModel) : 1,
    fitted: result.mu,
  };
}

/** Fitted probabilities of a logit model for new rows with the fit's columns (without the intercept column). */
export function predictLogit(fit: LogitFit, design: Design): Float64Array {
  const names = checkDesign(design);
  const offset = fit.intercept ? 1 : 0;
  const { x, n, p } = design;
  if (fit.coefficients.length !== p + offset) {
    throw new Error(
      `invalid design columns: ${names.length} (the model has ${fit.coefficients.length - offset})`,
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = fit.intercept ? fit.coefficients[0]! : 0;
    for (let j = 0; j < p; j++) eta += x[i * p + j]! * fit.coefficients[j + offset]!;
    out[i] = sigmoid(eta);
  }
  return out;
}

interface Solution {
  readonly kind: 'converged';
  readonly beta: Float64Array;
  readonly covariance: Float64Array;
  readonly logLikelihood: number;
  readonly mu: Float64Array;
  readonly iterations: number;
}

type NewtonOutcome =
  | Solution
  | { readonly kind: 'separated'; readonly diverging: number[] }
  | { readonly kind: 'stalled' };

interface State {
  readonly mu: Float64Array;
  readonly w: Float64Array;
  readonly logLikelihood: number;
}

function evaluate(design: Design, y: Uint8Array, beta: Float64Array): State {
  const { x, n, p } = design;
  const mu = new Float64Array(n);
  const w = new Float64Array(n);
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += x[i * p + j]! * beta[j]!;
    const m = sigmoid(eta);
    mu[i] = m;
    w[i] = m * (1 - m);
    ll += bernoulliLogLikelihood(y[i]!, eta);
  }
  return { mu, w, logLikelihood: ll };
}

/** QR of diag(√w) X, or null when the weights have collapsed onto a lower-rank subset of rows. */
function weightedQr(design: Design, w: Float64Array, floor: number): Qr | null {
  const { x, n, p } = design;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = Math.sqrt(Math.max(w[i]!, floor));
  try {
    return qrDecompose(toColumnMajor(x, n, p, s), n, p, design.names ?? []);
  } catch {
    return null;
  }
}

function newton(design: Design, y: Uint8Array, maxIterations: number, tolerance: number): NewtonOutcome {
  const { n, p } = design;
  let beta: Float64Array = new Float64Array(p);
  let state = evaluate(design, y, beta);
  let lastStep: Float64Array = new Float64Array(p);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const qr = weightedQr(design, state.w, WEIGHT_FLOOR);
    if (!qr) return { kind: 'separated', diverging: largest(lastStep) };
    // Newton step = argmin ‖W^½XΔ − W^−½(y − μ)‖, the IRLS normal equations solved by QR.
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++)
      r[i] = (y[i]! - state.mu[i]!) / Math.sqrt(Math.max(state.w[i]!, WEIGHT_FLOOR));
    qrApplyQt(qr, r);
    const step = qrSolveR(qr, r);
    const {
      beta: next,
      state: nextState,
      scaled,
    } = halve(design, y, beta, step, state.logLikelihood, (s) => s.logLikelihood);
    const gain = nextState.logLikelihood - state.logLikelihood;
    const converged = scaled.every((d, j) => Math.abs(d) <= tolerance * (1 + Math.abs(next[j]!)));
    beta = next;
    state = nextState;
    lastStep = scaled;
    if (converged) {
      const final = weightedQr(design, state.w, 0);
      if (!final) return { kind: 'separated', diverging: largest(lastStep) };
      return {
        kind: 'converged',
        beta,
        covariance: qrUnscaledCovariance(final),
        logLikelihood: state.logLikelihood,
        mu: state.mu,
        iterations: iteration,
      };
    }
    // Newton converges quadratically when the estimate exists; a likelihood that has stopped rising while
    // the coefficients still move by a sizeable amount is the signature of separation (Albert & Anderson 1984).
    const moving = scaled.some((d) => Math.abs(d) > 1e-3);
    if (iteration >= 15 && moving && gain < 1e-9 * Math.max(1, Math.abs(state.logLikelihood))) {
      return { kind: 'separated', diverging: largest(lastStep) };
    }
  }
  const moving = lastStep.some((d) => Math.abs(d) > 1e-3);
  return moving ? { kind: 'separated', diverging: largest(lastStep) } : { kind: 'stalled' };
}

function firth(design: Design, y: Uint8Array, maxIterations: number, tolerance: number): Solution {
  const { x, n, p } = design;
  let beta: Float64Array = new Float64Array(p);
  let state = evaluate(design, y, beta);
  let penalized = state.logLikelihood + logDetHalf(design, state);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const qr = weightedQr(design, state.w, 0);
    if (!qr) throw new Error('firth fit failed: information matrix is singular');
    // Modified score U* = Xᵀ(y − μ + h(½ − μ)) with h the diagonal of the weighted hat matrix
    // (Firth 1993, Biometrika 80:27, eq. 2 for the canonical link).
    const rInv = qrRInverse(qr);
    const score = new Float64Array(p);
    const v = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      let h = 0;
      for (let k = 0; k < p; k++) {
        let s = 0;
        for (let j = 0; j <= k; j++) s += x[i * p + j]! * rInv[j * p + k]!;
        v[k] = s;
        h += s * s;
      }
      h *= state.w[i]!;
      const mu = state.mu[i]!;
      const u = y[i]! - mu + h * (0.5 - mu);
      for (let j = 0; j < p; j++) score[j] = score[j]! + x[i * p + j]! * u;
    }
    const cov = qrUnscaledCovariance(qr);
    const step = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += cov[j * p + k]! * score[k]!;
      step[j] = s;
    }
    const target = (s: State) => s.logLikelihood + logDetHalf(design, s);
    const next = halve(design, y, beta, step, penalized, target);
    beta = next.beta;
    state = next.state;
    penalized = target(state);
    if (next.scaled.every((d, j) => Math.abs(d) <= tolerance * (1 + Math.abs(beta[j]!)))) {
      const final = weightedQr(design, state.w, 0);
      if (!final) throw new Error('firth fit failed: information matrix is singular');
      return {
        kind: 'converged',
        beta,
        covariance: qrUnscaledCovariance(final),
        logLikelihood: state.logLikelihood,
        mu: state.mu,
        iterations: iteration,
      };
    }
  }
  throw new Error(`firth fit did not converge in ${maxIterations} iterations`);
}

/** ½ log det(XᵀWX), Jeffreys' prior term of Firth's penalized log-likelihood. */
function logDetHalf(design: Design, state: State): number {
  const qr = weightedQr(design, state.w, 0);
  return qr ? qrLogAbsDet(qr) : Number.NEGATIVE_INFINITY;
}

/** Takes the full step, or halves it until the objective does not fall (at most 40 halvings). */
function halve(
  design: Design,
  y: Uint8Array,
  beta: Float64Array,
  step: Float64Array,
  current: number,
  objective: (s: State) => number,
): { beta: Float64Array; state: State; scaled: Float64Array } {
  let t = 1;
  for (let h = 0; ; h++) {
    const scaled = step.map((d) => d * t);
    const next = beta.map((b, j) => b + scaled[j]!);
    const state = evaluate(design, y, next);
    const value = objective(state);
    if (value >= current - 1e-12 * Math.abs(current) || h >= 40) return { beta: next, state, scaled };
    t /= 2;
  }
}

/** Indices whose step is at least a tenth of the largest, the directions along which β runs off. */
function largest(step: Float64Array): number[] {
  let max = 0;
  for (const d of step) max = Math.max(max, Math.abs(d));
  const out: number[] = [];
  step.forEach((d, j) => {
    if (max > 0 && Math.abs(d) >= 0.1 * max) out.push(j);
  });
  return out;
}
