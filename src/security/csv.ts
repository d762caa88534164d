/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return may run as a formula when the file is opened. Such text cells get a leading `'`,
 * which spreadsheets show as text. A cell that is a plain number (an E.164 phone `+4917012345`, `-12.5`)
 * cannot call anything and stays as it is, so numbers and phone numbers survive an audience upload; numeric
 * columns are never touched.
 */

import type { Dialect } from '../store/index.js';

const DANGEROUS = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;

/** A text cell made safe to open in a spreadsheet. */
export function neutraliseCell(value: string): string {
  return DANGEROUS.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The same as SQL over the text expression `expr` (both engines' regular expressions read \t and \r). */
export function neutraliseSql(dialect: Dialect, expr: string): string {
  const matches = (pattern: string) => dialect.regexpMatches(expr, pattern);
  return `CASE WHEN ${matches("'^[=+@\\t\\r-]'")} AND NOT ${matches("'^[+-]?[0-9]+(\\.[0-9]+)?$'")} THEN '''' || ${expr} ELSE ${expr} END`;
}
