/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return may run as a formula when the file is opened. Such text cells get a leading `'`,
 * which spreadsheets show as text. A cell that is a plain number (an E.164 phone `+4917012345`, `-12.5`)
 * cannot call anything and stays as it is, so numbers and phone numbers survive an audience upload; numeric
 * columns are never touched.
 */

const DANGEROUS = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;

/** A text cell made safe to open in a spreadsheet. */
export function neutraliseCell(value: string): string {
  return DANGEROUS.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The same as SQL over the text expression `expr` (DuckDB; RE2 reads \t and \r in the pattern). */
export function neutraliseSql(expr: string): string {
  return `CASE WHEN regexp_matches(${expr}, '^[=+@\\t\\r-]') AND NOT regexp_matches(${expr}, '^[+-]?[0-9]+(\\.[0-9]+)?$') THEN '''' || ${expr} ELSE ${expr} END`;
}
