/**
 * Classical seasonal decomposition by moving averages (Kendall & Stuart 1983; R's `decompose`):
 * trend = centred moving average over one season (2×m when m is even), seasonal = the mean detrended
 * value of each position in the season, centred (to sum 0, or to average 1 when multiplicative),
 * remainder = what is left. Needs at least two full seasons.
 */

/** Additive (x = T + S + R) or multiplicative (x = T · S · R). */
export type DecompositionModel = 'additive' | 'multiplicative';

/** The parts of a decomposed series; trend and remainder are NaN where the moving average is undefined. */
export interface Decomposition {
  readonly model: DecompositionModel;
  readonly period: number;
  readonly trend: Float64Array;
  readonly seasonal: Float64Array;
  readonly remainder: Float64Array;
  /** The seasonal figure of each position 0 … period − 1 (position 0 is the first point's). */
  readonly figure: Float64Array;
}

/** Decomposes `x` with season length `period` (≥ 2); throws when x is shorter than two seasons. */
export function decompose(x: Float64Array, period: number, model: DecompositionModel): Decomposition {
  const n = x.length;
  if (!Number.isInteger(period) || period < 2) throw new Error(`invalid period: ${period}`);
  if (n < 2 * period) throw new Error(`series too short: ${n} points for period ${period}`);
  if (model === 'multiplicative' && x.some((v) => !(v > 0))) {
    throw new Error('invalid series: a multiplicative decomposition needs positive values');
  }
  const trend = movingAverage(x, period);
  const detrended = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const tr = trend[t] as number;
    detrended[t] = model === 'additive' ? (x[t] as number) - tr : (x[t] as number) / tr;
  }
  const figure = new Float64Array(period);
  for (let s = 0; s < period; s++) {
    let sum = 0;
    let count = 0;
    for (let t = s; t < n; t += period) {
      const v = detrended[t] as number;
      if (Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    figure[s] = count ? sum / count : model === 'additive' ? 0 : 1;
  }
  const mean = figure.reduce((a, b) => a + b, 0) / period;
  for (let s = 0; s < period; s++) {
    figure[s] = model === 'additive' ? (figure[s] as number) - mean : (figure[s] as number) / mean;
  }
  const seasonal = new Float64Array(n);
  const remainder = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const s = figure[t % period] as number;
    seasonal[t] = s;
    const tr = trend[t] as number;
    remainder[t] = model === 'additive' ? (x[t] as number) - tr - s : (x[t] as number) / (tr * s);
  }
  return { model, period, trend, seasonal, remainder, figure };
}

/** Centred moving average over `period` points (2×period when even, as R's filter); NaN at the ends. */
export function movingAverage(x: Float64Array, period: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const even = period % 2 === 0;
  const half = Math.floor(period / 2);
  for (let t = half; t < n - half; t++) {
    let sum = 0;
    if (even) {
      sum += 0.5 * ((x[t - half] as number) + (x[t + half] as number));
      for (let k = t - half + 1; k <= t + half - 1; k++) sum += x[k] as number;
    } else {
      for (let k = t - half; k <= t + half; k++) sum += x[k] as number;
    }
    out[t] = sum / period;
  }
  return out;
}
