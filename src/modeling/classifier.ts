import {
  averagePrecision,
  brierScore,
  type ColumnSpec,
  calibrationCurve,
  type Encoder,
  encodeRows,
  fitEncoder,
  fitGbt,
  fitLogistic,
  type LogisticModel,
  lift,
  logLoss,
  oddsRatios,
  permutationImportance,
  predictGbt,
  predictLogistic,
  type RawRow,
  rocAuc,
  rocCurve,
  topReasons,
} from '../analytics/classify/index.js';
import type { Design } from '../analytics/regression/index.js';
import { ClienteleError } from '../errors/index.js';
import { finite } from './columns.js';
import { describeReason, sourceOf } from './dataset.js';
import type { Feature } from './features.js';

/** One driver of a classifier: an encoded feature with its effect and importance on the test part. */
export interface Driver {
  readonly name: string;
  readonly feature: string;
  /** Mean drop of test AUC when the column is shuffled. */
  readonly importance: number | null;
  /** Odds factor per standard deviation of the feature (logistic only). */
  readonly oddsRatioPerSd: number | null;
  readonly coefficient: number | null;
  readonly direction: 'raises' | 'lowers' | null;
}

/** The figures measured on the held-out part. */
export interface TestMetrics {
  readonly auc: number | null;
  readonly prAuc: number | null;
  readonly topDecileLift: number | null;
  readonly logLoss: number | null;
  readonly brier: number | null;
  readonly baseRate: number | null;
  readonly calibration: readonly {
    meanPredicted: number | null;
    fractionPositive: number | null;
    count: number;
  }[];
}

/** The held-out curves kept with a run (its model card draws them): ROC, and cumulative lift by decile. */
export interface TestCurves {
  /** False and true positive rates, at most {@link ROC_POINTS} + 1 points from (0, 0) to (1, 1). */
  readonly roc: readonly { fpr: number; tpr: number }[];
  /** Lift of the top 10 %, 20 % … 100 % of customers by score over the base rate. */
  readonly lift: readonly { share: number; lift: number | null }[];
}

/** ROC points kept per run: enough to draw the curve, few enough to store with the run's metrics. */
export const ROC_POINTS = 100;

/** The ROC and lift curves of `prob` against `y`, thinned to a size a run's metrics can hold. */
export function testCurves(y: ArrayLike<number>, prob: ArrayLike<number>): TestCurves {
  const r = rocCurve(y, prob);
  const step = Math.max(1, Math.ceil(r.fpr.length / ROC_POINTS));
  const roc: { fpr: number; tpr: number }[] = [];
  for (let k = 0; k < r.fpr.length; k += step)
    roc.push({ fpr: finite(r.fpr[k]!, 4) ?? 0, tpr: finite(r.tpr[k]!, 4) ?? 0 });
  const last = roc[roc.length - 1];
  if (last?.fpr !== 1 || last.tpr !== 1) roc.push({ fpr: 1, tpr: 1 });
  const lifts = Array.from({ length: 10 }, (_, i) => {
    const share = (i + 1) / 10;
    return { share, lift: finite(lift(y, prob, share), 4) };
  });
  return { roc, lift: lifts };
}

/** A classifier trained on one part of the rows and measured on the other. */
export interface TrainedClassifier {
  readonly encoder: Encoder;
  readonly logistic: LogisticModel | null;
  readonly predict: (design: Design) => Float64Array;
  readonly trainRows: number;
  readonly testRows: number;
  readonly metrics: TestMetrics;
  readonly curves: TestCurves;
  /** Sorted by importance, then by the size of the coefficient. */
  readonly drivers: readonly Driver[];
}

/**
 * Encodes (fitting the encoder on the training rows only), trains a regularized logistic regression
 * (L2, C = 1) or gradient-boosted trees, and measures on the test rows: ROC AUC, PR AUC, top-decile
 * lift, log loss, Brier, calibration, and each feature's permutation importance (5 seeded shuffles).
 * `what` names the model in errors. Throws CLT_ERR_MODEL_NO_DATA when a part lacks one of the classes.
 */
