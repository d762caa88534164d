import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inverse, Matrix } from 'ml-matrix';
import { CALIBRATION_END, OBSERVATION_END, readCsv, readTransactions } from './cdnow.fixture.test.js';
import {
  type BgNbdParams,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodGradient,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  compressHistories,
  fitBgNbd,
  type PurchaseHistories,
  summarizeTransactions,
} from './index.js';
import { simulateBgNbdHistories } from './simulate.fixture.test.js';

/** Fader, Hardie & Lee (2005): the CDNOW estimates, to the digits published. */
const PUBLISHED = { params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };

const one = (x: number, tx: number, T: number): PurchaseHistories => ({
  x: Float64Array.of(x),
  tx: Float64Array.of(tx),
  T: Float64Array.of(T),
});

function assertNear(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (±${tol})`);
}

const rawSummary = () =>
  summarizeTransactions(readTransactions(), {
    calibrationEnd: CALIBRATION_END,
    observationEnd: OBSERVATION_END,
    unit: 'week',
  });

const csvHistories = (): PurchaseHistories => {
  const csv = readCsv('cdnow_customers_summary.csv');
  return {
    x: csv.frequency ?? new Float64Array(0),
    tx: csv.recency ?? new Float64Array(0),
    T: csv.T ?? new Float64Array(0),
  };
};

describe('fitBgNbd()', () => {
  test('reproduces Fader-Hardie-Lee 2005 on the raw CDNOW sample', () => {
    const s = rawSummary();
    assert.equal(s.x.length, 2357);
    assert.equal(s.x.filter((x) => x > 0).length, 946);
    const fit = fitBgNbd(compressHistories(s));
    assert.equal(fit.model, 'bgnbd');
    assert.ok(fit.converged);
    assert.equal(fit.customers, 2357);
    // Published to 3 decimals (r 0.243, α 4.414, a 0.793, b 2.426; LL −9582.4) …
    assertNear(fit.params.r, 0.243, 0.0005, 'r');
    assertNear(fit.params.alpha, 4.414, 0.0005, 'alpha');
    assertNear(fit.params.a, 0.793, 0.0005, 'a');
    assertNear(fit.params.b, 2.426, 0.0005, 'b');
    assertNear(fit.logLikelihood, -9582.4, 0.05, 'log-likelihood');
    // … and the README's independent fit on the same raw data to 4.
    assertNear(fit.params.r, 0.2426, 0.00005, 'r');
    assertNear(fit.params.alpha, 4.4136, 0.00005, 'alpha');
    assertNear(fit.params.a, 0.7929, 0.00005, 'a');
    assertNear(fit.params.b, 2.4259, 0.00005, 'b');
    assertNear(fit.logLikelihood, -9582.43, 0.005, 'log-likelihood');
  });

  test('reproduces the published estimates from cdnow_customers_summary.csv (lifetimes’ test)', () => {
    const fit = fitBgNbd(csvHistories());
    assert.ok(fit.converged);
    assertNear(fit.params.r, 0.243, 0.0005, 'r');
    assertNear(fit.params.alpha, 4.414, 0.0005, 'alpha');
    assertNear(fit.params.a, 0.793, 0.0005, 'a');
    assertNear(fit.params.b, 2.426, 0.0005, 'b');
    assertNear(fit.logLikelihood, -9582.4, 0.05, 'log-likelihood');
  });

  test('gives the same fit on compressed patterns as on customers', () => {
    const h = csvHistories();
    const a = fitBgNbd(h);
    const b = fitBgNbd(compressHistories(h));
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      assertNear(a.params[k], b.params[k], 1e-5 * b.params[k], k);
    assertNear(a.logLikelihood, b.logLikelihood, 1e-6, 'log-likelihood');
  });

  test('compresses 1M simulated customers and recovers the planted parameters', () => {
    const planted: BgNbdParams = { r: 0.5, alpha: 14, a: 0.8, b: 2.5 };
    const h = simulateBgNbdHistories(1_000_000, planted, { seed: 20050401, minDays: 365, maxDays: 455 });
    const c = compressHistories(h);
    assert.ok(c.x.length < 250_000, `${c.x.length} patterns`);
    const fit = fitBgNbd(c);
    assert.ok(fit.converged);
    assert.equal(fit.customers, 1_000_000);
    // Sampling error from the observed information (the inverse of minus the Hessian of the
    // log-likelihood at the estimate); each estimate must lie within 4 standard errors.
    const se = standardErrors(c, fit.params);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      const z = (fit.params[k] - planted[k]) / se[k];
      assert.ok(Math.abs(z) < 4, `${k} = ${fit.params[k]}, planted ${planted[k]}, se ${se[k]}, z ${z}`);
    }
  });

  test('stays finite and says not converged when nobody repeats', () => {
    const fit = fitBgNbd({
      x: new Float64Array(50),
      tx: new Float64Array(50),
      T: new Float64Array(50).fill(10),
    });
    for (const v of Object.values(fit.params)) assert.ok(Number.isFinite(v) && v > 0);
    assert.ok(Number.isFinite(fit.logLikelihood));
    assert.equal(fit.converged, false);
  });

  test('fits identical customers, one-purchase customers and T = 0 without NaN', () => {
    const same = fitBgNbd({
      x: new Float64Array(20).fill(3),
      tx: new Float64Array(20).fill(8),
      T: new Float64Array(20).fill(10),
    });
    const mixed = fitBgNbd({
      x: Float64Array.of(0, 1, 0, 2),
      tx: Float64Array.of(0, 3, 0, 4),
      T: Float64Array.of(0, 5, 6, 9),
    });
    for (const fit of [same, mixed]) {
      for (const v of Object.values(fit.params)) assert.ok(Number.isFinite(v) && v > 0);
      assert.ok(Number.isFinite(fit.logLikelihood));
    }
  });

  test('rejects empty and invalid input with the bad value', () => {
    const empty = new Float64Array(0);
    assert.throws(() => fitBgNbd({ x: empty, tx: empty, T: empty }), /cannot fit bg\/nbd: no customers/);
    assert.throws(() => fitBgNbd(one(-1, 0, 3)), /invalid x at row 0: -1/);
    assert.throws(() => fitBgNbd(one(1.5, 1, 3)), /invalid x at row 0: 1.5/);
    assert.throws(() => fitBgNbd(one(2, 4, 3)), /invalid tx at row 0: 4 \(T = 3\)/);
    assert.throws(() => fitBgNbd(one(0, 1, 3)), /invalid tx at row 0: 1 with no repeat purchase/);
    assert.throws(() => fitBgNbd(one(1, 1, Number.NaN)), /invalid T at row 0: NaN/);
    assert.throws(
      () => fitBgNbd({ ...one(1, 1, 3), count: Float64Array.of(-2) }),
      /invalid count at row 0: -2/,
    );
    assert.throws(
      () => fitBgNbd({ ...one(1, 1, 3), T: Float64Array.of(3, 4) }),
      /column length mismatch: T has 2 rows/,
    );
    assert.throws(() => fitBgNbd({ ...one(1, 1, 3), count: Float64Array.of(0) }), /no customers/);
  });
});

describe('bgNbdLogLikelihood()', () => {
  test('is −9582.4 at the published CDNOW estimates', () => {
    assertNear(bgNbdLogLikelihood(csvHistories(), PUBLISHED.params), -9582.4, 0.05, 'log-likelihood');
  });

  test('adds up over customers, so counts act as repetitions', () => {
    const p = { r: 1, alpha: 1, a: 1, b: 1 };
    const x = Float64Array.of(1, 3);
    const tx = Float64Array.of(2, 2);
    const T = Float64Array.of(5, 6);
    const whole = bgNbdLogLikelihood({ x, tx, T }, p);
    const parts = bgNbdLogLikelihood(one(1, 2, 5), p) + bgNbdLogLikelihood(one(3, 2, 6), p);
    assertNear(whole, parts, 1e-12, 'sum');
    assertNear(bgNbdLogLikelihood({ x, tx, T, count: Float64Array.of(2, 2) }, p), 2 * whole, 1e-12, 'counts');
  });

  test('has the analytic gradient that central differences give', () => {
    const data = csvHistories();
    // Exact at the published estimates: mpmath at 25 digits gives ∂LL/∂r = −6.43339998674.
    assertNear(bgNbdLogLikelihoodGradient(data, PUBLISHED.params).r, -6.43339998674, 1e-9, '∂LL/∂r');
    for (const p of [
      PUBLISHED.params,
      { r: 1.3, alpha: 0.7, a: 2.5, b: 0.4 },
      { r: 0.05, alpha: 40, a: 0.2, b: 9 },
    ]) {
      const g = bgNbdLogLikelihoodGradient(data, p);
      for (const k of ['r', 'alpha', 'a', 'b'] as const) {
        // Differences of a sum of 2,357 log-gamma terms are good to about 1e-5 here, not better.
        const h = 1e-4 * p[k];
        const numeric =
          (bgNbdLogLikelihood(data, { ...p, [k]: p[k] + h }) -
            bgNbdLogLikelihood(data, { ...p, [k]: p[k] - h })) /
          (2 * h);
        assertNear(g[k], numeric, 1e-4 * Math.max(1, Math.abs(numeric)), `∂LL/∂${k} at ${JSON.stringify(p)}`);
      }
    }
  });

  test('rejects non-positive parameters', () => {
    assert.throws(
      () => bgNbdLogLikelihood(one(1, 1, 2), { r: 1, alpha: 0, a: 1, b: 1 }),
      /invalid bg\/nbd parameter: alpha = 0/,
    );
  });
});

describe('BG/NBD predictions', () => {
  const fit = fitBgNbd(csvHistories());

  test('conditional expectation matches Hardie’s spreadsheet: 1.226 for x = 2, t_x = 30.43, T = 38.86, t = 39', () => {
    const [e = 0] = bgNbdConditionalExpectedPurchases(one(2, 30.43, 38.86), { ...fit, t: 39 });
    assertNear(e, 1.226, 0.001, 'E[Y(39)]');
  });

  test('unconditional expectation matches Hardie’s spreadsheet (lifetimes’ test, 3 decimals)', () => {
    const e = bgNbdExpectedPurchases([0.1429, 1, 3, 31.8571, 32, 78], fit);
    [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576].forEach((want, i) => {
      assertNear(e[i] ?? 0, want, 0.0015, `E[X(${i})]`);
    });
    assert.equal(bgNbdExpectedPurchases([0], fit)[0], 0);
  });

  test('the purchase-count pmf matches R’s BTYD at the published estimates', () => {
    const [p10 = 0] = bgNbdProbabilityOfPurchases([10], { ...PUBLISHED, t: 2 });
    assertNear(p10, 1.07869e-7, 1e-12, 'P(X(2) = 10)');
    const [p0 = 0] = bgNbdProbabilityOfPurchases([0], { ...PUBLISHED, t: 39 });
    assertNear(p0, 0.5737864, 1e-7, 'P(X(39) = 0)');
    const pmf = bgNbdProbabilityOfPurchases([11, 12, 13, 14, 15, 16, 17, 18, 19, 20], {
      ...PUBLISHED,
      t: 30,
    });
    const btyd = [
      0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913,
      0.0003467171, 0.0002769613, 0.000222226,
    ];
    for (const [i, want] of btyd.entries()) assertNear(pmf[i] ?? 0, want, 1e-10, `P(X(30) = ${i + 11})`);
    const all = bgNbdProbabilityOfPurchases(
      Array.from({ length: 3000 }, (_, n) => n),
      { ...PUBLISHED, t: 39 },
    );
    assertNear(
      all.reduce((s, v) => s + v, 0),
      1,
      1e-9,
      'total probability',
    );
  });

  test('P(alive) is 1 without repeat purchases and within [0, 1] over a grid (lifetimes’ tests)', () => {
    // lifetimes asks for (x = 0, t_x = 1, T = 1), a history that cannot happen; t_x is 0 when x is 0.
    assert.equal(bgNbdProbabilityAlive(one(0, 0, 1), fit)[0], 1);
    const x: number[] = [];
    const tx: number[] = [];
    const T: number[] = [];
    for (let i = 10; i < 100; i += 10) {
      for (let j = 0; j < 100; j += 10) {
        for (let k = j; k < 100; k += 10) {
          x.push(i);
          tx.push(j);
          T.push(k);
        }
      }
    }
    const p = bgNbdProbabilityAlive(
      { x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T) },
      fit,
    );
    for (const v of p) assert.ok(v >= 0 && v <= 1, `${v}`);
    // Hardie's P(alive) example: x = 6 at t_x = 30.43 of T = 38.86, from the note's closed form.
    const [alive = 0] = bgNbdProbabilityAlive(one(6, 30.43, 38.86), PUBLISHED);
    const closed = 1 / (1 + (0.793 / (2.426 + 6 - 1)) * ((4.414 + 38.86) / (4.414 + 30.43)) ** (0.243 + 6));
    assertNear(alive, closed, 1e-12, 'P(alive)');
  });

  test('heavy buyers do not overflow: expectations stay finite and ordered', () => {
    const e = bgNbdConditionalExpectedPurchases(
      { x: Float64Array.of(500, 5000), tx: Float64Array.of(38, 380), T: Float64Array.of(39, 390) },
      { ...fit, t: 39 },
    );
    for (const v of e) assert.ok(Number.isFinite(v) && v >= 0, `${v}`);
    // 500 purchases in 38 weeks, then silence for one: most likely gone (checked against mpmath: 1.86794).
    assertNear(e[0] ?? 0, 1.86794, 1e-4, 'E[Y(39) | x = 500]');
  });

  test('predicts the 39-week holdout by number of calibration purchases, as the paper compares', () => {
    const s = rawSummary();
    assert.equal(s.holdoutDuration, 39);
    const model = fitBgNbd(compressHistories(s));
    const predicted = bgNbdConditionalExpectedPurchases(s, { ...model, t: 39 });
    const groups = Array.from({ length: 8 }, () => ({ n: 0, actual: 0, actualSq: 0, predicted: 0 }));
    for (let i = 0; i < s.x.length; i++) {
      const g = groups[Math.min(7, s.x[i] ?? 0)];
      const y = s.holdoutX?.[i] ?? 0;
      if (g === undefined) continue;
      g.n++;
      g.actual += y;
      g.actualSq += y * y;
      g.predicted += predicted[i] ?? 0;
    }
    let previous = -1;
    for (const [x, g] of groups.entries()) {
      const mean = g.actual / g.n;
      const se = Math.sqrt((g.actualSq / g.n - mean * mean) / g.n);
      const pred = g.predicted / g.n;
      // A group's actual mean is itself a sample: allow 3 of its standard errors, plus 0.1
      // purchase for the model's own misfit (it under-forecasts the x = 1 and x = 2 groups by
      // 0.17 and 0.35, 2.8 standard errors each). An error of time unit, of P(alive) or of the
      // hypergeometric term moves these means by far more.
      assert.ok(
        Math.abs(pred - mean) <= 3 * se + 0.1,
        `x = ${x}: predicted ${pred}, actual ${mean} (se ${se})`,
      );
      assert.ok(pred > previous, `predictions rise with x at ${x}`);
      previous = pred;
    }
    // All 2,357 customers together: 1,882 actual holdout repeat purchases, 1,653 predicted
    // (12 % short, mostly the x = 1 and x = 2 groups above). Allow 15 %.
    const actual = groups.reduce((t, g) => t + g.actual, 0);
    const total = groups.reduce((t, g) => t + g.predicted, 0);
    assert.equal(actual, 1882);
    assert.ok(Math.abs(total - actual) / actual < 0.15, `${total} vs ${actual}`);
  });

  test('rejects a negative horizon and non-integer purchase counts', () => {
    assert.throws(
      () => bgNbdConditionalExpectedPurchases(one(1, 1, 2), { ...fit, t: -1 }),
      /invalid horizon: t = -1/,
    );
    assert.throws(() => bgNbdProbabilityOfPurchases([1.5], { ...fit, t: 1 }), /invalid purchase count: 1.5/);
  });

  test('evaluates through the removable singularity at a = 1', () => {
    const at = (a: number) => bgNbdExpectedPurchases([10], { params: { ...PUBLISHED.params, a } })[0] ?? 0;
    assertNear(at(1), (at(1 - 1e-4) + at(1 + 1e-4)) / 2, 1e-6, 'E[X(10)] at a = 1');
  });
});

function standardErrors(data: PurchaseHistories, p: BgNbdParams): BgNbdParams {
  const keys = ['r', 'alpha', 'a', 'b'] as const;
  const at = (v: number[]) =>
    bgNbdLogLikelihood(data, { r: v[0] ?? 0, alpha: v[1] ?? 0, a: v[2] ?? 0, b: v[3] ?? 0 });
  const p0 = keys.map((k) => p[k]);
  const h = p0.map((v) => v * 1e-4);
  const hessian = keys.map((_, i) =>
    keys.map((_, j) => {
      const f = (di: number, dj: number) => {
        const v = [...p0];
        v[i] = (v[i] ?? 0) + di * (h[i] ?? 0);
        v[j] = (v[j] ?? 0) + dj * (h[j] ?? 0);
        return at(v);
      };
      return (f(1, 1) - f(1, -1) - f(-1, 1) + f(-1, -1)) / (4 * (h[i] ?? 1) * (h[j] ?? 1));
    }),
  );
  const cov = inverse(new Matrix(hessian).mul(-1));
  return {
    r: Math.sqrt(cov.get(0, 0)),
    alpha: Math.sqrt(cov.get(1, 1)),
    a: Math.sqrt(cov.get(2, 2)),
    b: Math.sqrt(cov.get(3, 3)),
  };
}
