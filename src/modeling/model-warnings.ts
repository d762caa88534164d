import { type Warning, warning } from '../warnings/index.js';
import type { TestMetrics } from './classifier.js';

/** Thresholds of the warnings of the classifiers and regressions (docs/modeling.md, "Warnings and refusals"). */
export const FIT_LIMITS = {
  /** Fewer customers of the rarer class than this in the test part: AUC and lift are noisy. */
  testCases: 20,
  /** A held-out AUC below this ranks little better than chance. */
  weakAuc: 0.6,
  /** Fewer rows per estimated coefficient than this: estimates and p-values are unstable. */
  rowsPerCoefficient: 10,
  /** A larger share of customers left out for missing values: the fit describes a subset. */
  dropped: 0.5,
  /** Fewer customers than this in a compared group: its trait contrasts are weak. */
  groupSize: 30,
} as const;

/** Warnings of a classifier measured on a held-out part: few cases of one class, an AUC near chance. */
export function classifierWarnings(metrics: TestMetrics, testRows: number, what: string): Warning[] {
  const out: Warning[] = [];
  const positives = Math.round((metrics.baseRate ?? 0) * testRows);
  const rarer = Math.min(positives, testRows - positives);
  if (rarer < FIT_LIMITS.testCases) {
    out.push(
      warning(
        'CLT_WARN_CLASSIFIER_FEW_CASES',
        `the ${what}'s test part holds ${rarer} customers of its rarer class (fewer than ${FIT_LIMITS.testCases}): its AUC and lift could be far off by chance alone`,
      ),
    );
  }
  if (metrics.auc === null || metrics.auc < FIT_LIMITS.weakAuc) {
    out.push(
      warning(
        'CLT_WARN_CLASSIFIER_WEAK',
        `the ${what}'s held-out AUC is ${metrics.auc ?? 'not measurable'} (below ${FIT_LIMITS.weakAuc}): its scores rank customers little better than chance`,
      ),
    );
  }
  return out;
}

/** A warning when `rows` are fewer than `FIT_LIMITS.rowsPerCoefficient` per coefficient, else null. */
export function fewRowsWarning(
  rows: number,
  coefficients: number,
  code: 'CLT_WARN_REGRESS_FEW_ROWS' | 'CLT_WARN_SPEND_FEW_WEEKS',
  unit: string,
): Warning | null {
  if (rows >= FIT_LIMITS.rowsPerCoefficient * coefficients) return null;
  return warning(
    code,
    `${rows} ${unit} for ${coefficients} coefficients (fewer than ${FIT_LIMITS.rowsPerCoefficient} per coefficient): estimates and p-values are unstable and may not hold on new data`,
  );
}
