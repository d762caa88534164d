import gammaln from '@stdlib/math-base-special-gammaln';
import { logAddExp, logHyp2f1, logSubExp } from '../stats/index.js';
import { checkHistories, checkPositive, hasRepeat, type PurchaseHistories } from './history.js';
import { type FitOptions, type FitSummary, maximizeLikelihood } from './mle.js';

/** Pareto/NBD parameters: purchase rates λ ~ Gamma(r, α); dropout rates μ ~ Gamma(s, β). */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** A fitted Pareto/NBD model. */
export interface ParetoNbdFit extends FitSummary {
  model: 'paretonbd';
  params: ParetoNbdParams;
}

/** Options of {@link fitParetoNbd}. */
export interface ParetoNbdFitOptions extends FitOptions {
  /** Starting point; default r = 1, α = mean T, s = 1, β = mean T. */
  initial?: ParetoNbdParams;
}

/** A Pareto/NBD model as predictions need it: a fit, or just its parameters. */
export interface ParetoNbdModel {
  params: ParetoNbdParams;
}

/**
 * ln A₀ of the Pareto/NBD likelihood (Fader & Hardie 2005, "A note on deriving the Pareto/NBD
 * model and related expressions"). With M = max(α, β), m = min(α, β) and c = s+1 when α ≥ β,
 * r+x otherwise:
 * A₀ = ₂F₁(r+s+x, c; r+s+x+1; (M−m)/(M+t_x)) / (M+t_x)^(r+s+x) − ₂F₁(…; (M−m)/(M+T)) / (M+T)^(r+s+x).
 * Both terms are taken as logarithms and subtracted in log space, as lifetimes does, so heavy
 * buyers (large x) neither overflow nor lose the difference.
 */
function logA0(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const [max, min, c] = alpha >= beta ? [alpha, beta, s + 1] : [beta, alpha, r + x];
  const rsx = r + s + x;
  const gap = max - min;
  const early = logHyp2f1(rsx, c, rsx + 1, gap / (max + tx)) - rsx * Math.log(max + tx);
  const late = logHyp2f1(rsx, c, rsx + 1, gap / (max + T)) - rsx * Math.log(max + T);
  // A₀ ≥ 0 and is 0 at t_x = T; rounding can make `late` exceed `early` by an ulp.
  return late >= early ? Number.NEGATIVE_INFINITY : logSubExp(early, late);
}

// ln of the two parts of L: the customer alive at T, and the customer gone before T.
function parts(
  p: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
): { base: number; alive: number; gone: number } {
  const { r, alpha, s, beta } = p;
  return {
    base: gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta),
    alive: -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T),
    gone: Math.log(s) - Math.log(r + s + x) + logA0(r, alpha, s, beta, x, tx, T),
  };
}

/**
 * Log-likelihood of Pareto/NBD parameters, summed over histories weighted by their counts
 * (Fader & Hardie 2005, note on the Pareto/NBD): L = Γ(r+x) α^r β^s / Γ(r) ·
 * [1 / ((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀].
 */
export function paretoNbdLogLikelihood(data: PurchaseHistories, params: ParetoNbdParams): number {
  checkPositive('pareto/nbd', { ...params });
  checkHistories(data);
  return logLikelihood(data, params);
}

function logLikelihood(data: PurchaseHistories, params: ParetoNbdParams): number {
  let ll = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.count?.[i] ?? 1;
    if (w === 0) continue;
    const { base, alive, gone } = parts(params, data.x[i] ?? 0, data.tx[i] ?? 0, data.T[i] ?? 0);
    ll += w * (base + logAddExp(alive, gone));
  }
  return ll;
}

