/**
 * Features to a matrix k-means can use. Numbers: the median fills a missing value; a non-negative column
 * whose skewness exceeds 1 (money, counts: a few customers with hundreds of orders) is taken as log(1 + x)
 * first, so that those few do not become clusters of their own and the bulk is not squeezed into one; then
 * z-scores. Categories: one-hot, each indicator centred, and the block scaled so that the whole attribute
 * carries the same variance as one numeric feature (1), so a ten-level attribute weighs no more than a
 * two-level one; a missing category is its column means, so it pulls towards no level. Shares (a person's
 * spend or activity split over levels: categories, channels, hours) are treated the same way: each column
 * centred, the block scaled to total variance 1, a person without any (no orders) set to the mean shares.
 */
import type { Matrix } from './matrix.js';

/** One input feature: numbers (NaN for missing) or categories (null for missing). */
export type FeatureInput =
  | {
      readonly kind: 'numeric';
      readonly name: string;
      readonly values: ArrayLike<number>;
      /** `auto` (default): log1p when non-negative with skewness above 1. */
      readonly transform?: 'auto' | 'log1p' | 'none';
      /** Multiplies the standardized column (1 by default). */
      readonly weight?: number;
    }
  | {
      readonly kind: 'categorical';
      readonly name: string;
      readonly values: ArrayLike<string | null>;
      readonly weight?: number;
    }
  | {
      /** A vector per row: `values[r * levels.length + l]`, each row's shares summing to 1; NaN rows are missing. */
      readonly kind: 'shares';
      readonly name: string;
      readonly levels: readonly string[];
      readonly values: ArrayLike<number>;
      readonly weight?: number;
    };

/** How one feature was encoded, enough to turn a centre back into its units. */
export type EncodedFeature =
  | {
      readonly kind: 'numeric';
      readonly name: string;
      readonly transform: 'log1p' | 'none';
      readonly skewness: number;
      /** Missing values, filled with `median`. */
      readonly missing: number;
      readonly median: number;
      /** Mean and standard deviation after the transform. */
      readonly mean: number;
      readonly sd: number;
      readonly weight: number;
      readonly column: number;
    }
  | {
      readonly kind: 'categorical';
      readonly name: string;
      readonly levels: readonly string[];
      /** Share of the present values at each level. */
      readonly shares: readonly number[];
      readonly missing: number;
      /** Factor on the centred indicators: weight / sqrt(Σ share (1 − share)). */
      readonly scale: number;
      readonly weight: number;
      /** First of `levels.length` columns. */
      readonly column: number;
    }
  | {
      readonly kind: 'shares';
      readonly name: string;
      readonly levels: readonly string[];
      /** Mean share of each level over the rows that have one. */
      readonly shares: readonly number[];
      /** Rows without shares, set to `shares`. */
      readonly missing: number;
      /** Factor on the centred shares: weight / sqrt(Σ variance of each level's share). */
      readonly scale: number;
      readonly weight: number;
      /** First of `levels.length` columns. */
      readonly column: number;
    };

/** The encoded rows and how each feature was encoded. */
export interface Encoding {
  readonly matrix: Matrix;
  readonly features: readonly EncodedFeature[];
}

/** Encodes `features` (all of the same length) into one standardized matrix. */
export function encodeFeatures(features: readonly FeatureInput[]): Encoding {
  if (features.length === 0) throw new Error('invalid features: none');
  const rowsOf = (f: FeatureInput) =>
    f.kind === 'shares' ? f.values.length / Math.max(1, f.levels.length) : f.values.length;
  const rows = rowsOf(features[0]!);
  const specs: EncodedFeature[] = [];
  const blocks: ((data: Float64Array, cols: number) => void)[] = [];
  let cols = 0;
  for (const f of features) {
    const length = rowsOf(f);
    if (length !== rows) throw new Error(`invalid feature ${f.name}: ${length} values, not ${rows}`);
    const weight = f.weight ?? 1;
    if (!(weight > 0)) throw new Error(`invalid weight of ${f.name}: ${weight}`);
    const column = cols;
    if (f.kind === 'numeric') {
      const { spec, values } = numeric(f, weight, column);
      specs.push(spec);
      blocks.push((data, width) => {
        for (let r = 0; r < rows; r++)
          data[r * width + column] = ((values[r]! - spec.mean) / spec.sd) * weight;
      });
      cols += 1;
    } else if (f.kind === 'shares') {
      const spec = shares(f, weight, column);
      specs.push(spec);
      const width = spec.levels.length;
      blocks.push((data, all) => {
        for (let r = 0; r < rows; r++) {
          const present = Number.isFinite(f.values[r * width]);
          for (let l = 0; l < width; l++) {
            const x = present ? f.values[r * width + l]! : spec.shares[l]!;
            data[r * all + column + l] = (x - spec.shares[l]!) * spec.scale;
          }
        }
      });
      cols += width;
    } else {
      const { spec, codes } = categorical(f, weight, column);
      specs.push(spec);
      blocks.push((data, width) => {
        for (let r = 0; r < rows; r++) {
          for (let l = 0; l < spec.levels.length; l++) {
            const x = codes[r] === -1 ? spec.shares[l]! : codes[r] === l ? 1 : 0;
            data[r * width + column + l] = (x - spec.shares[l]!) * spec.scale;
          }
        }
      });
      cols += spec.levels.length;
    }
  }
  const data = new Float64Array(rows * cols);
  for (const block of blocks) block(data, cols);
  return { matrix: { data, rows, cols }, features: specs };
}

