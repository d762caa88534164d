import { mad, median } from '../stats/robust.js';

/** A point that breaks from the expected pattern. */
export interface Outlier {
  readonly index: number;
  /** Robust z: (value − median) / (1.4826 · MAD) of the values scored. */
  readonly z: number;
}

/**
 * Points whose robust z score (Iglewicz & Hoaglin 1993, with the MAD scaled to a normal's sd) is at least
 * `threshold` in absolute value; NaN values are skipped. When the MAD is zero (over half the values equal),
 * the mean absolute deviation × 1.2533 stands in, and a series with no spread at all has no outliers.
 */
export function robustOutliers(values: Float64Array, threshold = 3.5): Outlier[] {
  const finite: number[] = [];
  for (const v of values) if (Number.isFinite(v)) finite.push(v);
  if (finite.length < 4) return [];
  const center = median(finite) as number;
  let scale = mad(finite, center) as number;
  if (!(scale > 0)) scale = (1.2533 * finite.reduce((a, v) => a + Math.abs(v - center), 0)) / finite.length;
  if (!(scale > 0)) return [];
  const out: Outlier[] = [];
  values.forEach((v, index) => {
    if (!Number.isFinite(v)) return;
    const z = (v - center) / scale;
    if (Math.abs(z) >= threshold) out.push({ index, z });
  });
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.index - b.index);
}
