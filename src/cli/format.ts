import { enNumber } from '../i18n/en-number.js';

/**
 * A number with thousands separators, for people: what `value.toLocaleString('en-US')` prints (at most three
 * decimals), written out by hand (src/i18n/en-number.ts) because the first toLocaleString of a process loads
 * ICU's locale data, a tenth of a second of every command's start-up.
 */
export function n(value: number): string {
  return enNumber(value, 3);
}

/** A table of rows as aligned text columns. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (c ?? '').padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
