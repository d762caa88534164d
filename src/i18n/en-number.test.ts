import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { enNumber } from './en-number.js';

it('enNumber prints what Intl.NumberFormat("en-US") prints, for any number and decimals', () => {
  for (const digits of [0, 1, 2, 3, 6]) {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    const same = (x: number) => enNumber(x, digits) === intl.format(x);
    for (const x of [0, -0, 0.5, -0.5, 2.5, 1.005, 9.995, -0.0449, 999.9995, 123456789.125, 5e-6, 9e-7])
      assert.equal(enNumber(x, digits), intl.format(x), `${x} at ${digits}`);
    for (const x of [2.5e-7, -2.5e-7, 1e20, 1e21, Number.NaN, -Infinity])
      assert.equal(enNumber(x, digits), intl.format(x), `${x} at ${digits}`);
    fc.assert(fc.property(fc.double(), same), { numRuns: 5_000 });
    // Money-like values, where the rounding at the last decimal matters most.
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99_999 }), (a, b) =>
        same(a + b / 100_000),
      ),
      { numRuns: 5_000 },
    );
  }
});
