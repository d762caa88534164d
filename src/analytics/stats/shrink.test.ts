import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shrinkShares } from './shrink.js';

describe('shrinkShares()', () => {
  test('pulls each present row towards the mean share by strength pseudo-observations, by hand', () => {
    // Rows (1, 0) with 2 observations and (0, 1) with 6; mean (0.5, 0.5); strength 2:
    // row 0 → ((2·1 + 2·0.5)/4, (2·0 + 2·0.5)/4) = (0.75, 0.25); row 1 → (1/8, 7/8).
    const shares = Float64Array.from([1, 0, 0, 1, Number.NaN, Number.NaN]);
    shrinkShares(shares, 2, [2, 6, 0], 2);
    assert.deepEqual([...shares.slice(0, 4)], [0.75, 0.25, 0.125, 0.875]);
    assert.ok(Number.isNaN(shares[4]) && Number.isNaN(shares[5]), 'an absent row stays absent');
  });

  test('leaves shares alone at strength 0 and keeps each row summing to 1', () => {
    const shares = Float64Array.from([0.2, 0.8, 0.6, 0.4]);
    assert.deepEqual([...shrinkShares(Float64Array.from(shares), 2, [1, 1], 0)], [...shares]);
    const shrunk = shrinkShares(Float64Array.from(shares), 2, [3, 1], 5);
    assert.ok(Math.abs(shrunk[0]! + shrunk[1]! - 1) < 1e-12 && Math.abs(shrunk[2]! + shrunk[3]! - 1) < 1e-12);
  });
});
