/** log(eᵃ + eᵇ) without overflow; -Infinity stands for log 0. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log(eᵃ − eᵇ) for a ≥ b without overflow; -Infinity when a = b. */
export function logSubExp(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (b > a) throw new Error(`invalid logSubExp: ${b} > ${a}`);
  const d = b - a;
  // log(1 − eᵈ): log(−expm1(d)) near 0, log1p(−eᵈ) far from it (Mächler 2012, "Accurately computing log(1 − exp(−|a|))").
  return a + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}
