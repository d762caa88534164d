import { normalQuantile, normalTwoSidedP } from '../stats/normal.js';
import { studentTQuantile, studentTTwoSidedP } from '../stats/student-t.js';

/** The reference distribution of Wald statistics: Student t with `df` degrees of freedom, or the standard normal. */
export type WaldReference = { readonly kind: 't'; readonly df: number } | { readonly kind: 'normal' };

/** A coefficient table: estimates with standard errors, Wald statistics, two-sided p-values and confidence limits. */
export interface CoefficientTable {
  readonly names: readonly string[];
  readonly coefficients: Float64Array;
  readonly standardErrors: Float64Array;
  /** t statistics for OLS, z statistics for logit. */
  readonly statistics: Float64Array;
  readonly pValues: Float64Array;
  /** Confidence level of the limits, 0.95 by default. */
  readonly level: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Row-major p × p covariance matrix of the coefficients. */
  readonly covariance: Float64Array;
}

/** Throws unless `level` is a confidence level strictly between 0 and 1. */
export function checkLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new Error(`invalid confidence level: ${level}`);
  return level;
}

/** Builds the coefficient table from estimates and their covariance matrix. */
export function waldTable(
  names: readonly string[],
  coefficients: Float64Array,
  covariance: Float64Array,
  reference: WaldReference,
  level: number,
): CoefficientTable {
  const p = coefficients.length;
  const standardErrors = new Float64Array(p);
  const statistics = new Float64Array(p);
  const pValues = new Float64Array(p);
  const lower = new Float64Array(p);
  const upper = new Float64Array(p);
  const q = 1 - (1 - level) / 2;
  const critical = reference.kind === 't' ? studentTQuantile(q, reference.df) : normalQuantile(q);
  for (let j = 0; j < p; j++) {
    const b = coefficients[j]!;
    const se = Math.sqrt(Math.max(covariance[j * p + j]!, 0));
    const stat = se > 0 ? b / se : b === 0 ? 0 : Math.sign(b) * Number.POSITIVE_INFINITY;
    standardErrors[j] = se;
    statistics[j] = stat;
    pValues[j] = reference.kind === 't' ? studentTTwoSidedP(stat, reference.df) : normalTwoSidedP(stat);
    lower[j] = b - critical * se;
    upper[j] = b + critical * se;
  }
  return { names, coefficients, standardErrors, statistics, pValues, level, lower, upper, covariance };
}
