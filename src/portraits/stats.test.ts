import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contrast } from './contrast.js';
import { cohenH, lift, twoProportionZ } from './stats.js';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

describe('portrait statistics', () => {
  test('lift() is the ratio of shares, null without a rest', () => {
    assert.equal(lift(0.3, 0.2), 1.4999999999999998);
    assert.equal(lift(0.3, 0), null);
    close(cohenH(0.3, 0.2), 0.2319842627257963, 1e-12, 'Cohen h');
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
