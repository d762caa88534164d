import { FpTree } from './fp-tree.js';
import type { ItemsetSink } from './itemsets.js';

/** The state one mining run shares across its recursion. */
export interface Miner {
  readonly minCount: number;
  readonly maxLength: number;
  readonly sink: ItemsetSink;
  /** The ranks of the itemset being grown, deepest level last. */
  readonly prefix: Int32Array;
  /** A prefix path, filled from the end. */
  readonly path: Int32Array;
  /** Item counts of a conditional pattern base, zero between uses. */
  readonly scratch: Float64Array;
  /** The prefix paths of one item, copied out of the tree. */
  copy: Int32Array;
}

/**
 * FP-Growth on one conditional FP-tree (Han et al. 2000, Algorithm 2): emits prefix ∪ {r} for
 * each frequent rank r < width in `tree`, then mines the conditional tree of r.
 */
export function mineTree(tree: FpTree, width: number, depth: number, miner: Miner): void {
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
    if (conditional !== null) mineTree(conditional, rank, depth + 1, miner);
  }
}

/**
 * The FP-tree of the prefix paths of `rank` (its conditional pattern base, Han et al. 2000 §3),
 * keeping only items frequent within it; null when none is.
 */
function conditionalTree(tree: FpTree, rank: number, miner: Miner): FpTree | null {
  const { minCount, path, scratch } = miner;
  const { up, count, link } = tree;
  // One walk to the root a node: each prefix path is copied (leaf first, then -1 - node) and its
  // items counted, so the second pass reads the copy instead of the scattered tree.
  let copy = miner.copy;
  let at = 0;
  for (let node = tree.head[rank]!; node !== -1; node = link[node]!) {
    const weight = count[node]!;
    const start = at;
    for (let p = up[2 * node]!; p > 0; p = up[2 * p]!) {
      if (at + 1 >= copy.length) copy = miner.copy = grow(copy);
      const r = up[2 * p + 1]!;
      scratch[r]! += weight;
      copy[at++] = r;
    }
    if (at > start) copy[at++] = -1 - node;
  }
  let any = false;
  for (let r = 0; r < rank; r++) if (scratch[r]! >= minCount) any = true;
  if (!any) {
    scratch.fill(0, 0, rank);
    return null;
  }
  const conditional = new FpTree(rank, Math.min(at, 1024));
  const end = path.length;
  let start = end;
  for (let i = 0; i < at; i++) {
    const r = copy[i]!;
    if (r >= 0) {
      if (scratch[r]! >= minCount) path[--start] = r;
      continue;
    }
    if (start < end) conditional.insert(path, start, end, count[-1 - r]!);
    start = end;
  }
  scratch.fill(0, 0, rank);
  return conditional;
}

function grow(array: Int32Array): Int32Array {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

/** A single-path tree: every combination of its nodes is frequent with the deepest node's count. */
function minePath(tree: FpTree, depth: number, miner: Miner): void {
  const ranks: number[] = [];
  const counts: number[] = [];
  for (let node = tree.firstChild[0]!; node !== -1; node = tree.firstChild[node]!) {
    ranks.push(tree.up[2 * node + 1]!);
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
