import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rateRatioLower, rateTest } from './scan-stats.js';

const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

// Poisson draws by inversion from a fixed linear congruential stream, so that the test is repeatable.
function poissonStream(seed: number) {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return (mean: number) => {
    let k = 0;
    let p = Math.exp(-mean);
    let c = p;
    const x = u();
    while (x > c && k < 10_000) {
      k++;
      p *= mean / k;
      c += p;
    }
    return k;
  };
}

describe('scan statistics', () => {
  it('rateTest() gives the exact conditional mid-p (R: binom.test)', () => {
    // Equal sizes: X | 20 ~ Bin(20, 0.5). P(X ≥ 10) = 0.588099, P(X ≥ 11) = 0.411901 → mid-p 0.5.
    close(rateTest(10, 100, 10, 100)?.pValue ?? -1, 0.5, 1e-9);
    // P(X ≥ 15) = 0.0206947, P(X ≥ 16) = 0.00590897 → mid-p 0.0133018.
    close(rateTest(15, 100, 5, 100)?.pValue ?? -1, 0.0133018, 1e-6);
    // Unequal sizes: π = 1/4; P(X ≥ 12 | 24) = 0.00719965, P(X ≥ 13) = 0.00209405.
    close(rateTest(12, 100, 12, 300)?.pValue ?? -1, (0.00719965 + 0.00209405) / 2, 1e-7);
    assert.equal(rateTest(12, 100, 12, 300)?.lift, 3);
    assert.deepEqual(rateTest(0, 10, 0, 10), { lift: null, pValue: 1, z: 0 });
    assert.equal(rateTest(1, 0, 1, 10), null);
  });

  it('rateTest() keeps its size under the null (Poisson counts, several expectations)', () => {
    const draw = poissonStream(42);
    for (const mean of [0.5, 3, 20]) {
      let rejected = 0;
      const runs = 4000;
      for (let i = 0; i < runs; i++) {
        const t = rateTest(draw(mean), 1, draw(mean * 9), 9);
        if (t && t.pValue <= 0.05) rejected++;
      }
      assert.ok(rejected / runs < 0.065, `mean ${mean}: ${rejected / runs}`);
    }
  });

  it('rateRatioLower() inverts the mid-p test', () => {
    // 15 of 20: the π where the mid-p of X ≥ 15 is 0.025 is 0.5297762 (exact sums by bisection).
    close(rateRatioLower(15, 100, 5, 100, 0.025), 0.5297762 / (1 - 0.5297762), 1e-5);
    // Sizes scale the ratio: the same counts over a reference three times larger.
    close(rateRatioLower(15, 100, 5, 300, 0.025), (3 * 0.5297762) / (1 - 0.5297762), 1e-4);
    assert.equal(rateRatioLower(0, 100, 5, 100, 0.05), 0);
    // A cell whose p is at most α has a bound of at least 1, and one above α a bound below 1.
    const p = rateTest(15, 100, 5, 100)?.pValue ?? 1;
    assert.ok(rateRatioLower(15, 100, 5, 100, p * 1.01) > 1);
    assert.ok(rateRatioLower(15, 100, 5, 100, p * 0.99) < 1);
  });
});