function numeric(
  f: Extract<FeatureInput, { kind: 'numeric' }>,
  weight: number,
  column: number,
): { spec: Extract<EncodedFeature, { kind: 'numeric' }>; values: Float64Array } {
  const present: number[] = [];
  for (let i = 0; i < f.values.length; i++) if (Number.isFinite(f.values[i])) present.push(f.values[i]!);
  if (present.length === 0) throw new Error(`invalid feature ${f.name}: no values`);
  present.sort((a, b) => a - b);
  const half = present.length >> 1;
  const median = present.length % 2 ? present[half]! : (present[half - 1]! + present[half]!) / 2;
  const values = new Float64Array(f.values.length);
  for (let i = 0; i < values.length; i++) values[i] = Number.isFinite(f.values[i]) ? f.values[i]! : median;
  const skewness = skew(values);
  const nonNegative = present[0]! >= 0;
  const transform =
    f.transform === 'auto' || f.transform === undefined
      ? nonNegative && skewness > 1
        ? 'log1p'
        : 'none'
      : f.transform;
  if (transform === 'log1p') {
    if (!nonNegative) throw new Error(`invalid transform of ${f.name}: log1p of negative values`);
    for (let i = 0; i < values.length; i++) values[i] = Math.log1p(values[i]!);
  }
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  const sd = Math.sqrt(variance / values.length) || 1;
  const missing = f.values.length - present.length;
  return {
    spec: { kind: 'numeric', name: f.name, transform, skewness, missing, median, mean, sd, weight, column },
    values,
  };
}

function categorical(
  f: Extract<FeatureInput, { kind: 'categorical' }>,
  weight: number,
  column: number,
): { spec: Extract<EncodedFeature, { kind: 'categorical' }>; codes: Int32Array } {
  const counts = new Map<string, number>();
  for (let i = 0; i < f.values.length; i++) {
    const v = f.values[i];
    if (v !== null && v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  if (counts.size === 0) throw new Error(`invalid feature ${f.name}: no values`);
  const levels = [...counts.keys()].sort();
  const present = [...counts.values()].reduce((a, b) => a + b, 0);
  const shares = levels.map((l) => counts.get(l)! / present);
  const codes = new Int32Array(f.values.length);
  const index = new Map(levels.map((l, i) => [l, i]));
  for (let i = 0; i < codes.length; i++) {
    const v = f.values[i];
    codes[i] = v === null || v === undefined ? -1 : index.get(v)!;
  }
  const variance = shares.reduce((s, p) => s + p * (1 - p), 0);
  const scale = variance > 0 ? weight / Math.sqrt(variance) : 0;
  const missing = f.values.length - present;
  return {
    spec: { kind: 'categorical', name: f.name, levels, shares, missing, scale, weight, column },
    codes,
  };
}

function shares(
  f: Extract<FeatureInput, { kind: 'shares' }>,
  weight: number,
  column: number,
): Extract<EncodedFeature, { kind: 'shares' }> {
  const width = f.levels.length;
  if (width === 0) throw new Error(`invalid feature ${f.name}: no levels`);
  const rows = f.values.length / width;
  const sum = new Float64Array(width);
  const squares = new Float64Array(width);
  let present = 0;
  for (let r = 0; r < rows; r++) {
    if (!Number.isFinite(f.values[r * width])) continue;
    present++;
    for (let l = 0; l < width; l++) {
      const x = f.values[r * width + l]!;
      sum[l]! += x;
      squares[l]! += x * x;
    }
  }
  if (present === 0) throw new Error(`invalid feature ${f.name}: no values`);
  const means = Array.from(sum, (s) => s / present);
  let variance = 0;
  for (let l = 0; l < width; l++) variance += Math.max(0, squares[l]! / present - means[l]! ** 2);
  const scale = variance > 0 ? weight / Math.sqrt(variance) : 0;
  return {
    kind: 'shares',
    name: f.name,
    levels: [...f.levels],
    shares: means,
    missing: rows - present,
    scale,
    weight,
    column,
  };
}

function skew(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= values.length;
  m3 /= values.length;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

/** A centre (one row of encoded coordinates) in the features' own units: numbers, or shares per level. */
export function decodeCentre(
  encoding: Encoding,
  centre: ArrayLike<number>,
): Record<string, number | Record<string, number>> {
  const out: Record<string, number | Record<string, number>> = {};
  for (const f of encoding.features) {
    if (f.kind === 'numeric') {
      const t = (centre[f.column]! / f.weight) * f.sd + f.mean;
      out[f.name] = f.transform === 'log1p' ? Math.expm1(t) : t;
    } else {
      const shares: Record<string, number> = {};
      f.levels.forEach((l, i) => {
        shares[l] = f.scale > 0 ? centre[f.column + i]! / f.scale + f.shares[i]! : f.shares[i]!;
      });
      out[f.name] = shares;
    }
  }
  return out;
}
