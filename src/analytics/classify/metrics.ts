import { checkBinary } from '../regression/index.js';

/** One step of the threshold sweep: rows scoring exactly `threshold`, and the counts at or above it. */
interface Sweep {
  /** Distinct scores, descending. */
  readonly thresholds: Float64Array;
  /** Positives and negatives scoring ≥ each threshold. */
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

function checkScores(y: ArrayLike<number>, score: ArrayLike<number>, what: string): Uint8Array {
  if (score.length !== y.length)
    throw new Error(`invalid ${what} length: ${score.length} (expected ${y.length})`);
  if (y.length === 0) throw new Error('empty input: 0 rows');
  for (let i = 0; i < score.length; i++) {
    if (!Number.isFinite(score[i]!)) throw new Error(`invalid ${what} at row ${i}: ${score[i]}`);
  }
  return checkBinary(y, y.length);
}

function checkProbabilities(y: ArrayLike<number>, prob: ArrayLike<number>): Uint8Array {
  const labels = checkScores(y, prob, 'probability');
  for (let i = 0; i < prob.length; i++) {
    if (prob[i]! < 0 || prob[i]! > 1)
      throw new Error(`invalid probability at row ${i}: ${prob[i]} (expected 0..1)`);
  }
  return labels;
}

/**
 * Cumulative true and false positives at each distinct score, highest first (scikit-learn's
 * `_binary_clf_curve`). Positives' and negatives' scores are sorted apart as typed arrays and merged, so
 * ties are grouped without an index sort.
 */
function sweep(y: Uint8Array, score: ArrayLike<number>): Sweep {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i]!;
  const negatives = y.length - positives;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  let a = 0;
  let b = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i]) pos[a++] = score[i]!;
    else neg[b++] = score[i]!;
  }
  pos.sort();
  neg.sort();
  const thresholds: number[] = [];
  const tp: number[] = [];
  const fp: number[] = [];
  let i = positives - 1;
  let j = negatives - 1;
  let t = 0;
  let f = 0;
  while (i >= 0 || j >= 0) {
    const s = Math.max(
      i >= 0 ? pos[i]! : Number.NEGATIVE_INFINITY,
      j >= 0 ? neg[j]! : Number.NEGATIVE_INFINITY,
    );
    while (i >= 0 && pos[i] === s) {
      t++;
      i--;
    }
    while (j >= 0 && neg[j] === s) {
      f++;
      j--;
    }
    thresholds.push(s);
    tp.push(t);
    fp.push(f);
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tp: Float64Array.from(tp),
    fp: Float64Array.from(fp),
    positives,
    negatives,
  };
}

function needBothClasses(s: Sweep, what: string): void {
  if (s.positives === 0 || s.negatives === 0) {
    throw new Error(`${what} needs both classes: only ${s.positives === 0 ? 0 : 1} present`);
  }
}

/**
 * Area under the ROC curve: the trapezoidal area through all distinct thresholds, which equals the
 * Mann–Whitney U statistic with tied scores given average ranks (Hanley & McNeil 1982, Radiology 143:29).
 */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const s = sweep(checkScores(y, score, 'score'), score);
  needBothClasses(s, 'roc auc');
  let area = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < s.thresholds.length; k++) {
    area += ((s.fp[k]! - prevFp) * (s.tp[k]! + prevTp)) / 2;
    prevTp = s.tp[k]!;
    prevFp = s.fp[k]!;
  }
  return area / (s.positives * s.negatives);
}

/** Points of the ROC curve (false and true positive rates), starting at (0, 0), one per distinct score. */
export function rocCurve(y: ArrayLike<number>, score: ArrayLike<number>) {
  const s = sweep(checkScores(y, score, 'score'), score);
  needBothClasses(s, 'roc curve');
  const m = s.thresholds.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  thresholds[0] = Number.POSITIVE_INFINITY;
  for (let k = 0; k < s.thresholds.length; k++) {
    fpr[k + 1] = s.fp[k]! / s.negatives;
    tpr[k + 1] = s.tp[k]! / s.positives;
    thresholds[k + 1] = s.thresholds[k]!;
  }
  return { fpr, tpr, thresholds };
}

/**
 * Average precision, Σₖ (Rₖ − Rₖ₋₁) Pₖ over distinct thresholds, highest first: the step-wise area under the
 * precision–recall curve as scikit-learn's `average_precision_score` computes it (no interpolation).
 */
