import { type BinaryData, checkBinary, checkDesign, type Design, sigmoid } from '../regression/index.js';
import { choleskySolve } from './cholesky.js';
import { hessianOf, lossAndGradient, type Problem } from './logistic-passes.js';

/** Options of {@link fitLogistic}. */
export interface LogisticOptions {
  /** 'l2' (default), 'l1' or 'none'; the intercept is never penalized. */
  readonly penalty?: 'l2' | 'l1' | 'none';
  /**
   * Inverse regularization strength, scikit-learn's C (default 1): the fit minimizes ½‖w‖² + C·Σ loss (l2)
   * or ‖w‖₁ + C·Σ loss (l1), with w the coefficients of the standardized features.
   */
  readonly c?: number;
  /** Standardize features inside the fit, with the training mean and population standard deviation (default true). */
  readonly standardize?: boolean;
  /** Newton iterations before giving up (default 100). */
  readonly maxIterations?: number;
  /** Stop when no coefficient of the standardized problem moves by more than this (default 1e-8). */
  readonly tolerance?: number;
}

/** A fitted regularized logistic regression for prediction. */
export interface LogisticModel {
  readonly kind: 'logistic';
  readonly names: readonly string[];
  readonly penalty: 'l2' | 'l1' | 'none';
  readonly c: number;
  /** Intercept and coefficients on the original feature scale. */
  readonly intercept: number;
  readonly coefficients: Float64Array;
  /** Intercept and coefficients on the standardized scale, the ones the penalty sees. */
  readonly standardizedIntercept: number;
  readonly standardizedCoefficients: Float64Array;
  /** Training means and scales; a constant column has scale 0 and coefficient 0. */
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  readonly constantColumns: readonly string[];
  readonly iterations: number;
  /** Mean training log loss at the estimate. */
  readonly trainLogLoss: number;
}

/**
 * Fits a penalized logistic regression by Newton's method on the standardized features: one streaming pass
 * over the rows per iteration accumulates the gradient and the (p+1)² Hessian, the step is solved by
 * Cholesky (l2, none) or by coordinate descent on the quadratic model (l1: proximal Newton, Lee, Sun &
 * Saunders 2014, SIAM J. Optim. 24:1420), and a backtracking line search keeps the objective falling.
 */
export function fitLogistic(data: BinaryData, options: LogisticOptions = {}): LogisticModel {
  const penalty = options.penalty ?? 'l2';
  if (penalty !== 'l2' && penalty !== 'l1' && penalty !== 'none')
    throw new Error(`invalid penalty: ${penalty}`);
  const c = options.c ?? 1;
  if (!(c > 0)) throw new Error(`invalid c: ${c}`);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-8;
  const names = checkDesign(data);
  const { x, n, p } = data;
  if (n === 0) throw new Error('empty input: 0 rows');
  const y = checkBinary(data.y, n);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  if (positives === 0 || positives === n) throw new Error(`label has a single class: every value is ${y[0]}`);

  const { mean, scale } = columnScaling(x, n, p, options.standardize ?? true);
  const inv = new Float64Array(p);
  const constantColumns: string[] = [];
  for (let j = 0; j < p; j++) {
    if (scale[j]! > 0) inv[j] = 1 / scale[j]!;
    else constantColumns.push(names[j]!);
  }
  const lambda = penalty === 'none' ? 0 : 1 / c;
  const problem: Problem = { x, y, n, p, mean, inv, lambda, penalty };

  // θ = (b, w₁…w_p) on the standardized scale; start at the log-odds of the base rate.
  const q = p + 1;
  let theta = new Float64Array(q);
  theta[0] = Math.log(positives / (n - positives));
  let current = evaluate(problem, theta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const gradient = current.gradient;
    const hessian = hessianOf(problem, theta);
    const step =
      penalty === 'l1'
        ? proximalStep(problem, theta, gradient, hessian)
        : newtonStep(problem, theta, gradient, hessian);
    if (!step) {
      throw new Error(
        'logistic fit failed: the Hessian is singular (collinear columns or separated classes; use penalty l2)',
      );
    }
    const decrease = expectedDecrease(problem, theta, gradient, step);
    // Backtracking (Armijo) line search; each trial is one fused pass that also yields the next gradient.
    let t = 1;
    let next = theta;
    let trial = current;
    for (let h = 0; h < 50; h++) {
      next = theta.map((v, j) => v + t * step[j]!);
      trial = evaluate(problem, next);
      if (trial.value <= current.value + 1e-4 * t * decrease || trial.value <= current.value) break;
      t /= 2;
    }
    let moved = 0;
    for (let j = 0; j < q; j++) moved = Math.max(moved, Math.abs(next[j]! - theta[j]!));
    theta = next;
    current = trial;
    converged = moved <= tolerance;
  }
  if (!converged) {
    throw new Error(
      `logistic fit did not converge in ${maxIterations} iterations${penalty === 'none' ? ' (classes separated? use penalty l2)' : ''}`,
    );
  }

  const standardizedCoefficients = theta.slice(1);
  const coefficients = new Float64Array(p);
  let intercept = theta[0]!;
  for (let j = 0; j < p; j++) {
    coefficients[j] = standardizedCoefficients[j]! * inv[j]!;
    intercept -= coefficients[j]! * mean[j]!;
  }
  return {
    kind: 'logistic',
    names,
    penalty,
    c,
    intercept,
    coefficients,
    standardizedIntercept: theta[0]!,
    standardizedCoefficients,
    mean,
    scale,
    constantColumns,
    iterations,
    trainLogLoss: (current.value - penaltyValue(problem, theta)) / n,
  };
}

