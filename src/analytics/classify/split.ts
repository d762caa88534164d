import { mulberry32, shuffleInPlace } from './random.js';

/** Row indices of a train/test split, each ascending. */
export interface Split {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/** Options of {@link stratifiedSplit}. */
export interface StratifiedSplitOptions {
  /** Share of each class that goes to the test set (default 0.3). */
  readonly testFraction?: number;
  /** Seed of the Mulberry32 generator (default 0). */
  readonly seed?: number;
}

/**
 * A deterministic stratified train/test split: the rows of each class (in order of first appearance) are
 * shuffled by Fisher–Yates with a Mulberry32 generator seeded once with `seed`, and the first
 * round(testFraction × class size) of each go to the test set. Same labels and seed, same split.
 */
export function stratifiedSplit(
  labels: ArrayLike<number | string>,
  options: StratifiedSplitOptions = {},
): Split {
  const testFraction = options.testFraction ?? 0.3;
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`invalid testFraction: ${testFraction}`);
  const n = labels.length;
  if (n === 0) throw new Error('empty input: 0 rows');
  const classes = new Map<number | string, number[]>();
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (typeof label === 'number' && Number.isNaN(label)) throw new Error(`invalid label at row ${i}: NaN`);
    const rows = classes.get(label);
    if (rows) rows.push(i);
    else classes.set(label, [i]);
  }
  const random = mulberry32(options.seed ?? 0);
  const isTest = new Uint8Array(n);
  for (const rows of classes.values()) {
    const shuffled = Uint32Array.from(rows);
    shuffleInPlace(shuffled, random);
    const k = Math.round(testFraction * shuffled.length);
    for (let r = 0; r < k; r++) isTest[shuffled[r]!] = 1;
  }
  return fromMask(isTest);
}

/** Options of {@link timeSplit}: a cutoff instant, or the most recent share of rows. */
export type TimeSplitOptions = { readonly cutoff: number } | { readonly testFraction: number };

/**
 * A time-based split: rows with time < cutoff train, rows at or after it test. With `testFraction`, the
 * cutoff is the time at which that share of the latest rows starts (rows tied with it all go to test).
 * Times are numbers, e.g. epoch milliseconds; NaN is an error.
 */
export function timeSplit(
  times: ArrayLike<number>,
  options: TimeSplitOptions,
): Split & { readonly cutoff: number } {
  const n = times.length;
  if (n === 0) throw new Error('empty input: 0 rows');
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(times[i]!)) throw new Error(`invalid time at row ${i}: NaN`);
  }
  let cutoff: number;
  if ('cutoff' in options) {
    cutoff = options.cutoff;
    if (Number.isNaN(cutoff)) throw new Error(`invalid cutoff: ${cutoff}`);
  } else {
    const f = options.testFraction;
    if (!(f > 0 && f < 1)) throw new Error(`invalid testFraction: ${f}`);
    const sorted = Float64Array.from(times).sort();
    const k = Math.max(1, Math.round(f * n));
    cutoff = sorted[n - k]!;
  }
  const isTest = new Uint8Array(n);
  for (let i = 0; i < n; i++) isTest[i] = times[i]! >= cutoff ? 1 : 0;
  return { ...fromMask(isTest), cutoff };
}

function fromMask(isTest: Uint8Array): Split {
  let nTest = 0;
  for (let i = 0; i < isTest.length; i++) nTest += isTest[i]!;
  const train = new Uint32Array(isTest.length - nTest);
  const test = new Uint32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < isTest.length; i++) {
    if (isTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}
