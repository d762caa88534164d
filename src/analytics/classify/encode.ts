import type { Design } from '../regression/index.js';

/** A raw cell as it comes from a CSV or JSON import. */
export type RawValue = string | number | boolean | null | undefined;

/** A plain row keyed by column name. */
export type RawRow = Readonly<Record<string, RawValue>>;

/**
 * How to encode one source column. Numeric cells that are blank strings, null, undefined or NaN are
 * missing; `missing` says what stands in for them (learned on the rows given to {@link fitEncoder}).
 * Categorical cells become one indicator column per level, levels in code-unit order, the first dropped
 * unless `dropFirst` is false; a missing categorical cell is its own level `(missing)`.
 */
export type ColumnSpec =
  | {
      readonly name: string;
      readonly kind: 'numeric';
      readonly missing?: 'error' | 'mean' | 'median' | 'zero';
    }
  | { readonly name: string; readonly kind: 'categorical'; readonly dropFirst?: boolean };

/** A fitted encoding of one source column. */
export type EncodedColumn =
  | {
      readonly kind: 'numeric';
      readonly source: string;
      readonly fill: number | null;
      readonly missingInFit: number;
    }
  | {
      readonly kind: 'categorical';
      readonly source: string;
      readonly levels: readonly string[];
      readonly kept: readonly string[];
    };

/** A fitted encoder: what each source column becomes, and the output column names in order. */
export interface Encoder {
  readonly columns: readonly EncodedColumn[];
  readonly names: readonly string[];
}

/** The level name of a missing categorical cell. */
export const MISSING_LEVEL = '(missing)';

/** Learns levels and fill values from `rows`; apply it to these and other rows with {@link encodeRows}. */
export function fitEncoder(rows: readonly RawRow[], specs: readonly ColumnSpec[]): Encoder {
  if (rows.length === 0) throw new Error('empty input: 0 rows');
  const columns: EncodedColumn[] = [];
  const names: string[] = [];
  for (const spec of specs) {
    if (spec.kind === 'numeric') {
      const values: number[] = [];
      let missingInFit = 0;
      const policy = spec.missing ?? 'error';
      rows.forEach((row, i) => {
        const v = parseNumber(row[spec.name], spec.name, i);
        if (!Number.isNaN(v)) values.push(v);
        else if (policy === 'error') throw new Error(`missing value in column '${spec.name}' at row ${i}`);
        else missingInFit++;
      });
      if (values.length === 0) throw new Error(`column '${spec.name}' has no numeric values`);
      columns.push({ kind: 'numeric', source: spec.name, fill: fillValue(values, policy), missingInFit });
      names.push(spec.name);
    } else if (spec.kind === 'categorical') {
      const seen = new Set<string>();
      rows.forEach((row) => {
        seen.add(level(row[spec.name]));
      });
      const levels = [...seen].sort();
      const kept = spec.dropFirst === false ? levels : levels.slice(1);
      columns.push({ kind: 'categorical', source: spec.name, levels, kept });
      for (const l of kept) names.push(`${spec.name}_${l}`);
    } else {
      throw new Error(`invalid column kind: ${(spec as { kind: string }).kind}`);
    }
  }
  return { columns, names };
}

/**
 * Encodes rows into a row-major design. A level not seen when fitting encodes as the dropped reference
 * level (all its indicators 0); a missing numeric cell takes the fitted fill or, with `missing: 'error'`,
 * throws naming the column and row.
 */
export function encodeRows(encoder: Encoder, rows: readonly RawRow[]): Design {
  const n = rows.length;
  const p = encoder.names.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    let j = i * p;
    for (const column of encoder.columns) {
      if (column.kind === 'numeric') {
        let v = parseNumber(row[column.source], column.source, i);
        if (Number.isNaN(v)) {
          if (column.fill === null) throw new Error(`missing value in column '${column.source}' at row ${i}`);
          v = column.fill;
        }
        x[j++] = v;
      } else {
        const value = level(row[column.source]);
        for (const l of column.kept) x[j++] = l === value ? 1 : 0;
      }
    }
  }
  return { x, n, p, names: encoder.names };
}

/** Maps a two-valued label column to 0/1; any other value throws naming the row. */
export function encodeLabel(values: readonly RawValue[], positive: string, negative: string): Uint8Array {
  const out = new Uint8Array(values.length);
  values.forEach((raw, i) => {
    const v = raw === null || raw === undefined ? '' : String(raw).trim();
    if (v === positive) out[i] = 1;
    else if (v !== negative)
      throw new Error(`invalid label at row ${i}: '${v}' (expected '${positive}' or '${negative}')`);
  });
  return out;
}

/** Per-column centring and scaling learned from training rows. */
export interface Standardizer {
  readonly mean: Float64Array;
  /** Population standard deviation (ddof 0, as scikit-learn's StandardScaler); 1 for constant columns. */
  readonly scale: Float64Array;
}

/** Learns column means and standard deviations of a design. */
export function fitStandardizer(design: Design): Standardizer {
  const { x, n, p } = design;
  if (n === 0) throw new Error('empty input: 0 rows');
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] = mean[j]! + x[i * p + j]!;
  for (let j = 0; j < p; j++) mean[j] = mean[j]! / n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) scale[j] = scale[j]! + (x[i * p + j]! - mean[j]!) ** 2;
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(scale[j]! / n);
    scale[j] = sd > 0 ? sd : 1;
  }
  return { mean, scale };
}

/** (x − mean) / scale, column by column, as a new design. */
export function standardize(standardizer: Standardizer, design: Design): Design {
  const { x, n, p } = design;
  if (standardizer.mean.length !== p)
    throw new Error(`invalid design columns: ${p} (expected ${standardizer.mean.length})`);
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++)
      out[i * p + j] = (x[i * p + j]! - standardizer.mean[j]!) / standardizer.scale[j]!;
  }
  return design.names ? { x: out, n, p, names: design.names } : { x: out, n, p };
}

function parseNumber(raw: RawValue, column: string, row: number): number {
  if (raw === null || raw === undefined) return Number.NaN;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  const s = raw.trim();
  if (s === '') return Number.NaN;
  const v = Number(s);
  if (!Number.isFinite(v)) throw new Error(`invalid number in column '${column}' at row ${row}: '${raw}'`);
  return v;
}

function level(raw: RawValue): string {
  if (raw === null || raw === undefined) return MISSING_LEVEL;
  const s = String(raw).trim();
  return s === '' ? MISSING_LEVEL : s;
}

function fillValue(values: number[], policy: 'error' | 'mean' | 'median' | 'zero'): number | null {
  switch (policy) {
    case 'error':
      return null;
    case 'zero':
      return 0;
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'median': {
      const s = Float64Array.from(values).sort();
      const m = s.length >> 1;
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    }
    default:
      throw new Error(`invalid missing policy: ${policy as string}`);
  }
}
