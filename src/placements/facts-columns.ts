/**
 * The decision index's facts, column by column over profile slots (src/placements/facts.ts): a number is 8
 * bytes a slot, a text or trait 4 (a code into a dictionary shared by equal values). Columns grow when new
 * profiles take new slots, and are read from the database whole (a full load) or for some profiles only
 * (an incremental one).
 */
import { PROFILE_COLUMNS } from '../segments/index.js';
import { type Fragment, identifier, join, param, sql, type Warehouse } from '../store/index.js';

/** A value a rule reads. */
export type Scalar = string | number | boolean | null;

/** One column of facts by slot: numbers as doubles (NaN is null), everything else as codes. */
export type Column =
  | { readonly kind: 'number'; values: Float64Array }
  | { readonly kind: 'coded'; codes: Int32Array; readonly coder: Coder };

/** The profile columns a rule can read (the segment schema's), with how decide reads them. */
export const COLUMN_TYPES: Readonly<Record<string, 'number' | 'string' | 'boolean'>> = PROFILE_COLUMNS;

/** Codes values into a dictionary shared by equal values (a country is stored once, not per person). */
export class Coder {
  private readonly codes = new Map<string, number>();
  readonly dictionary: Scalar[] = [];
  code(value: unknown): number {
    if (value === null || value === undefined) return -1;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return -1;
    const key = `${typeof value}:${String(value)}`;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.codes.set(key, code);
    }
    return code;
  }
}

/** An empty column of `capacity` slots. */
export function emptyColumn(kind: 'number' | 'coded', capacity: number): Column {
  return kind === 'number'
    ? { kind, values: new Float64Array(capacity).fill(Number.NaN) }
    : { kind, codes: new Int32Array(capacity).fill(-1), coder: new Coder() };
}

/** The value at a slot (null when empty). */
export function readSlot(column: Column, slot: number): Scalar {
  if (column.kind === 'number') {
    const v = column.values[slot];
    return v === undefined || Number.isNaN(v) ? null : v;
  }
  const code = column.codes[slot];
  return code === undefined || code < 0 ? null : column.coder.dictionary[code]!;
}

/** Sets the value at a slot (null or undefined empties it). */
export function writeSlot(column: Column, slot: number, value: unknown): void {
  if (column.kind === 'number')
    column.values[slot] = value === null || value === undefined ? Number.NaN : Number(value);
  else column.codes[slot] = column.coder.code(value);
}

/** Makes room for `capacity` slots, keeping what is stored. */
export function growColumn(column: Column, capacity: number): void {
  if (column.kind === 'number') {
    if (column.values.length >= capacity) return;
    const values = new Float64Array(capacity).fill(Number.NaN);
    values.set(column.values);
    column.values = values;
  } else {
    if (column.codes.length >= capacity) return;
    const codes = new Int32Array(capacity).fill(-1);
    codes.set(column.codes);
    column.codes = codes;
  }
}

/** Bytes a column holds, for the benchmark and docs. */
export function columnBytes(column: Column): number {
  return column.kind === 'number' ? column.values.byteLength : column.codes.byteLength;
}

// Only some profiles: the bound list of their ids (in the engine's list input form).
function only(db: Warehouse, ids: readonly number[] | undefined): Fragment {
  return ids === undefined
    ? sql`true`
    : sql`profile_id IN (SELECT unnest(CAST(${param(db.dialect.listInput(ids))} AS BIGINT[])))`;
}

/** Profile columns as read: `profile_id` and one array per name. */
export type ColumnRows = Record<string, unknown[]>;

/** Reads profile columns of every profile, or only of `ids`, for {@link writeColumns}. */
export async function readColumns(
  db: Warehouse,
  names: readonly string[],
  ids?: readonly number[],
): Promise<ColumnRows> {
  if (!names.length || ids?.length === 0) return { profile_id: [] };
  // A text column is read as text (to_json, which decide read before, writes dates and times the same way).
  const parts = names.map((n) =>
    COLUMN_TYPES[n] === 'number'
      ? sql`CAST(${identifier(n)} AS DOUBLE) AS ${identifier(n)}`
      : COLUMN_TYPES[n] === 'string'
        ? sql`CAST(${identifier(n)} AS VARCHAR) AS ${identifier(n)}`
        : sql`${identifier(n)}`,
  );
  const q = sql`SELECT profile_id, ${join(parts, ', ')} FROM profiles WHERE ${only(db, ids)}`;
  return db.columns<ColumnRows>(q.text, q.params);
}

/** Writes columns as read into `columns` (one per name, created when missing) at each profile's slot. */
export function writeColumns(
  rows: ColumnRows,
  names: readonly string[],
  slots: ReadonlyMap<number, number>,
  columns: Map<string, Column>,
  capacity: number,
): void {
  const slotsOf = (rows.profile_id ?? []).map((p) => slots.get(Number(p)) ?? -1);
  for (const n of names) {
    const column = columns.get(n) ?? emptyColumn(COLUMN_TYPES[n] === 'number' ? 'number' : 'coded', capacity);
    columns.set(n, column);
    (rows[n] ?? []).forEach((v, i) => {
      const slot = slotsOf[i]!;
      if (slot >= 0) writeSlot(column, slot, v);
    });
  }
}

/** The profiles' trait documents (all, or only `ids`) as text, for {@link writeTraits}. */
export async function readTraits(
  db: Warehouse,
  ids?: readonly number[],
): Promise<{ profile_id: unknown[]; traits: (string | null)[] }> {
  if (ids?.length === 0) return { profile_id: [], traits: [] };
  const q = sql`SELECT profile_id, CAST(traits AS VARCHAR) AS traits FROM profiles WHERE ${only(db, ids)}`;
  return db.columns<{ profile_id: unknown[]; traits: (string | null)[] }>(q.text, q.params);
}

/** Writes the trait `keys` of the documents read into their columns (a key a document lacks is emptied). */
export function writeTraits(
  rows: { profile_id: unknown[]; traits: (string | null)[] },
  keys: readonly string[],
  slots: ReadonlyMap<number, number>,
  columns: Map<string, Column>,
  capacity: number,
): void {
  const targets = keys.map((k) => {
    const column = columns.get(k) ?? emptyColumn('coded', capacity);
    columns.set(k, column);
    return [k, column] as const;
  });
  rows.traits.forEach((text, i) => {
    const slot = slots.get(Number(rows.profile_id[i]));
    if (slot === undefined) return;
    let document: unknown = text === null ? null : JSON.parse(text);
    // A trait document stored as JSON text of JSON (decide parsed such a string once more).
    if (typeof document === 'string') document = JSON.parse(document);
    const object =
      document !== null && typeof document === 'object' ? (document as Record<string, unknown>) : {};
    for (const [key, column] of targets)
      writeSlot(column, slot, Object.hasOwn(object, key) ? object[key] : null);
  });
}
