/**
 * Chooses k: fits k-means for each k in a range on the same rows (sharing one set of threads) and keeps the
 * k whose partition has the highest silhouette on a seeded sample, saying so with every k's score.
 */
import { type KMeansResult, kmeans } from './kmeans.js';
import type { Matrix } from './matrix.js';
import { createAssigner } from './pool.js';
import { silhouette } from './silhouette.js';

/** One candidate k and how well its partition separates. */
export interface KScore {
  readonly k: number;
  readonly silhouette: number;
  readonly inertia: number;
  readonly iterations: number;
}

/** Options of `chooseK` and `clusterRows`. */
export interface ChooseKOptions {
  readonly kMin?: number;
  readonly kMax?: number;
  readonly seed?: number;
  /** Points the silhouette is computed on (2 000 by default). */
  readonly sampleSize?: number;
  /** k-means++ starts per k, the lowest inertia kept (3 by default). */
  readonly nInit?: number;
  readonly threads?: number;
  readonly maxIter?: number;
  readonly tol?: number;
}

/** The chosen fit, every candidate's score and the reason in a sentence. */
export interface ChooseKResult {
  readonly k: number;
  readonly silhouette: number;
  readonly fit: KMeansResult;
  readonly scores: readonly KScore[];
  readonly reason: string;
}

/** Fits k-means for k = kMin … kMax (2 … 8 by default) and keeps the k of highest sampled silhouette. */
export async function chooseK(m: Matrix, options: ChooseKOptions = {}): Promise<ChooseKResult> {
  const kMin = options.kMin ?? 2;
  const kMax = Math.min(options.kMax ?? 8, m.rows - 1);
  if (!Number.isInteger(kMin) || kMin < 2 || kMax < kMin) {
    throw new Error(`invalid k range: ${kMin} … ${options.kMax ?? 8} for ${m.rows} rows`);
  }
  return fitRange(m, kMin, kMax, options);
}

/** Fits one given k and scores it the same way, so that a fixed k reports its silhouette too. */
export async function clusterWithK(
  m: Matrix,
  k: number,
  options: ChooseKOptions = {},
): Promise<ChooseKResult> {
  return fitRange(m, k, k, options);
}

async function fitRange(
  m: Matrix,
  kMin: number,
  kMax: number,
  options: ChooseKOptions,
): Promise<ChooseKResult> {
  const seed = options.seed ?? 0;
  const assigner = createAssigner(m, {
    maxK: kMax,
    ...(options.threads !== undefined && { threads: options.threads }),
  });
  try {
    const scores: KScore[] = [];
    let best: { fit: KMeansResult; silhouette: number } | undefined;
    for (let k = kMin; k <= kMax; k++) {
      const fit = await kmeans(m, {
        k,
        seed: seed + k,
        nInit: options.nInit ?? 3,
        assigner,
        ...(options.maxIter !== undefined && { maxIter: options.maxIter }),
        ...(options.tol !== undefined && { tol: options.tol }),
      });
      const s = k < 2 ? 0 : silhouette(m, fit.labels, { sampleSize: options.sampleSize ?? 2000, seed });
      scores.push({ k, silhouette: s, inertia: fit.inertia, iterations: fit.iterations });
      if (!best || s > best.silhouette) best = { fit, silhouette: s };
    }
    const chosen = best!;
    return {
      k: chosen.fit.k,
      silhouette: chosen.silhouette,
      fit: chosen.fit,
      scores,
      reason: explain(scores, chosen.fit.k),
    };
  } finally {
    await assigner.close();
  }
}

function explain(scores: readonly KScore[], k: number): string {
  const chosen = scores.find((s) => s.k === k)!;
  if (scores.length === 1) return `k = ${k} was given; its silhouette is ${chosen.silhouette.toFixed(3)}`;
  const runnerUp = scores.filter((s) => s.k !== k).sort((a, b) => b.silhouette - a.silhouette)[0]!;
  return (
    `k = ${k} has the highest silhouette (${chosen.silhouette.toFixed(3)}) of k = ${scores[0]!.k} … ${scores.at(-1)!.k}; ` +
    `next best k = ${runnerUp.k} (${runnerUp.silhouette.toFixed(3)})`
  );
}
