/** Number helpers that keep NaN and Infinity out of every mining answer. */

export { mad, median } from '../analytics/stats/robust.js';

/** `x` when it is a finite number, else null. */
export function finite(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** `x` rounded to `digits` significant decimals (default 6), or null when it is not finite. */
export function round(x: number | null | undefined, digits = 6): number | null {
  const v = finite(x);
  if (v === null) return null;
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** a / b, or null when b is zero or either side is missing. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return null;
  return finite(a / b);
}

/** Converts a row value (number, bigint, string or null) to a number, NaN for anything else. */
export function num(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'string' && x.trim() !== '') return Number(x);
  return Number.NaN;
}
