import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { digamma, logHyp2f1 } from '../stats/index.js';
import { checkHistories, checkPositive, distinct, hasRepeat, type PurchaseHistories } from './history.js';
import { type FitOptions, type FitSummary, maximizeLikelihood } from './mle.js';

/** BG/NBD parameters: purchase rates λ ~ Gamma(r, α); dropout probabilities p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** A fitted BG/NBD model. */
export interface BgNbdFit extends FitSummary {
  model: 'bgnbd';
  params: BgNbdParams;
}

/** Options of {@link fitBgNbd}. */
export interface BgNbdFitOptions extends FitOptions {
  /** Starting point; default r = 1, α = mean T, a = 1, b = 1. */
  initial?: BgNbdParams;
}

/** A BG/NBD model as the prediction functions need it: a fit, or just its parameters. */
export interface BgNbdModel {
  params: BgNbdParams;
}

/**
 * Log-likelihood of BG/NBD parameters, summed over histories weighted by their counts
 * (Fader, Hardie & Lee 2005, "Counting your customers the easy way", eqs. 6 and 7):
 * L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
 *   + δ(x>0) B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)).
 */
export function bgNbdLogLikelihood(data: PurchaseHistories, params: BgNbdParams): number {
  checkPositive('bg/nbd', { ...params });
  checkHistories(data);
  return prepare(data).logLikelihood(params.r, params.alpha, params.a, params.b);
}

/** Gradient of {@link bgNbdLogLikelihood} with respect to (r, α, a, b), as a parameter record. */
export function bgNbdLogLikelihoodGradient(data: PurchaseHistories, params: BgNbdParams): BgNbdParams {
  checkPositive('bg/nbd', { ...params });
  checkHistories(data);
  const [r = 0, alpha = 0, a = 0, b = 0] = prepare(data).gradient(params.r, params.alpha, params.a, params.b);
  return { r, alpha, a, b };
}

// Precomputes the distinct x, t_x and T so that each evaluation takes one log per distinct value
// and one log-add-exp per row; this is what makes a million customers cheap after compression.
function prepare(data: PurchaseHistories): {
  logLikelihood: (r: number, alpha: number, a: number, b: number) => number;
  gradient: (r: number, alpha: number, a: number, b: number) => Float64Array;
} {
  const xs = distinct(data.x);
  const txs = distinct(data.tx);
  const Ts = distinct(data.T);
  const rows = data.x.length;
  const weight = data.count ?? new Float64Array(rows).fill(1);
  const perX = new Float64Array(xs.values.length);
  const dropX = new Float64Array(xs.values.length);
  const logTx = new Float64Array(txs.values.length);
  const logT = new Float64Array(Ts.values.length);
  const tables = (r: number, alpha: number, a: number, b: number): void => {
    const base = -gammaln(r) + r * Math.log(alpha) - betaln(a, b);
    const logA = Math.log(a);
    for (let k = 0; k < perX.length; k++) {
      const x = xs.values[k] ?? 0;
      // ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
      perX[k] = gammaln(r + x) + betaln(a, b + x) + base;
      // ln of B(a+1, b+x−1)/B(a, b+x) = ln a − ln(b+x−1)
      dropX[k] = x > 0 ? logA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    }
    for (let k = 0; k < logTx.length; k++) logTx[k] = Math.log(alpha + (txs.values[k] ?? 0));
    for (let k = 0; k < logT.length; k++) logT[k] = Math.log(alpha + (Ts.values[k] ?? 0));
  };
  const logLikelihood = (r: number, alpha: number, a: number, b: number): number => {
    tables(r, alpha, a, b);
    let ll = 0;
    for (let i = 0; i < rows; i++) {
      const w = weight[i] ?? 0;
      if (w === 0) continue;
      const k = xs.index[i] ?? 0;
      const rx = r + (xs.values[k] ?? 0);
      const alive = -rx * (logT[Ts.index[i] ?? 0] ?? 0);
      const drop = dropX[k] ?? Number.NEGATIVE_INFINITY;
      let term = alive;
      if (drop !== Number.NEGATIVE_INFINITY) {
        // log(e^alive + e^dead), inlined: this loop is the whole cost of a fit.
        const dead = drop - rx * (logTx[txs.index[i] ?? 0] ?? 0);
        term =
          alive > dead
            ? alive + Math.log1p(Math.exp(dead - alive))
            : dead + Math.log1p(Math.exp(alive - dead));
      }
      ll += w * ((perX[k] ?? 0) + term);
    }
    return ll;
  };
  // ∂LL/∂(r, α, a, b): the per-x terms through digamma, each row's two parts weighted by their
  // share of its likelihood.
  const gradient = (r: number, alpha: number, a: number, b: number): Float64Array => {
    tables(r, alpha, a, b);
    const g = new Float64Array(4);
    const psiR = digamma(r);
    const psiAB = digamma(a + b);
    const psiB = digamma(b);
    const logAlpha = Math.log(alpha);
    const dR = new Float64Array(xs.values.length);
    const dA = new Float64Array(xs.values.length);
    const dB = new Float64Array(xs.values.length);
    for (let k = 0; k < dR.length; k++) {
      const x = xs.values[k] ?? 0;
      const psiABX = digamma(a + b + x);
      dR[k] = digamma(r + x) - psiR + logAlpha;
      dA[k] = psiAB - psiABX;
      dB[k] = digamma(b + x) - psiABX - psiB + psiAB;
    }
    for (let i = 0; i < rows; i++) {
      const w = weight[i] ?? 0;
      if (w === 0) continue;
      const k = xs.index[i] ?? 0;
      const x = xs.values[k] ?? 0;
      const rx = r + x;
      const lT = logT[Ts.index[i] ?? 0] ?? 0;
      const drop = dropX[k] ?? Number.NEGATIVE_INFINITY;
      const T = Ts.values[Ts.index[i] ?? 0] ?? 0;
      let gr = (dR[k] ?? 0) - lT;
      let galpha = r / alpha - rx / (alpha + T);
      let ga = dA[k] ?? 0;
      let gb = dB[k] ?? 0;
      if (drop !== Number.NEGATIVE_INFINITY) {
        const j = txs.index[i] ?? 0;
        const lTx = logTx[j] ?? 0;
        const tx = txs.values[j] ?? 0;
        // Share of the "dropped out after the last purchase" part: 1 / (1 + e^(alive − dead)).
        const dead = drop + rx * (lT - lTx);
        const share = dead > 0 ? 1 / (1 + Math.exp(-dead)) : Math.exp(dead) / (1 + Math.exp(dead));
        gr += share * (lT - lTx);
        galpha += share * (rx / (alpha + T) - rx / (alpha + tx));
        ga += share / a;
        gb -= share / (b + x - 1);
      }
      g[0] = (g[0] ?? 0) + w * gr;
      g[1] = (g[1] ?? 0) + w * galpha;
      g[2] = (g[2] ?? 0) + w * ga;
      g[3] = (g[3] ?? 0) + w * gb;
    }
    return g;
  };
  return { logLikelihood, gradient };
}

