import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDesign } from '../../../test/fixtures/peers/csv.js';
import { assertRelClose, PEERS_DIR, readGolden } from '../../../test/fixtures/peers/golden.js';
import { fitLogit } from '../regression/index.js';
import {
  fitLogistic,
  logLoss,
  oddsRatios,
  permutationImportance,
  predictLogistic,
  rocAuc,
  topReasons,
} from './index.js';

const synthetic = readDesign(join(PEERS_DIR, 'logit_synthetic.csv'), 'y');

describe('oddsRatios()', () => {
  it("exponentiates statsmodels' coefficients and Wald limits of an inference fit", () => {
    const ref = readGolden<Record<string, { lower: Record<string, number>; upper: Record<string, number> }>>(
      'confidence.statsmodels.json',
    ).logit_synthetic!;
    const params = readGolden<{ params: Record<string, number> }>('logit_synthetic.statsmodels.json').params;
    for (const r of oddsRatios(fitLogit(synthetic))) {
      const key = r.name === 'intercept' ? 'const' : r.name;
      assertRelClose(r.oddsRatio, Math.exp(params[key]!), 1e-6, `${r.name} odds ratio`);
      assertRelClose(r.lower!, Math.exp(ref.lower[key]!), 1e-6, `${r.name} lower`);
      assertRelClose(r.upper!, Math.exp(ref.upper[key]!), 1e-6, `${r.name} upper`);
    }
  });
  it('gives per-unit and per-standard-deviation factors for a penalized model', () => {
    const model = fitLogistic(synthetic);
    const [x1] = oddsRatios(model);
    assert.equal(x1?.lower, null);
    assertRelClose(
      x1!.perStandardDeviation!,
      Math.exp(model.coefficients[0]! * model.scale[0]!),
      1e-12,
      'per sd',
    );
  });
});

describe('permutationImportance()', () => {
  const model = fitLogistic(synthetic);
  const predict = (d: Parameters<typeof predictLogistic>[1]) => predictLogistic(model, d);
  it('ranks the strong features above the weak one and is reproducible from its seed', () => {
    const a = permutationImportance(synthetic, predict, rocAuc, { repeats: 5, seed: 11 });
    const b = permutationImportance(synthetic, predict, rocAuc, { repeats: 5, seed: 11 });
    assert.deepEqual(a, b);
    const [x1, x2, x3] = a.columns;
    assert.ok(x1!.importance > x3!.importance && x2!.importance > x3!.importance);
    assert.ok(a.columns.every((c) => Number.isFinite(c.importance) && Number.isFinite(c.sd)));
    assertRelClose(a.baseline, rocAuc(synthetic.y, predict(synthetic)), 1e-15, 'baseline');
  });
  it('reports drops as positive for a loss when greaterIsBetter is false', () => {
    const r = permutationImportance(synthetic, predict, logLoss, { repeats: 3, greaterIsBetter: false });
    assert.ok(r.columns[0]!.importance > 0);
  });
  it('leaves the caller’s design untouched', () => {
    const before = synthetic.x.slice();
    permutationImportance(synthetic, predict, rocAuc, { repeats: 2 });
    assert.deepEqual(synthetic.x, before);
  });
});

describe('topReasons()', () => {
  it('splits the log-odds relative to the mean row into coef × standardized value, largest first', () => {
    const model = fitLogistic(synthetic);
    const row = { x: Float64Array.from([2, 1, 0]), n: 1, p: 3, names: synthetic.names };
    const [reasons] = topReasons(model, row, { k: 3, direction: 'both' });
    assert.ok(reasons && reasons.length === 3);
    const eta = model.intercept + model.coefficients.reduce((s, b, j) => s + b * row.x[j]!, 0);
    const etaMean = model.intercept + model.coefficients.reduce((s, b, j) => s + b * model.mean[j]!, 0);
    const sum = reasons.reduce((s, r) => s + r.contribution, 0);
    assertRelClose(sum, eta - etaMean, 1e-12, 'contributions add up to the log-odds difference');
    const up = topReasons(model, row)[0]!;
    assert.ok(up.every((r) => r.contribution > 0));
    assert.deepEqual(
      up.map((r) => r.name),
      reasons.filter((r) => r.contribution > 0).map((r) => r.name),
    );
  });
});
