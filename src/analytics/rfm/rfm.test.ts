import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fmScore, quintileScores, RFM_TIER_GRID, RFM_TIERS, rfmTier, scoreRfm } from './index.js';

describe('quintileScores()', () => {
  test('splits distinct values into five equal groups, either way round', () => {
    const v = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    assert.deepEqual([...quintileScores(v, 'higher')], [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    assert.deepEqual([...quintileScores(v, 'lower')], [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  test('gives equal values one score, independent of input order', () => {
    const v = Float64Array.of(3, 1, 3, 7, 3, 9, 1, 3);
    const scores = quintileScores(v, 'higher');
    const shuffled = Float64Array.of(9, 3, 3, 1, 7, 3, 3, 1);
    const again = quintileScores(shuffled, 'higher');
    const byValue = new Map<number, number>();
    for (const [i, x] of v.entries()) byValue.set(x, scores[i] ?? 0);
    for (const [i, x] of shuffled.entries()) assert.equal(again[i], byValue.get(x));
    assert.deepEqual([...scores], [3, 1, 3, 5, 3, 5, 1, 3]);
  });

  test('scores all-identical values 3, a single customer 3, and no customers nothing', () => {
    assert.deepEqual([...quintileScores(new Float64Array(7).fill(2), 'higher')], [3, 3, 3, 3, 3, 3, 3]);
    assert.deepEqual([...quintileScores(Float64Array.of(5), 'lower')], [3]);
    assert.equal(quintileScores(new Float64Array(0), 'higher').length, 0);
  });

  test('ranks NaN below every number and Infinity as the extreme it is', () => {
    const s = quintileScores(Float64Array.of(Number.NaN, 1, 2, 3, Number.POSITIVE_INFINITY), 'higher');
    assert.deepEqual([...s], [1, 2, 3, 4, 5]);
    const r = quintileScores(Float64Array.of(Number.NaN, 1, 2, 3, Number.POSITIVE_INFINITY), 'lower');
    assert.deepEqual([...r], [1, 5, 4, 3, 2]);
  });

  test("with ties: 'low', the bottom tie scores 1 however large it is", () => {
    const mostlyOnce = Float64Array.from({ length: 1000 }, (_, i) => (i === 0 ? 3 : 1));
    const mid = quintileScores(mostlyOnce, 'higher');
    const low = quintileScores(mostlyOnce, 'higher', 'low');
    assert.equal(mid[1], 3, 'a mid-rank puts 99.9 % one-time buyers at 3');
    assert.equal(low[1], 1);
    assert.equal(low[0], 5);
    assert.deepEqual([...quintileScores(new Float64Array(4).fill(2), 'higher', 'low')], [1, 1, 1, 1]);
    const v = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    assert.deepEqual([...quintileScores(v, 'higher', 'low')], [...quintileScores(v, 'higher')]);
    assert.throws(() => quintileScores(v, 'higher', 'max' as 'low'), /invalid ties: max/);
  });

  test('rejects an unknown direction', () => {
    assert.throws(() => quintileScores(Float64Array.of(1), 'up' as 'higher'), /invalid better: up/);
  });
});

describe('RFM tiers', () => {
  test('the grid covers every (R, FM) pair once and uses all eleven tiers', () => {
    assert.equal(RFM_TIER_GRID.length, 5);
    const used = new Set(RFM_TIER_GRID.flat());
    for (const row of RFM_TIER_GRID) assert.equal(row.length, 5);
    assert.deepEqual([...used].sort(), [...RFM_TIERS].sort());
  });

  test('names the corners as the usual grid does', () => {
    assert.equal(rfmTier(5, 5), 'Champions');
    assert.equal(rfmTier(5, 1), 'New');
    assert.equal(rfmTier(1, 5), "Can't lose them");
    assert.equal(rfmTier(1, 1), 'Lost');
    assert.equal(rfmTier(3, 3), 'Need attention');
    assert.throws(() => rfmTier(0, 3), /invalid rfm scores: r = 0, fm = 3/);
  });

  test('FM is the mean of F and M rounded half up', () => {
    assert.equal(fmScore(1, 2), 2);
    assert.equal(fmScore(4, 4), 4);
    assert.equal(fmScore(4, 5), 5);
  });

  test('docs/models-clv.md shows the same grid', () => {
    const doc = readFileSync(new URL('../../../docs/models-clv.md', import.meta.url), 'utf8');
    const rows = doc
      .split('\n')
      .filter((l) => /^\| R = [1-5] \|/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()));
    assert.equal(rows.length, 5);
    for (const cells of rows) {
      const r = Number(cells[1]?.slice(4));
      assert.deepEqual(cells.slice(2, 7), RFM_TIER_GRID[r - 1], `row R = ${r}`);
    }
  });
});

describe('scoreRfm()', () => {
  test('scores and names customers', () => {
    const s = scoreRfm({
      recency: Float64Array.of(2, 200, 5, 300, 1, 40, 90, 10, 150, 3),
      frequency: Float64Array.of(12, 9, 1, 1, 1, 4, 2, 6, 3, 8),
      monetary: Float64Array.of(900, 700, 20, 15, 10, 200, 60, 300, 90, 500),
    });
    assert.deepEqual([...s.r], [5, 1, 4, 1, 5, 3, 2, 3, 2, 4]);
    assert.equal(s.tier[0], 'Champions');
    assert.equal(s.tier[1], "Can't lose them");
    assert.equal(s.tier[3], 'Lost');
    assert.equal(s.tier[4], 'New');
    for (const [i, t] of s.tier.entries()) assert.equal(t, rfmTier(s.r[i] ?? 0, s.fm[i] ?? 0));
  });

  test('no one-time buyer is in Champions or Loyal, even the most recent big spender', () => {
    const n = 1000;
    const s = scoreRfm({
      recency: Float64Array.from({ length: n }, (_, i) => i % 365),
      frequency: Float64Array.from({ length: n }, (_, i) => (i < 3 ? 4 : 1)),
      monetary: Float64Array.from({ length: n }, (_, i) => n - i),
    });
    for (let i = 3; i < n; i++) {
      assert.equal(s.f[i], 1);
      assert.ok(s.tier[i] !== 'Champions' && s.tier[i] !== 'Loyal', `customer ${i}: ${s.tier[i]}`);
    }
    assert.equal(s.tier[0], 'Champions');
  });

  test('rejects columns of different lengths', () => {
    assert.throws(
      () =>
        scoreRfm({
          recency: Float64Array.of(1),
          frequency: new Float64Array(0),
          monetary: Float64Array.of(1),
        }),
      /column length mismatch: recency 1, frequency 0, monetary 1/,
    );
  });
});
