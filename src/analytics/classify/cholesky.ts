/**
 * Solves A x = b for a symmetric positive definite q × q matrix given by its lower triangle (row-major,
 * full storage), by Cholesky factorization (Golub & Van Loan, alg. 4.2.1). Returns null when A is not
 * numerically positive definite, so the caller can say why in its own terms.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, q: number): Float64Array | null {
  const l = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    let d = a[j * q + j]!;
    for (let k = 0; k < j; k++) d -= l[j * q + k]! ** 2;
    if (!(d > 1e-300)) return null;
    const ljj = Math.sqrt(d);
    l[j * q + j] = ljj;
    for (let i = j + 1; i < q; i++) {
      let s = a[i * q + j]!;
      for (let k = 0; k < j; k++) s -= l[i * q + k]! * l[j * q + k]!;
      l[i * q + j] = s / ljj;
    }
  }
  const y = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * q + k]! * y[k]!;
    y[i] = s / l[i * q + i]!;
  }
  const x = new Float64Array(q);
  for (let i = q - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < q; k++) s -= l[k * q + i]! * x[k]!;
    x[i] = s / l[i * q + i]!;
  }
  return x;
}
