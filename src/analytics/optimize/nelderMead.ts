import { checkStart, counted, type MinimizeResult, type Objective } from './types.js';

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Size of the initial simplex along each axis (absolute). Default 0.1. */
  initialStep?: number;
  /** Stop when every vertex is within this distance (max norm) of the best. Default 1e-8. */
  xTolerance?: number;
  /** ... and every vertex's value is within this of the best value. Default 1e-10. */
  fTolerance?: number;
  /** Default 1000 × dimension. */
  maxIterations?: number;
}

/**
 * Nelder–Mead downhill simplex (Nelder & Mead 1965), with the dimension-adaptive coefficients of
 * Gao & Han 2012 ("Implementing the Nelder-Mead simplex algorithm with adaptive parameters") and
 * the ordering and shrink rules of Lagarias et al. 1998.
 */
export function nelderMead(
  objective: Objective,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {},
): MinimizeResult {
  const start = checkStart(x0);
  const n = start.length;
  const step = options.initialStep ?? 0.1;
  const xTol = options.xTolerance ?? 1e-8;
  const fTol = options.fTolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000 * n;
  if (!(step > 0)) throw new Error(`invalid initialStep: ${step}`);
  const { f, count } = counted(objective);

  // Gao & Han 2012, eq. 4.1: reflection, expansion, contraction, shrink.
  const rho = 1;
  const chi = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n;

  const points: Float64Array[] = [start];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(start);
    p[i] = (p[i] ?? 0) + step;
    points.push(p);
  }
  const values = points.map((p) => f(p));
  const order = points.map((_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (base: Float64Array, toward: Float64Array, coef: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = (base[j] ?? 0) + coef * ((base[j] ?? 0) - (toward[j] ?? 0));
    return out;
  };

  let iterations = 0;
  let converged = false;
  // Best values of recent iterations: stop when 20(n+1) iterations gain less than fTolerance.
  const window = 20 * (n + 1);
  const recent: number[] = [];
  while (iterations < maxIterations) {
    order.sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0) || i - j);
    const best = order[0] ?? 0;
    const worst = order[n] ?? 0;
    const fBest = values[best] ?? 0;
    let xSpread = 0;
    let fSpread = 0;
    for (let k = 1; k <= n; k++) {
      const idx = order[k] ?? 0;
      fSpread = Math.max(fSpread, Math.abs((values[idx] ?? 0) - fBest));
      const p = points[idx] ?? start;
      const b = points[best] ?? start;
      for (let j = 0; j < n; j++) xSpread = Math.max(xSpread, Math.abs((p[j] ?? 0) - (b[j] ?? 0)));
    }
    if (Number.isFinite(fBest) && xSpread <= xTol && fSpread <= fTol) {
      converged = true;
      break;
    }
    recent.push(fBest);
    if (recent.length > window && (recent.shift() ?? fBest) - fBest <= fTol) break;
    iterations++;

    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k] ?? 0] ?? start;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] ?? 0) + (p[j] ?? 0) / n;
    }
    const xWorst = points[worst] ?? start;
    const fWorst = values[worst] ?? 0;
    const fSecond = values[order[n - 1] ?? 0] ?? 0;

    const xr = trial(centroid, xWorst, rho);
    const fr = f(xr);
    if (fr < fBest) {
      const xe = trial(centroid, xWorst, rho * chi);
      const fe = f(xe);
      if (fe < fr) replace(worst, xe, fe);
      else replace(worst, xr, fr);
      continue;
    }
    if (fr < fSecond) {
      replace(worst, xr, fr);
      continue;
    }
    if (fr < fWorst) {
      const xc = trial(centroid, xWorst, rho * gamma);
      const fc = f(xc);
      if (fc <= fr) {
        replace(worst, xc, fc);
        continue;
      }
    } else {
      const xcc = trial(centroid, xWorst, -gamma);
      const fcc = f(xcc);
      if (fcc < fWorst) {
        replace(worst, xcc, fcc);
        continue;
      }
    }
    const xb = points[best] ?? start;
    for (let k = 1; k <= n; k++) {
      const idx = order[k] ?? 0;
      const p = points[idx] ?? start;
      for (let j = 0; j < n; j++) p[j] = (xb[j] ?? 0) + sigma * ((p[j] ?? 0) - (xb[j] ?? 0));
      values[idx] = f(p);
    }
  }
  order.sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0) || i - j);
  const best = order[0] ?? 0;
  return {
    x: Float64Array.from(points[best] ?? start),
    value: values[best] ?? Number.POSITIVE_INFINITY,
    iterations,
    evaluations: count(),
    converged,
  };

  function replace(i: number, x: Float64Array, v: number): void {
    points[i] = x;
    values[i] = v;
  }
}
