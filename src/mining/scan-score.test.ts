import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitPrior, gammaQuantile, PRIOR_RANGE, scoreCell } from './scan-score.js';

describe('scan scoring (Gamma-Poisson shrinkage)', () => {
  it('gammaQuantile() matches known quantiles', () => {
    // Exponential(1): q = −ln(1 − p); Gamma(2, 1) median 1.678347 (R: qgamma(0.5, 2)).
    assert.ok(Math.abs(gammaQuantile(0.05, 1, 1) - -Math.log(0.95)) < 1e-8);
    assert.ok(Math.abs(gammaQuantile(0.5, 2, 1) - 1.678347) < 1e-6);
    assert.ok(Number.isNaN(gammaQuantile(0, 1, 1)));
  });

  it('a cell of three orders does not outrank a strong pattern over thousands', () => {
    const prior = { a: 1, fitted: 1 };
    const tiny = scoreCell({ observed: 3, expected: 0.5 }, prior); // lift 6
    const big = scoreCell({ observed: 3000, expected: 2000 }, prior); // lift 1.5
    assert.ok(tiny && big);
    assert.equal(tiny.lift, 6);
    assert.ok(tiny.liftLower < big.liftLower, `${tiny.liftLower} vs ${big.liftLower}`);
    assert.ok(big.liftLower > 1.4 && big.liftLower < 1.5);
    assert.ok(big.z > 20);
  });

  it('fitPrior() finds little variation in pure Poisson noise and much in planted lifts, within its range', () => {
    const noise = Array.from({ length: 400 }, (_, i) => ({ observed: 20 + ((i * 7) % 9) - 4, expected: 20 }));
    const planted = Array.from({ length: 400 }, (_, i) => ({ observed: i % 2 ? 5 : 60, expected: 20 }));
    const a = fitPrior(noise);
    const b = fitPrior(planted);
    assert.ok(a.fitted > 100, `noise a ${a.fitted}`);
    assert.equal(a.a, PRIOR_RANGE[1]);
    assert.ok(b.fitted < 5, `planted a ${b.fitted}`);
    assert.equal(scoreCell({ observed: 1, expected: 0 }, a), null);
  });
});