/**
 * Fits BG/NBD by maximum likelihood over histories, usually the compressed patterns of
 * {@link compressHistories} with their counts as weights.
 */
export function fitBgNbd(data: PurchaseHistories, options: BgNbdFitOptions = {}): BgNbdFit {
  const { customers } = checkHistories(data);
  if (!(customers > 0)) throw new Error('cannot fit bg/nbd: no customers');
  const model = prepare(data);
  const start = options.initial ?? { r: 1, alpha: Math.max(meanT(data, customers), 1e-3), a: 1, b: 1 };
  checkPositive('bg/nbd', { ...start });
  const fit = maximizeLikelihood(
    (p) => model.logLikelihood(p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 0),
    [start.r, start.alpha, start.a, start.b],
    customers,
    options,
    (p) => model.gradient(p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 0),
  );
  const [r = 0, alpha = 0, a = 0, b = 0] = fit.params;
  return {
    model: 'bgnbd',
    params: { r, alpha, a, b },
    logLikelihood: fit.logLikelihood,
    customers,
    iterations: fit.iterations,
    // Without a single repeat purchase the likelihood has no maximum (r → 0 fits best), so a
    // small gradient there is not convergence.
    converged: fit.converged && hasRepeat(data),
  };
}

function meanT(data: PurchaseHistories, customers: number): number {
  let s = 0;
  for (let i = 0; i < data.T.length; i++) s += (data.T[i] ?? 0) * (data.count?.[i] ?? 1);
  return s / customers;
}

/**
 * Probability that each customer is still alive at T (Fader, Hardie & Lee 2008, "Computing
 * P(alive) using the BG/NBD model"): 1 / (1 + δ(x>0) a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 */
export function bgNbdProbabilityAlive(data: PurchaseHistories, model: BgNbdModel): Float64Array {
  const { r, alpha, a, b } = model.params;
  checkPositive('bg/nbd', { r, alpha, a, b });
  checkHistories(data);
  return data.x.map((x, i) => {
    if (x === 0) return 1;
    const T = data.T[i] ?? 0;
    const tx = data.tx[i] ?? 0;
    const logOdds =
      (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)) + Math.log(a) - Math.log(b + x - 1);
    return logistic(-logOdds);
  });
}

/**
 * Expected number of repeat purchases in (0, t] of a customer who made a first purchase at 0
 * (Fader, Hardie & Lee 2005, eq. 9):
 * E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 */
