/**
 * Random variates drawn from an `Rng`: exponential, normal, gamma, beta, Poisson and weighted choice.
 * Small and exact; the generator's planted distributions are built from these.
 */
import type { Rng } from './prng.js';

/** Exponential waiting time with the given rate (mean 1 / rate). */
export function exponential(rng: Rng, rate: number): number {
  return -Math.log(rng.next()) / rate;
}

/** Standard normal by the Box-Muller transform (one of the pair is used; the streams are cheap). */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const u = rng.next();
  const v = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Normal draw clipped to [lo, hi]. */
export function clippedNormal(rng: Rng, mean: number, sd: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, normal(rng, mean, sd)));
}

/** Log-normal draw whose logarithm has the given mean and standard deviation. */
export function logNormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(normal(rng, mu, sigma));
}

/**
 * Gamma(shape, rate), mean shape / rate: Marsaglia & Tsang 2000 ("A simple method for generating gamma
 * variables"), with the boost Gamma(k) = Gamma(k + 1) · U^(1/k) for shape < 1.
 */
export function gamma(rng: Rng, shape: number, rate: number): number {
  if (!(shape > 0) || !(rate > 0)) throw new Error(`invalid gamma parameters: ${shape}, ${rate}`);
  if (shape < 1) return gamma(rng, shape + 1, rate) * rng.next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a, 1);
  const y = gamma(rng, b, 1);
  return x / (x + y);
}

/**
 * Poisson(mean): Knuth's product of uniforms below mean 30, above it Hörmann's transformed rejection
 * with squeeze (PTRS, "The transformed rejection method for generating Poisson random variables", 1993).
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean >= 0)) throw new Error(`invalid poisson mean: ${mean}`);
  if (mean === 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng.next();
    while (p > limit) {
      k++;
      p *= rng.next();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -mean + k * loglam - logFactorial(k)
    ) {
      return k;
    }
  }
}

// Stirling series for log k!, with an exact table below 6.
const LOG_FACT = [0, 0, Math.LN2, Math.log(6), Math.log(24), Math.log(120)];
function logFactorial(k: number): number {
  if (k < LOG_FACT.length) return LOG_FACT[k] ?? 0;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/** A fixed discrete distribution over `items`, sampled by binary search on cumulative weights. */
export class Categorical<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error(`invalid categorical: ${items.length} items, ${weights.length} weights`);
    }
    this.items = items;
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new Error(`invalid weight: ${w}`);
      total += w;
      this.cumulative[i] = total;
    });
    if (!(total > 0)) throw new Error('invalid categorical: weights sum to zero');
  }

  /** From a record of weights by key. */
  static of<K extends string>(weights: Readonly<Record<K, number>>): Categorical<K> {
    const keys = Object.keys(weights) as K[];
    return new Categorical(
      keys,
      keys.map((k) => weights[k]),
    );
  }

  /** Index of one draw. */
  index(rng: Rng): number {
    const c = this.cumulative;
    const u = rng.next() * (c[c.length - 1] ?? 0);
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((c[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** One draw. */
  sample(rng: Rng): T {
    return this.items[this.index(rng)] as T;
  }
}

/** Index of one draw from unnormalised weights held in a scratch array (no allocation). */
export function weightedIndex(rng: Rng, weights: ArrayLike<number>, n = weights.length): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] ?? 0;
  let u = rng.next() * total;
  for (let i = 0; i < n; i++) {
    u -= weights[i] ?? 0;
    if (u < 0) return i;
  }
  return n - 1;
}
