/**
 * English numbers written out by hand: what `new Intl.NumberFormat('en-US', { maximumFractionDigits })` prints.
 * The first Intl.NumberFormat (or toLocaleString) of a process loads ICU's number data, about 25 ms of CPU, more
 * than the rest of a `clientele status` spends on its words (issue 13); English text never needs it.
 */

let intl: Map<number, Intl.NumberFormat> | undefined;

// The rare forms written by ICU itself: NaN, ±Infinity, exponents it would not print as such.
function byIntl(value: number, digits: number): string {
  intl ??= new Map();
  let f = intl.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    intl.set(digits, f);
  }
  return f.format(value);
}

/**
 * `value` with thousands separators and at most `digits` decimals, as en-US writes it: ICU rounds the shortest
 * decimal form of the double half away from zero (1.005 → 1.01), trailing zeros dropped, -0 kept as "-0".
 */
export function enNumber(value: number, digits: number): string {
  if (!Number.isFinite(value) || !Number.isInteger(digits) || digits < 0 || digits > 20)
    return byIntl(value, digits);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const text = String(Math.abs(value));
  if (text.includes('e')) {
    // Below 1e-6 (the exponent form) rounds to 0 at up to five decimals; the rest is left to Intl.
    return text.includes('e-') && digits <= 5 ? `${sign}0` : byIntl(value, digits);
  }
  let [whole = '0', fraction = ''] = text.split('.');
  if (fraction.length > digits) {
    const up = (fraction[digits] ?? '0') >= '5';
    fraction = fraction.slice(0, digits);
    if (up) {
      const scaled = (BigInt(whole + fraction) + 1n).toString().padStart(digits + 1, '0');
      whole = scaled.slice(0, scaled.length - digits);
      fraction = scaled.slice(scaled.length - digits);
    }
  }
  fraction = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}
