import { type BinaryData, checkBinary, checkDesign, type Design, sigmoid } from '../regression/index.js';
import { fitBinning } from './gbt-binning.js';
import { growTree, type Tree, treeValue } from './gbt-tree.js';

/** Options of {@link fitGbt}; names and defaults follow scikit-learn's HistGradientBoostingClassifier. */
export interface GbtOptions {
  /** Boosting rounds, one tree each (default 100). */
  readonly maxIterations?: number;
  /** Shrinkage of each tree (default 0.1). */
  readonly learningRate?: number;
  /** Leaves per tree (default 31). */
  readonly maxLeafNodes?: number;
  /** Rows per leaf at least (default 20). */
  readonly minSamplesLeaf?: number;
  /** L2 penalty λ on leaf values (default 0). */
  readonly l2Regularization?: number;
  /** Depth limit (default none). */
  readonly maxDepth?: number;
  /** Bins per feature, 2..255 (default 255). */
  readonly maxBins?: number;
}

/** A fitted gradient-boosted tree ensemble for binary log-loss. */
export interface GbtModel {
  readonly kind: 'gbt';
  readonly names: readonly string[];
  /** Initial log-odds, the training base rate's. */
  readonly baseline: number;
  readonly trees: readonly Tree[];
  /** Mean training log loss after the last round. */
  readonly trainLogLoss: number;
}

/**
 * Gradient boosting of histogram-binned regression trees on the binary log-loss (Friedman 2001, Annals of
 * Statistics 29:1189, with the second-order leaf values of Chen & Guestrin 2016): each round fits a tree to
 * the gradient μ − y and hessian μ(1 − μ) of the current log-odds and adds it shrunk by the learning rate.
 * No early stopping, no native missing values: encode and impute first.
 */
export function fitGbt(data: BinaryData, options: GbtOptions = {}): GbtModel {
  const names = checkDesign(data);
  const { x, n, p } = data;
  if (n === 0) throw new Error('empty input: 0 rows');
  if (p === 0) throw new Error('empty design: no columns');
  const y = checkBinary(data.y, n);
  const rounds = positiveInteger(options.maxIterations ?? 100, 'maxIterations');
  const rate = options.learningRate ?? 0.1;
  if (!(rate > 0)) throw new Error(`invalid learningRate: ${rate}`);
  const tree = {
    maxLeafNodes: positiveInteger(options.maxLeafNodes ?? 31, 'maxLeafNodes'),
    minSamplesLeaf: positiveInteger(options.minSamplesLeaf ?? 20, 'minSamplesLeaf'),
    l2Regularization: options.l2Regularization ?? 0,
    maxDepth: options.maxDepth ?? Number.POSITIVE_INFINITY,
  };
  if (tree.maxLeafNodes < 2) throw new Error(`invalid maxLeafNodes: ${tree.maxLeafNodes}`);
  if (!(tree.l2Regularization >= 0)) throw new Error(`invalid l2Regularization: ${tree.l2Regularization}`);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  if (positives === 0 || positives === n) throw new Error(`label has a single class: every value is ${y[0]}`);

  const binning = fitBinning(x, n, p, options.maxBins ?? 255);
  const baseline = Math.log(positives / (n - positives));
  const raw = new Float64Array(n).fill(baseline);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const rows = new Uint32Array(n);
  const leafValue = new Float64Array(n);
  const trees: Tree[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(raw[i]!);
      g[i] = mu - y[i]!;
      h[i] = mu * (1 - mu);
      rows[i] = i;
    }
    const t = growTree(binning, g, h, rows, tree, leafValue);
    for (let k = 0; k < t.value.length; k++) t.value[k] = t.value[k]! * rate;
    for (let i = 0; i < n; i++) raw[i] = raw[i]! + rate * leafValue[i]!;
    trees.push(t);
  }
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const mu = sigmoid(raw[i]!);
    loss -= y[i] ? Math.log(Math.max(mu, 1e-300)) : Math.log(Math.max(1 - mu, 1e-300));
  }
  return { kind: 'gbt', names, baseline, trees, trainLogLoss: loss / n };
}

/** Predicted probabilities of the positive class for rows with the model's columns. */
export function predictGbt(model: GbtModel, design: Design): Float64Array {
  checkDesign(design);
  const { x, n, p } = design;
  if (p !== model.names.length)
    throw new Error(`invalid design columns: ${p} (the model has ${model.names.length})`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = model.baseline;
    for (const t of model.trees) s += treeValue(t, x, i * p);
    out[i] = sigmoid(s);
  }
  return out;
}

function positiveInteger(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`invalid ${name}: ${v}`);
  return v;
}
