/** Rounds for printing without losing what matters; NaN and infinities become null, never NaN in JSON. */
export function finite(value: number, digits = 6): number | null {
  if (!Number.isFinite(value)) return null;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}

/** Mean of the finite values of a column, or null. */
export function mean(values: ArrayLike<number>): number | null {
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? Number.NaN;
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n ? s / n : null;
}

/**
 * Numbers of a result column as a Float64Array: a column of `Warehouse.numbers` as it is (or widened from
 * Int32Array); from `Warehouse.columns`, null and non-numbers become NaN.
 */
export function toFloat64(values: readonly unknown[] | Float64Array | Int32Array | undefined): Float64Array {
  if (values instanceof Float64Array) return values;
  if (values instanceof Int32Array) return Float64Array.from(values);
  const out = new Float64Array(values?.length ?? 0);
  if (!values) return out;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] =
      typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v == null ? Number.NaN : Number(v);
  }
  return out;
}

/** Texts of a result column; null stays null. */
export function toText(
  values: readonly unknown[] | Float64Array | Int32Array | undefined,
): (string | null)[] {
  if (values instanceof Float64Array || values instanceof Int32Array)
    return Array.from(values, (v: number) => (Number.isFinite(v) ? String(v) : null));
  return (values ?? []).map((v) => (v == null ? null : String(v)));
}