/** Predicted probabilities of the positive class for rows with the model's columns. */
export function predictLogistic(model: LogisticModel, design: Design): Float64Array {
  checkDesign(design);
  const { x, n, p } = design;
  if (p !== model.coefficients.length)
    throw new Error(`invalid design columns: ${p} (the model has ${model.coefficients.length})`);
  const out = new Float64Array(n);
  const w = model.coefficients;
  for (let i = 0; i < n; i++) {
    let eta = model.intercept;
    const row = i * p;
    for (let j = 0; j < p; j++) eta += x[row + j]! * w[j]!;
    out[i] = sigmoid(eta);
  }
  return out;
}

function columnScaling(x: Float64Array, n: number, p: number, standardize: boolean) {
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] = mean[j]! + x[i * p + j]!;
  for (let j = 0; j < p; j++) mean[j] = mean[j]! / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const d = x[i * p + j]! - mean[j]!;
      scale[j] = scale[j]! + d * d;
    }
  }
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(scale[j]! / n);
    // A column whose spread is rounding noise relative to its level is constant.
    const constant = !(sd > 1e-12 * Math.max(1, Math.abs(mean[j]!)));
    scale[j] = constant ? 0 : standardize ? sd : 1;
    if (!standardize && !constant) mean[j] = 0;
  }
  return { mean, scale };
}

function penaltyValue(problem: Problem, theta: Float64Array): number {
  let r = 0;
  for (let j = 1; j < theta.length; j++)
    r += problem.penalty === 'l1' ? Math.abs(theta[j]!) : 0.5 * theta[j]! ** 2;
  return problem.lambda * r;
}

/** Objective (Σ log-loss + penalty, the sum divided by C) and gradient of its smooth part at θ. */
function evaluate(problem: Problem, theta: Float64Array): { value: number; gradient: Float64Array } {
  const { loss, gradient } = lossAndGradient(problem, theta);
  return { value: loss + penaltyValue(problem, theta), gradient };
}

function newtonStep(problem: Problem, theta: Float64Array, gradient: Float64Array, hessian: Float64Array) {
  const q = theta.length;
  const a = hessian.slice();
  const b = new Float64Array(q);
  b[0] = -gradient[0]!;
  for (let j = 1; j < q; j++) {
    a[j * q + j] = a[j * q + j]! + problem.lambda;
    b[j] = -(gradient[j]! + problem.lambda * theta[j]!);
  }
  return choleskySolve(a, b, q);
}

/**
 * Minimizes gᵀd + ½dᵀHd + λ‖w + d_w‖₁ by cyclic coordinate descent with soft thresholding (Friedman,
 * Hastie & Tibshirani 2010, J. Stat. Softw. 33(1), eq. 5, here on the Hessian itself: "covariance updates").
 */
function proximalStep(problem: Problem, theta: Float64Array, gradient: Float64Array, hessian: Float64Array) {
  const q = theta.length;
  const h = (j: number, k: number) => (j >= k ? hessian[j * q + k]! : hessian[k * q + j]!);
  const d = new Float64Array(q);
  // hd = H d, kept up to date as coordinates move.
  const hd = new Float64Array(q);
  for (let sweep = 0; sweep < 1000; sweep++) {
    let change = 0;
    for (let j = 0; j < q; j++) {
      const hjj = h(j, j);
      if (!(hjj > 0)) return null;
      // Coordinate j of the model: g_j + (Hd)_j − h_jj d_j is the slope excluding d_j itself.
      const rest = gradient[j]! + hd[j]! - hjj * d[j]!;
      let next: number;
      if (j === 0 || problem.lambda === 0) next = -rest / hjj;
      else {
        // New coefficient u = θⱼ + dⱼ minimizes ½ h u² − (h θⱼ − rest) u + λ|u|.
        const target = hjj * theta[j]! - rest;
        const u = (Math.sign(target) * Math.max(Math.abs(target) - problem.lambda, 0)) / hjj;
        next = u - theta[j]!;
      }
      const delta = next - d[j]!;
      if (delta !== 0) {
        for (let k = 0; k < q; k++) hd[k] = hd[k]! + h(k, j) * delta;
        d[j] = next;
        change = Math.max(change, Math.abs(delta));
      }
    }
    if (change < 1e-13) break;
  }
  return d;
}

/** The model's predicted change of the objective along the step (negative for a descent direction). */
function expectedDecrease(
  problem: Problem,
  theta: Float64Array,
  gradient: Float64Array,
  step: Float64Array,
): number {
  let s = 0;
  for (let j = 0; j < theta.length; j++) s += gradient[j]! * step[j]!;
  if (problem.penalty === 'l1') {
    for (let j = 1; j < theta.length; j++)
      s += problem.lambda * (Math.abs(theta[j]! + step[j]!) - Math.abs(theta[j]!));
  } else {
    for (let j = 1; j < theta.length; j++) s += problem.lambda * theta[j]! * step[j]!;
  }
  return s;
}
