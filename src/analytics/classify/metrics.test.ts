import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readTable } from '../../../test/fixtures/peers/csv.js';
import { assertRelClose, PEERS_DIR, readGolden } from '../../../test/fixtures/peers/golden.js';
import {
  averagePrecision,
  brierScore,
  calibrationCurve,
  confusionAt,
  lift,
  logLoss,
  rocAuc,
  rocCurve,
} from './index.js';

describe('metrics on hand-computed cases', () => {
  // scikit-learn's documentation example: roc_auc_score → 0.75, average_precision_score → 0.8333…
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];
  it('rocAuc() is the share of correctly ordered positive–negative pairs', () => {
    assert.equal(rocAuc(y, s), 0.75);
  });
  it('rocAuc() counts a tie as half a pair (average ranks)', () => {
    // Pairs (pos, neg): (0.5, 0.5) tie → ½, (0.5, 0.2) → 1, (0.9, 0.5) → 1, (0.9, 0.2) → 1: 3.5 / 4.
    assert.equal(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.2]), 0.875);
    assert.equal(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]), 0.5);
  });
  it('averagePrecision() sums precision at each recall step', () => {
    // Thresholds 0.8, 0.4, 0.35: (R, P) = (½, 1), (½, ½), (1, ⅔) → ½·1 + 0 + ½·⅔ = 5/6.
    assertRelClose(averagePrecision(y, s), 5 / 6, 1e-15, 'AP');
  });
  it('rocCurve() starts at (0, 0) and ends at (1, 1)', () => {
    const c = rocCurve(y, s);
    assert.deepEqual(Array.from(c.fpr), [0, 0, 0.5, 0.5, 1]);
    assert.deepEqual(Array.from(c.tpr), [0, 0.5, 0.5, 1, 1]);
  });
  it('lift() of the top decile, ties at the cut counted in proportion', () => {
    // 20 rows, 4 positives (rate 0.2); top 2 rows are one positive (0.95) and a 2-row tie at 0.9 of which
    // one is positive: 1 + ½ hits in 2 rows → rate 0.75, lift 3.75.
    const labels = [1, 1, 0, ...Array(14).fill(0), 1, 1, 0];
    const scores = [0.95, 0.9, 0.9, ...Array.from({ length: 14 }, (_, i) => 0.5 - i * 0.01), 0.1, 0.1, 0.1];
    assertRelClose(lift(labels, scores), 3.75, 1e-12, 'lift');
    assertRelClose(lift(labels, scores, 1), 1, 1e-12, 'lift of everyone');
  });
  it('logLoss() and brierScore() by hand', () => {
    assertRelClose(logLoss([1, 0], [0.8, 0.4]), -(Math.log(0.8) + Math.log(0.6)) / 2, 1e-15, 'log loss');
    assertRelClose(brierScore([1, 0], [0.8, 0.4]), (0.04 + 0.16) / 2, 1e-15, 'brier');
    assert.ok(Number.isFinite(logLoss([1, 0], [0, 1])), 'clipped, not infinite');
  });
  it('confusionAt() predicts positive at or above the threshold', () => {
    const c = confusionAt([1, 1, 0, 0, 1], [0.5, 0.7, 0.5, 0.1, 0.2], 0.5);
    assert.deepEqual([c.tp, c.fp, c.tn, c.fn], [2, 1, 1, 1]);
    assertRelClose(c.precision, 2 / 3, 1e-15, 'precision');
    assertRelClose(c.recall, 2 / 3, 1e-15, 'recall');
    assertRelClose(c.f1, 2 / 3, 1e-15, 'f1');
    assert.equal(confusionAt([0, 0], [0.1, 0.2]).precision, 0);
  });
});

describe('metrics reproduce scikit-learn 1.2 on 60 rows with ties', () => {
  const { header, rows } = readTable(join(PEERS_DIR, 'metric_cases.csv'));
  const col = (name: string) => Float64Array.from(rows, (r) => Number(r[header.indexOf(name)]));
  const [y, score, prob] = [col('y'), col('score'), col('prob')];
  interface Ref {
    [key: string]: unknown;
    roc_auc_score: number;
    average_precision_score: number;
    roc_auc_prob: number;
    average_precision_prob: number;
    log_loss: number;
    brier_score_loss: number;
  }
  const ref = readGolden<Ref>('metric_cases.sklearn.json');
  it('roc_auc_score and average_precision_score', () => {
    assertRelClose(rocAuc(y, score), ref.roc_auc_score, 1e-12, 'auc (tied scores)');
    assertRelClose(
      averagePrecision(y, score),
      ref.average_precision_score as number,
      1e-12,
      'AP (tied scores)',
    );
    assertRelClose(rocAuc(y, prob), ref.roc_auc_prob, 1e-12, 'auc');
    assertRelClose(averagePrecision(y, prob), ref.average_precision_prob, 1e-12, 'AP');
  });
  it('log_loss and brier_score_loss', () => {
    assertRelClose(logLoss(y, prob), ref.log_loss, 1e-12, 'log loss');
    assertRelClose(brierScore(y, prob), ref.brier_score_loss, 1e-12, 'brier');
  });
  it('confusion_matrix, precision, recall and f1 at 0.5', () => {
    const c = confusionAt(y, prob, 0.5);
    const r = ref['confusion_at_0.5'] as Record<string, number>;
    assert.deepEqual([c.tn, c.fp, c.fn, c.tp], [r.tn, r.fp, r.fn, r.tp]);
    assertRelClose(c.precision, r.precision!, 1e-12, 'precision');
    assertRelClose(c.recall, r.recall!, 1e-12, 'recall');
    assertRelClose(c.f1, r.f1!, 1e-12, 'f1');
  });
  for (const [strategy, bins] of [
    ['uniform', 5],
    ['quantile', 4],
    ['uniform', 10],
  ] as const) {
    it(`calibration_curve(strategy='${strategy}', n_bins=${bins})`, () => {
      const curve = calibrationCurve(y, prob, { bins, strategy });
      const r = ref[`calibration_${strategy}_${bins}`] as { prob_true: number[]; prob_pred: number[] };
      assert.equal(curve.length, r.prob_true.length);
      curve.forEach((bin, k) => {
        assertRelClose(bin.fractionPositive, r.prob_true[k]!, 1e-12, `fraction positive ${k}`);
        assertRelClose(bin.meanPredicted, r.prob_pred[k]!, 1e-12, `mean predicted ${k}`);
      });
    });
  }
});

describe('metrics reject bad input', () => {
  it('a single class for AUC', () => {
    assert.throws(() => rocAuc([1, 1], [0.2, 0.3]), /roc auc needs both classes: only 1 present/);
  });
  it('a third label value', () => {
    assert.throws(() => rocAuc([0, 1, 2], [0.1, 0.2, 0.3]), /invalid label at row 2: 2/);
  });
  it('empty input', () => {
    assert.throws(() => rocAuc([], []), /empty input/);
  });
  it('a NaN score', () => {
    assert.throws(() => averagePrecision([0, 1], [0.1, Number.NaN]), /invalid score at row 1: NaN/);
  });
  it('a probability outside 0..1', () => {
    assert.throws(() => logLoss([0, 1], [0.1, 1.2]), /invalid probability at row 1: 1.2/);
  });
  it('mismatched lengths', () => {
    assert.throws(() => brierScore([0, 1], [0.1]), /invalid probability length: 1 \(expected 2\)/);
  });
});
