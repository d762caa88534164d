/**
 * Non-negative matrix factorisation of a sparse documents × terms matrix V ≈ W·H by Lee & Seung's (2001)
 * multiplicative updates for the Frobenius norm:
 *   H ← H ∘ (WᵀV) / (WᵀW·H),   W ← W ∘ (V·Hᵀ) / (W·H·Hᵀ).
 * W's rows say how much of each topic a document holds, H's rows which terms make a topic. The start is a
 * seeded pseudo-random draw, so a run is reproducible.
 */
import { mulberry32 } from '../analytics/classify/random.js';

/** A sparse matrix in compressed rows: row i's entries are `cols[ptr[i]..ptr[i+1])` with `vals`. */
export interface SparseRows {
  readonly rows: number;
  readonly cols: number;
  readonly ptr: Int32Array;
  readonly idx: Int32Array;
  readonly vals: Float64Array;
}

/** The factors: `w` is rows × k, `h` is k × cols, both row-major. */
export interface NmfResult {
  readonly k: number;
  readonly w: Float64Array;
  readonly h: Float64Array;
  /** ‖V − WH‖²_F / ‖V‖²_F at the end. */
  readonly relativeError: number;
}

const EPS = 1e-10;

/** Factorises `v` into k topics. */
export function nmf(
  v: SparseRows,
  k: number,
  options: { iterations?: number; seed?: number } = {},
): NmfResult {
  const { rows: n, cols: m, ptr, idx, vals } = v;
  const iterations = options.iterations ?? 200;
  const random = mulberry32(options.seed ?? 1);
  let sum = 0;
  let sq = 0;
  for (const x of vals) {
    sum += x;
    sq += x * x;
  }
  const scale = Math.sqrt(sum / Math.max(1, n * m) / k) || 0.01;
  const w = new Float64Array(n * k).map(() => random() * scale + EPS);
  const h = new Float64Array(k * m).map(() => random() * scale + EPS);
  const wtv = new Float64Array(k * m);
  const wtw = new Float64Array(k * k);
  const vht = new Float64Array(n * k);
  const hht = new Float64Array(k * k);
  for (let it = 0; it < iterations; it++) {
    // H update.
    wtv.fill(0);
    for (let i = 0; i < n; i++) {
      for (let p = ptr[i]!; p < ptr[i + 1]!; p++) {
        const j = idx[p]!;
        const x = vals[p]!;
        for (let t = 0; t < k; t++) wtv[t * m + j]! += w[i * k + t]! * x;
      }
    }
    wtw.fill(0);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < k; a++) {
        const wa = w[i * k + a]!;
        for (let b = 0; b < k; b++) wtw[a * k + b]! += wa * w[i * k + b]!;
      }
    }
    for (let a = 0; a < k; a++) {
      for (let j = 0; j < m; j++) {
        let den = 0;
        for (let b = 0; b < k; b++) den += wtw[a * k + b]! * h[b * m + j]!;
        h[a * m + j] = (h[a * m + j]! * wtv[a * m + j]!) / (den + EPS);
      }
    }
    // W update.
    vht.fill(0);
    for (let i = 0; i < n; i++) {
      for (let p = ptr[i]!; p < ptr[i + 1]!; p++) {
        const j = idx[p]!;
        const x = vals[p]!;
        for (let t = 0; t < k; t++) vht[i * k + t]! += x * h[t * m + j]!;
      }
    }
    hht.fill(0);
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += h[a * m + j]! * h[b * m + j]!;
        hht[a * k + b] = s;
        hht[b * k + a] = s;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < k; a++) {
        let den = 0;
        for (let b = 0; b < k; b++) den += w[i * k + b]! * hht[b * k + a]!;
        w[i * k + a] = (w[i * k + a]! * vht[i * k + a]!) / (den + EPS);
      }
    }
  }
  // ‖V−WH‖² = ‖V‖² − 2·tr(WᵀVHᵀ) + tr(WᵀW·HHᵀ), without forming WH.
  let cross = 0;
  for (let i = 0; i < n; i++) {
    for (let p = ptr[i]!; p < ptr[i + 1]!; p++) {
      const j = idx[p]!;
      let wh = 0;
      for (let t = 0; t < k; t++) wh += w[i * k + t]! * h[t * m + j]!;
      cross += vals[p]! * wh;
    }
  }
  wtw.fill(0);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) wtw[a * k + b]! += w[i * k + a]! * w[i * k + b]!;
  }
  let quad = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += h[a * m + j]! * h[b * m + j]!;
      quad += wtw[a * k + b]! * s;
    }
  }
  const relativeError = sq > 0 ? Math.max(0, sq - 2 * cross + quad) / sq : 0;
  return { k, w, h, relativeError };
}
