/**
 * Mulberry32, Tommy Ettinger's 32-bit generator (public domain, 2017): one 32-bit state advanced by the
 * Weyl constant 0x6D2B79F5 and mixed by two xor-shift-multiply rounds. Period 2³², passes gjrand and
 * PractRand to 2³² bytes; enough for shuffles and splits, not for cryptography. Same seed, same sequence,
 * on every platform, since it uses only 32-bit integer arithmetic (`Math.imul`).
 */
export function mulberry32(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new Error(`invalid seed: ${seed} (expected an integer)`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles `values` in place with Fisher–Yates (Knuth, TAOCP vol. 2, alg. 3.4.2P) driven by `random`. */
export function shuffleInPlace(values: Uint32Array, random: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}

/** A standard normal draw by the Box–Muller transform (Box & Muller 1958), from two uniforms of `random`. */
export function normalDraw(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
