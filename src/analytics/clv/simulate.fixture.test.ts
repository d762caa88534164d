// Seeded simulation of BG/NBD customers for the CLV tests. The name ends in .test.ts so that the
// build leaves it out; it registers no test of its own.
import type { BgNbdParams } from './index.js';

/** A small seeded generator (mulberry32) giving uniforms in (0, 1). */
export function uniforms(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
export function gammaVariate(u: () => number, shape: number): number {
  if (shape < 1) return gammaVariate(u, shape + 1) * u() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(u);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Histories (x, t_x, T) of `n` BG/NBD customers in weeks, observed for whole numbers of days
 * between `minDays` and `maxDays`; purchase times are kept to the day (at its midpoint, so that
 * rounding biases nothing), which is what lets a million customers compress to fewer patterns.
 */
export function simulateBgNbdHistories(
  n: number,
  params: BgNbdParams,
  options: { seed: number; minDays: number; maxDays: number },
): { x: Float64Array; tx: Float64Array; T: Float64Array } {
  const u = uniforms(options.seed);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const span = options.maxDays - options.minDays + 1;
  for (let i = 0; i < n; i++) {
    const lambda = gammaVariate(u, params.r) / params.alpha;
    const ga = gammaVariate(u, params.a);
    const p = ga / (ga + gammaVariate(u, params.b));
    const age = (options.minDays + Math.floor(u() * span)) / 7;
    let t = 0;
    let k = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (t >= age) break;
      k++;
      last = Math.min(age, (Math.floor(t * 7) + 0.5) / 7);
      if (u() < p) break;
    }
    x[i] = k;
    tx[i] = last;
    T[i] = age;
  }
  return { x, tx, T };
}
