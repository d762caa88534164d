/** Points stored row after row: point i, column j is `data[i * cols + j]`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Checks a matrix's shape against its data and that every value is finite. */
export function checkMatrix(m: Matrix): void {
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 1 || m.cols < 1) {
    throw new Error(`invalid matrix shape: ${m.rows} × ${m.cols}`);
  }
  if (m.data.length !== m.rows * m.cols) {
    throw new Error(`invalid matrix: ${m.data.length} values for ${m.rows} × ${m.cols}`);
  }
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i]))
      throw new Error(`invalid matrix value at row ${Math.floor(i / m.cols)}: ${m.data[i]}`);
  }
}

/** The rows `index` of `m`, copied into a new matrix. */
export function takeRows(m: Matrix, index: ArrayLike<number>): Matrix {
  const data = new Float64Array(index.length * m.cols);
  for (let r = 0; r < index.length; r++) {
    const from = index[r]! * m.cols;
    data.set(m.data.subarray(from, from + m.cols), r * m.cols);
  }
  return { data, rows: index.length, cols: m.cols };
}

/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (both with `cols` columns). */
export function squaredDistance(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  cols: number,
): number {
  let s = 0;
  const ai = i * cols;
  const bj = j * cols;
  for (let c = 0; c < cols; c++) {
    const d = a[ai + c]! - b[bj + c]!;
    s += d * d;
  }
  return s;
}

/** The mean of the per-column variances, the unit scikit-learn scales k-means' tolerance by. */
export function meanColumnVariance(m: Matrix): number {
  const { data, rows, cols } = m;
  // Row after row, as the data lie (a column at a time reads every cache line once per column); each
  // column's terms are still added in row order, so the sums are those of the column-wise loops.
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c]! += data[r * cols + c]!;
  for (let c = 0; c < cols; c++) mean[c]! /= rows;
  const v = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const d = data[r * cols + c]! - mean[c]!;
      v[c]! += d * d;
    }
  }
  let total = 0;
  for (let c = 0; c < cols; c++) total += v[c]! / rows;
  return total / cols;
}
