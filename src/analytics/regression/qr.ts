import { INTERCEPT } from './design.js';

// Householder QR without pivoting (Golub & Van Loan, Matrix Computations, 4th ed., alg. 5.2.1), on a
// column-major working copy so each reflection streams through contiguous memory. Solving through R keeps
// the condition number of X rather than squaring it as the normal equations would.

/** A Householder QR factorization of an n × p matrix, R on and above the diagonal, reflectors below. */
export interface Qr {
  readonly n: number;
  readonly p: number;
  /** Column-major n × p: R above the diagonal, the tail of each Householder vector below it. */
  readonly a: Float64Array;
  /** R's diagonal. */
  readonly rDiag: Float64Array;
  /** Leading element of each Householder vector. */
  readonly v0: Float64Array;
  /** Householder scalars: H_k = I − beta_k v_k v_kᵀ. */
  readonly beta: Float64Array;
}

/** Columns whose remaining norm falls below this share of their own norm count as collinear. */
export const COLLINEARITY_TOLERANCE = 1e-9;

/** A column-major copy of a row-major matrix, each row multiplied by `rowScale[i]` when given. */
export function toColumnMajor(x: Float64Array, n: number, p: number, rowScale?: Float64Array): Float64Array {
  const a = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const s = rowScale ? rowScale[i]! : 1;
    const row = i * p;
    for (let j = 0; j < p; j++) a[j * n + i] = x[row + j]! * s;
  }
  return a;
}

/** Factorizes the column-major matrix `a` in place; throws naming the first column that is (nearly) a linear combination of earlier ones. */
export function qrDecompose(a: Float64Array, n: number, p: number, names: readonly string[]): Qr {
  if (n < p) throw new Error(`too few rows: ${n} rows for ${p} coefficients`);
  const rDiag = new Float64Array(p);
  const v0 = new Float64Array(p);
  const beta = new Float64Array(p);
  const colNorm = new Float64Array(p);
  for (let j = 0; j < p; j++) colNorm[j] = norm(a, j * n, n);
  for (let k = 0; k < p; k++) {
    const base = k * n;
    const sigma = norm(a, base + k, n - k);
    if (!(sigma > COLLINEARITY_TOLERANCE * colNorm[k]!) || colNorm[k] === 0) {
      throw new Error(collinearityMessage(a, n, k, rDiag, colNorm, names));
    }
    const akk = a[base + k]!;
    const alpha = akk >= 0 ? -sigma : sigma;
    rDiag[k] = alpha;
    v0[k] = akk - alpha;
    beta[k] = 1 / (sigma * (sigma + Math.abs(akk)));
    for (let j = k + 1; j < p; j++) {
      const cj = j * n;
      let s = v0[k]! * a[cj + k]!;
      for (let i = k + 1; i < n; i++) s += a[base + i]! * a[cj + i]!;
      s *= beta[k]!;
      a[cj + k] = a[cj + k]! - s * v0[k]!;
      for (let i = k + 1; i < n; i++) a[cj + i] = a[cj + i]! - s * a[base + i]!;
    }
  }
  return { n, p, a, rDiag, v0, beta };
}

/** Replaces `y` (length n) by Qᵀy. */
export function qrApplyQt(qr: Qr, y: Float64Array): void {
  const { n, p, a, v0, beta } = qr;
  for (let k = 0; k < p; k++) {
    const base = k * n;
    let s = v0[k]! * y[k]!;
    for (let i = k + 1; i < n; i++) s += a[base + i]! * y[i]!;
    s *= beta[k]!;
    y[k] = y[k]! - s * v0[k]!;
    for (let i = k + 1; i < n; i++) y[i] = y[i]! - s * a[base + i]!;
  }
}

/** Solves R b = c[0..p) by back substitution. */
export function qrSolveR(qr: Qr, c: Float64Array): Float64Array {
  const { n, p, a, rDiag } = qr;
  const b = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = c[i]!;
    for (let j = i + 1; j < p; j++) s -= a[j * n + i]! * b[j]!;
    b[i] = s / rDiag[i]!;
  }
  return b;
}

/** R⁻¹ as a row-major p × p upper-triangular matrix. */
export function qrRInverse(qr: Qr): Float64Array {
  const { n, p, a, rDiag } = qr;
  const inv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    inv[j * p + j] = 1 / rDiag[j]!;
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += a[k * n + i]! * inv[k * p + j]!;
      inv[i * p + j] = -s / rDiag[i]!;
    }
  }
  return inv;
}

/** (RᵀR)⁻¹ = (XᵀX)⁻¹ as a row-major p × p matrix. */
export function qrUnscaledCovariance(qr: Qr): Float64Array {
  const p = qr.p;
  const inv = qrRInverse(qr);
  const cov = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = j; k < p; k++) s += inv[i * p + k]! * inv[j * p + k]!;
      cov[i * p + j] = s;
      cov[j * p + i] = s;
    }
  }
  return cov;
}

/** log |det R| = ½ log det(XᵀX). */
export function qrLogAbsDet(qr: Qr): number {
  let s = 0;
  for (let k = 0; k < qr.p; k++) s += Math.log(Math.abs(qr.rDiag[k]!));
  return s;
}

function norm(a: Float64Array, start: number, length: number): number {
  // Scaled sum of squares (LAPACK dnrm2) so that huge or tiny columns neither overflow nor underflow.
  let scale = 0;
  let ssq = 1;
  for (let i = start; i < start + length; i++) {
    const v = Math.abs(a[i]!);
    if (v === 0) continue;
    if (scale < v) {
      ssq = 1 + ssq * (scale / v) ** 2;
      scale = v;
    } else ssq += (v / scale) ** 2;
  }
  return scale * Math.sqrt(ssq);
}

function collinearityMessage(
  a: Float64Array,
  n: number,
  k: number,
  rDiag: Float64Array,
  colNorm: Float64Array,
  names: readonly string[],
): string {
  const name = names[k] ?? `x${k + 1}`;
  if (colNorm[k] === 0) return `collinear design: column '${name}' is all zeros`;
  // Column k ≈ Σ_{j<k} c_j x_j with R[0:k,0:k] c = R[0:k,k]; name the columns that carry weight.
  const c = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = a[k * n + i]!;
    for (let j = i + 1; j < k; j++) s -= a[j * n + i]! * c[j]!;
    c[i] = s / rDiag[i]!;
  }
  const involved: string[] = [];
  for (let j = 0; j < k; j++) {
    if (Math.abs(c[j]!) * colNorm[j]! > 1e-6 * colNorm[k]!) involved.push(`'${names[j] ?? `x${j + 1}`}'`);
  }
  if (involved.length === 1 && involved[0] === `'${INTERCEPT}'`) {
    return `collinear design: column '${name}' is constant (collinear with the intercept)`;
  }
  return `collinear design: column '${name}' is a linear combination of ${involved.join(', ')}`;
}
