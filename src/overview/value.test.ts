import assert from 'node:assert/strict';
import { it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { roundStep, valueSummary } from './value.js';

it('a band width is a round step: 1, 2, 2.5 or 5 times a power of ten, at or above the raw width', () => {
  assert.deepEqual(
    [0.03, 0.7, 1, 4.2, 23.975, 47.95, 120, 260, 999, 1001].map(roundStep),
    [0.05, 1, 1, 5, 25, 50, 200, 500, 1000, 2000],
  );
  assert.equal(roundStep(0), 1);
  assert.equal(roundStep(Number.NaN), 1);
});

it('the CLV distribution has round band edges (no "479.5"), at most twenty bands, every customer counted once', async () => {
  await withTestDb(async (db) => {
    // 1,000 customers valued 0, 0.959, 1.918 … 958.041: the 99th percentile is about 949, a raw width of 47.45.
    const values = Array.from({ length: 1000 }, (_, i) => `('c${i}', 7, 'clv', ${(i * 0.959).toFixed(3)})`);
    await db.run(
      `INSERT INTO customer_scores (customer_key, run_id, score, value) VALUES ${values.join(', ')}`,
    );
    const clv = (await valueSummary(db)).clv;
    assert.ok(clv);
    assert.equal(clv.customers, 1000);
    assert.ok(clv.bands.length <= 20, `${clv.bands.length} bands`);
    for (const b of clv.bands) {
      assert.equal(b.to - b.from, 50, `band ${b.from}–${b.to}`);
      assert.equal(b.from % 50, 0, `band ${b.from}–${b.to}`);
    }
    assert.equal(
      clv.bands.reduce((n, b) => n + b.customers, 0),
      1000,
    );
  });
});
