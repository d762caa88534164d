/**
 * A number with thousands separators, for people: what `value.toLocaleString('en-US')` prints (at most three
 * decimals, the shortest decimal form rounded half away from zero), written out by hand because the first
 * toLocaleString of a process loads ICU's locale data, a tenth of a second of every command's start-up.
 */
export function n(value: number): string {
  if (!Number.isFinite(value)) return value.toLocaleString('en-US');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const text = String(Math.abs(value));
  // Exponent forms: below 1e-6 (rounds to 0 at three decimals) or from 1e21 (left to Intl, rare).
  if (text.includes('e')) return text.includes('e-') ? `${sign}0` : value.toLocaleString('en-US');
  let [whole = '0', fraction = ''] = text.split('.');
  if (fraction.length > 3) {
    const up = (fraction[3] ?? '0') >= '5';
    fraction = fraction.slice(0, 3);
    if (up) {
      const scaled = (BigInt(whole + fraction) + 1n).toString().padStart(4, '0');
      whole = scaled.slice(0, -3);
      fraction = scaled.slice(-3);
    }
  }
  fraction = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
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
