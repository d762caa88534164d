import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CALIBRATION_END, dayOf, readCsv, readTransactions } from './cdnow.fixture.test.js';
import { compressHistories, summarizeTransactions } from './index.js';

describe('summarizeTransactions()', () => {
  test('reproduces the CDNOW summary files from the raw sample, to their 2 decimals', () => {
    const s = summarizeTransactions(readTransactions(), { calibrationEnd: CALIBRATION_END, unit: 'week' });
    const csv = readCsv('cdnow_customers_summary_with_transactions.csv');
    const plain = readCsv('cdnow_customers_summary.csv');
    assert.equal(s.x.length, 2357);
    assert.equal(s.x.filter((x) => x > 0).length, 946);
    assert.equal(csv.ID?.length, 2357);
    for (let i = 0; i < 2357; i++) {
      assert.equal(s.customer[i], i + 1);
      assert.equal(s.x[i], plain.frequency?.[i], `x of customer ${i + 1}`);
      assert.ok(
        Math.abs((s.tx[i] ?? 0) - (plain.recency?.[i] ?? 0)) <= 0.005 + 1e-9,
        `t_x of customer ${i + 1}`,
      );
      assert.ok(Math.abs((s.T[i] ?? 0) - (plain.T?.[i] ?? 0)) <= 0.005 + 1e-9, `T of customer ${i + 1}`);
      const zbar = csv.zbar?.[i] ?? 0;
      assert.ok(Math.abs((s.monetary?.[i] ?? 0) - zbar) <= 0.005 + 1e-9, `zbar of customer ${i + 1}`);
    }
  });

  test('counts several purchases on one day as one and sums their value', () => {
    const s = summarizeTransactions(
      {
        customer: Int32Array.of(0, 0, 0, 0, 1),
        time: Float64Array.of(10, 10.5, 17.2, 17.9, 12),
        amount: Float64Array.of(5, 5, 3, 4, 8),
      },
      { calibrationEnd: 24 },
    );
    assert.deepEqual([...s.x], [1, 0]);
    assert.deepEqual([...s.tx], [7, 0]);
    assert.deepEqual([...s.T], [14, 12]);
    assert.deepEqual([...(s.monetary ?? [])], [7, 0]);
  });

  test('reads epoch milliseconds and reports in weeks or months', () => {
    const ms = (d: string) => dayOf(d) * 86_400_000;
    const data = {
      customer: Float64Array.of(3, 3, 3),
      time: Float64Array.of(ms('20240101') + 5000, ms('20240115') + 80_000_000, ms('20240129')),
    };
    const weeks = summarizeTransactions(data, {
      calibrationEnd: ms('20240131'),
      timeScale: 'ms',
      unit: 'week',
    });
    assert.deepEqual([...weeks.x], [2]);
    assert.deepEqual([...weeks.tx], [4]);
    assert.equal(weeks.T[0], 30 / 7);
    assert.equal(weeks.monetary, undefined);
    const months = summarizeTransactions(data, {
      calibrationEnd: ms('20240131'),
      timeScale: 'ms',
      unit: 'month',
    });
    assert.equal(months.tx[0], 28 / (365.25 / 12));
  });

  test('splits calibration and holdout, and leaves out customers who start after calibration', () => {
    const s = summarizeTransactions(
      { customer: Uint32Array.of(1, 1, 1, 1, 2), time: Float64Array.of(0, 5, 12, 12, 11) },
      { calibrationEnd: 10, observationEnd: 20 },
    );
    assert.deepEqual([...s.customer], [1]);
    assert.deepEqual([...s.x], [1]);
    assert.deepEqual([...(s.holdoutX ?? [])], [1]);
    assert.equal(s.holdoutDuration, 10);
  });

  test('sorts a customer’s transactions by time', () => {
    const s = summarizeTransactions(
      {
        customer: Int32Array.of(0, 0, 0),
        time: Float64Array.of(9, 1, 4),
        amount: Float64Array.of(1, 100, 2),
      },
      { calibrationEnd: 10 },
    );
    assert.deepEqual([...s.tx], [8]);
    assert.deepEqual([...(s.monetary ?? [])], [1.5]);
  });

  test('gives an empty summary for no transactions', () => {
    const s = summarizeTransactions({ customer: [], time: new Float64Array(0) }, { calibrationEnd: 0 });
    assert.equal(s.x.length, 0);
  });

  test('rejects unsorted customers, bad times and bad options with the bad value', () => {
    const time = Float64Array.of(1, 2);
    assert.throws(
      () => summarizeTransactions({ customer: [2, 1], time }, { calibrationEnd: 5 }),
      /customer must be sorted: row 1 \(1\) after 2/,
    );
    assert.throws(
      () =>
        summarizeTransactions(
          { customer: [1, 1], time: Float64Array.of(1, Number.NaN) },
          { calibrationEnd: 5 },
        ),
      /invalid time at row 1: NaN/,
    );
    assert.throws(
      () =>
        summarizeTransactions(
          { customer: [1, 1], time, amount: Float64Array.of(1, Number.NaN) },
          { calibrationEnd: 5 },
        ),
      /invalid amount at row 1: NaN/,
    );
    assert.throws(
      () => summarizeTransactions({ customer: [1], time }, { calibrationEnd: 5 }),
      /column length mismatch/,
    );
    assert.throws(
      () =>
        summarizeTransactions({ customer: [1, 1], time }, { calibrationEnd: 5, unit: 'fortnight' as 'day' }),
      /invalid unit: fortnight/,
    );
    assert.throws(
      () => summarizeTransactions({ customer: [1, 1], time }, { calibrationEnd: Number.NaN }),
      /invalid calibrationEnd: NaN/,
    );
    assert.throws(
      () => summarizeTransactions({ customer: [1, 1], time }, { calibrationEnd: 5, observationEnd: 3 }),
      /invalid observationEnd: 3/,
    );
  });
});

describe('compressHistories()', () => {
  test('collapses CDNOW’s 2,357 customers into fewer patterns whose counts add up', () => {
    const s = summarizeTransactions(readTransactions(), { calibrationEnd: CALIBRATION_END, unit: 'week' });
    const c = compressHistories(s);
    assert.ok(c.x.length < 1100, `${c.x.length} patterns`);
    assert.equal(
      c.count.reduce((a, b) => a + b, 0),
      2357,
    );
    for (let i = 0; i < s.x.length; i++) {
      const k = c.pattern[i] ?? 0;
      assert.equal(c.x[k], s.x[i]);
      assert.equal(c.tx[k], s.tx[i]);
      assert.equal(c.T[k], s.T[i]);
    }
  });

  test('adds up existing counts and keeps first-seen order', () => {
    const c = compressHistories({
      x: Float64Array.of(1, 0, 1),
      tx: Float64Array.of(2, 0, 2),
      T: Float64Array.of(5, 5, 5),
      count: Float64Array.of(3, 1, 4),
    });
    assert.deepEqual([...c.x], [1, 0]);
    assert.deepEqual([...c.count], [7, 1]);
    assert.deepEqual([...c.pattern], [0, 1, 0]);
  });

  test('rejects columns of different lengths', () => {
    assert.throws(
      () => compressHistories({ x: Float64Array.of(1), tx: new Float64Array(0), T: Float64Array.of(1) }),
      /column length mismatch/,
    );
  });
});
