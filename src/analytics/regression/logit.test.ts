import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDesign } from '../../../test/fixtures/peers/csv.js';
import { assertRelClose, PEERS_DIR, readGolden } from '../../../test/fixtures/peers/golden.js';
import { fitLogit, predictLogit } from './index.js';

interface StatsmodelsLogit {
  params: Record<string, number>;
  bse: Record<string, number>;
  pvalues: Record<string, number>;
  nobs: number;
  pseudo_r2: number;
  llf: number;
}
type Intervals = Record<
  string,
  { lower: Record<string, number>; upper: Record<string, number>; llr_pvalue: number; llnull: number }
>;
const intervals = readGolden<Intervals>('confidence.statsmodels.json');
const key = (name: string) => (name === 'intercept' ? 'const' : name);

for (const [file, y] of [
  ['logit_synthetic', 'y'],
  ['marketing_logit', 'Response'],
] as const) {
  it(`fitLogit() reproduces statsmodels Logit on ${file}.csv to 1e-6 relative`, () => {
    const data = readDesign(join(PEERS_DIR, `${file}.csv`), y);
    const ref = readGolden<StatsmodelsLogit>(`${file}.statsmodels.json`);
    const extra = intervals[file]!;
    const fit = fitLogit(data);
    assert.equal(fit.n, ref.nobs);
    assert.equal(fit.separation, false);
    assert.deepEqual(fit.names.map(key), Object.keys(ref.params));
    fit.names.forEach((name, j) => {
      const k = key(name);
      assertRelClose(fit.coefficients[j]!, ref.params[k]!, 1e-6, `coefficient ${name}`);
      assertRelClose(fit.standardErrors[j]!, ref.bse[k]!, 1e-6, `standard error ${name}`);
      assertRelClose(fit.pValues[j]!, ref.pvalues[k]!, 1e-6, `p-value ${name}`);
      assertRelClose(fit.lower[j]!, extra.lower[k]!, 1e-6, `lower limit ${name}`);
      assertRelClose(fit.upper[j]!, extra.upper[k]!, 1e-6, `upper limit ${name}`);
    });
    assertRelClose(fit.pseudoRSquared, ref.pseudo_r2, 1e-9, 'pseudo-R²');
    assertRelClose(fit.logLikelihood, ref.llf, 1e-9, 'log-likelihood');
    assertRelClose(fit.nullLogLikelihood, extra.llnull, 1e-9, 'null log-likelihood');
    assertRelClose(fit.llrPValue, extra.llr_pvalue, 1e-6, 'LLR p-value');
    const again = predictLogit(fit, data);
    again.forEach((v, i) => {
      assertRelClose(v, fit.fitted[i]!, 1e-12, `prediction ${i}`);
    });
  });
}

describe('fitLogit() on separated classes', () => {
  // Complete separation: y = 1 exactly when x > 5.
  const complete = { x: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), n: 10, p: 1, names: ['tenure'] };
  const yComplete = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
  // Quasi-complete: every row with plan = 1 churned, rows with plan = 0 are mixed.
  const quasi = {
    x: Float64Array.from([0, 1.2, 0, 0.3, 0, -0.5, 0, 2.1, 0, -1, 1, 0.4, 1, -0.2, 1, 1.5, 0, 0.8, 0, -1.7]),
    n: 10,
    p: 2,
    names: ['plan', 'usage'],
  };
  const yQuasi = [0, 1, 0, 1, 0, 1, 1, 1, 1, 0];

  it('throws naming the diverging coefficient under complete separation', () => {
    assert.throws(
      () => fitLogit({ ...complete, y: yComplete }),
      /perfect separation: coefficients of .*'tenure'/,
    );
  });
  it('throws naming the diverging coefficient under quasi-complete separation', () => {
    assert.throws(() => fitLogit({ ...quasi, y: yQuasi }), /perfect separation: coefficients of .*'plan'/);
  });
  it("falls back to Firth's penalized likelihood with a flag, never NaN", () => {
    for (const [design, y] of [
      [complete, yComplete],
      [quasi, yQuasi],
    ] as const) {
      const fit = fitLogit({ ...design, y }, { onSeparation: 'firth' });
      assert.equal(fit.separation, true);
      assert.equal(fit.method, 'firth');
      for (const column of [
        fit.coefficients,
        fit.standardErrors,
        fit.pValues,
        fit.lower,
        fit.upper,
        fit.fitted,
      ]) {
        assert.ok(column.every(Number.isFinite), `non-finite value in ${Array.from(column)}`);
      }
      assert.ok(Number.isFinite(fit.pseudoRSquared) && Number.isFinite(fit.llrPValue));
    }
  });
  it("Firth's estimate for complete separation has the modified score at zero", () => {
    const fit = fitLogit({ ...complete, y: yComplete }, { onSeparation: 'firth' });
    // Firth 1993: Σ (yᵢ − μᵢ + hᵢ(½ − μᵢ)) xᵢ = 0; recomputed here from scratch at the estimate.
    const [b0, b1] = [fit.coefficients[0]!, fit.coefficients[1]!];
    const x = Array.from(complete.x);
    const mu = x.map((v) => 1 / (1 + Math.exp(-(b0 + b1 * v))));
    const w = mu.map((m) => m * (1 - m));
    const [s0, s1, s2] = [0, 1, 2].map((k) => x.reduce((s, v, i) => s + w[i]! * v ** k, 0)) as [
      number,
      number,
      number,
    ];
    const det = s0 * s2 - s1 * s1;
    const h = x.map((v, i) => (w[i]! * (s2 - 2 * s1 * v + s0 * v * v)) / det);
    const u = x.map((_, i) => yComplete[i]! - mu[i]! + h[i]! * (0.5 - mu[i]!));
    assert.ok(Math.abs(u.reduce((a, b) => a + b, 0)) < 1e-9);
    assert.ok(Math.abs(u.reduce((a, b, i) => a + b * x[i]!, 0)) < 1e-9);
    assert.ok(b1 > 0);
  });
});

describe('fitLogit() rejects bad input with a message naming the culprit', () => {
  const x = Float64Array.from([0.5, 1.5, 0.2, 2.2, 1.1, 0.7, 1.9, 0.1]);
  it('a label with a third value', () => {
    assert.throws(
      () => fitLogit({ x, n: 8, p: 1, y: [0, 1, 2, 1, 0, 1, 0, 0] }),
      /invalid label at row 2: 2 \(expected 0 or 1\)/,
    );
  });
  it('a single class', () => {
    assert.throws(
      () => fitLogit({ x, n: 8, p: 1, y: [1, 1, 1, 1, 1, 1, 1, 1] }),
      /label has a single class: every value is 1/,
    );
  });
  it('an all-identical column', () => {
    const twice = new Float64Array(16);
    x.forEach((v, i) => {
      twice.set([v, 3], i * 2);
    });
    assert.throws(
      () => fitLogit({ x: twice, n: 8, p: 2, y: [0, 1, 0, 1, 1, 0, 1, 0], names: ['a', 'flat'] }),
      /column 'flat' is constant/,
    );
  });
  it('empty input', () => {
    assert.throws(() => fitLogit({ x: new Float64Array(0), n: 0, p: 1, y: [] }), /empty input: 0 rows/);
  });
  it('an unknown separation policy', () => {
    assert.throws(
      () => fitLogit({ x, n: 8, p: 1, y: [0, 1, 0, 1, 1, 0, 1, 0] }, { onSeparation: 'ridge' as 'error' }),
      /invalid onSeparation: ridge/,
    );
  });
});
