import { type FieldSpec, MONEY_LIMIT } from '../domain/kinds.js';
import { assertUnreachable } from '../errors/index.js';
import { duckdbDialect } from '../store/dialect.js';
import type { TimestampFormat } from './dates.js';
import { timestampExpr } from './dates.js';

/** A check that marks a row bad: a SQL condition over the trimmed text `s` and the converted value `v`. */
export interface RowCheck {
  readonly when: string;
  readonly code: RejectCode;
  /** Says in words what is wrong with the value, after "column 'X' (field y): 'value' ". */
  readonly problem: string;
}

/** Why a row was rejected; `clientele rejects` groups by these. */
export type RejectCode =
  | 'missing_required'
  | 'missing_identifier'
  | 'not_a_number'
  | 'not_an_integer'
  | 'not_finite'
  | 'money_out_of_range'
  | 'negative'
  | 'not_a_boolean'
  | 'bad_date'
  | 'date_out_of_range'
  | 'bad_json'
  | 'wrong_column_count'
  | 'not_an_object'
  | 'malformed_line'
  | 'line_too_long'
  | 'duplicate_key';

// Tokens exports use for "no value"; for text fields only the empty string counts, so that 'n/a' stays visible.
const NULL_TOKENS = [
  'NULL',
  'null',
  'Null',
  'NA',
  'N/A',
  'n/a',
  'None',
  'none',
  'nan',
  'NaN',
  '\\N',
  '-',
  '?',
];

/**
 * A row's test that its text is all ASCII, over the row's whole text `text` (its fields joined, or a JSON
 * line): see {@link trimmedText}. One scan a row, where trimming scans every value. A JSON line can be ASCII
 * and still hold a no-break space written as `\u00a0`, so with `json` a line with any `\u` escape counts as
 * not ASCII.
 *
 * Text is all ASCII exactly when its length in bytes equals its length in characters (every other character
 * takes two bytes or more in UTF-8, which the engine's text always is): the same answer as matching
 * `[^\x00-\x7F]`, at a quarter of the regular expression's cost (about 1 s of CPU a million 26-column rows).
 */
export function asciiRowExpr(text: string, json = false): string {
  const ascii = `strlen(${text}) = length(${text})`;
  return json ? `(${ascii} AND NOT contains(${text}, ${sqlString('\\u')}))` : ascii;
}

/**
 * `trim(column)`, which strips the space separators (Unicode's Zs) from both ends. The engine's trim walks
 * every character of every value, and was the costliest step of staging a file (a fifth of a 1M-row load).
 * Given `asciiRow`, a per-row condition that the whole record is ASCII ({@link asciiRowExpr}), the only Zs
 * character such a value can hold is the plain space, so a value that neither starts nor ends with one is
 * returned as it is and trim runs only for the others: the same text either way.
 */
export function trimmedText(column: string, asciiRow?: string): string {
  if (!asciiRow) return `trim(${column})`;
  return `CASE WHEN ${asciiRow} AND NOT (prefix(${column}, ' ') OR suffix(${column}, ' ')) THEN ${column} ELSE trim(${column}) END`;
}

/**
 * The text of a source column, NULL when empty (or a null token, for typed fields). Short values are
 * trimmed; long ones (JSON documents, free text) are kept as written, because trimming them costs four
 * times a plain pass over the data and they are never padding. `asciiRow` lets trimming skip values it
 * cannot change ({@link trimmedText}).
 */
export function textExpr(column: string, field: FieldSpec | undefined, asciiRow?: string): string {
  if (field?.type === 'json') return `nullif(${column}, '')`;
  const trim = trimmedText(column, asciiRow);
  const trimmed = `CASE WHEN strlen(${column}) > 256 THEN ${column} ELSE nullif(${trim}, '') END`;
  if (!field || field.type === 'string' || field.type === 'list') return trimmed;
  return `CASE WHEN ${inList(trim, NULL_TOKENS)} THEN NULL ELSE ${trimmed} END`;
}

/**
 * Membership in a constant list. DuckDB plans `x IN (a, b, …)` over many values as a hash join per
 * row batch; list_contains over a constant list stays a cheap scalar function.
 */
export function inList(expr: string, values: readonly string[]): string {
  return `list_contains([${values.map(sqlString).join(', ')}], ${expr})`;
}

/**
 * A constant string in the SQL text the importer builds (file paths, CSV options, header names, fixed tokens):
 * the dialect's one literal, because the import's generated statements are composed as text.
 */
export const sqlString: (value: string) => string = duckdbDialect.literal;

