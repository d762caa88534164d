import assert from 'node:assert/strict';
import { it } from 'node:test';
import { FREQUENCY_BINS, frequencyFit } from './frequency-fit.js';

it('frequencyFit() counts customers by repeat purchases and spreads the same total over the bins as BG/NBD expects', () => {
  // CDNOW estimates (Fader, Hardie & Lee 2005): r 0.243, α 4.414, a 0.793, b 2.426; ages in weeks.
  const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const x = [0, 0, 0, 1, 2, 3, 9, 12, 0, 1];
  const T = [38, 38, 30, 38, 30, 38, 38, 30, 20, 20];
  const bins = frequencyFit({ x, T }, params);
  assert.equal(bins.length, FREQUENCY_BINS);
  assert.deepEqual(
    bins.map((b) => b.actual),
    [4, 2, 1, 1, 0, 0, 0, 2],
  );
  assert.equal(bins[7]?.orMore, true);
  const expected = bins.reduce((a, b) => a + b.expected, 0);
  assert.ok(Math.abs(expected - x.length) <= 0.4, `expected customers add up to ${expected}`);
  // Most CDNOW-like customers never buy again: the model puts the most weight on zero repeat purchases.
  assert.ok((bins[0]?.expected ?? 0) > (bins[1]?.expected ?? 0));
});