export function bgNbdExpectedPurchases(times: ArrayLike<number>, model: BgNbdModel): Float64Array {
  const { r, alpha, a, b } = model.params;
  checkPositive('bg/nbd', { r, alpha, a, b });
  checkShape(a, b);
  return Float64Array.from(times, (t) => {
    checkHorizon(t);
    if (t === 0) return 0;
    return aroundOne(a, (a1) => {
      const logTail = r * Math.log(alpha / (alpha + t)) + logHyp2f1(r, b, a1 + b - 1, t / (alpha + t));
      return ((a1 + b - 1) / (a1 - 1)) * -Math.expm1(logTail);
    });
  });
}

/** Options of {@link bgNbdConditionalExpectedPurchases}: the model and the horizon t. */
export interface BgNbdHorizon extends BgNbdModel {
  t: number;
}

/**
 * Expected number of repeat purchases in the next t time units of customers with history
 * (x, t_x, T) (Fader, Hardie & Lee 2005, eq. 10):
 * E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *                       / [1 + δ(x>0) a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)].
 */
export function bgNbdConditionalExpectedPurchases(
  data: PurchaseHistories,
  options: BgNbdHorizon,
): Float64Array {
  const { r, alpha, a, b } = options.params;
  const t = options.t;
  checkPositive('bg/nbd', { r, alpha, a, b });
  checkShape(a, b);
  checkHorizon(t);
  checkHistories(data);
  return data.x.map((x, i) => {
    if (t === 0) return 0;
    const T = data.T[i] ?? 0;
    const tx = data.tx[i] ?? 0;
    const z = t / (alpha + T + t);
    const logDecay = (r + x) * Math.log((alpha + T) / (alpha + T + t));
    const ifAlive = aroundOne(a, (a1) => {
      const logTail = logDecay + logHyp2f1(r + x, b + x, a1 + b + x - 1, z);
      return ((a1 + b + x - 1) / (a1 - 1)) * -Math.expm1(logTail);
    });
    if (x === 0) return ifAlive;
    const logOdds =
      (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)) + Math.log(a) - Math.log(b + x - 1);
    return ifAlive * logistic(-logOdds);
  });
}

/**
 * Probability of exactly n repeat purchases in (0, t] for each n in `counts` (Fader, Hardie &
 * Lee 2005, eq. 8).
 */
export function bgNbdProbabilityOfPurchases(counts: ArrayLike<number>, options: BgNbdHorizon): Float64Array {
  const { r, alpha, a, b } = options.params;
  const t = options.t;
  checkPositive('bg/nbd', { r, alpha, a, b });
  checkHorizon(t);
  const logP = Math.log(alpha / (alpha + t));
  const logQ = t === 0 ? Number.NEGATIVE_INFINITY : Math.log(t / (alpha + t));
  const lbab = betaln(a, b);
  // Negative binomial pmf of the purchases of a customer who stays alive throughout.
  const nb = (j: number) =>
    Math.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * logP + (j === 0 ? 0 : j * logQ));
  return Float64Array.from(counts, (n) => {
    if (!(Number.isInteger(n) && n >= 0)) throw new Error(`invalid purchase count: ${n}`);
    const stays = Math.exp(betaln(a, b + n) - lbab) * nb(n);
    if (n === 0) return stays;
    return stays + Math.exp(betaln(a + 1, b + n - 1) - lbab) * negativeBinomialTail(nb, n);
  });
}

// P(N ≥ n) for the pmf `nb`: one minus the head when the head is small, else the tail summed
// directly, which keeps full precision when the tail is tiny.
function negativeBinomialTail(nb: (j: number) => number, n: number): number {
  let head = 0;
  for (let j = 0; j < n; j++) head += nb(j);
  if (head < 0.5) return 1 - head;
  let tail = 0;
  for (let j = n; j < n + 100_000; j++) {
    const term = nb(j);
    tail += term;
    if (term <= 1e-17 * tail && j > n + 10) break;
  }
  return tail;
}

function logistic(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}

function checkHorizon(t: number): void {
  if (!(Number.isFinite(t) && t >= 0)) throw new Error(`invalid horizon: t = ${t}`);
}

// The expectations need a + b > 1 for their hypergeometric series.
function checkShape(a: number, b: number): void {
  if (!(a + b > 1)) throw new Error(`bg/nbd expectation undefined for a + b <= 1: a = ${a}, b = ${b}`);
}

// The expectations divide by a − 1, a removable singularity: near a = 1 they are evaluated on
// either side and averaged, which is exact to about 1e-10.
function aroundOne(a: number, f: (a: number) => number): number {
  if (Math.abs(a - 1) >= 1e-6) return f(a);
  return (f(1 - 1e-5) + f(1 + 1e-5)) / 2;
}
