import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contrast } from './contrast.js';
import { benjaminiHochberg, cohenH, lift, twoProportionZ, welchT } from './stats.js';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

describe('portrait statistics', () => {
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

  test('lift() is the ratio of shares, null without a rest', () => {
    assert.equal(lift(0.3, 0.2), 1.4999999999999998);
    assert.equal(lift(0.3, 0), null);
    close(cohenH(0.3, 0.2), 0.2319842627257963, 1e-12, 'Cohen h');
  });

  test('benjaminiHochberg() matches the step-up adjustment by hand, in input order', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 (m = 4): m·p/rank = 0.02, 0.02, 0.04, 0.04, then the running minimum from the top.
    assert.deepEqual(benjaminiHochberg([0.01, 0.04, 0.03, 0.005]), [0.02, 0.04, 0.04, 0.02]);
    assert.deepEqual(benjaminiHochberg([0.5, 0.9]), [0.9, 0.9]);
    assert.deepEqual(benjaminiHochberg([]), []);
  });

  test('contrast() tests levels and means, adjusts by BH and puts significant large effects first', () => {
    const set = contrast(
      {
        levels: [
          { feature: 'gender', family: 'demographics', value: 'female', a: 80, b: 50 },
          { feature: 'gender', family: 'demographics', value: 'male', a: 20, b: 50 },
          { feature: 'city', family: 'geography', value: 'Rare', a: 1, b: 2 },
        ],
        known: [
          { feature: 'gender', a: 100, b: 100 },
          { feature: 'city', a: 100, b: 100 },
        ],
        numbers: [
          { feature: 'age', family: 'demographics', g: 'a', n: 100, mean: 30, variance: 25, median: 30 },
          { feature: 'age', family: 'demographics', g: 'b', n: 100, mean: 30.1, variance: 25, median: 30 },
        ],
      },
      { a: 100, b: 100 },
    );
    assert.equal(set.tests, 3, 'the rare city (3 people) is not tested');
    assert.match(set.correction, /Benjamini–Hochberg over 3 tests/);
    const [first, second, third] = set.contrasts;
    // A share and its complement have the same |h|: both gender levels lead, the insignificant age follows.
    assert.deepEqual([first?.value, second?.value].sort(), ['female', 'male']);
    const female = set.contrasts.find((c) => c.value === 'female');
    assert.equal(female?.lift, 1.6);
    assert.equal(third?.feature, 'age');
    assert.ok((third?.qValue ?? 0) > 0.05);
    const z = twoProportionZ(80, 100, 50, 100);
    assert.equal(female?.pValue, Number(z.pValue.toPrecision(3)));
  });
});
