import type { FrequentItemsets } from './itemsets.js';

/** An open-addressing hash from itemset contents (sorted ids) to its position in the CSR. */
export class ItemsetIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(private readonly itemsets: FrequentItemsets) {
    const n = itemsets.counts.length;
    let size = 16;
    while (size < n * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    const { offsets, items } = itemsets;
    for (let k = 0; k < n; k++) {
      let slot = hash(items, offsets[k]!, offsets[k + 1]!) & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = k;
    }
  }

  /** The position of the itemset `ids[from … to - 1]` (ascending), or -1 when it is not frequent. */
  find(ids: Uint32Array, from: number, to: number): number {
    const { offsets, items } = this.itemsets;
    let slot = hash(ids, from, to) & this.mask;
    for (;;) {
      const k = this.slots[slot]!;
      if (k === -1) return -1;
      const start = offsets[k]!;
      if (offsets[k + 1]! - start === to - from && same(items, start, ids, from, to - from)) return k;
      slot = (slot + 1) & this.mask;
    }
  }
}

// FNV-1a over the ids, with a final avalanche so neighbouring ids spread over the table.
function hash(ids: Uint32Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ ids[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

function same(a: Uint32Array, at: number, b: Uint32Array, bt: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[at + i] !== b[bt + i]) return false;
  return true;
}
