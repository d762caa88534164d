import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCsv } from './cdnow.fixture.test.js';
import {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodGradient,
  type SpendHistories,
} from './index.js';

function assertNear(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (±${tol})`);
}

const cdnow = (): SpendHistories => {
  const csv = readCsv('cdnow_customers_summary_with_transactions.csv');
  return { x: csv.x ?? new Float64Array(0), zbar: csv.zbar ?? new Float64Array(0) };
};

/** Fader, Hardie & Lee (2005), "RFM and CLV": the CDNOW estimates. */
const PUBLISHED = { params: { p: 6.25, q: 3.74, gamma: 15.44 } };

describe('fitGammaGamma()', () => {
  test('reproduces Fader-Hardie-Lee 2005 on the 946 CDNOW repeat customers', () => {
    const fit = fitGammaGamma(cdnow());
    assert.equal(fit.model, 'gammagamma');
    assert.ok(fit.converged);
    assert.equal(fit.customers, 946);
    assert.equal(fit.noRepeat, 2357 - 946);
    assert.equal(fit.excluded, 0);
    // Published to 2 decimals (lifetimes asserts the same), and the README's independent fit to 4.
    assertNear(fit.params.p, 6.25, 0.005, 'p');
    assertNear(fit.params.q, 3.74, 0.005, 'q');
    assertNear(fit.params.gamma, 15.44, 0.01, 'gamma');
    assertNear(fit.params.p, 6.2488, 0.0005, 'p');
    assertNear(fit.params.q, 3.7446, 0.0005, 'q');
    assertNear(fit.params.gamma, 15.4477, 0.0005, 'gamma');
  });

  test('excludes non-positive spend among repeat customers and counts it', () => {
    const data = cdnow();
    const base = fitGammaGamma(data);
    const x = Float64Array.from([...data.x, 2, 3, 1]);
    const zbar = Float64Array.from([...data.zbar, 0, -5, Number.NaN]);
    const fit = fitGammaGamma({ x, zbar });
    assert.equal(fit.excluded, 3);
    assert.equal(fit.customers, 946);
    assertNear(fit.params.p, base.params.p, 1e-6, 'p');
  });

  test('treats counts as repeated customers', () => {
    const one = fitGammaGamma({
      x: Float64Array.of(1, 2, 2, 5, 3),
      zbar: Float64Array.of(10, 20, 20, 15, 8),
    });
    const counted = fitGammaGamma({
      x: Float64Array.of(1, 2, 5, 3),
      zbar: Float64Array.of(10, 20, 15, 8),
      count: Float64Array.of(1, 2, 1, 1),
    });
    assertNear(one.logLikelihood, counted.logLikelihood, 1e-9, 'log-likelihood');
  });

  test('stays finite when every customer spends the same', () => {
    const fit = fitGammaGamma({ x: new Float64Array(30).fill(2), zbar: new Float64Array(30).fill(12) });
    for (const v of Object.values(fit.params)) assert.ok(Number.isFinite(v) && v > 0);
    assert.ok(Number.isFinite(fit.logLikelihood));
  });

  test('rejects input with no usable customer, and bad values', () => {
    assert.throws(
      () => fitGammaGamma({ x: Float64Array.of(0, 0), zbar: Float64Array.of(0, 0) }),
      /cannot fit gamma-gamma: no customers with repeat purchases and positive spend/,
    );
    assert.throws(
      () => fitGammaGamma({ x: new Float64Array(0), zbar: new Float64Array(0) }),
      /cannot fit gamma-gamma/,
    );
    assert.throws(
      () => fitGammaGamma({ x: Float64Array.of(-1), zbar: Float64Array.of(3) }),
      /invalid x at row 0: -1/,
    );
    assert.throws(
      () => fitGammaGamma({ x: Float64Array.of(1), zbar: new Float64Array(0) }),
      /column length mismatch/,
    );
    assert.throws(
      () => fitGammaGamma({ x: Float64Array.of(1), zbar: Float64Array.of(Number.POSITIVE_INFINITY) }),
      /invalid zbar at row 0: Infinity/,
    );
  });
});

describe('gammaGammaExpectedSpend()', () => {
  test('matches Hardie’s spreadsheet for the first ten CDNOW customers (lifetimes’ test)', () => {
    const data = cdnow();
    const head = { x: data.x.subarray(0, 10), zbar: data.zbar.subarray(0, 10) };
    const e = gammaGammaExpectedSpend(head, PUBLISHED);
    const hardie = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    for (const [i, want] of hardie.entries()) assertNear(e[i] ?? 0, want, 0.1, `customer ${i + 1}`);
  });

  test('gives the population mean pγ/(q − 1) without repeat purchases or positive spend', () => {
    const e = gammaGammaExpectedSpend(
      { x: Float64Array.of(0, 3, 2), zbar: Float64Array.of(0, -2, Number.NaN) },
      PUBLISHED,
    );
    for (const v of e) assertNear(v, (6.25 * 15.44) / 2.74, 1e-9, 'population mean');
  });

  test('refuses q <= 1 where the population mean is infinite', () => {
    assert.throws(
      () =>
        gammaGammaExpectedSpend(
          { x: Float64Array.of(0), zbar: Float64Array.of(0) },
          { params: { p: 1, q: 0.9, gamma: 1 } },
        ),
      /gamma-gamma mean spend is infinite for q <= 1: q = 0.9/,
    );
  });
});

describe('gammaGammaLogLikelihood()', () => {
  test('has the analytic gradient that central differences give', () => {
    const data = cdnow();
    for (const p of [PUBLISHED.params, { p: 1.5, q: 0.8, gamma: 3 }, { p: 20, q: 9, gamma: 60 }]) {
      const g = gammaGammaLogLikelihoodGradient(data, p);
      for (const k of ['p', 'q', 'gamma'] as const) {
        const h = 1e-4 * p[k];
        const numeric =
          (gammaGammaLogLikelihood(data, { ...p, [k]: p[k] + h }) -
            gammaGammaLogLikelihood(data, { ...p, [k]: p[k] - h })) /
          (2 * h);
        assertNear(g[k], numeric, 1e-4 * Math.max(1, Math.abs(numeric)), `∂LL/∂${k} at ${JSON.stringify(p)}`);
      }
    }
  });

  test('is larger at the published estimates than nearby', () => {
    const data = cdnow();
    const at = gammaGammaLogLikelihood(data, PUBLISHED.params);
    assert.ok(Number.isFinite(at));
    assert.ok(at > gammaGammaLogLikelihood(data, { ...PUBLISHED.params, p: 5 }));
    assert.ok(at > gammaGammaLogLikelihood(data, { ...PUBLISHED.params, gamma: 20 }));
    assert.throws(
      () => gammaGammaLogLikelihood(data, { p: 1, q: -1, gamma: 1 }),
      /invalid gamma-gamma parameter: q = -1/,
    );
  });
});