const NUMBER_LIKE = String.raw`[$€£¥]?\s*-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?|[$€£¥]\s*-?[0-9]+(\.[0-9]*)?|-?[0-9]+(\.[0-9]*)?\s*(USD|EUR|GBP|usd|eur|gbp)`;

function numberExpr(s: string): string {
  // The plain cast first; the regex path only runs for the rows the cast could not read ($1,234.50, 12 EUR).
  // Empty values skip both: without the guard every empty amount went down the regex path.
  return `CASE WHEN ${s} IS NOT NULL THEN coalesce(try_cast(${s} AS DOUBLE), CASE WHEN regexp_full_match(${s}, '${NUMBER_LIKE}') THEN try_cast(regexp_replace(${s}, '[$€£¥,\\s]|USD|EUR|GBP|usd|eur|gbp', '', 'g') AS DOUBLE) END) END`;
}

const TRUE_TOKENS = ['true', 't', 'yes', 'y', '1', 'on', 'x'];
const FALSE_TOKENS = ['false', 'f', 'no', 'n', '0', 'off'];

/**
 * How one field's text becomes its typed value, in two steps so that the costly parse runs once a row:
 * `parse` reads the text `s` into `p` (a number, a timestamp, …); `value` and the `checks` look at `p`.
 */
export interface FieldConversion {
  readonly parse: string;
  readonly value: string;
  readonly checks: readonly RowCheck[];
}

/** The SQL that converts the text `s` of a column into `field`'s type, with `p` naming the parsed column. */
export function convertField(
  field: FieldSpec,
  s: string,
  p: string,
  timestampFormat: TimestampFormat,
): FieldConversion {
  const checks: RowCheck[] = [];
  const unreadable = (code: RejectCode, problem: string) =>
    checks.push({ when: `${s} IS NOT NULL AND ${p} IS NULL`, code, problem });
  let parse = s;
  let value: string;
  switch (field.type) {
    case 'string':
      value = p;
      break;
    case 'number':
    case 'money':
      parse = numberExpr(s);
      value = `CASE WHEN isfinite(${p}) THEN ${p} END`;
      unreadable('not_a_number', 'is not a number');
      checks.push({ when: `NOT isfinite(${p})`, code: 'not_finite', problem: 'is not a finite number' });
      // No order is worth a quadrillion (MONEY_LIMIT): past it a figure is a unit or parsing mistake.
      if (field.type === 'money')
        checks.push({
          when: `abs(${p}) >= ${MONEY_LIMIT}`,
          code: 'money_out_of_range',
          problem: 'is beyond any amount of money (±10^15)',
        });
      break;
    case 'integer': {
      parse = numberExpr(s);
      const whole = `(isfinite(${p}) AND ${p} = trunc(${p}) AND abs(${p}) < 9e15)`;
      value = `CASE WHEN ${whole} THEN try_cast(${p} AS BIGINT) END`;
      unreadable('not_a_number', 'is not a number');
      checks.push({ when: `NOT ${whole}`, code: 'not_an_integer', problem: 'is not a whole number' });
      break;
    }
    case 'boolean': {
      const l = `lower(${s})`;
      parse = `CASE WHEN ${inList(l, TRUE_TOKENS)} THEN true WHEN ${inList(l, FALSE_TOKENS)} THEN false END`;
      value = p;
      unreadable('not_a_boolean', 'is not yes/no, true/false or 1/0');
      break;
    }
    case 'timestamp':
    case 'date':
      parse = timestampExpr(s, timestampFormat);
      value = field.type === 'date' ? `CAST(${p} AS DATE)` : p;
      unreadable('bad_date', `is not a date in the form ${timestampFormat.label}, or is impossible`);
      checks.push({
        when: `${p} < TIMESTAMPTZ '1900-01-01' OR ${p} >= TIMESTAMPTZ '2200-01-01'`,
        code: 'date_out_of_range',
        problem: 'is outside 1900–2199',
      });
      break;
    case 'list':
      value = `CASE WHEN ${p} IS NOT NULL THEN list_filter(string_split_regex(${p}, '\\s*[|;,]\\s*'), x -> x <> '') END`;
      break;
    case 'json':
      parse = `try_cast(${s} AS JSON)`;
      value = p;
      unreadable('bad_json', 'is not valid JSON');
      break;
    default:
      return assertUnreachable(field.type);
  }
  if (field.nonNegative && (field.type === 'number' || field.type === 'money' || field.type === 'integer')) {
    checks.push({ when: `${p} < 0`, code: 'negative', problem: 'is negative' });
  }
  return { parse, value, checks };
}
