import { checkDesign, type Design, type LogitFit } from '../regression/index.js';
import type { LogisticModel } from './logistic.js';
import { mulberry32, shuffleInPlace } from './random.js';

/** The odds ratio of one coefficient, with its confidence limits when the fit has them. */
export interface OddsRatio {
  readonly name: string;
  readonly coefficient: number;
  /** e^β: the factor on the odds per unit of the feature (per standard deviation in `perStandardDeviation`). */
  readonly oddsRatio: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** e^(β·sd) for a penalized model, the factor per standard deviation; null for an inference fit. */
  readonly perStandardDeviation: number | null;
}

/**
 * Odds ratios e^β of a logistic fit (Hosmer, Lemeshow & Sturdivant, Applied Logistic Regression, 3rd ed.,
 * §3.2). For an inference fit the limits are e^(β ± z·se), the Wald interval transformed; a penalized model
 * has no intervals (its estimates are shrunk) and reports the factor per standard deviation too.
 */
export function oddsRatios(fit: LogitFit | LogisticModel): OddsRatio[] {
  switch (fit.kind) {
    case 'logit':
      return fit.names.map((name, j) => ({
        name,
        coefficient: fit.coefficients[j]!,
        oddsRatio: Math.exp(fit.coefficients[j]!),
        lower: Math.exp(fit.lower[j]!),
        upper: Math.exp(fit.upper[j]!),
        perStandardDeviation: null,
      }));
    case 'logistic':
      return fit.names.map((name, j) => ({
        name,
        coefficient: fit.coefficients[j]!,
        oddsRatio: Math.exp(fit.coefficients[j]!),
        lower: null,
        upper: null,
        perStandardDeviation: Math.exp(fit.standardizedCoefficients[j]!),
      }));
    default:
      return assertUnreachable(fit);
  }
}

/** The permutation importance of one column. */
export interface Importance {
  readonly name: string;
  /** Mean drop of the metric when the column is shuffled (positive: the model relies on it). */
  readonly importance: number;
  readonly sd: number;
  readonly drops: Float64Array;
}

/** Options of {@link permutationImportance}. */
export interface PermutationOptions {
  /** Shuffles per column (default 5). */
  readonly repeats?: number;
  /** Seed of the Mulberry32 generator driving the shuffles (default 0). */
  readonly seed?: number;
  /** Whether larger metric values are better, as for AUC (default true); false for log loss or Brier. */
  readonly greaterIsBetter?: boolean;
}

/**
 * Permutation importance (Breiman 2001, Machine Learning 45:5; scikit-learn's `permutation_importance`):
 * the drop of `metric` when one column is shuffled across rows, breaking its link to the label, averaged
 * over `repeats` seeded shuffles. Columns come back in design order with the baseline score.
 */
export function permutationImportance(
  data: Design & { readonly y: ArrayLike<number> },
  predict: (design: Design) => ArrayLike<number>,
  metric: (y: ArrayLike<number>, score: ArrayLike<number>) => number,
  options: PermutationOptions = {},
): { baseline: number; columns: Importance[] } {
  const names = checkDesign(data);
  const { n, p } = data;
  if (n === 0) throw new Error('empty input: 0 rows');
  const repeats = options.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`invalid repeats: ${repeats}`);
  const sign = (options.greaterIsBetter ?? true) ? 1 : -1;
  const random = mulberry32(options.seed ?? 0);
  const baseline = metric(data.y, predict(data));
  if (!Number.isFinite(baseline)) throw new Error(`invalid metric value: ${baseline}`);
  const x = data.x.slice();
  const shuffled: Design = { x, n, p, names };
  const order = new Uint32Array(n);
  const columns = names.map((name, j) => {
    const original = new Float64Array(n);
    for (let i = 0; i < n; i++) original[i] = x[i * p + j]!;
    const drops = new Float64Array(repeats);
    for (let r = 0; r < repeats; r++) {
      for (let i = 0; i < n; i++) order[i] = i;
      shuffleInPlace(order, random);
      for (let i = 0; i < n; i++) x[i * p + j] = original[order[i]!]!;
      drops[r] = sign * (baseline - metric(data.y, predict(shuffled)));
    }
    for (let i = 0; i < n; i++) x[i * p + j] = original[i]!;
    const mean = drops.reduce((a, b) => a + b, 0) / repeats;
    const sd = Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / repeats);
    return { name, importance: mean, sd, drops };
  });
  return { baseline, columns };
}

/** One reason behind a row's score: the feature's contribution to the log-odds. */
export interface Reason {
  readonly name: string;
  /** β_std × standardized value: log-odds added relative to an average row. */
  readonly contribution: number;
  readonly value: number;
}

/**
 * The `k` (default 3) features that push each row's score up the most: contribution = standardized
 * coefficient × standardized value, the row's log-odds relative to a row at the training means, split
 * additively by feature. With `direction: 'down'` the ones that push it down; 'both' ranks by magnitude.
 */
export function topReasons(
  model: LogisticModel,
  design: Design,
  options: { readonly k?: number; readonly direction?: 'up' | 'down' | 'both' } = {},
): Reason[][] {
  checkDesign(design);
  const { x, n, p } = design;
  if (p !== model.coefficients.length)
    throw new Error(`invalid design columns: ${p} (the model has ${model.coefficients.length})`);
  const k = options.k ?? 3;
  if (!Number.isInteger(k) || k < 1) throw new Error(`invalid k: ${k}`);
  const direction = options.direction ?? 'up';
  const rank = { up: (c: number) => c, down: (c: number) => -c, both: (c: number) => Math.abs(c) }[direction];
  if (!rank) throw new Error(`invalid direction: ${direction}`);
  const out: Reason[][] = [];
  for (let i = 0; i < n; i++) {
    const reasons: Reason[] = [];
    for (let j = 0; j < p; j++) {
      const scale = model.scale[j]!;
      if (scale === 0) continue;
      const value = x[i * p + j]!;
      const contribution = model.standardizedCoefficients[j]! * ((value - model.mean[j]!) / scale);
      if (direction === 'both' ? contribution !== 0 : rank(contribution) > 0) {
        reasons.push({ name: model.names[j]!, contribution, value });
      }
    }
    reasons.sort((a, b) => rank(b.contribution) - rank(a.contribution));
    out.push(reasons.slice(0, k));
  }
  return out;
}

function assertUnreachable(x: never): never {
  throw new Error(`invalid model kind: ${(x as { kind: string }).kind}`);
}