export function trainClassifier(
  rows: readonly RawRow[],
  y: Uint8Array,
  specs: readonly ColumnSpec[],
  kept: readonly Feature[],
  split: { readonly train: Uint32Array; readonly test: Uint32Array },
  options: { readonly kind: 'logistic' | 'gbt'; readonly seed: number; readonly what: string },
): TrainedClassifier {
  const positives = (idx: Uint32Array) => idx.reduce((a, i) => a + (y[i] ?? 0), 0);
  const trainPositives = positives(split.train);
  const testPositives = positives(split.test);
  if (
    trainPositives === 0 ||
    trainPositives === split.train.length ||
    testPositives === 0 ||
    testPositives === split.test.length
  ) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `too few rows of one class to train and test the ${options.what} (${trainPositives + testPositives} positive of ${rows.length})`,
    );
  }
  const pick = (idx: Uint32Array): RawRow[] => Array.from(idx, (i) => rows[i] as RawRow);
  const encoder = fitEncoder(pick(split.train), specs);
  const side = (idx: Uint32Array) => ({
    ...encodeRows(encoder, pick(idx)),
    y: Uint8Array.from(idx, (i) => y[i] ?? 0),
  });
  const train = side(split.train);
  const test = side(split.test);
  let predict: (d: Design) => Float64Array;
  let logistic: LogisticModel | null = null;
  try {
    if (options.kind === 'logistic') {
      const model = fitLogistic(train, { penalty: 'l2', c: 1 });
      logistic = model;
      predict = (d) => predictLogistic(model, d);
    } else {
      const model = fitGbt(train);
      predict = (d) => predictGbt(model, d);
    }
  } catch (error) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_FIT_FAILED',
      `the ${options.what} could not be fitted: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const prob = predict(test);
  const importance = permutationImportance(test, predict, rocAuc, { repeats: 5, seed: options.seed });
  const odds = logistic ? oddsRatios(logistic) : null;
  const drivers: Driver[] = importance.columns.map((c, j) => {
    const o = odds?.[j];
    const coefficient = logistic ? (logistic.standardizedCoefficients[j] ?? 0) : null;
    return {
      name: c.name,
      feature: sourceOf(c.name, kept),
      importance: finite(c.importance, 4),
      oddsRatioPerSd: o ? finite(o.perStandardDeviation ?? Number.NaN, 4) : null,
      coefficient: coefficient === null ? null : finite(coefficient, 4),
      direction: coefficient === null || coefficient === 0 ? null : coefficient > 0 ? 'raises' : 'lowers',
    };
  });
  drivers.sort(
    (a, b) =>
      (b.importance ?? 0) - (a.importance ?? 0) ||
      Math.abs(b.coefficient ?? 0) - Math.abs(a.coefficient ?? 0),
  );
  const metrics: TestMetrics = {
    auc: finite(rocAuc(test.y, prob)),
    prAuc: finite(averagePrecision(test.y, prob)),
    topDecileLift: finite(lift(test.y, prob, 0.1), 4),
    logLoss: finite(logLoss(test.y, prob)),
    brier: finite(brierScore(test.y, prob)),
    baseRate: finite(test.y.reduce((a, b) => a + b, 0) / test.n, 4),
    calibration: calibrationCurve(test.y, prob, { bins: 10 }).map((b) => ({
      meanPredicted: finite(b.meanPredicted, 4),
      fractionPositive: finite(b.fractionPositive, 4),
      count: b.count,
    })),
  };
  const curves = testCurves(test.y, prob);
  return { encoder, logistic, predict, trainRows: train.n, testRows: test.n, metrics, curves, drivers };
}

/** Scores rows with a trained classifier and, for a logistic one, the three strongest reasons in words. */
export function scoreRows(
  trained: TrainedClassifier,
  rows: readonly RawRow[],
  kept: readonly Feature[],
): { scores: Float64Array; reasons: string[][] | undefined } {
  const design = encodeRows(trained.encoder, rows);
  const scores = trained.predict(design);
  const model = trained.logistic;
  const reasons = model
    ? topReasons(model, design, { k: 3 }).map((rs) => rs.map((r) => describeReason(r, kept, model)))
    : undefined;
  return { scores, reasons };
}
