import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decompose, movingAverage } from './decompose.js';
import { robustOutliers } from './outliers.js';

const SEASON = [0.85, 0.8, 0.9, 0.92, 0.95, 0.95, 0.9, 0.95, 0.92, 1.0, 1.35, 1.9];

describe('decompose()', () => {
  it('recovers the seasonal figure and a linear trend of a multiplicative series exactly', () => {
    const mean = SEASON.reduce((a, b) => a + b, 0) / 12;
    const x = Float64Array.from(
      { length: 48 },
      (_, t) => (100 + 2 * t) * ((SEASON[t % 12] as number) / mean),
    );
    const d = decompose(x, 12, 'multiplicative');
    for (let s = 0; s < 12; s++) {
      assert.ok(Math.abs((d.figure[s] as number) - (SEASON[s] as number) / mean) < 0.01, `month ${s + 1}`);
    }
    // The centred 2×12 moving average of a linear trend times a season averaging 1 is nearly the trend.
    assert.ok(Math.abs((d.trend[24] as number) - 148) < 1);
    assert.ok(Number.isNaN(d.trend[0] as number));
    assert.ok(Number.isNaN(d.remainder[47] as number));
    assert.ok(Math.abs((d.remainder[24] as number) - 1) < 0.01);
  });

  it('is additive when asked, with a figure summing to zero', () => {
    const x = Float64Array.from({ length: 21 }, (_, t) => 10 + [3, -1, -1, -1, 0, 0, 0][t % 7]!);
    const d = decompose(x, 7, 'additive');
    assert.ok(Math.abs(d.figure.reduce((a, b) => a + b, 0)) < 1e-12);
    assert.ok(Math.abs((d.figure[0] as number) - 3) < 1e-12);
  });

  it('refuses a series shorter than two seasons, a bad period and non-positive multiplicative values', () => {
    assert.throws(
      () => decompose(new Float64Array(23), 12, 'additive'),
      /series too short: 23 points for period 12/,
    );
    assert.throws(() => decompose(new Float64Array(30), 1, 'additive'), /invalid period: 1/);
    assert.throws(() => decompose(new Float64Array(30), 12, 'multiplicative'), /positive values/);
  });

  it('movingAverage() uses the 2×m filter for an even period', () => {
    const ma = movingAverage(Float64Array.from([1, 2, 3, 4, 5, 6]), 4);
    assert.deepEqual(Array.from(ma.slice(2, 4)), [3, 4]);
  });
});

describe('robustOutliers()', () => {
  it('flags a spike by robust z and ignores NaN', () => {
    const x = Float64Array.from([10, 11, 9, 10, 12, 10, 50, Number.NaN, 9, 11]);
    const out = robustOutliers(x);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.index, 6);
    assert.ok((out[0]?.z ?? 0) > 10);
  });

  it('finds nothing in a flat series or one too short to judge', () => {
    assert.deepEqual(robustOutliers(new Float64Array(12).fill(5)), []);
    assert.deepEqual(robustOutliers(Float64Array.from([1, 100, 1])), []);
  });
});
