import { type Baskets, basketCount, checkBaskets } from './baskets.js';
import { type Miner, mineTree } from './fp-mine.js';
import { FpTree } from './fp-tree.js';
import { type FrequentItemsets, ItemsetSink } from './itemsets.js';
import { type ItemsetOptions, resolveMaxLength, resolveMinCount } from './options.js';
import { type RankedBaskets, rankBaskets, rankItems } from './ranks.js';

/**
 * Mines every itemset whose support reaches the minimum, with FP-Growth (Han, Pei & Yin 2000,
 * "Mining frequent patterns without candidate generation"). An item listed twice in one basket
 * counts once.
 */
export function fpGrowth(baskets: Baskets, options: ItemsetOptions = {}): FrequentItemsets {
  checkBaskets(baskets);
  const n = basketCount(baskets);
  const minCount = resolveMinCount(options, n);
  const maxLength = resolveMaxLength(options);
  const rankToId = rankItems(baskets, minCount);
  const width = rankToId.length;
  const sink = new ItemsetSink(rankToId);
  const miner: Miner = {
    minCount,
    maxLength,
    sink,
    prefix: new Int32Array(width + 1),
    path: new Int32Array(width),
    scratch: new Float64Array(width),
    copy: new Int32Array(1024),
  };
  mineFirstLevel(rankBaskets(baskets, rankToId), width, miner);
  return sink.finish(n, minCount, baskets.itemNames);
}

/**
 * The first level reads the baskets directly instead of a global FP-tree (database projection,
 * Han et al. 2000 §4): the conditional FP-tree of rank r is built from the part before r of each
 * basket holding r. On 1M generated baskets this is a third faster than building the global
 * tree (hash probes into 2M scattered nodes) and walking it up from every node.
 */
function mineFirstLevel(ranked: RankedBaskets, width: number, miner: Miner): void {
  const { offsets, ranks } = ranked;
  const { minCount, maxLength, sink, prefix, path, scratch } = miner;
  // Occurrences grouped by rank: position in `ranks` and start of its basket.
  const first = new Uint32Array(width + 1);
  for (let i = 0; i < ranks.length; i++) first[ranks[i]! + 1]!++;
  for (let r = 0; r < width; r++) first[r + 1]! += first[r]!;
  const next = first.slice(0, width);
  const at = new Uint32Array(ranks.length);
  const from = new Uint32Array(ranks.length);
  for (let b = 0; b + 1 < offsets.length; b++) {
    for (let i = offsets[b]!; i < offsets[b + 1]!; i++) {
      const k = next[ranks[i]!]!++;
      at[k] = i;
      from[k] = offsets[b]!;
    }
  }
  for (let rank = width - 1; rank >= 0; rank--) {
    const lo = first[rank]!;
    const hi = first[rank + 1]!;
    prefix[0] = rank;
    sink.push(prefix, 1, hi - lo);
    if (maxLength < 2) continue;
    let total = 0;
    for (let k = lo; k < hi; k++) {
      for (let i = from[k]!; i < at[k]!; i++) scratch[ranks[i]!]!++;
      total += at[k]! - from[k]!;
    }
    let any = false;
    for (let r = 0; r < rank; r++) if (scratch[r]! >= minCount) any = true;
    if (any) {
      const tree = new FpTree(rank, Math.min(total + 1, 1 << 16));
      for (let k = lo; k < hi; k++) {
        let length = 0;
        for (let i = from[k]!; i < at[k]!; i++) {
          const r = ranks[i]!;
          if (scratch[r]! >= minCount) path[length++] = r;
        }
        if (length > 0) tree.insert(path, 0, length, 1);
      }
      scratch.fill(0, 0, rank);
      mineTree(tree, rank, 1, miner);
    } else {
      scratch.fill(0, 0, rank);
    }
  }
}
