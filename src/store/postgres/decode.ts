/**
 * The one place PostgreSQL's values become JavaScript's, shaped as the DuckDB path returns them
 * (src/store/duckdb/decode.ts): BIGINT and NUMERIC as numbers (an integer beyond ±2^53 is
 * CLT_ERR_QUERY_INTEGER_RANGE), DATE and TIMESTAMP as Dates read as UTC, JSON as its text.
 */
import pg from 'pg';
import { decodeValue } from '../duckdb/decode.js';
import type { NumericColumn } from '../warehouse.js';

export { decodeValue };

// PostgreSQL type OIDs (pg_type.oid; stable across versions).
const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  json: 114,
  float4: 700,
  float8: 701,
  date: 1082,
  timestamp: 1114,
  numeric: 1700,
  jsonb: 3802,
  int8Array: 1016,
  numericArray: 1231,
  dateArray: 1182,
  timestampArray: 1115,
  jsonArray: 199,
  jsonbArray: 3807,
} as const;

// bigint here, checked against ±2^53 with the column's name by decodeValue.
const int8 = (s: string): bigint => BigInt(s);
const numeric = (s: string): number => Number(s);
// A DATE is midnight UTC and a TIMESTAMP (no zone) is read as UTC, as DuckDB's JavaScript values are.
const date = (s: string): Date | string => (/^\d{4}-/.test(s) ? new Date(`${s}T00:00:00Z`) : s);
const timestamp = (s: string): Date | string => (/^\d{4}-/.test(s) ? new Date(`${s.replace(' ', 'T')}Z`) : s);
const text = (s: string): string => s;
// pg's typings describe arrayParser as a function; at run time it is pg-types' `{ create(source, transform) }`.
const arrayParser = pg.types.arrayParser as unknown as {
  create(source: string, transform: (v: string | null) => unknown): { parse(): unknown[] };
};
const arrayOf =
  (element: (s: string) => unknown) =>
  (s: string): unknown =>
    arrayParser.create(s, (v) => (v === null ? null : element(v))).parse();

const PARSERS: Record<number, (s: string) => unknown> = {
  [OID.int8]: int8,
  [OID.numeric]: numeric,
  [OID.date]: date,
  [OID.timestamp]: timestamp,
  [OID.json]: text,
  [OID.jsonb]: text,
  [OID.int8Array]: arrayOf(int8),
  [OID.numericArray]: arrayOf(numeric),
  [OID.dateArray]: arrayOf(date),
  [OID.timestampArray]: arrayOf(timestamp),
  [OID.jsonArray]: arrayOf(text),
  [OID.jsonbArray]: arrayOf(text),
};

/** The type parsers a pool's clients use (text format only: we never ask for binary results). */
export const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const own = format === 'binary' ? undefined : PARSERS[oid];
    // biome-ignore lint/suspicious/noExplicitAny: pg's getTypeParser is overloaded on the format.
    return own ?? (pg.types.getTypeParser as any)(oid, format);
  },
};

/** Decodes every value of a row (keys are column names). */
export function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) row[key] = decodeValue(row[key], key);
  return row;
}

const FLOATS = new Set<number>([OID.float4, OID.float8]);
const SMALL = new Set<number>([OID.int2, OID.int4]);
const WIDE = new Set<number>([OID.int8, OID.numeric, OID.bool]);

/**
 * A result's columns as `Warehouse.numbers` gives them: float as Float64Array, int2/int4 as Int32Array
 * (Float64Array with NaN when a NULL occurs), int8, numeric and boolean as Float64Array, the rest as text.
 */
export function numbersOf(
  fields: readonly { name: string; dataTypeID: number }[],
  rows: readonly unknown[][],
): Record<string, NumericColumn> {
  const out: Record<string, NumericColumn> = {};
  fields.forEach((field, c) => {
    const n = rows.length;
    const type = field.dataTypeID;
    if (FLOATS.has(type) || WIDE.has(type) || SMALL.has(type)) {
      const values = new Float64Array(n);
      let hasNull = false;
      for (let r = 0; r < n; r++) {
        const v = (rows[r] as unknown[])[c];
        if (v === null || v === undefined) {
          values[r] = Number.NaN;
          hasNull = true;
        } else if (typeof v === 'bigint') values[r] = decodeValue(v, field.name) as number;
        else values[r] = Number(v);
      }
      out[field.name] = SMALL.has(type) && !hasNull ? Int32Array.from(values) : values;
    } else {
      const values = new Array<string | null>(n);
      for (let r = 0; r < n; r++) {
        const v = (rows[r] as unknown[])[c];
        values[r] = v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);
      }
      out[field.name] = values;
    }
  });
  return out;
}
