import type { Row } from '../store/index.js';

/** A numeric column of rows as a Float64Array; null, missing and non-numbers become NaN. */
export function numberColumn(rows: readonly Row[], name: string): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]?.[name];
    out[i] =
      typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v == null ? Number.NaN : Number(v);
  }
  return out;
}

/** A text column of rows; null stays null. */
export function textColumn(rows: readonly Row[], name: string): (string | null)[] {
  return rows.map((r) => {
    const v = r[name];
    return v == null ? null : String(v);
  });
}

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
