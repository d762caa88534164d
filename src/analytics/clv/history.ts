/**
 * Purchase histories, one row per customer or, after {@link compressHistories}, per distinct
 * pattern: x repeat purchases, the last at t_x, observed for T time units since the first;
 * `count` says how many customers share the row (1 when absent).
 */
export interface PurchaseHistories {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  count?: Float64Array;
}

/** Checks histories and returns the number of rows and of customers (the sum of counts). */
export function checkHistories(data: PurchaseHistories): { rows: number; customers: number } {
  const rows = data.x.length;
  for (const [name, column] of [
    ['tx', data.tx],
    ['T', data.T],
    ['count', data.count],
  ] as const) {
    if (column !== undefined && column.length !== rows) {
      throw new Error(`column length mismatch: ${name} has ${column.length} rows, x has ${rows}`);
    }
  }
  let customers = 0;
  for (let i = 0; i < rows; i++) {
    const x = data.x[i] ?? Number.NaN;
    const tx = data.tx[i] ?? Number.NaN;
    const T = data.T[i] ?? Number.NaN;
    const w = data.count === undefined ? 1 : (data.count[i] ?? Number.NaN);
    if (!(Number.isInteger(x) && x >= 0)) throw new Error(`invalid x at row ${i}: ${x}`);
    if (!(Number.isFinite(T) && T >= 0)) throw new Error(`invalid T at row ${i}: ${T}`);
    if (!(Number.isFinite(tx) && tx >= 0 && tx <= T))
      throw new Error(`invalid tx at row ${i}: ${tx} (T = ${T})`);
    if (x === 0 && tx !== 0) throw new Error(`invalid tx at row ${i}: ${tx} with no repeat purchase`);
    if (!(Number.isFinite(w) && w >= 0)) throw new Error(`invalid count at row ${i}: ${w}`);
    customers += w;
  }
  return { rows, customers };
}

/** Whether any customer made a repeat purchase; without one the purchase models have no maximum. */
export function hasRepeat(data: PurchaseHistories): boolean {
  return data.x.some((x, i) => x > 0 && (data.count?.[i] ?? 1) > 0);
}

/** Checks that each named parameter is finite and positive; the message names the model. */
export function checkPositive(model: string, params: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(params)) {
    if (!(Number.isFinite(value) && value > 0))
      throw new Error(`invalid ${model} parameter: ${name} = ${value}`);
  }
}

/**
 * Indexes the distinct values of a column, so that likelihoods can compute a logarithm once per
 * distinct x, t_x or T instead of once per row: CDNOW's 2,357 customers have only 84 distinct T.
 */
export function distinct(column: Float64Array): { values: Float64Array; index: Uint32Array } {
  const seen = new Map<number, number>();
  const index = new Uint32Array(column.length);
  const values: number[] = [];
  for (let i = 0; i < column.length; i++) {
    const v = column[i] ?? 0;
    let k = seen.get(v);
    if (k === undefined) {
      k = values.length;
      seen.set(v, k);
      values.push(v);
    }
    index[i] = k;
  }
  return { values: Float64Array.from(values), index };
}
