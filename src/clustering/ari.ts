/**
 * The adjusted Rand index (Hubert & Arabie 1985): agreement of two partitions of the same items, 1 when
 * they are the same up to renaming, about 0 for independent ones (it can be negative).
 */
export function adjustedRandIndex(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  if (a.length !== b.length) throw new Error(`invalid labels: ${a.length} and ${b.length} items`);
  const n = a.length;
  const ia = codes(a);
  const ib = codes(b);
  const cells = new Map<number, number>();
  const rows = new Float64Array(ia.levels);
  const cols = new Float64Array(ib.levels);
  for (let i = 0; i < n; i++) {
    const x = ia.codes[i]!;
    const y = ib.codes[i]!;
    rows[x]!++;
    cols[y]!++;
    const key = x * ib.levels + y;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const pairs = (m: number) => (m * (m - 1)) / 2;
  let index = 0;
  for (const m of cells.values()) index += pairs(m);
  let sumA = 0;
  for (const m of rows) sumA += pairs(m);
  let sumB = 0;
  for (const m of cols) sumB += pairs(m);
  const expected = n < 2 ? 0 : (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  // Both partitions trivial (one cluster each, or all singletons): identical, so 1, as scikit-learn says.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

function codes(labels: ArrayLike<number | string>): { codes: Uint32Array; levels: number } {
  const seen = new Map<number | string, number>();
  const out = new Uint32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    let code = seen.get(label);
    if (code === undefined) {
      code = seen.size;
      seen.set(label, code);
    }
    out[i] = code;
  }
  return { codes: out, levels: seen.size };
}