/** Fits Pareto/NBD by maximum likelihood over histories, compressed or not. */
export function fitParetoNbd(data: PurchaseHistories, options: ParetoNbdFitOptions = {}): ParetoNbdFit {
  const { customers } = checkHistories(data);
  if (!(customers > 0)) throw new Error('cannot fit pareto/nbd: no customers');
  let meanT = 0;
  for (let i = 0; i < data.T.length; i++) meanT += (data.T[i] ?? 0) * (data.count?.[i] ?? 1);
  meanT = Math.max(meanT / customers, 1e-3);
  const start = options.initial ?? { r: 1, alpha: meanT, s: 1, beta: meanT };
  checkPositive('pareto/nbd', { ...start });
  const fit = maximizeLikelihood(
    (v) => logLikelihood(data, { r: v[0] ?? 0, alpha: v[1] ?? 0, s: v[2] ?? 0, beta: v[3] ?? 0 }),
    [start.r, start.alpha, start.s, start.beta],
    customers,
    options,
  );
  const [r = 0, alpha = 0, s = 0, beta = 0] = fit.params;
  return {
    model: 'paretonbd',
    params: { r, alpha, s, beta },
    logLikelihood: fit.logLikelihood,
    customers,
    iterations: fit.iterations,
    // Without a single repeat purchase the likelihood has no maximum (r → 0 fits best), so a
    // small gradient there is not convergence.
    converged: fit.converged && hasRepeat(data),
  };
}

/**
 * Probability that each customer is still alive at T (Fader & Hardie 2005, note on the
 * Pareto/NBD): the alive part of the likelihood over the whole.
 */
export function paretoNbdProbabilityAlive(data: PurchaseHistories, model: ParetoNbdModel): Float64Array {
  checkPositive('pareto/nbd', { ...model.params });
  checkHistories(data);
  return data.x.map((x, i) => {
    const { alive, gone } = parts(model.params, x, data.tx[i] ?? 0, data.T[i] ?? 0);
    return Math.exp(alive - logAddExp(alive, gone));
  });
}

/**
 * Expected repeat purchases in (0, t] of a new customer (Schmittlein, Morrison & Colombo 1987):
 * E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)].
 */
export function paretoNbdExpectedPurchases(times: ArrayLike<number>, model: ParetoNbdModel): Float64Array {
  const { r, alpha, s, beta } = model.params;
  checkPositive('pareto/nbd', { r, alpha, s, beta });
  return Float64Array.from(times, (t) => {
    if (!(Number.isFinite(t) && t >= 0)) throw new Error(`invalid horizon: t = ${t}`);
    return ((r * beta) / alpha) * decay(s, Math.log((beta + t) / beta));
  });
}

/** Options of {@link paretoNbdConditionalExpectedPurchases}: the model and the horizon t. */
export interface ParetoNbdHorizon extends ParetoNbdModel {
  t: number;
}

/**
 * Expected repeat purchases in the next t time units of customers with history (x, t_x, T)
 * (Fader & Hardie 2005, note on the Pareto/NBD; lifetimes' form):
 * P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)].
 */
export function paretoNbdConditionalExpectedPurchases(
  data: PurchaseHistories,
  options: ParetoNbdHorizon,
): Float64Array {
  const { r, alpha, s, beta } = options.params;
  const t = options.t;
  checkPositive('pareto/nbd', { r, alpha, s, beta });
  if (!(Number.isFinite(t) && t >= 0)) throw new Error(`invalid horizon: t = ${t}`);
  const alive = paretoNbdProbabilityAlive(data, options);
  return data.x.map((x, i) => {
    const T = data.T[i] ?? 0;
    const rate = ((r + x) * (beta + T)) / (alpha + T);
    return (alive[i] ?? 0) * rate * decay(s, Math.log((beta + T + t) / (beta + T)));
  });
}

// [1 − e^(−(s−1)g)] / (s−1), which tends to g at s = 1 (g = ln of the horizon ratio).
function decay(s: number, g: number): number {
  const k = s - 1;
  return Math.abs(k) < 1e-10 ? g : -Math.expm1(-k * g) / k;
}
