/**
 * CSV text as RFC 4180 writes it: comma-separated, CRLF-free (`\n` line ends), cells quoted when they
 * hold a comma, a quote, a line break or leading/trailing spaces (so the dirty-data spaces survive).
 */

/** A value of one cell; null and undefined are written as an empty cell. */
export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** The text of one cell. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The text of one row, with its line end. */
export function csvRow(values: readonly Cell[]): string {
  let line = csvCell(values[0]);
  for (let i = 1; i < values.length; i++) line += `,${csvCell(values[i])}`;
  return `${line}\n`;
}

/** Money with two decimals; null stays empty. */
export function money(x: number | null | undefined): string {
  return x === null || x === undefined ? '' : x.toFixed(2);
}
