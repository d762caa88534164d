// Helpers for the tests (the .test.ts suffix keeps them out of the build); no tests of its own.
import type { Baskets } from './baskets.js';

/** Every itemset over `width` items (at most ~12) with its basket count, by enumeration; key "1,4,7". */
export function bruteForceCounts(lists: readonly (readonly number[])[], width: number): Map<string, number> {
  const masks = lists.map((list) => list.reduce((mask, id) => mask | (1 << id), 0));
  const counts = new Map<string, number>();
  for (let subset = 1; subset < 1 << width; subset++) {
    let count = 0;
    for (const mask of masks) if ((mask & subset) === subset) count++;
    if (count > 0) counts.set(idsOf(subset, width).join(','), count);
  }
  return counts;
}

function idsOf(mask: number, width: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < width; i++) if (mask & (1 << i)) ids.push(i);
  return ids;
}

/** Raw CSR from id lists, duplicates kept, items named "i0", "i1", …. */
export function csr(lists: readonly (readonly number[])[], width: number): Baskets {
  const offsets = new Uint32Array(lists.length + 1);
  const items: number[] = [];
  lists.forEach((list, b) => {
    items.push(...list);
    offsets[b + 1] = items.length;
  });
  return {
    offsets,
    items: Uint32Array.from(items),
    itemNames: Array.from({ length: width }, (_, i) => `i${i}`),
  };
}
