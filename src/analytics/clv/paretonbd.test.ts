import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCsv } from './cdnow.fixture.test.js';
import {
  compressHistories,
  fitParetoNbd,
  type PurchaseHistories,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
} from './index.js';

function assertNear(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (±${tol})`);
}

const one = (x: number, tx: number, T: number): PurchaseHistories => ({
  x: Float64Array.of(x),
  tx: Float64Array.of(tx),
  T: Float64Array.of(T),
});

const cdnow = (): PurchaseHistories => {
  const csv = readCsv('cdnow_customers_summary.csv');
  return {
    x: csv.frequency ?? new Float64Array(0),
    tx: csv.recency ?? new Float64Array(0),
    T: csv.T ?? new Float64Array(0),
  };
};

/** The estimates of R's BTYD walkthrough on the same data. */
const BTYD = { params: { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 } };

describe('fitParetoNbd()', () => {
  const fit = fitParetoNbd(compressHistories(cdnow()));

  test('reproduces the published CDNOW estimates (lifetimes’ test, 2 decimals)', () => {
    assert.equal(fit.model, 'paretonbd');
    assert.ok(fit.converged);
    assert.equal(fit.customers, 2357);
    assertNear(fit.params.r, 0.553, 0.005, 'r');
    assertNear(fit.params.alpha, 10.578, 0.005, 'alpha');
    assertNear(fit.params.s, 0.606, 0.005, 's');
    assertNear(fit.params.beta, 11.669, 0.005, 'beta');
    // Fader & Hardie's MATLAB note on the Pareto/NBD (brucehardie.com note 008) reports −9595.0.
    assertNear(fit.logLikelihood, -9595.0, 0.05, 'log-likelihood');
  });

  test('conditional expectation matches R’s BTYD: 25.46 for x = 26, t_x = 30.86, T = 31, t = 52', () => {
    const [e = 0] = paretoNbdConditionalExpectedPurchases(one(26, 30.86, 31), { ...fit, t: 52 });
    assertNear(e, 25.46, 0.01, 'E[Y(52)]');
  });

  test('unconditional expectation matches R’s BTYD (lifetimes’ test, ±0.01)', () => {
    const btyd = [
      0, 0.05077821, 0.09916088, 0.14542507, 0.1897993, 0.23247466, 0.27361274, 0.31335159, 0.35181024,
      0.38909211,
    ];
    const e = paretoNbdExpectedPurchases([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], fit);
    for (const [t, want] of btyd.entries()) assertNear(e[t] ?? 0, want, 0.01, `E[X(${t})]`);
  });

  test('P(alive) is 0.9979 for x = 26, t_x = 30.86, T = 31 (BTYD walkthrough, p. 8)', () => {
    const [p = 0] = paretoNbdProbabilityAlive(one(26, 30.86, 31), BTYD);
    assertNear(p, 0.9979, 0.001, 'P(alive)');
  });

  test('P(alive) stays within [0, 1] over lifetimes’ grid', () => {
    const x: number[] = [];
    const tx: number[] = [];
    const T: number[] = [];
    for (let f = 0; f < 100; f += 10) {
      for (let r = 0; r < 100; r += 10) {
        for (let t = r; t < 100; t += 10) {
          x.push(f);
          tx.push(f === 0 ? 0 : r);
          T.push(t);
        }
      }
    }
    const p = paretoNbdProbabilityAlive(
      { x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T) },
      fit,
    );
    for (const v of p) assert.ok(v >= 0 && v <= 1, `${v}`);
  });

  test('survives lifetimes’ overflow cases (α ≪ β, hundreds of purchases)', () => {
    const params = { r: 10.465, alpha: 7.98565181e-3, s: 3.0516, beta: 2.82 };
    const data = {
      x: Float64Array.of(40, 50, 50, 400, 500, 500),
      tx: Float64Array.of(5, 1, 4, 5, 1, 4),
      T: Float64Array.of(6, 37, 37, 6, 37, 37),
    };
    for (const v of paretoNbdProbabilityAlive(data, { params })) assert.ok(v >= 0 && v <= 1, `${v}`);
    assert.ok(Number.isFinite(paretoNbdLogLikelihood(data, params)));
  });

  test('does not underflow: one more purchase barely moves the expectation (lifetimes’ test)', () => {
    const params = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    const data = {
      x: Float64Array.of(132, 133),
      tx: Float64Array.of(200, 200),
      T: Float64Array.of(200, 200),
    };
    const [left = 0, right = 0] = paretoNbdConditionalExpectedPurchases(data, { params, t: 10 });
    // lifetimes records 6.2060517889632418 and 6.2528722475748113.
    assertNear(left, 6.20605178896, 1e-9, 'x = 132');
    assertNear(right, 6.25287224757, 1e-9, 'x = 133');
  });

  test('evaluates through s = 1 and α = β', () => {
    const at = (s: number) =>
      paretoNbdExpectedPurchases([10], { params: { r: 1, alpha: 5, s, beta: 5 } })[0] ?? 0;
    assertNear(at(1), (at(1 - 1e-5) + at(1 + 1e-5)) / 2, 1e-8, 'E[X(10)] at s = 1');
    const ll = paretoNbdLogLikelihood(one(3, 4, 9), { r: 1, alpha: 5, s: 1, beta: 5 });
    const near = paretoNbdLogLikelihood(one(3, 4, 9), { r: 1, alpha: 5 + 1e-7, s: 1, beta: 5 });
    assertNear(ll, near, 1e-6, 'LL at α = β');
  });

  test('adds up over customers, so counts act as repetitions', () => {
    const p = { r: 1, alpha: 1, s: 1, beta: 1 };
    const whole = paretoNbdLogLikelihood(
      { x: Float64Array.of(1, 3), tx: Float64Array.of(2, 2), T: Float64Array.of(5, 6) },
      p,
    );
    assertNear(
      whole,
      paretoNbdLogLikelihood(one(1, 2, 5), p) + paretoNbdLogLikelihood(one(3, 2, 6), p),
      1e-12,
      'sum',
    );
  });

  test('rejects empty input and bad parameters', () => {
    const empty = new Float64Array(0);
    assert.throws(
      () => fitParetoNbd({ x: empty, tx: empty, T: empty }),
      /cannot fit pareto\/nbd: no customers/,
    );
    assert.throws(
      () => paretoNbdProbabilityAlive(one(1, 1, 2), { params: { ...BTYD.params, s: -1 } }),
      /invalid pareto\/nbd parameter: s = -1/,
    );
    assert.throws(
      () => paretoNbdConditionalExpectedPurchases(one(1, 1, 2), { ...BTYD, t: Number.NaN }),
      /invalid horizon: t = NaN/,
    );
  });

  test('stays finite when nobody repeats', () => {
    const f = fitParetoNbd({
      x: new Float64Array(10),
      tx: new Float64Array(10),
      T: new Float64Array(10).fill(8),
    });
    for (const v of Object.values(f.params)) assert.ok(Number.isFinite(v) && v > 0);
    assert.ok(Number.isFinite(f.logLikelihood));
  });
});
