/** The median of finite values, or null when there are none. */
export function median(values: readonly number[]): number | null {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

/** The median absolute deviation scaled to a normal's sd (× 1.4826), or null for no values. */
export function mad(values: readonly number[], center: number): number | null {
  const m = median(values.map((v) => Math.abs(v - center)));
  return m === null ? null : 1.4826 * m;
}
