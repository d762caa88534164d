/**
 * The Fellegi–Sunter model as Splink fits it: u probabilities (how often a level occurs between two
 * different people) from random pairs of records, where almost every pair is a non-match; then the m
 * probabilities (how often a level occurs between two records of one person) and the share of matches
 * among the candidate pairs by expectation–maximisation, with u held fixed. Pure: comparison vectors in,
 * parameters and match probabilities out.
 */

/** The fitted model. */
export interface FsModel {
  /** Share of matches among the candidate pairs. */
  lambda: number;
  /** m[c][level] and u[c][level], per comparison. */
  m: number[][];
  u: number[][];
  iterations: number;
  converged: boolean;
}

// Splink's floor keeps a level never seen from making a weight infinite.
const FLOOR = 1e-4;

/** Level frequencies of comparison vectors (length pairs × comparisons), null levels left out. */
export function levelShares(vectors: Int8Array, comparisons: number, levels: readonly number[]): number[][] {
  const counts = levels.map((l) => new Array<number>(l).fill(0));
  const totals = new Array<number>(comparisons).fill(0);
  for (let i = 0; i < vectors.length; i += comparisons) {
    for (let c = 0; c < comparisons; c++) {
      const l = vectors[i + c]!;
      if (l < 0) continue;
      counts[c]![l]!++;
      totals[c]!++;
    }
  }
  return counts.map((row, c) =>
    row.map((k) => Math.max(FLOOR, totals[c]! ? k / totals[c]! : 1 / row.length)),
  );
}

/** Starting m: most mass on the strongest level, as Splink's defaults do. */
function startingM(levels: readonly number[]): number[][] {
  return levels.map((l) => {
    const row = new Array<number>(l).fill(0.1 / Math.max(1, l - 1));
    row[0] = 0.9;
    return row;
  });
}

/** The match probability of each pair under `model`. */
export function matchProbabilities(model: FsModel, vectors: Int8Array, comparisons: number): Float64Array {
  const pairs = vectors.length / comparisons;
  const out = new Float64Array(pairs);
  const prior = Math.log(model.lambda / (1 - model.lambda));
  const weights = model.m.map((row, c) => row.map((m, l) => Math.log(m / model.u[c]![l]!)));
  for (let p = 0; p < pairs; p++) {
    let w = prior;
    for (let c = 0; c < comparisons; c++) {
      const l = vectors[p * comparisons + c]!;
      if (l >= 0) w += weights[c]![l]!;
    }
    out[p] = 1 / (1 + Math.exp(-w));
  }
  return out;
}

/**
 * Fits m and λ (and, unless `fixU`, u) by EM over the candidate pairs' vectors. Within blocked candidates
 * non-matches agree on the blocked fields too, so u is re-estimated there; the caller scores with the u of
 * random pairs and the prior of a random pair, as Splink does.
 */
export function fitEm(
  vectors: Int8Array,
  comparisons: number,
  levels: readonly number[],
  u: number[][],
  options: { maxIterations?: number; tolerance?: number; lambda?: number; fixU?: boolean } = {},
): FsModel {
  const model: FsModel = {
    lambda: options.lambda ?? 0.05,
    m: startingM(levels),
    u,
    iterations: 0,
    converged: false,
  };
  const pairs = vectors.length / comparisons;
  if (!pairs) return model;
  const max = options.maxIterations ?? 50;
  const tol = options.tolerance ?? 1e-5;
  for (let it = 0; it < max; it++) {
    const p = matchProbabilities(model, vectors, comparisons);
    let sum = 0;
    for (let i = 0; i < pairs; i++) sum += p[i]!;
    const counts = levels.map((l) => new Array<number>(l).fill(0));
    const totals = new Array<number>(comparisons).fill(0);
    const uCounts = levels.map((l) => new Array<number>(l).fill(0));
    const uTotals = new Array<number>(comparisons).fill(0);
    for (let i = 0; i < pairs; i++) {
      const w = p[i]!;
      for (let c = 0; c < comparisons; c++) {
        const l = vectors[i * comparisons + c]!;
        if (l < 0) continue;
        counts[c]![l]! += w;
        totals[c]! += w;
        uCounts[c]![l]! += 1 - w;
        uTotals[c]! += 1 - w;
      }
    }
    if (options.fixU === false) {
      model.u = uCounts.map((row, c) =>
        row.map((k, l) => {
          const v = Math.max(FLOOR, uTotals[c]! > 0 ? k / uTotals[c]! : model.u[c]![l]!);
          return v;
        }),
      );
    }
    let change = 0;
    const lambda = Math.min(1 - FLOOR, Math.max(FLOOR, sum / pairs));
    change = Math.max(change, Math.abs(lambda - model.lambda));
    model.lambda = lambda;
    model.m = counts.map((row, c) =>
      row.map((k, l) => {
        const v = Math.max(FLOOR, totals[c]! > 0 ? k / totals[c]! : model.m[c]![l]!);
        change = Math.max(change, Math.abs(v - model.m[c]![l]!));
        return v;
      }),
    );
    model.iterations = it + 1;
    if (change < tol) {
      model.converged = true;
      break;
    }
  }
  return model;
}
