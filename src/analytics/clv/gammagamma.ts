import gammaln from '@stdlib/math-base-special-gammaln';
import { digamma } from '../stats/index.js';
import { checkPositive, distinct } from './history.js';
import { type FitOptions, type FitSummary, maximizeLikelihood } from './mle.js';

/**
 * Gamma-Gamma parameters: a customer's transaction values are Gamma(p, ν), and ν across
 * customers is Gamma(q, γ).
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Repeat purchases x and their mean value z̄ per customer; `count` weights rows (default 1). */
export interface SpendHistories {
  x: Float64Array;
  zbar: Float64Array;
  count?: Float64Array;
}

/** A fitted Gamma-Gamma model. */
export interface GammaGammaFit extends FitSummary {
  model: 'gammagamma';
  params: GammaGammaParams;
  /** Customers with repeat purchases left out because z̄ was not a positive number. */
  excluded: number;
  /** Customers without repeat purchases, who carry no information on spend. */
  noRepeat: number;
}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaFitOptions extends FitOptions {
  /** Starting point; default p = 1, q = 2, γ = mean z̄ (so the implied mean spend is the sample's). */
  initial?: GammaGammaParams;
}

/** Which rows a Gamma-Gamma fit uses: x > 0 and z̄ > 0. */
function usable(data: SpendHistories): {
  rows: Uint32Array;
  customers: number;
  excluded: number;
  noRepeat: number;
} {
  const n = data.x.length;
  if (data.zbar.length !== n)
    throw new Error(`column length mismatch: zbar has ${data.zbar.length} rows, x has ${n}`);
  if (data.count !== undefined && data.count.length !== n) {
    throw new Error(`column length mismatch: count has ${data.count.length} rows, x has ${n}`);
  }
  const rows: number[] = [];
  let customers = 0;
  let excluded = 0;
  let noRepeat = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i] ?? Number.NaN;
    const z = data.zbar[i] ?? Number.NaN;
    const w = data.count?.[i] ?? 1;
    if (!(Number.isInteger(x) && x >= 0)) throw new Error(`invalid x at row ${i}: ${x}`);
    if (!(Number.isFinite(w) && w >= 0)) throw new Error(`invalid count at row ${i}: ${w}`);
    if (z === Number.POSITIVE_INFINITY) throw new Error(`invalid zbar at row ${i}: ${z}`);
    if (x === 0) noRepeat += w;
    else if (!(z > 0)) excluded += w;
    else if (w > 0) {
      rows.push(i);
      customers += w;
    }
  }
  return { rows: Uint32Array.from(rows), customers, excluded, noRepeat };
}

/**
 * Log-likelihood of Gamma-Gamma parameters over customers with x > 0 and z̄ > 0 (Fader, Hardie &
 * Lee 2005, "RFM and CLV: using iso-value curves for customer base analysis"; Fader & Hardie 2013,
 * "The Gamma-Gamma model of monetary value", the density of z̄ given x):
 * f(z̄ | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q z̄^(px−1) x^(px) / (γ + x z̄)^(px+q).
 */
export function gammaGammaLogLikelihood(data: SpendHistories, params: GammaGammaParams): number {
  checkPositive('gamma-gamma', { ...params });
  return prepare(data, usable(data).rows).logLikelihood(params.p, params.q, params.gamma);
}

/** Gradient of {@link gammaGammaLogLikelihood} with respect to (p, q, γ), as a parameter record. */
export function gammaGammaLogLikelihoodGradient(
  data: SpendHistories,
  params: GammaGammaParams,
): GammaGammaParams {
  checkPositive('gamma-gamma', { ...params });
  const [p = 0, q = 0, gamma = 0] = prepare(data, usable(data).rows).gradient(
    params.p,
    params.q,
    params.gamma,
  );
  return { p, q, gamma };
}

