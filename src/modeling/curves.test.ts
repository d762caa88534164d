import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ROC_POINTS, testCurves } from './classifier.js';

it('testCurves() keeps a thinned ROC from (0, 0) to (1, 1) and the cumulative lift by decile', () => {
  // 1,000 customers, 200 leavers, scored perfectly: every leaver above every stayer.
  const n = 1000;
  const y = new Uint8Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i < 200 ? 1 : 0;
    score[i] = 1 - i / n;
  }
  const c = testCurves(y, score);
  assert.ok(c.roc.length <= ROC_POINTS + 2, `${c.roc.length} points`);
  assert.deepEqual(c.roc[0], { fpr: 0, tpr: 0 });
  assert.deepEqual(c.roc[c.roc.length - 1], { fpr: 1, tpr: 1 });
  // A perfect ranking reaches every leaver before the first stayer.
  assert.ok(c.roc.some((p) => p.tpr === 1 && p.fpr <= 0.02));
  assert.deepEqual(
    c.lift.map((p) => p.share),
    [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  );
  // The top 10 % are all leavers: 1 / 0.2 = 5 times the base rate; all customers: 1×.
  assert.equal(c.lift[0]?.lift, 5);
  assert.equal(c.lift[9]?.lift, 1);
});
