import { numericalGradient } from './gradient.js';
import { checkStart, counted, type MinimizeResult, type Objective } from './types.js';

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  /** Analytic gradient; central differences of the objective when absent. */
  gradient?: (x: Float64Array) => Float64Array;
  /** Stop when the largest gradient component is below this. Default 1e-8. */
  gradientTolerance?: number;
  /** Default 500. */
  maxIterations?: number;
  /** Longest step a line search starts from, in the max norm. Default 10. */
  maxStep?: number;
}

const ARMIJO = 1e-4;

/**
 * Quasi-Newton minimisation with the BFGS update of the inverse Hessian and a backtracking
 * Armijo line search (Nocedal & Wright 2006, algorithm 6.1 and §3.1). The update is skipped when
 * the curvature condition sᵀy > 0 fails, which keeps the inverse Hessian positive definite.
 */
export function bfgs(objective: Objective, x0: ArrayLike<number>, options: BfgsOptions = {}): MinimizeResult {
  let x = checkStart(x0);
  const n = x.length;
  const gTol = options.gradientTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 10;
  const { f, count } = counted(objective);
  const grad = options.gradient ?? ((p: Float64Array) => numericalGradient(f, p));

  let fx = f(x);
  if (!Number.isFinite(fx)) return { x, value: fx, iterations: 0, evaluations: count(), converged: false };
  let g = grad(x);
  let H = identity(n);
  let iterations = 0;
  let converged = maxAbs(g) <= gTol;
  // Values of the last iterations, to stop when a flat valley yields nothing more (see below).
  const recent: number[] = [fx];

  while (!converged && iterations < maxIterations) {
    iterations++;
    let p = matVec(H, g, -1);
    let slope = dot(g, p);
    if (!(slope < 0)) {
      H = identity(n);
      p = matVec(H, g, -1);
      slope = dot(g, p);
    }
    // Start from the quasi-Newton step, shortened to maxStep: in a nearly flat direction the
    // inverse Hessian grows huge and a full step lands far off, to be backtracked at length.
    let step = Math.min(1, maxStep / maxAbs(p));
    let xNew = x;
    let fNew = fx;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      xNew = axpy(x, p, step);
      fNew = f(xNew);
      if (fNew <= fx + ARMIJO * step * slope) {
        accepted = true;
        break;
      }
      // Quadratic interpolation of the step, kept within [0.1, 0.5] of the last one.
      const q = Number.isFinite(fNew)
        ? (-slope * step * step) / (2 * (fNew - fx - slope * step))
        : 0.1 * step;
      step = Math.min(0.5 * step, Math.max(0.1 * step, q));
    }
    if (!accepted) break;
    const gNew = grad(xNew);
    const s = sub(xNew, x);
    const y = sub(gNew, g);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (iterations === 1) H = scaled(identity(n), sy / dot(y, y));
      H = bfgsUpdate(H, s, y, sy);
    }
    x = xNew;
    fx = fNew;
    g = gNew;
    if (maxAbs(g) <= gTol) converged = true;
    // Ten iterations that together gain less than 1e-12 of the value: a flat valley running off
    // to infinity (a degenerate fit) or the limit of the arithmetic. Not converged, but done.
    recent.push(fx);
    if (recent.length > 10 && (recent.shift() ?? fx) - fx <= 1e-12 * Math.max(1, Math.abs(fx))) break;
  }
  return { x, value: fx, iterations, evaluations: count(), converged };
}

function identity(n: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n);
    row[i] = 1;
    return row;
  });
}

function scaled(m: Float64Array[], k: number): Float64Array[] {
  return m.map((row) => row.map((v) => v * k));
}

// H⁺ = (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with ρ = 1/sᵀy (Nocedal & Wright 2006, eq. 6.17).
function bfgsUpdate(H: Float64Array[], s: Float64Array, y: Float64Array, sy: number): Float64Array[] {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = matVec(H, y, 1);
  const yHy = dot(y, Hy);
  return H.map((row, i) => {
    const out = new Float64Array(n);
    const si = s[i] ?? 0;
    const Hyi = Hy[i] ?? 0;
    for (let j = 0; j < n; j++) {
      const sj = s[j] ?? 0;
      const Hyj = Hy[j] ?? 0;
      out[j] = (row[j] ?? 0) - rho * (Hyi * sj + si * Hyj) + (rho * rho * yHy + rho) * si * sj;
    }
    return out;
  });
}

function matVec(m: Float64Array[], v: Float64Array, k: number): Float64Array {
  return Float64Array.from(m, (row) => k * dot(row, v));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

function axpy(x: Float64Array, p: Float64Array, t: number): Float64Array {
  return x.map((v, i) => v + t * (p[i] ?? 0));
}

function sub(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => v - (b[i] ?? 0));
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return Number.isNaN(m) ? Number.POSITIVE_INFINITY : m;
}
