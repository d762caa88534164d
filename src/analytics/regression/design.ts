/** A row-major design matrix: `x[i * p + j]` is row i, column j. */
export interface Design {
  readonly x: Float64Array;
  readonly n: number;
  readonly p: number;
  /** Column names, `x1…xp` when absent. */
  readonly names?: readonly string[];
}

/** The name used for the intercept coefficient. */
export const INTERCEPT = 'intercept';

/** Checks a design's shape and values and returns its column names; throws on the first bad value. */
export function checkDesign(design: Design, what = 'design'): string[] {
  const { x, n, p } = design;
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid ${what} rows: ${n}`);
  if (!Number.isInteger(p) || p < 0) throw new Error(`invalid ${what} columns: ${p}`);
  if (x.length !== n * p) throw new Error(`invalid ${what} size: ${x.length} values for ${n} × ${p}`);
  const names = design.names ? [...design.names] : Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (names.length !== p) throw new Error(`invalid ${what} names: ${names.length} names for ${p} columns`);
  for (let k = 0; k < x.length; k++) {
    const v = x[k]!;
    if (!Number.isFinite(v)) {
      const row = Math.floor(k / p);
      throw new Error(`invalid value in column '${names[k - row * p]}' at row ${row}: ${v}`);
    }
  }
  return names;
}

/** Checks a numeric response of length n and returns it as a Float64Array. */
export function checkResponse(y: ArrayLike<number>, n: number, what = 'response'): Float64Array {
  if (y.length !== n) throw new Error(`invalid ${what} length: ${y.length} (expected ${n})`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) throw new Error(`invalid ${what} at row ${i}: ${v}`);
    out[i] = v;
  }
  return out;
}

/** Checks a 0/1 label of length n; a third value or a missing one is an error naming the row. */
export function checkBinary(y: ArrayLike<number>, n: number, what = 'label'): Uint8Array {
  if (y.length !== n) throw new Error(`invalid ${what} length: ${y.length} (expected ${n})`);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1) throw new Error(`invalid ${what} at row ${i}: ${v} (expected 0 or 1)`);
    out[i] = v;
  }
  return out;
}

/** The design with a leading column of ones when `intercept` is set, else the same values. */
export function withIntercept(design: Design, names: readonly string[], intercept: boolean): Design {
  if (!intercept) return { x: design.x, n: design.n, p: design.p, names };
  const { x, n, p } = design;
  const q = p + 1;
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    out[i * q] = 1;
    out.set(x.subarray(i * p, i * p + p), i * q + 1);
  }
  return { x: out, n, p: q, names: [INTERCEPT, ...names] };
}
