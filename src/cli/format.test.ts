import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { n } from './format.js';

it('n prints what toLocaleString("en-US") prints, for any number', () => {
  for (const x of [
    0,
    -0,
    1.0005,
    1.2345,
    -0.0445,
    999.9995,
    2.5e-7,
    -2.5e-7,
    1e20,
    1e21,
    Number.NaN,
    -Infinity,
  ])
    assert.equal(n(x), x.toLocaleString('en-US'), String(x));
  fc.assert(
    fc.property(fc.double(), (x) => n(x) === x.toLocaleString('en-US')),
    { numRuns: 20_000 },
  );
  // Money-like values, where rounding at the third decimal matters most.
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 9999 }), (a, b) => {
      const x = a + b / 10_000;
      return n(x) === x.toLocaleString('en-US');
    }),
    { numRuns: 20_000 },
  );
});
