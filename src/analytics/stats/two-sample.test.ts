import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { benjaminiHochberg } from './multiple-testing.js';
import { twoProportionZ, welchT } from './two-sample.js';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

describe('two-sample tests and multiple testing', () => {
  test('twoProportionZ() is the pooled z of 30/100 against 20/100, computed by hand', () => {
    // p̄ = 0.25, se = √(0.25·0.75·(1/100 + 1/100)) = 0.0612372, z = 0.1 / se.
    const r = twoProportionZ(30, 100, 20, 100);
    close(r.statistic, 1.6329931618554523, 1e-12, 'z');
    close(r.pValue, 0.10247043485974938, 1e-12, 'p = erfc(z/√2)');
    assert.deepEqual(twoProportionZ(0, 0, 3, 10), { statistic: 0, pValue: 1 });
    assert.deepEqual(twoProportionZ(5, 5, 10, 10), { statistic: 0, pValue: 1 });
  });

  test('welchT() gives Welch–Satterthwaite degrees of freedom and the t tail', () => {
    // va = 4/10, vb = 1/20: t = 1/√0.45, df = 0.45² / (0.4²/9 + 0.05²/19); p by Simpson's rule on the t density.
    const r = welchT({ n: 10, mean: 5, variance: 4 }, { n: 20, mean: 4, variance: 1 });
    close(r.statistic, 1.4907119849998598, 1e-12, 't');
    close(r.df, 11.306938775510202, 1e-9, 'df');
    close(r.pValue, 0.16339749215973023, 1e-6, 'p');
    assert.equal(welchT({ n: 1, mean: 1, variance: 0 }, { n: 5, mean: 0, variance: 1 }).pValue, 1);
  });

  test('benjaminiHochberg() matches the step-up adjustment by hand, in input order', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 (m = 4): m·p/rank = 0.02, 0.02, 0.04, 0.04, then the running minimum from the top.
    assert.deepEqual([...benjaminiHochberg([0.01, 0.04, 0.03, 0.005])], [0.02, 0.04, 0.04, 0.02]);
    assert.deepEqual([...benjaminiHochberg([0.5, 0.9])], [0.9, 0.9]);
    assert.deepEqual([...benjaminiHochberg([])], []);
    assert.ok(benjaminiHochberg([0.9, 0.95]).every((x) => x <= 1));
  });
});