function prepare(
  data: SpendHistories,
  rows: Uint32Array,
): {
  logLikelihood: (p: number, q: number, gamma: number) => number;
  gradient: (p: number, q: number, gamma: number) => Float64Array;
} {
  const x = Float64Array.from(rows, (i) => data.x[i] ?? 0);
  const z = Float64Array.from(rows, (i) => data.zbar[i] ?? 0);
  const w = Float64Array.from(rows, (i) => data.count?.[i] ?? 1);
  const logZ = z.map(Math.log);
  const logX = x.map(Math.log);
  const xs = distinct(x);
  const perX = new Float64Array(xs.values.length);
  const logLikelihood = (p: number, q: number, gamma: number): number => {
    const base = -gammaln(q) + q * Math.log(gamma);
    for (let k = 0; k < perX.length; k++) {
      const px = p * (xs.values[k] ?? 0);
      perX[k] = gammaln(px + q) - gammaln(px) + base;
    }
    let ll = 0;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i] ?? 0;
      const px = p * xi;
      const zi = z[i] ?? 0;
      ll +=
        (w[i] ?? 0) *
        ((perX[xs.index[i] ?? 0] ?? 0) +
          (px - 1) * (logZ[i] ?? 0) +
          px * (logX[i] ?? 0) -
          (px + q) * Math.log(gamma + xi * zi));
    }
    return ll;
  };
  // ∂/∂p = x[ψ(px+q) − ψ(px) + ln z̄ + ln x − ln(γ+xz̄)], ∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ+xz̄),
  // ∂/∂γ = q/γ − (px+q)/(γ+xz̄), each summed with the weights.
  const gradient = (p: number, q: number, gamma: number): Float64Array => {
    const psiQ = digamma(q);
    const logGamma = Math.log(gamma);
    const dP = new Float64Array(xs.values.length);
    const dQ = new Float64Array(xs.values.length);
    for (let k = 0; k < dP.length; k++) {
      const px = p * (xs.values[k] ?? 0);
      const psiPQ = digamma(px + q);
      dP[k] = psiPQ - digamma(px);
      dQ[k] = psiPQ - psiQ + logGamma;
    }
    let gp = 0;
    let gq = 0;
    let gg = 0;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i] ?? 0;
      const wi = w[i] ?? 0;
      const k = xs.index[i] ?? 0;
      const pool = gamma + xi * (z[i] ?? 0);
      const logPool = Math.log(pool);
      gp += wi * xi * ((dP[k] ?? 0) + (logZ[i] ?? 0) + (logX[i] ?? 0) - logPool);
      gq += wi * ((dQ[k] ?? 0) - logPool);
      gg += wi * (q / gamma - (p * xi + q) / pool);
    }
    return Float64Array.of(gp, gq, gg);
  };
  return { logLikelihood, gradient };
}

/**
 * Fits Gamma-Gamma by maximum likelihood on the customers with repeat purchases and a positive
 * mean repeat value; the others are counted, not used. The model assumes spend is independent of
 * purchase frequency.
 */
export function fitGammaGamma(data: SpendHistories, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const { rows, customers, excluded, noRepeat } = usable(data);
  if (!(customers > 0))
    throw new Error('cannot fit gamma-gamma: no customers with repeat purchases and positive spend');
  const model = prepare(data, rows);
  let meanZ = 0;
  for (const i of rows) meanZ += (data.zbar[i] ?? 0) * (data.count?.[i] ?? 1);
  meanZ /= customers;
  const start = options.initial ?? { p: 1, q: 2, gamma: meanZ };
  checkPositive('gamma-gamma', { ...start });
  const fit = maximizeLikelihood(
    (v) => model.logLikelihood(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0),
    [start.p, start.q, start.gamma],
    customers,
    options,
    (v) => model.gradient(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0),
  );
  const [p = 0, q = 0, gamma = 0] = fit.params;
  return {
    model: 'gammagamma',
    params: { p, q, gamma },
    logLikelihood: fit.logLikelihood,
    customers,
    excluded,
    noRepeat,
    iterations: fit.iterations,
    converged: fit.converged,
  };
}

/** A Gamma-Gamma model as predictions need it: a fit, or just its parameters. */
export interface GammaGammaModel {
  params: GammaGammaParams;
}

/**
 * Expected mean transaction value of each customer given x and z̄ (Fader, Hardie & Lee 2005, JMR):
 * E(M | x, z̄) = p (γ + x z̄) / (px + q − 1), a weighted mean of the population mean pγ/(q − 1) and
 * the customer's z̄. A customer with x = 0, or with z̄ not a positive number, gets the population mean.
 */
export function gammaGammaExpectedSpend(data: SpendHistories, model: GammaGammaModel): Float64Array {
  const { p, q, gamma } = model.params;
  checkPositive('gamma-gamma', { p, q, gamma });
  if (data.zbar.length !== data.x.length) {
    throw new Error(`column length mismatch: zbar has ${data.zbar.length} rows, x has ${data.x.length}`);
  }
  return data.x.map((x, i) => {
    if (!(Number.isInteger(x) && x >= 0)) throw new Error(`invalid x at row ${i}: ${x}`);
    const z = data.zbar[i] ?? Number.NaN;
    const n = z > 0 && Number.isFinite(z) ? x : 0;
    const denominator = p * n + q - 1;
    if (!(denominator > 0)) throw new Error(`gamma-gamma mean spend is infinite for q <= 1: q = ${q}`);
    return (p * (gamma + (n > 0 ? n * z : 0))) / denominator;
  });
}
