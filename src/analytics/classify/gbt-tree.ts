import type { Binning } from './gbt-binning.js';

/** A regression tree over binned features, in flat arrays; a node with feature −1 is a leaf. */
export interface Tree {
  readonly feature: Int32Array;
  /** Go left when the bin code ≤ bin (raw value ≤ threshold). */
  readonly bin: Uint8Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/** Growth limits of one tree (scikit-learn HistGradientBoosting's names and defaults). */
export interface TreeOptions {
  readonly maxLeafNodes: number;
  readonly minSamplesLeaf: number;
  readonly l2Regularization: number;
  readonly maxDepth: number;
}

interface Leaf {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  readonly hist: Float64Array;
  readonly g: number;
  readonly h: number;
  split: { feature: number; bin: number; gain: number } | null;
}

const MIN_HESSIAN = 1e-3;

/**
 * Grows one tree best-first (leaf-wise) on gradients and hessians: each leaf keeps a histogram of
 * (Σg, Σh, count) per feature and bin; the smaller child's histogram is built from its rows and the
 * larger one's by subtraction from the parent (Ke et al. 2017, LightGBM, §2; scikit-learn's grower).
 * Split gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ); leaf value −G/(H+λ) (Chen & Guestrin 2016, eq. 6–7).
 * `rows` is permuted in place; `leafValue` receives each row's leaf value.
 */
export function growTree(
  binning: Binning,
  g: Float64Array,
  h: Float64Array,
  rows: Uint32Array,
  options: TreeOptions,
  leafValue: Float64Array,
): Tree {
  const { codes, n, p, edges } = binning;
  const feature: number[] = [];
  const bin: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const newNode = () => {
    feature.push(-1);
    bin.push(0);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    return feature.length - 1;
  };
  const lambda = options.l2Regularization;
  // Each feature's histogram takes 3 slots per bin it actually has, so binary features cost 6 slots, not 768.
  const offset = new Int32Array(p + 1);
  for (let j = 0; j < p; j++) offset[j + 1] = offset[j]! + 3 * edges[j]!.length;
  const size = offset[p]!;
  const histogram = (start: number, end: number) => {
    const hist = new Float64Array(size);
    for (let j = 0; j < p; j++) {
      const base = j * n;
      const hb = offset[j]!;
      for (let r = start; r < end; r++) {
        const i = rows[r]!;
        const k = hb + codes[base + i]! * 3;
        hist[k] = hist[k]! + g[i]!;
        hist[k + 1] = hist[k + 1]! + h[i]!;
        hist[k + 2] = hist[k + 2]! + 1;
      }
    }
    return hist;
  };
  const findSplit = (leaf: Leaf) => {
    const count = leaf.end - leaf.start;
    if (count < 2 * options.minSamplesLeaf || leaf.depth >= options.maxDepth) return null;
    const parentScore = (leaf.g * leaf.g) / (leaf.h + lambda);
    let best: Leaf['split'] = null;
    for (let j = 0; j < p; j++) {
      const hb = offset[j]!;
      const bins = edges[j]!.length;
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < bins - 1; b++) {
        gl += leaf.hist[hb + b * 3]!;
        hl += leaf.hist[hb + b * 3 + 1]!;
        cl += leaf.hist[hb + b * 3 + 2]!;
        const cr = count - cl;
        if (cl < options.minSamplesLeaf) continue;
        if (cr < options.minSamplesLeaf) break;
        const hr = leaf.h - hl;
        if (hl < MIN_HESSIAN || hr < MIN_HESSIAN) continue;
        const gr = leaf.g - gl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > 1e-12 && (!best || gain > best.gain)) best = { feature: j, bin: b, gain };
      }
    }
    return best;
  };
  const makeLeaf = (node: number, start: number, end: number, depth: number, hist: Float64Array): Leaf => {
    let sg = 0;
    let sh = 0;
    // Totals from the first feature's histogram: every row falls in exactly one of its bins.
    for (let b = 0; b < offset[1]! / 3; b++) {
      sg += hist[b * 3]!;
      sh += hist[b * 3 + 1]!;
    }
    const leaf: Leaf = { node, start, end, depth, hist, g: sg, h: sh, split: null };
    leaf.split = findSplit(leaf);
    return leaf;
  };

  const root = makeLeaf(newNode(), 0, rows.length, 0, histogram(0, rows.length));
  const open: Leaf[] = [root];
  while (open.length < options.maxLeafNodes) {
    let bestIndex = -1;
    for (let k = 0; k < open.length; k++) {
      const s = open[k]!.split;
      if (s && (bestIndex < 0 || s.gain > open[bestIndex]!.split!.gain)) bestIndex = k;
    }
    if (bestIndex < 0) break;
    const leaf = open.splice(bestIndex, 1)[0]!;
    const { feature: f, bin: b } = leaf.split!;
    // Partition rows[start, end) so rows going left come first.
    let mid = leaf.start;
    const base = f * n;
    for (let r = leaf.start; r < leaf.end; r++) {
      const i = rows[r]!;
      if (codes[base + i]! <= b) {
        rows[r] = rows[mid]!;
        rows[mid] = i;
        mid++;
      }
    }
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = leftSmaller ? histogram(leaf.start, mid) : histogram(mid, leaf.end);
    const large = new Float64Array(size);
    for (let k = 0; k < size; k++) large[k] = leaf.hist[k]! - small[k]!;
    const l = newNode();
    const r = newNode();
    feature[leaf.node] = f;
    bin[leaf.node] = b;
    threshold[leaf.node] = edges[f]![b]!;
    left[leaf.node] = l;
    right[leaf.node] = r;
    open.push(makeLeaf(l, leaf.start, mid, leaf.depth + 1, leftSmaller ? small : large));
    open.push(makeLeaf(r, mid, leaf.end, leaf.depth + 1, leftSmaller ? large : small));
  }
  for (const leaf of open) {
    const v = -leaf.g / (leaf.h + lambda);
    value[leaf.node] = v;
    for (let r = leaf.start; r < leaf.end; r++) leafValue[rows[r]!] = v;
  }
  return {
    feature: Int32Array.from(feature),
    bin: Uint8Array.from(bin),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

/** The leaf value a raw row (row-major, p columns, at `offset`) lands in. */
export function treeValue(tree: Tree, x: Float64Array, offset: number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    node = x[offset + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}
