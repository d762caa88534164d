/**
 * Benjamini–Hochberg adjusted p-values (q-values; Benjamini & Hochberg 1995): q₍ᵢ₎ = min over j ≥ i of
 * m·p₍ⱼ₎ / j, capped at 1, in the input's order. Rejecting q ≤ α keeps the expected share of false
 * discoveries among the findings at most α (under independence or positive dependence of the tests).
 */
export function benjaminiHochberg(pValues: readonly number[]): Float64Array {
  const m = pValues.length;
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b,
  );
  const q = new Float64Array(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1] as number;
    running = Math.min(running, (m * (pValues[i] as number)) / rank);
    q[i] = running;
  }
  return q;
}
