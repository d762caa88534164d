/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return may run as a formula when the file is opened. Such text cells get a leading `'`,
 * which spreadsheets show as text. Numeric columns are left alone, so -12.5 stays a number.
 */

const DANGEROUS = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet. */
export function neutraliseCell(value: string): string {
  return DANGEROUS.test(value) ? `'${value}` : value;
}

/** The same as SQL over the text expression `expr` (DuckDB; RE2 reads \t and \r in the pattern). */
export function neutraliseSql(expr: string): string {
  return `CASE WHEN regexp_matches(${expr}, '^[=+@\\t\\r-]') THEN '''' || ${expr} ELSE ${expr} END`;
}