export function averagePrecision(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const s = sweep(checkScores(y, score, 'score'), score);
  if (s.positives === 0) throw new Error('average precision needs positives: only 0 present');
  let ap = 0;
  let prevRecall = 0;
  for (let k = 0; k < s.thresholds.length; k++) {
    const recall = s.tp[k]! / s.positives;
    const precision = s.tp[k]! / (s.tp[k]! + s.fp[k]!);
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
}

/**
 * Lift of the top `fraction` of rows by score (default 0.1, the top decile): their positive rate over the
 * overall positive rate. The cut is exactly fraction × n rows; rows tied at the cut count in proportion,
 * so the figure does not depend on the order of tied rows.
 */
export function lift(y: ArrayLike<number>, score: ArrayLike<number>, fraction = 0.1): number {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`invalid fraction: ${fraction}`);
  const s = sweep(checkScores(y, score, 'score'), score);
  if (s.positives === 0) throw new Error('lift needs positives: only 0 present');
  const n = s.positives + s.negatives;
  const cut = fraction * n;
  let hits = 0;
  let prevTp = 0;
  let prevCount = 0;
  for (let k = 0; k < s.thresholds.length; k++) {
    const count = s.tp[k]! + s.fp[k]!;
    if (count >= cut) {
      hits = prevTp + ((cut - prevCount) * (s.tp[k]! - prevTp)) / (count - prevCount);
      break;
    }
    prevTp = s.tp[k]!;
    prevCount = count;
  }
  return hits / cut / (s.positives / n);
}

/** Mean negative log-likelihood of the labels, probabilities clipped to [eps, 1 − eps] (scikit-learn 1.2: eps = 1e-15). */
export function logLoss(y: ArrayLike<number>, prob: ArrayLike<number>, eps = 1e-15): number {
  const labels = checkProbabilities(y, prob);
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(prob[i]!, eps), 1 - eps);
    s -= labels[i] ? Math.log(p) : Math.log1p(-p);
  }
  return s / labels.length;
}

/** Brier score: mean squared difference between probability and label (Brier 1950). */
export function brierScore(y: ArrayLike<number>, prob: ArrayLike<number>): number {
  const labels = checkProbabilities(y, prob);
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (prob[i]! - labels[i]!) ** 2;
  return s / labels.length;
}

/** One bin of a calibration curve. */
export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean predicted probability and observed positive rate of the rows in the bin (NaN-free: empty bins are left out). */
  readonly meanPredicted: number;
  readonly fractionPositive: number;
}

/**
 * Calibration (reliability) curve. 'uniform' bins split [0, 1] in equal widths, 'quantile' bins hold
 * equal counts; a probability on an inner edge belongs to the lower bin, as in scikit-learn 1.2's
 * `calibration_curve`. Empty bins are omitted.
 */
export function calibrationCurve(
  y: ArrayLike<number>,
  prob: ArrayLike<number>,
  options: { readonly bins?: number; readonly strategy?: 'uniform' | 'quantile' } = {},
): CalibrationBin[] {
  const labels = checkProbabilities(y, prob);
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`invalid bins: ${bins}`);
  const strategy = options.strategy ?? 'uniform';
  let edges: Float64Array;
  // Edges k · (1/bins) like numpy.linspace, so probabilities on an edge bin as in scikit-learn.
  if (strategy === 'uniform')
    edges = Float64Array.from({ length: bins + 1 }, (_, k) => (k === bins ? 1 : k * (1 / bins)));
  else if (strategy === 'quantile') edges = quantileEdges(Float64Array.from(prob).sort(), bins);
  else throw new Error(`invalid strategy: ${strategy as string}`);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    // Bin = number of inner edges strictly below p (numpy.searchsorted(inner, p, side='left')).
    const p = prob[i]!;
    let lo = 0;
    let hi = bins - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid + 1]! < p) lo = mid + 1;
      else hi = mid;
    }
    count[lo] = count[lo]! + 1;
    sumP[lo] = sumP[lo]! + p;
    sumY[lo] = sumY[lo]! + labels[i]!;
  }
  const out: CalibrationBin[] = [];
  for (let k = 0; k < bins; k++) {
    if (count[k] === 0) continue;
    out.push({
      lower: edges[k]!,
      upper: edges[k + 1]!,
      count: count[k]!,
      meanPredicted: sumP[k]! / count[k]!,
      fractionPositive: sumY[k]! / count[k]!,
    });
  }
  return out;
}

function quantileEdges(sorted: Float64Array, bins: number): Float64Array {
  // numpy.percentile with linear interpolation, as calibration_curve(strategy='quantile') uses.
  const n = sorted.length;
  return Float64Array.from({ length: bins + 1 }, (_, k) => {
    const h = ((n - 1) * k) / bins;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  });
}

/** Counts and rates of the classification "positive when probability ≥ threshold". */
export interface Confusion {
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  /** Rates with a zero denominator are 0, as scikit-learn's `zero_division=0`. */
  readonly precision: number;
  readonly recall: number;
  readonly specificity: number;
  readonly accuracy: number;
  readonly f1: number;
}

/** The confusion matrix at a threshold (default 0.5): a row is predicted positive when its score ≥ threshold. */
export function confusionAt(y: ArrayLike<number>, score: ArrayLike<number>, threshold = 0.5): Confusion {
  if (Number.isNaN(threshold)) throw new Error(`invalid threshold: ${threshold}`);
  const labels = checkScores(y, score, 'score');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = score[i]! >= threshold;
    if (labels[i]) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    threshold,
    tp,
    fp,
    tn,
    fn,
    precision,
    recall,
    specificity: ratio(tn, tn + fp),
    accuracy: (tp + tn) / labels.length,
    f1: ratio(2 * precision * recall, precision + recall),
  };
}
