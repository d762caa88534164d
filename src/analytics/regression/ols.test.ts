import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDesign } from '../../../test/fixtures/peers/csv.js';
import { assertRelClose, PEERS_DIR, readGolden } from '../../../test/fixtures/peers/golden.js';
import { fitOls, predictOls } from './index.js';

interface StatsmodelsOls {
  params: Record<string, number>;
  bse: Record<string, number>;
  pvalues: Record<string, number>;
  nobs: number;
  r2: number;
  adj_r2: number;
  f: number;
  f_pvalue: number;
}
type Intervals = Record<string, { lower: Record<string, number>; upper: Record<string, number> }>;
const intervals = readGolden<Intervals>('confidence.statsmodels.json');
const key = (name: string) => (name === 'intercept' ? 'const' : name);

for (const [file, y] of [
  ['ols_synthetic', 'y'],
  ['marketing_ols', 'MntWines'],
] as const) {
  it(`fitOls() reproduces statsmodels OLS on ${file}.csv to 1e-6 relative`, () => {
    const data = readDesign(join(PEERS_DIR, `${file}.csv`), y);
    const ref = readGolden<StatsmodelsOls>(`${file}.statsmodels.json`);
    const fit = fitOls(data);
    assert.equal(fit.n, ref.nobs);
    assert.deepEqual(fit.names.map(key), Object.keys(ref.params));
    fit.names.forEach((name, j) => {
      const k = key(name);
      assertRelClose(fit.coefficients[j]!, ref.params[k]!, 1e-6, `coefficient ${name}`);
      assertRelClose(fit.standardErrors[j]!, ref.bse[k]!, 1e-6, `standard error ${name}`);
      assertRelClose(fit.pValues[j]!, ref.pvalues[k]!, 1e-6, `p-value ${name}`);
      assertRelClose(fit.lower[j]!, intervals[file]!.lower[k]!, 1e-6, `lower limit ${name}`);
      assertRelClose(fit.upper[j]!, intervals[file]!.upper[k]!, 1e-6, `upper limit ${name}`);
    });
    assertRelClose(fit.rSquared, ref.r2, 1e-9, 'R²');
    assertRelClose(fit.adjustedRSquared, ref.adj_r2, 1e-9, 'adjusted R²');
    assertRelClose(fit.fStatistic!, ref.f, 1e-6, 'F');
    assertRelClose(fit.fPValue!, ref.f_pvalue, 1e-6, 'F p-value');
  });
}

describe('fitOls() on small hand-checked cases', () => {
  it('recovers an exact line through y = 1 + 2x with residual degrees of freedom', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4]);
    const fit = fitOls({ x, n: 5, p: 1, y: [1.1, 2.9, 5.1, 6.9, 9.1] });
    assert.deepEqual(fit.names, ['intercept', 'x1']);
    assertRelClose(fit.coefficients[0]!, 1.02, 1e-12, 'intercept');
    assertRelClose(fit.coefficients[1]!, 2, 1e-12, 'slope');
    assert.equal(fit.dfResidual, 3);
    assert.equal(fit.dfModel, 1);
    // By hand: x̄ = 2, ȳ = 5.02, Sxy = 20, Sxx = 10; residuals 0.08, −0.12, 0.08, −0.12, 0.08.
    assertRelClose(fit.rss, 0.048, 1e-9, 'RSS');
    assertRelClose(fit.residualStandardError, Math.sqrt(0.048 / 3), 1e-9, 'residual standard error');
    assert.deepEqual(
      Array.from(predictOls(fit, { x: Float64Array.from([10]), n: 1, p: 1 })).map((v) => +v.toFixed(9)),
      [21.02],
    );
  });

  it('reports an uncentered R² without an intercept, as statsmodels does', () => {
    const x = Float64Array.from([1, 2, 3, 4]);
    const y = [2.1, 3.9, 6.2, 7.8];
    const fit = fitOls({ x, n: 4, p: 1, y }, { intercept: false });
    const beta = (2.1 + 2 * 3.9 + 3 * 6.2 + 4 * 7.8) / 30;
    assertRelClose(fit.coefficients[0]!, beta, 1e-12, 'slope');
    const rss = y.reduce((s, v, i) => s + (v - beta * (i + 1)) ** 2, 0);
    const tss = y.reduce((s, v) => s + v * v, 0);
    assertRelClose(fit.rSquared, 1 - rss / tss, 1e-12, 'R²');
    assert.equal(fit.dfModel, 1);
  });
});

describe('fitOls() rejects bad input with a message naming the culprit', () => {
  const base = Float64Array.from([1, 5, 2, 5, 3, 5, 4, 5, 5, 5]);
  const y = [1, 3, 2, 5, 4];
  it('an all-identical column is collinear with the intercept', () => {
    assert.throws(
      () => fitOls({ x: base, n: 5, p: 2, y, names: ['tenure', 'plan'] }),
      /collinear design: column 'plan' is constant/,
    );
  });
  it('a column that is a combination of others is named with them', () => {
    const x = new Float64Array(15);
    for (let i = 0; i < 5; i++) x.set([i, (i * 7) % 5, 2 * i - 3 * ((i * 7) % 5) + 1], i * 3);
    assert.throws(
      () => fitOls({ x, n: 5, p: 3, y, names: ['a', 'b', 'c'] }),
      /column 'c' is a linear combination of 'intercept', 'a', 'b'/,
    );
  });
  it('an all-zero column without intercept', () => {
    assert.throws(
      () => fitOls({ x: new Float64Array(5), n: 5, p: 1, y }, { intercept: false }),
      /column 'x1' is all zeros/,
    );
  });
  it('empty input', () => {
    assert.throws(() => fitOls({ x: new Float64Array(0), n: 0, p: 2, y: [] }), /empty input: 0 rows/);
  });
  it('no more rows than coefficients', () => {
    assert.throws(
      () => fitOls({ x: Float64Array.from([1, 2]), n: 2, p: 1, y: [1, 2] }),
      /too few rows: 2 rows for 2 coefficients/,
    );
  });
  it('a missing value names its column and row', () => {
    const x = Float64Array.from([1, 2, Number.NaN, 4, 5]);
    assert.throws(
      () => fitOls({ x, n: 5, p: 1, y, names: ['income'] }),
      /invalid value in column 'income' at row 2: NaN/,
    );
  });
  it('a constant response', () => {
    assert.throws(
      () => fitOls({ x: Float64Array.from([1, 2, 3, 4, 5]), n: 5, p: 1, y: [7, 7, 7, 7, 7] }),
      /constant response: every value is 7/,
    );
  });
  it('a shape mismatch', () => {
    assert.throws(
      () => fitOls({ x: new Float64Array(9), n: 5, p: 2, y }),
      /invalid design size: 9 values for 5 × 2/,
    );
  });
});
