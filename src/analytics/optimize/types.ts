/** A function to minimise, of a point in R^n. NaN is read as +Infinity (a point to avoid). */
export type Objective = (x: Float64Array) => number;

/** What every minimiser returns: the best point found, its value, and how the search ended. */
export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

/** Wraps an objective so that NaN becomes +Infinity and evaluations are counted. */
export function counted(f: Objective): { f: Objective; count: () => number } {
  let n = 0;
  return {
    f: (x) => {
      n++;
      const v = f(x);
      return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
    },
    count: () => n,
  };
}

/** Checks a starting point: it must be non-empty and finite. */
export function checkStart(x0: ArrayLike<number>): Float64Array {
  if (x0.length === 0) throw new Error('invalid start: empty point');
  const x = Float64Array.from(x0);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`invalid start: x[${i}] = ${x[i]}`);
  }
  return x;
}
