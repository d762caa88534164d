/**
 * Seeded pseudo-random numbers: sfc32 (Doty-Humphrey's Small Fast Chaotic generator, PractRand-clean)
 * seeded through a 32-bit integer hash, so that every customer gets its own independent stream from
 * `(seed, index)` and the output does not depend on how customers are split into chunks or workers.
 */

/** Chris Wellons' lowbias32 integer hash: a bijection on 32-bit integers with good avalanche. */
export function hash32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed derived from several 32-bit integers (seed, customer index, stream salt …). */
export function seedOf(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) h = hash32(h ^ hash32(part >>> 0));
  return h;
}

const TWO_POW_32 = 4294967296;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (x: number): string =>
  `${HEX[x >>> 24]}${HEX[(x >>> 16) & 255]}${HEX[(x >>> 8) & 255]}${HEX[x & 255]}`;

/** One stream of pseudo-random numbers. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = hash32(seed ^ 0x9e3779b9);
    this.b = hash32(seed ^ 0x243f6a88);
    this.c = hash32(seed ^ 0xb7e15162);
    this.d = 1;
    // The first outputs of sfc32 still correlate with the seed; the authors discard 12.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in the open interval (0, 1), so that `Math.log` of it is finite. */
  next(): number {
    return (this.uint32() + 0.5) / TWO_POW_32;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A uniform integer in [lo, hi], both included. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** A uniform number in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `n` hexadecimal digits. */
  hex(n: number): string {
    let out = '';
    while (out.length < n) out += hex8(this.uint32());
    return out.slice(0, n);
  }

  /** A random (version 4) UUID, as Segment uses for messageId and anonymousId. */
  uuid(): string {
    const a = this.uint32();
    const b = (this.uint32() & 0xffff0fff) | 0x4000;
    const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.uint32();
    return `${hex8(a)}-${HEX[b >>> 24]}${HEX[(b >>> 16) & 255]}-${HEX[(b >>> 8) & 255]}${HEX[b & 255]}-${HEX[c >>> 24]}${HEX[(c >>> 16) & 255]}-${HEX[(c >>> 8) & 255]}${HEX[c & 255]}${hex8(d)}`;
  }
}

/**
 * A keyed bijection on integers below 2^48 (a 4-round Feistel network over two 24-bit halves): distinct
 * inputs give distinct outputs, so ids built from `(customer index, counter)` never collide, yet look random.
 */
export function scramble48(x: number, key: number): number {
  return scramble48With(x, roundKeys(key));
}

/** The four round keys of `scramble48` for `key`, to compute once and reuse. */
export function roundKeys(key: number): readonly number[] {
  return [0, 1, 2, 3].map((round) => hash32(key + round));
}

/** `scramble48` with precomputed round keys. */
export function scramble48With(x: number, keys: readonly number[]): number {
  const MASK = 0xffffff;
  let left = Math.floor(x / 0x1000000) & MASK;
  let right = x & MASK;
  for (let round = 0; round < 4; round++) {
    const f = hash32(right ^ (keys[round] ?? 0)) & MASK;
    const next = left ^ f;
    left = right;
    right = next;
  }
  return left * 0x1000000 + right;
}
