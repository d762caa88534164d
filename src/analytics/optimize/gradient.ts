import type { Objective } from './types.js';

/**
 * Central-difference gradient of `f` at `x`. The step is `relativeStep · max(1, |x_i|)`; the default
 * 1e-5 is about the cube root of machine epsilon, which balances truncation and rounding error
 * (Nocedal & Wright 2006, §8.1).
 */
export function numericalGradient(f: Objective, x: Float64Array, relativeStep = 1e-5): Float64Array {
  const n = x.length;
  const g = new Float64Array(n);
  const probe = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    const xi = x[i] ?? 0;
    const h = relativeStep * Math.max(1, Math.abs(xi));
    probe[i] = xi + h;
    const up = f(probe);
    probe[i] = xi - h;
    const down = f(probe);
    probe[i] = xi;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}
