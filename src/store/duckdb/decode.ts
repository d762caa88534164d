/**
 * The one place DuckDB's values become JavaScript's: rows for `all`/`columns`/`stream`, and typed arrays
 * straight from the result vectors for `numbers` (the models' feed).
 */
import type { DuckDBDataChunk, DuckDBResult, DuckDBTypeId, DuckDBVector } from '@duckdb/node-api';
import { duckdb } from './api.js';

const TypeId = duckdb.DuckDBTypeId;

import { ClienteleError } from '../../errors/index.js';
import type { NumericColumn } from '../warehouse.js';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const MIN = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * A value of a row as plain JSON-safe JavaScript: BIGINT and HUGEINT as numbers (DECIMAL already is one),
 * lists and structs decoded inside. An integer beyond ±2^53 is CLT_ERR_QUERY_INTEGER_RANGE, never a
 * silently rounded number or a string.
 */
export function decodeValue(value: unknown, column = '?'): unknown {
  if (typeof value === 'bigint') {
    if (value <= MAX && value >= MIN) return Number(value);
    throw new ClienteleError(
      'CLT_ERR_QUERY_INTEGER_RANGE',
      `column ${column}: ${value} is beyond ±2^53, which a JavaScript number cannot hold exactly`,
      { column },
    );
  }
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, column));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeValue(v, `${column}.${k}`);
    return out;
  }
  return value;
}

/** Decodes every value of a row (keys are column names). */
export function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) row[key] = decodeValue(row[key], key);
  return row;
}

// The vectors' typed data and validity are private in @duckdb/node-api; reading them is the fast path
// the binding's own benchmarks use (docs/STACK-NOTES: 245 ms against 485 ms for 5M doubles).
interface RawVector {
  readonly items:
    | Float64Array
    | Float32Array
    | Int32Array
    | Int16Array
    | Int8Array
    | Uint8Array
    | Uint16Array;
  readonly validity: { readonly data: unknown; itemValid(i: number): boolean };
}

const SMALL_INTEGERS = new Set<DuckDBTypeId>([
  TypeId.INTEGER,
  TypeId.SMALLINT,
  TypeId.TINYINT,
  TypeId.USMALLINT,
  TypeId.UTINYINT,
]);
const FLOATS = new Set<DuckDBTypeId>([TypeId.DOUBLE, TypeId.FLOAT]);
const WIDE = new Set<DuckDBTypeId>([
  TypeId.BIGINT,
  TypeId.UBIGINT,
  TypeId.HUGEINT,
  TypeId.UHUGEINT,
  TypeId.UINTEGER,
  TypeId.DECIMAL,
  TypeId.BOOLEAN,
]);

// One chunk of one column: Int32Array while it has no NULL, else Float64Array with NaN; text otherwise.
type Part = NumericColumn;

function readVector(vector: DuckDBVector, type: DuckDBTypeId, rows: number, column: string): Part {
  const raw = vector as unknown as RawVector;
  const allValid = raw.validity.data === null;
  if (FLOATS.has(type)) {
    const out = new Float64Array(rows);
    out.set(raw.items.subarray(0, rows));
    if (!allValid) for (let i = 0; i < rows; i++) if (!raw.validity.itemValid(i)) out[i] = Number.NaN;
    return out;
  }
  if (SMALL_INTEGERS.has(type)) {
    if (allValid) return Int32Array.from(raw.items.subarray(0, rows));
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) out[i] = raw.validity.itemValid(i) ? (raw.items[i] as number) : Number.NaN;
    return out;
  }
  if (WIDE.has(type)) {
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = vector.getItem(i);
      out[i] =
        v === null
          ? Number.NaN
          : typeof v === 'bigint'
            ? (decodeValue(v, column) as number)
            : typeof v === 'boolean'
              ? Number(v)
              : Number(String(v));
    }
    return out;
  }
  const out = new Array<string | null>(rows);
  for (let i = 0; i < rows; i++) {
    const v = vector.getItem(i);
    out[i] = v === null ? null : String(v);
  }
  return out;
}

function concat(parts: readonly Part[], total: number): Part {
  if (parts.length === 1) return parts[0] as Part;
  if (parts.every((p) => p instanceof Int32Array)) {
    const out = new Int32Array(total);
    let at = 0;
    for (const p of parts as Int32Array[]) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
  if (parts.some((p) => Array.isArray(p))) return (parts as (string | null)[][]).flat();
  const out = new Float64Array(total);
  let at = 0;
  for (const p of parts as (Float64Array | Int32Array)[]) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A result read column by column from its vectors: DOUBLE and FLOAT as Float64Array; INTEGER and smaller as
 * Int32Array (Float64Array with NaN when a NULL occurs); BIGINT, HUGEINT, DECIMAL and BOOLEAN as
 * Float64Array (integers beyond ±2^53 are CLT_ERR_QUERY_INTEGER_RANGE); any other type as text.
 */
export async function readNumbers(result: DuckDBResult): Promise<Record<string, NumericColumn>> {
  const names = result.columnNames();
  const types = result.columnTypes().map((t) => t.typeId);
  const parts: Part[][] = names.map(() => []);
  let total = 0;
  for (;;) {
    const chunk: DuckDBDataChunk | null = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const rows = chunk.rowCount;
    names.forEach((name, i) => {
      parts[i]?.push(readVector(chunk.getColumnVector(i), types[i] as DuckDBTypeId, rows, name));
    });
    total += rows;
  }
  const out: Record<string, Part> = {};
  names.forEach((name, i) => {
    const list = parts[i] as Part[];
    out[name] = list.length
      ? concat(list, total)
      : FLOATS.has(types[i] as DuckDBTypeId) || WIDE.has(types[i] as DuckDBTypeId)
        ? new Float64Array(0)
        : SMALL_INTEGERS.has(types[i] as DuckDBTypeId)
          ? new Int32Array(0)
          : [];
  });
  return out;
}
