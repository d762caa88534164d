/**
 * Frequent itemsets in CSR form: itemset `k` is `items[offsets[k]] … items[offsets[k + 1] - 1]`
 * (item ids, ascending) and occurs in `counts[k]` of the `basketCount` baskets.
 */
export interface FrequentItemsets {
  readonly offsets: Uint32Array;
  readonly items: Uint32Array;
  readonly counts: Uint32Array;
  readonly basketCount: number;
  /** The basket count that `minSupport` or `minCount` resolved to. */
  readonly minCount: number;
  readonly itemNames: readonly string[];
}

/** One frequent itemset with its item names, for display. */
export interface ItemsetRow {
  readonly items: readonly string[];
  readonly count: number;
  readonly support: number;
}

/** The number of itemsets. */
export function itemsetCount(itemsets: FrequentItemsets): number {
  return itemsets.offsets.length - 1;
}

/** The itemsets as rows of item names, in mining order. */
export function itemsetRows(itemsets: FrequentItemsets): ItemsetRow[] {
  const { offsets, items, counts, basketCount, itemNames } = itemsets;
  const rows: ItemsetRow[] = [];
  for (let k = 0; k + 1 < offsets.length; k++) {
    const names: string[] = [];
    for (let i = offsets[k]!; i < offsets[k + 1]!; i++) names.push(itemNames[items[i]!]!);
    rows.push({ items: names, count: counts[k]!, support: counts[k]! / basketCount });
  }
  return rows;
}

/** Collects itemsets as they are mined, translating item ranks to sorted item ids. */
export class ItemsetSink {
  private offsets: Uint32Array = new Uint32Array(1024);
  private items: Uint32Array = new Uint32Array(4096);
  private counts: Uint32Array = new Uint32Array(1024);
  private size = 0;

  constructor(private readonly rankToId: Int32Array) {}

  push(ranks: Int32Array, length: number, count: number): void {
    if (this.size + 2 > this.offsets.length) {
      this.offsets = grow(this.offsets, this.offsets.length * 2);
      this.counts = grow(this.counts, this.counts.length * 2);
    }
    const start = this.offsets[this.size]!;
    if (start + length > this.items.length) {
      this.items = grow(this.items, Math.max(this.items.length * 2, start + length));
    }
    const items = this.items;
    // Insertion sort: itemsets are short, and ids ascending make each itemset canonical.
    for (let i = 0; i < length; i++) {
      const id = this.rankToId[ranks[i]!]!;
      let j = start + i;
      while (j > start && items[j - 1]! > id) {
        items[j] = items[j - 1]!;
        j--;
      }
      items[j] = id;
    }
    this.counts[this.size] = count;
    this.offsets[++this.size] = start + length;
  }

  finish(basketCount: number, minCount: number, itemNames: readonly string[]): FrequentItemsets {
    const n = this.size;
    return {
      offsets: this.offsets.slice(0, n + 1),
      items: this.items.slice(0, this.offsets[n]!),
      counts: this.counts.slice(0, n),
      basketCount,
      minCount,
      itemNames,
    };
  }
}

function grow(array: Uint32Array, capacity: number): Uint32Array {
  const next = new Uint32Array(capacity);
  next.set(array);
  return next;
}
