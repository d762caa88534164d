import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDesign } from '../../../test/fixtures/peers/csv.js';
import { assertRelClose, PEERS_DIR, readGolden } from '../../../test/fixtures/peers/golden.js';
import { fitLogit } from '../regression/index.js';
import { fitLogistic, predictLogistic } from './index.js';

const synthetic = readDesign(join(PEERS_DIR, 'logit_synthetic.csv'), 'y');

describe('fitLogistic()', () => {
  it("with penalty 'none' reaches the maximum likelihood estimate of statsmodels", () => {
    const ref = readGolden<{ params: Record<string, number> }>('logit_synthetic.statsmodels.json');
    const model = fitLogistic(synthetic, { penalty: 'none' });
    assertRelClose(model.intercept, ref.params.const!, 1e-7, 'intercept');
    model.names.forEach((name, j) => {
      assertRelClose(model.coefficients[j]!, ref.params[name]!, 1e-7, name);
    });
  });

  it('with l2 satisfies the penalized score equations C·Xᵀ(y − μ) = w on the standardized scale', () => {
    const c = 0.05;
    const model = fitLogistic(synthetic, { penalty: 'l2', c });
    const prob = predictLogistic(model, synthetic);
    const { x, n, p } = synthetic;
    let interceptScore = 0;
    const score = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const r = synthetic.y[i]! - prob[i]!;
      interceptScore += r;
      for (let j = 0; j < p; j++)
        score[j] = score[j]! + (r * (x[i * p + j]! - model.mean[j]!)) / model.scale[j]!;
    }
    assert.ok(Math.abs(interceptScore) < 1e-8);
    score.forEach((s, j) => {
      assertRelClose(c * s, model.standardizedCoefficients[j]!, 1e-7, `score ${j}`);
    });
  });

  it('with l1 sets weak coefficients exactly to zero and satisfies the subgradient conditions', () => {
    const c = 0.01;
    const model = fitLogistic(synthetic, { penalty: 'l1', c });
    const prob = predictLogistic(model, synthetic);
    const { x, n, p } = synthetic;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++)
        s += ((synthetic.y[i]! - prob[i]!) * (x[i * p + j]! - model.mean[j]!)) / model.scale[j]!;
      const w = model.standardizedCoefficients[j]!;
      // KKT: C·score = sign(w) when w ≠ 0, |C·score| ≤ 1 when w = 0.
      if (w === 0)
        assert.ok(Math.abs(c * s) <= 1 + 1e-7, `|C·score| ${Math.abs(c * s)} > 1 at a zero coefficient`);
      else assertRelClose(c * s, Math.sign(w), 1e-6, `C·score ${j}`);
    }
    assert.ok(
      model.standardizedCoefficients.some((w) => w === 0),
      'strong l1 zeroes a coefficient',
    );
  });

  it('gives the same probabilities with or without internal standardization when unpenalized', () => {
    const a = predictLogistic(fitLogistic(synthetic, { penalty: 'none' }), synthetic);
    const b = predictLogistic(fitLogistic(synthetic, { penalty: 'none', standardize: false }), synthetic);
    a.forEach((v, i) => {
      assertRelClose(v, b[i]!, 1e-7, `row ${i}`);
    });
  });

  it('pins an all-identical column at zero instead of failing', () => {
    const { x, n, p } = synthetic;
    const widened = new Float64Array(n * (p + 1));
    for (let i = 0; i < n; i++) {
      widened.set(x.subarray(i * p, i * p + p), i * (p + 1));
      widened[i * (p + 1) + p] = 4.2;
    }
    const model = fitLogistic({ x: widened, n, p: p + 1, y: synthetic.y, names: ['x1', 'x2', 'x3', 'flat'] });
    assert.deepEqual(model.constantColumns, ['flat']);
    assert.equal(model.coefficients[p], 0);
    assert.ok(model.coefficients.every(Number.isFinite) && Number.isFinite(model.intercept));
  });

  it('stays finite on perfectly separable classes with l2, and refuses without a penalty', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const y = [0, 0, 0, 0, 1, 1, 1, 1];
    const model = fitLogistic({ x, n: 8, p: 1, y });
    assert.ok(Number.isFinite(model.coefficients[0]!) && model.coefficients[0]! > 0);
    assert.ok(predictLogistic(model, { x, n: 8, p: 1 }).every((v) => v > 0 && v < 1));
    assert.throws(
      () => fitLogistic({ x, n: 8, p: 1, y }, { penalty: 'none' }),
      /logistic fit (did not converge|failed)/,
    );
  });

  it('agrees with fitLogit() on the marketing slice when unpenalized', () => {
    const data = readDesign(join(PEERS_DIR, 'marketing_logit.csv'), 'Response');
    const inference = fitLogit(data);
    const model = fitLogistic(data, { penalty: 'none' });
    assertRelClose(model.intercept, inference.coefficients[0]!, 1e-6, 'intercept');
    model.coefficients.forEach((b, j) => {
      assertRelClose(b, inference.coefficients[j + 1]!, 1e-6, model.names[j]!);
    });
  });
});

describe('fitLogistic() rejects bad input', () => {
  const x = Float64Array.from([0.1, 0.5, 0.3, 0.9]);
  it('a label with a third value', () => {
    assert.throws(() => fitLogistic({ x, n: 4, p: 1, y: [0, 1, 3, 1] }), /invalid label at row 2: 3/);
  });
  it('empty input', () => {
    assert.throws(() => fitLogistic({ x: new Float64Array(0), n: 0, p: 1, y: [] }), /empty input: 0 rows/);
  });
  it('a single class', () => {
    assert.throws(
      () => fitLogistic({ x, n: 4, p: 1, y: [0, 0, 0, 0] }),
      /label has a single class: every value is 0/,
    );
  });
  it('a bad option', () => {
    assert.throws(() => fitLogistic({ x, n: 4, p: 1, y: [0, 1, 0, 1] }, { c: 0 }), /invalid c: 0/);
    assert.throws(
      () => fitLogistic({ x, n: 4, p: 1, y: [0, 1, 0, 1] }, { penalty: 'elastic' as 'l1' }),
      /invalid penalty: elastic/,
    );
  });
  it('a prediction design of the wrong width', () => {
    const model = fitLogistic({ x, n: 4, p: 1, y: [0, 1, 0, 1] });
    assert.throws(
      () => predictLogistic(model, { x: new Float64Array(4), n: 2, p: 2 }),
      /invalid design columns: 2 \(the model has 1\)/,
    );
  });
});
