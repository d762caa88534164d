import type { Baskets } from './baskets.js';

/** Baskets re-coded as item ranks: each basket's frequent items, ascending, once each. */
export interface RankedBaskets {
  readonly offsets: Uint32Array;
  readonly ranks: Int32Array;
}

/**
 * Frequent item ids by descending basket count, ties by id: rank r is item `rankToId[r]`. FP-Growth
 * orders every path this way so that frequent items share the nodes near the root (Han et al. 2000, §2).
 */
export function rankItems(baskets: Baskets, minCount: number): Int32Array {
  const { offsets, items, itemNames } = baskets;
  const counts = new Float64Array(itemNames.length);
  const seen = new Int32Array(itemNames.length).fill(-1);
  for (let b = 0; b + 1 < offsets.length; b++) {
    for (let i = offsets[b]!; i < offsets[b + 1]!; i++) {
      const id = items[i]!;
      if (seen[id] === b) continue;
      seen[id] = b;
      counts[id]!++;
    }
  }
  const frequent: number[] = [];
  for (let id = 0; id < counts.length; id++) if (counts[id]! >= minCount) frequent.push(id);
  frequent.sort((a, b) => counts[b]! - counts[a]! || a - b);
  return Int32Array.from(frequent);
}

/** Each basket reduced to its frequent items as ascending ranks; a repeated item is kept once. */
export function rankBaskets(baskets: Baskets, rankToId: Int32Array): RankedBaskets {
  const { offsets, items, itemNames } = baskets;
  const idToRank = new Int32Array(itemNames.length).fill(-1);
  for (let r = 0; r < rankToId.length; r++) idToRank[rankToId[r]!] = r;
  const n = offsets.length - 1;
  const rankedOffsets = new Uint32Array(n + 1);
  const ranks = new Int32Array(items.length);
  let at = 0;
  for (let b = 0; b < n; b++) {
    const start = at;
    for (let i = offsets[b]!; i < offsets[b + 1]!; i++) {
      const rank = idToRank[items[i]!]!;
      if (rank < 0) continue;
      // Insertion into the sorted basket: baskets are short.
      let j = at;
      while (j > start && ranks[j - 1]! > rank) j--;
      if (j > start && ranks[j - 1] === rank) continue;
      ranks.copyWithin(j + 1, j, at);
      ranks[j] = rank;
      at++;
    }
    rankedOffsets[b + 1] = at;
  }
  return { offsets: rankedOffsets, ranks: ranks.subarray(0, at) };
}
