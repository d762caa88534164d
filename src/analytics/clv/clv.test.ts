import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCsv } from './cdnow.fixture.test.js';
import {
  bgNbdConditionalExpectedPurchases,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaExpectedSpend,
  type PurchaseModel,
  type ValueHistories,
} from './index.js';

function assertNear(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (±${tol})`);
}

const cdnow = (): ValueHistories => {
  const csv = readCsv('cdnow_customers_summary_with_transactions.csv');
  const empty = new Float64Array(0);
  return { x: csv.x ?? empty, tx: csv.t_x ?? empty, T: csv.T ?? empty, zbar: csv.zbar ?? empty };
};

const BGNBD: PurchaseModel = { model: 'bgnbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
const SPEND = { params: { p: 6.25, q: 3.74, gamma: 15.44 } };

describe('customerLifetimeValue()', () => {
  test('matches lifetimes’ formula for the first CDNOW customers at the published estimates', () => {
    const data = cdnow();
    const head: ValueHistories = {
      x: Float64Array.of(2, 1, 0, 7, 2),
      tx: Float64Array.of(30.43, 1.71, 0, 29.43, 35.71),
      T: new Float64Array(5).fill(38.86),
      zbar: Float64Array.of(22.35, 11.77, 0, 73.74, 25.55),
    };
    assert.deepEqual([...head.x], [data.x[0], data.x[1], data.x[2], data.x[5], data.x[8]]);
    const clv = customerLifetimeValue(head, { purchases: BGNBD, spend: SPEND, unit: 'week' });
    // lifetimes' customer_lifetime_value (12 months of 4.345 weeks, 1 % a month), computed with
    // SciPy's hyp2f1 as an independent implementation.
    const reference = [
      36.28921112559922, 4.63729465974718, 8.369004358920183, 283.532776317089, 43.36787227024758,
    ];
    for (const [i, want] of reference.entries()) assertNear(clv[i] ?? 0, want, 1e-8 * want, `customer ${i}`);
  });

  test('undiscounted, it is expected spend times expected purchases over the horizon', () => {
    const data = cdnow();
    const clv = customerLifetimeValue(data, {
      purchases: BGNBD,
      spend: SPEND,
      unit: 'week',
      months: 6,
      discountRate: 0,
    });
    const purchases = bgNbdConditionalExpectedPurchases(data, { ...BGNBD, t: 6 * 4.345 });
    const spend = gammaGammaExpectedSpend(data, SPEND);
    for (let i = 0; i < data.x.length; i += 97) {
      assertNear(clv[i] ?? 0, (spend[i] ?? 0) * (purchases[i] ?? 0), 1e-9, `customer ${i}`);
    }
  });

  test('discounts month m by (1 + d)^m, grows with the horizon, and is 0 for no months', () => {
    const data = cdnow();
    const opts = { purchases: BGNBD, spend: SPEND, unit: 'week' as const };
    const oneMonth = customerLifetimeValue(data, { ...opts, months: 1, discountRate: 0 });
    const halved = customerLifetimeValue(data, { ...opts, months: 1, discountRate: 1 });
    const year = customerLifetimeValue(data, opts);
    const twoYears = customerLifetimeValue(data, { ...opts, months: 24 });
    const none = customerLifetimeValue(data, { ...opts, months: 0 });
    for (let i = 0; i < data.x.length; i++) {
      assertNear(halved[i] ?? 0, (oneMonth[i] ?? 0) / 2, 1e-12, `customer ${i}`);
      assert.ok((twoYears[i] ?? 0) > (year[i] ?? 0));
      assert.equal(none[i], 0);
    }
  });

  test('works with fitted models of either kind, in days as in weeks', () => {
    const data = cdnow();
    const spend = fitGammaGamma(data);
    const bg = customerLifetimeValue(data, { purchases: fitBgNbd(data), spend, unit: 'week' });
    const pareto = customerLifetimeValue(data, { purchases: fitParetoNbd(data), spend, unit: 'week' });
    let totalBg = 0;
    let totalPareto = 0;
    for (let i = 0; i < data.x.length; i++) {
      assert.ok(Number.isFinite(bg[i]) && (bg[i] ?? -1) >= 0);
      totalBg += bg[i] ?? 0;
      totalPareto += pareto[i] ?? 0;
    }
    // The two purchase models fit CDNOW about equally well; their year-ahead totals agree within 10 %.
    assert.ok(Math.abs(totalBg - totalPareto) / totalBg < 0.1, `${totalBg} vs ${totalPareto}`);
    const inDays: ValueHistories = { ...data, tx: data.tx.map((v) => v * 7), T: data.T.map((v) => v * 7) };
    const bgDays: PurchaseModel = {
      model: 'bgnbd',
      params: { ...BGNBD.params, alpha: BGNBD.params.alpha * 7 },
    };
    const weeks = customerLifetimeValue(data, { purchases: BGNBD, spend: SPEND, unit: 'week', months: 3 });
    const days = customerLifetimeValue(inDays, { purchases: bgDays, spend: SPEND, unit: 'day', months: 3 });
    // 3 months are 13.035 weeks but 90 days (12.857 weeks): lifetimes' month lengths differ a little.
    for (let i = 0; i < data.x.length; i += 101)
      assertNear(days[i] ?? 0, weeks[i] ?? 0, 0.02 * (weeks[i] ?? 0), `customer ${i}`);
  });

  test('rejects bad horizons, rates and units', () => {
    const data = cdnow();
    const opts = { purchases: BGNBD, spend: SPEND, unit: 'week' as const };
    assert.throws(() => customerLifetimeValue(data, { ...opts, months: 1.5 }), /invalid months: 1.5/);
    assert.throws(
      () => customerLifetimeValue(data, { ...opts, discountRate: -1 }),
      /invalid discountRate: -1/,
    );
    assert.throws(
      () => customerLifetimeValue(data, { ...opts, unit: 'year' as 'week' }),
      /invalid unit: year/,
    );
  });

  test('gives an empty result for no customers', () => {
    const e = new Float64Array(0);
    assert.equal(
      customerLifetimeValue({ x: e, tx: e, T: e, zbar: e }, { purchases: BGNBD, spend: SPEND, unit: 'week' })
        .length,
      0,
    );
  });
});
