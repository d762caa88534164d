import type { ColumnSpec, RawRow } from '../analytics/classify/index.js';
import type { Feature } from './features.js';

/** A feature left out of a model, and why. */
export interface SkippedFeature {
  readonly name: string;
  readonly reason: string;
}

// A category with more levels than this, and more than one level per 20 rows, is an identifier in
// disguise (a free-text field, a code per customer); one-hot encoding it would overfit.
const MAX_LEVELS = 50;

/**
 * Keeps the features that can carry information on these rows: some value present, more than one
 * distinct value, and categories with a manageable number of levels. Returns the encoder specs
 * (numeric and yes/no as numbers with missing values filled by the training median, categories
 * one-hot with missing as its own level) and what was skipped.
 */
export function usableFeatures(
  features: readonly Feature[],
  rows: readonly RawRow[],
): { specs: ColumnSpec[]; kept: Feature[]; skipped: SkippedFeature[] } {
  const specs: ColumnSpec[] = [];
  const kept: Feature[] = [];
  const skipped: SkippedFeature[] = [];
  for (const f of features) {
    const seen = new Set<string>();
    let present = 0;
    for (const row of rows) {
      const v = row[f.name];
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
      if (typeof v === 'number' && !Number.isFinite(v)) continue;
      present++;
      if (seen.size <= MAX_LEVELS) seen.add(String(v));
    }
    if (present === 0) skipped.push({ name: f.name, reason: 'no values' });
    else if (seen.size < 2 && present === rows.length)
      skipped.push({ name: f.name, reason: 'one value only' });
    else if (f.kind === 'categorical' && seen.size > MAX_LEVELS && seen.size * 20 > rows.length)
      skipped.push({ name: f.name, reason: `over ${MAX_LEVELS} levels` });
    else {
      kept.push(f);
      specs.push(
        f.kind === 'categorical'
          ? { name: f.name, kind: 'categorical' }
          : { name: f.name, kind: 'numeric', missing: 'median' },
      );
    }
  }
  return { specs, kept, skipped };
}

/** The source feature of an encoded column name (`Contract_Two year` → `Contract`). */
export function sourceOf(encoded: string, features: readonly Feature[]): string {
  let best = '';
  for (const f of features) {
    if ((encoded === f.name || encoded.startsWith(`${f.name}_`)) && f.name.length > best.length)
      best = f.name;
  }
  return best || encoded;
}

/**
 * A reason for a score in words: a one-hot column as `feature = level` or `feature ≠ level` by the
 * row's value, a yes/no as `feature yes|no`, a number as `feature high|low (value)` against the
 * training mean.
 */
export function describeReason(
  reason: { readonly name: string; readonly value: number },
  features: readonly Feature[],
  model: { readonly names: readonly string[]; readonly mean: ArrayLike<number> },
): string {
  const source = sourceOf(reason.name, features);
  const feature = features.find((f) => f.name === source);
  if (feature?.kind === 'categorical' && reason.name !== source) {
    const level = reason.name.slice(source.length + 1);
    return `${source} ${reason.value === 1 ? '=' : '≠'} ${level}`;
  }
  if (feature?.kind === 'boolean') return `${source} ${reason.value ? 'yes' : 'no'}`;
  const mean = model.mean[model.names.indexOf(reason.name)] ?? 0;
  return `${source} ${reason.value >= mean ? 'high' : 'low'} (${Number(reason.value.toPrecision(4))})`;
}

/**
 * Features that have values in one class only (at least half of its rows) and none in the other: a
 * trait set by the outcome itself, such as a loyalty tier given on the first purchase. They would
 * predict perfectly and mean nothing, so models that score the unconverted leave them out.
 */
export function outcomeOnlyFeatures(
  features: readonly Feature[],
  rows: readonly RawRow[],
  y: ArrayLike<number>,
): SkippedFeature[] {
  const out: SkippedFeature[] = [];
  let positives = 0;
  for (let i = 0; i < rows.length; i++) positives += y[i] ? 1 : 0;
  const negatives = rows.length - positives;
  for (const f of features) {
    let inPositive = 0;
    let inNegative = 0;
    rows.forEach((row, i) => {
      const v = row[f.name];
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return;
      if (y[i]) inPositive++;
      else inNegative++;
    });
    if (inNegative === 0 && positives > 0 && inPositive >= positives / 2)
      out.push({ name: f.name, reason: 'present only in the positive class (set by the outcome?)' });
    else if (inPositive === 0 && negatives > 0 && inNegative >= negatives / 2)
      out.push({ name: f.name, reason: 'present only in the negative class (set by the outcome?)' });
  }
  return out;
}
