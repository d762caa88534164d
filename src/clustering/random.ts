/**
 * Seeded sampling for clustering, driven by the project's Mulberry32 generator so that the same seed gives
 * the same initial centres, samples and resamples on every platform.
 */
import { mulberry32, shuffleInPlace } from '../analytics/classify/random.js';

export { mulberry32 };

/** `size` distinct row indices out of `rows`, sorted, drawn uniformly (all rows when `size >= rows`). */
export function sampleIndices(rows: number, size: number, random: () => number): Uint32Array {
  const all = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) all[i] = i;
  if (size >= rows) return all;
  shuffleInPlace(all, random);
  return all.slice(0, size).sort();
}

/** `size` row indices out of `rows` drawn with replacement (a bootstrap sample). */
export function bootstrapIndices(rows: number, size: number, random: () => number): Uint32Array {
  const out = new Uint32Array(size);
  for (let i = 0; i < size; i++) out[i] = Math.floor(random() * rows);
  return out;
}
