import { type Baskets, basketCount, checkBaskets } from './baskets.js';
import { FpTree } from './fp-tree.js';
import { type FrequentItemsets, ItemsetSink } from './itemsets.js';
import { type ItemsetOptions, resolveMaxLength, resolveMinCount } from './options.js';

/**
 * Mines every itemset whose support reaches the minimum, with FP-Growth (Han, Pei & Yin 2000,
 * "Mining frequent patterns without candidate generation", Algorithm 2). An item listed twice
 * in one basket counts once.
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
  };
  if (width > 0) mine(buildTree(baskets, rankToId), width, 0, miner);
  return sink.finish(n, minCount, baskets.itemNames);
}

interface Miner {
  readonly minCount: number;
  readonly maxLength: number;
  readonly sink: ItemsetSink;
  /** The ranks of the itemset being grown, deepest level last. */
  readonly prefix: Int32Array;
  /** A prefix path, filled from the end. */
  readonly path: Int32Array;
  /** Item counts of a conditional pattern base, zero between uses. */
  readonly scratch: Float64Array;
}

/** Frequent item ids by descending count (ties by id): rank r is item rankToId[r]. */
function rankItems(baskets: Baskets, minCount: number): Int32Array {
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

/** The FP-tree of all baskets, each reduced to its frequent items in ascending rank. */
function buildTree(baskets: Baskets, rankToId: Int32Array): FpTree {
  const { offsets, items, itemNames } = baskets;
  const idToRank = new Int32Array(itemNames.length).fill(-1);
  for (let r = 0; r < rankToId.length; r++) idToRank[rankToId[r]!] = r;
  const tree = new FpTree(rankToId.length, Math.min(items.length + 1, 1 << 20));
  const path = new Int32Array(rankToId.length);
  for (let b = 0; b + 1 < offsets.length; b++) {
    let length = 0;
    for (let i = offsets[b]!; i < offsets[b + 1]!; i++) {
      const rank = idToRank[items[i]!]!;
      if (rank < 0) continue;
      // Insertion into the sorted path; a repeated item is dropped.
      let j = length;
      while (j > 0 && path[j - 1]! > rank) j--;
      if (j > 0 && path[j - 1] === rank) continue;
      path.copyWithin(j + 1, j, length);
      path[j] = rank;
      length++;
    }
    if (length > 0) tree.insert(path, 0, length, 1);
  }
  return tree;
}

/** Emits prefix ∪ {r} for each frequent rank r < width of `tree`, then mines its conditional tree. */
function mine(tree: FpTree, width: number, depth: number, miner: Miner): void {
  if (!tree.branched) {
    minePath(tree, depth, miner);
    return;
  }
  const { minCount, maxLength, sink, prefix } = miner;
  for (let rank = width - 1; rank >= 0; rank--) {
    const support = tree.itemCount[rank]!;
    if (support < minCount) continue;
    prefix[depth] = rank;
    sink.push(prefix, depth + 1, support);
    if (depth + 1 >= maxLength) continue;
    const conditional = conditionalTree(tree, rank, miner);
    if (conditional !== null) mine(conditional, rank, depth + 1, miner);
  }
}

/**
 * The FP-tree of the prefix paths of `rank` (its conditional pattern base, Han et al. 2000 §3),
 * keeping only items frequent within it; null when none is.
 */
function conditionalTree(tree: FpTree, rank: number, miner: Miner): FpTree | null {
  const { minCount, path, scratch } = miner;
  const { parent, item, count, link } = tree;
  let nodes = 0;
  for (let node = tree.head[rank]!; node !== -1; node = link[node]!) {
    const weight = count[node]!;
    for (let p = parent[node]!; p > 0; p = parent[p]!) {
      scratch[item[p]!]! += weight;
      nodes++;
    }
  }
  let any = false;
  for (let r = 0; r < rank; r++) if (scratch[r]! >= minCount) any = true;
  if (!any) {
    scratch.fill(0, 0, rank);
    return null;
  }
  const conditional = new FpTree(rank, Math.min(nodes + 1, 1 << 16));
  const end = path.length;
  for (let node = tree.head[rank]!; node !== -1; node = link[node]!) {
    let start = end;
    for (let p = parent[node]!; p > 0; p = parent[p]!) {
      const r = item[p]!;
      if (scratch[r]! >= minCount) path[--start] = r;
    }
    if (start < end) conditional.insert(path, start, end, count[node]!);
  }
  scratch.fill(0, 0, rank);
  return conditional;
}

/** A single-path tree: every combination of its nodes is frequent with the deepest node's count. */
function minePath(tree: FpTree, depth: number, miner: Miner): void {
  const ranks: number[] = [];
  const counts: number[] = [];
  for (let node = tree.firstChild[0]!; node !== -1; node = tree.firstChild[node]!) {
    ranks.push(tree.item[node]!);
    counts.push(tree.count[node]!);
  }
  combine(ranks, counts, 0, depth, miner);
}

function combine(ranks: number[], counts: number[], from: number, depth: number, miner: Miner): void {
  const { minCount, maxLength, sink, prefix } = miner;
  for (let i = from; i < ranks.length; i++) {
    const support = counts[i]!;
    // Counts fall along the path, so no deeper node reaches the minimum either.
    if (support < minCount) return;
    prefix[depth] = ranks[i]!;
    sink.push(prefix, depth + 1, support);
    if (depth + 1 < maxLength) combine(ranks, counts, i + 1, depth + 1, miner);
  }
}
