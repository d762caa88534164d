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

/** RFC 4180 rows of a CSV text (quoted cells, doubled quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}
