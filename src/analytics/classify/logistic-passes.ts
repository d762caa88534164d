import { sigmoid } from '../regression/index.js';

/** The data and penalty of one fit, as the passes over rows need them. */
export interface Problem {
  readonly x: Float64Array;
  readonly y: Uint8Array;
  readonly n: number;
  readonly p: number;
  readonly mean: Float64Array;
  /** 1/scale, 0 for constant columns so that they drop out. */
  readonly inv: Float64Array;
  readonly lambda: number;
  readonly penalty: 'l2' | 'l1' | 'none';
}

/** Σ log-loss at θ and its gradient (penalty excluded), in one streaming pass over the rows. */
export function lossAndGradient(
  problem: Problem,
  theta: Float64Array,
): { loss: number; gradient: Float64Array } {
  const { x, y, n, p, mean, inv } = problem;
  const { b, w } = folded(problem, theta);
  // Accumulate Σ rᵢxᵢⱼ on the raw scale and standardize once at the end: gⱼ = (Σ rᵢxᵢⱼ − mⱼ Σ rᵢ)/sⱼ.
  const raw = new Float64Array(p);
  const r = new Float64Array(4);
  let sumR = 0;
  let loss = 0;
  // Four rows at a time: each raw[j] is then loaded and stored once per four rows, which is what makes
  // this loop run at memory speed in V8 (one row at a time it is bound by the store-to-load chain).
  const eta = new Float64Array(4);
  const whole = n - (n % 4);
  for (let i = 0; i < n; i += 4) {
    const group = i < whole ? 4 : n - i;
    const row = i * p;
    if (group === 4) {
      let e0 = b;
      let e1 = b;
      let e2 = b;
      let e3 = b;
      for (let j = 0; j < p; j++) {
        const wj = w[j]!;
        e0 += x[row + j]! * wj;
        e1 += x[row + p + j]! * wj;
        e2 += x[row + 2 * p + j]! * wj;
        e3 += x[row + 3 * p + j]! * wj;
      }
      eta[0] = e0;
      eta[1] = e1;
      eta[2] = e2;
      eta[3] = e3;
    } else {
      for (let g = 0; g < group; g++) {
        let e = b;
        for (let j = 0; j < p; j++) e += x[row + g * p + j]! * w[j]!;
        eta[g] = e;
      }
    }
    for (let g = 0; g < group; g++) {
      const t = eta[g]!;
      // One exponential serves both the loss and the probability: e = exp(−|η|).
      const e = Math.exp(-Math.abs(t));
      const l1p = Math.log1p(e);
      const mu = t >= 0 ? 1 / (1 + e) : e / (1 + e);
      const yi = y[i + g]!;
      loss += yi ? (t < 0 ? l1p - t : l1p) : t > 0 ? t + l1p : l1p;
      r[g] = mu - yi;
      sumR += mu - yi;
    }
    if (group === 4) {
      const r0 = r[0]!;
      const r1 = r[1]!;
      const r2 = r[2]!;
      const r3 = r[3]!;
      for (let j = 0; j < p; j++) {
        raw[j] =
          raw[j]! +
          r0 * x[row + j]! +
          r1 * x[row + p + j]! +
          r2 * x[row + 2 * p + j]! +
          r3 * x[row + 3 * p + j]!;
      }
    } else {
      for (let g = 0; g < group; g++) {
        for (let j = 0; j < p; j++) raw[j] = raw[j]! + r[g]! * x[row + g * p + j]!;
      }
    }
  }
  const gradient = new Float64Array(p + 1);
  gradient[0] = sumR;
  for (let j = 0; j < p; j++) gradient[j + 1] = (raw[j]! - mean[j]! * sumR) * inv[j]!;
  return { loss, gradient };
}

/** The rows the Hessian is accumulated on: all of them up to this many, else an even stride through them. */
export const HESSIAN_ROWS = 65536;

/**
 * Lower triangle of the Hessian of Σ log-loss, accumulated as rank-4 updates from four rows at a time.
 * Past {@link HESSIAN_ROWS} rows it is estimated from an even stride of rows, scaled up; the gradient stays
 * exact, so the fixed point is the exact optimum and only the rate of convergence changes (subsampled
 * Newton: Byrd, Chin, Neveitt & Nocedal 2011, SIAM J. Optim. 21:977).
 */
export function hessianOf(problem: Problem, theta: Float64Array): Float64Array {
  const { x, n, p, mean, inv } = problem;
  const q = p + 1;
  const { b, w } = folded(problem, theta);
  const stride = Math.max(1, Math.ceil(n / HESSIAN_ROWS));
  const hessian = new Float64Array(q * q);
  // z holds four standardized rows (leading 1 for the intercept), wz the same rows times their weight.
  const z = new Float64Array(4 * q);
  const wz = new Float64Array(4 * q);
  let rows = 0;
  for (let i = 0; i < n; ) {
    let filled = 0;
    for (; filled < 4 && i < n; filled++, i += stride) {
      const row = i * p;
      let eta = b;
      for (let j = 0; j < p; j++) eta += x[row + j]! * w[j]!;
      const mu = sigmoid(eta);
      const wt = mu * (1 - mu);
      const at = filled * q;
      z[at] = 1;
      wz[at] = wt;
      for (let j = 0; j < p; j++) {
        const v = (x[row + j]! - mean[j]!) * inv[j]!;
        z[at + j + 1] = v;
        wz[at + j + 1] = wt * v;
      }
    }
    // Rows not filled in the last group keep zero weight and add nothing.
    for (let k = filled * q; k < 4 * q; k++) wz[k] = 0;
    rows += filled;
    for (let j = 0; j < q; j++) {
      const a0 = wz[j]!;
      const a1 = wz[q + j]!;
      const a2 = wz[2 * q + j]!;
      const a3 = wz[3 * q + j]!;
      const base = j * q;
      for (let k = 0; k <= j; k++) {
        hessian[base + k] =
          hessian[base + k]! + a0 * z[k]! + a1 * z[q + k]! + a2 * z[2 * q + k]! + a3 * z[3 * q + k]!;
      }
    }
  }
  const up = n / rows;
  for (let k = 0; k < hessian.length; k++) hessian[k] = hessian[k]! * up;
  // Constant columns are pinned at 0 by unit curvature and (in lossAndGradient) zero gradient.
  for (let j = 0; j < p; j++) {
    if (inv[j] === 0) {
      for (let k = 0; k < q; k++) {
        hessian[(j + 1) * q + k] = 0;
        hessian[k * q + j + 1] = 0;
      }
      hessian[(j + 1) * q + j + 1] = 1;
    }
  }
  return hessian;
}

/** Intercept and coefficients on the raw scale: η = b + Σ xⱼwⱼ with wⱼ = θⱼ/sⱼ and b = θ₀ − Σ mⱼwⱼ. */
function folded(problem: Problem, theta: Float64Array): { b: number; w: Float64Array } {
  const { p, mean, inv } = problem;
  const w = new Float64Array(p);
  let b = theta[0]!;
  for (let j = 0; j < p; j++) {
    w[j] = theta[j + 1]! * inv[j]!;
    b -= w[j]! * mean[j]!;
  }
  return { b, w };
}
