import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { numbersIn, tinyShop } from '../../test/helpers/shop.js';
import { ClienteleError } from '../errors/index.js';
import { importFile } from '../ingest/index.js';
import { openWarehouse, type Warehouse } from '../store/index.js';
import { basketRules, cohorts, concentration, crossSell, funnel, paths, scan, trend } from './index.js';

function assertFinite(value: unknown): void {
  for (const x of numbersIn(value)) assert.ok(Number.isFinite(x), `not finite: ${x}`);
}

async function rejects(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof ClienteleError, String(e));
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

describe('mining services on a tiny shop', () => {
  let db: Warehouse;
  let release: () => void;
  let done: Promise<void>;
  before(async () => {
    // Hold a temporary folder open for the whole suite.
    const ready = new Promise<Warehouse>((resolve) => {
      done = withTestDatabase(async ({ location, dir }) => {
        resolve(await tinyShop(dir, await openWarehouse(location)));
        await new Promise<void>((r) => {
          release = r;
        });
      });
    });
    db = await ready;
  });
  after(async () => {
    await db.close();
    release();
    await done;
  });

  it('basket() mines rules over placed orders only, with every measure finite', async () => {
    const r = await basketRules(db, { minSupport: 0.3, minConfidence: 0.5 });
    assert.equal(r.baskets, 7); // o8 is cancelled
    const tentStakes = r.rules.find(
      (x) => x.antecedentKeys.join() === 'P2' && x.consequentKeys.join() === 'P1',
    );
    assert.ok(tentStakes, 'stakes ⇒ tent');
    assert.equal(tentStakes.count, 4);
    assert.equal(tentStakes.confidence, 1);
    assert.equal(tentStakes.conviction, null); // infinite at confidence 1
    assert.deepEqual(tentStakes.antecedent, ['Stakes']);
    const cats = await basketRules(db, { minSupport: 0.1, minConfidence: 0, level: 'category', limit: 1 });
    assert.equal(cats.rules.length, 1);
    assert.ok(cats.ruleCount > 1);
    assertFinite(r);
    assertFinite(cats);
  });

  it('basket() rejects bad thresholds, levels and lengths by name', async () => {
    await rejects(basketRules(db, { minSupport: 0 }), 'CLT_ERR_MINING_BAD_OPTION', /minSupport: 0/);
    await rejects(
      basketRules(db, { minConfidence: 1.5 }),
      'CLT_ERR_MINING_BAD_OPTION',
      /invalid minConfidence/,
    );
    await rejects(basketRules(db, { level: 'brand' }), 'CLT_ERR_MINING_BAD_OPTION', /invalid level: brand/);
    await rejects(basketRules(db, { maxLength: 0 }), 'CLT_ERR_MINING_BAD_OPTION', /invalid maxLength/);
  });

  it('crossSell() suggests what the rules point to and never what the customer has', async () => {
    const r = await crossSell(db, 'c3', { minSupport: 0.1, minConfidence: 0.1 });
    assert.deepEqual(r.purchased, ['Novel']);
    assert.ok(r.recommendations.length > 0);
    assert.ok(r.recommendations.every((s) => s.key !== 'P3'));
    await rejects(crossSell(db, 'nobody'), 'CLT_ERR_MINING_UNKNOWN_CUSTOMER', /nobody/);
  });

  it('trend() fills empty periods, gives changes, says why there is no season, and is empty outside the data', async () => {
    const r = await trend(db, { measure: 'orders', by: 'month' });
    assert.deepEqual(r.periods, ['2024-01-01', '2024-02-01', '2024-03-01']);
    const all = r.series[0];
    assert.ok(all);
    assert.deepEqual(
      all.points.map((p) => p.value),
      [2, 2, 3],
    );
    assert.deepEqual(
      all.points.map((p) => p.change),
      [null, 0, 1],
    );
    assert.equal(all.seasonality, null);
    assert.match(all.note ?? '', /two full seasons \(24 months/);
    const days = await trend(db, { measure: 'revenue', by: 'day', from: '2024-01-05', to: '2024-01-08' });
    assert.deepEqual(
      days.series[0]?.points.map((p) => p.value),
      [110, 110],
    );
    const empty = await trend(db, { from: '2030-01-01' });
    assert.deepEqual(empty.series, []);
    assert.deepEqual(empty.periods, []);
    const byRegion = await trend(db, { measure: 'customers', dimension: 'region', top: 1 });
    assert.deepEqual(
      byRegion.series.map((s) => s.key),
      ['(other)', 'CA'],
    );
    assert.equal(byRegion.otherValues, 2);
    assertFinite([r, days, byRegion]);
    await rejects(trend(db, { measure: 'clicks' }), 'CLT_ERR_MINING_BAD_OPTION', /invalid measure: clicks/);
    await rejects(
      trend(db, { dimension: 'planet' }),
      'CLT_ERR_MINING_BAD_OPTION',
      /invalid dimension: planet/,
    );
    await rejects(trend(db, { from: '2024-13-45' }), 'CLT_ERR_MINING_BAD_OPTION', /invalid from/);
    await rejects(trend(db, { tz: 'Mars/Olympus' }), 'CLT_ERR_MINING_BAD_OPTION', /invalid tz:/);
  });

  it('scan() answers an empty window with no findings and rejects unknown periods', async () => {
    const r = await scan(db, { minSize: 1 });
    assertFinite(r);
    for (const f of r.findings) assert.ok((f.liftLower ?? 0) > 1);
    const empty = await scan(db, { from: '2030-01-01' });
    assert.deepEqual(empty.findings, []);
    assert.equal(empty.cellsScored, 0);
    await rejects(
      scan(db, { periods: ['fortnight'] }),
      'CLT_ERR_MINING_BAD_OPTION',
      /invalid periods: fortnight/,
    );
    await rejects(scan(db, { fdr: 0.9 }), 'CLT_ERR_MINING_BAD_OPTION', /invalid fdr: 0.9/);
    assert.equal(empty.warnings[0]?.code, 'SCAN_NOTHING_SCORED');
    await rejects(scan(db, { dimensions: ['shoe_size'] }), 'CLT_ERR_MINING_BAD_OPTION', /invalid dimensions/);
  });

  it('concentration() gives each region the monthly shares of the filtered sales against its own calendar', async () => {
    const r = await concentration(db, { filter: 'product=P2', by: 'region', measure: 'orders' });
    assert.deepEqual(
      r.rows.map((x) => [x.value, x.total]),
      [
        ['NY', 2],
        ['CA', 1],
        ['TX', 1],
      ],
    );
    // NY's stakes: both in January, against 2 of NY's 3 placed orders.
    assert.deepEqual(r.rows[0]?.cells[0], {
      period: 1,
      value: 2,
      share: 1,
      expectedShare: 0.666667,
      lift: 1.5,
    });
    const stakes = await trend(db, { measure: 'revenue', filter: 'product=Stakes' });
    assert.equal(stakes.series[0]?.total, 40); // four lines of 10; the cancelled order does not count
    assert.equal(stakes.filter, 'product=Stakes');
    assertFinite([r, stakes]);
    await rejects(concentration(db, { filter: 'Apparel' }), 'CLT_ERR_MINING_BAD_OPTION', /filter: Apparel/);
    await rejects(trend(db, { filter: 'planet=Mars' }), 'CLT_ERR_MINING_BAD_OPTION', /filter: planet/);
  });

  it('cohorts() builds the triangle by first-order month', async () => {
    const r = await cohorts(db, { by: 'month' });
    assert.deepEqual(
      r.cohorts.map((c) => [c.cohort, c.size, c.values]),
      [
        ['2024-01-01', 2, [2, 1, 0]], // c1 again in February; c2's March order was cancelled
        ['2024-02-01', 1, [1, 1]], // c3 again in March
        ['2024-03-01', 2, [2]],
      ],
    );
    assert.deepEqual(r.average, [1, 0.6667, 0]);
    const revenue = await cohorts(db, { metric: 'revenue' });
    assert.deepEqual(revenue.cohorts[0]?.values, [220, 100, 0]);
    const empty = await cohorts(db, { from: '2030-01-01' });
    assert.deepEqual(empty, { by: 'month', metric: 'customers', segment: null, cohorts: [], average: [] });
    assertFinite([r, revenue]);
  });

  it('funnel() counts ordered steps within the window; a step nobody reached gives zeros', async () => {
    const steps = ['Product Viewed', 'Product Added', 'Order Completed'];
    const r = await funnel(db, { steps, window: '7d', by: 'device_type' });
    assert.deepEqual(
      r.steps.map((s) => s.count),
      [3, 2, 1],
    );
    assert.equal(r.steps[1]?.medianSecondsFromPrevious, 1200); // 10 and 30 minutes
    assert.equal(r.steps[2]?.medianSecondsFromPrevious, 3000);
    assert.deepEqual(
      r.breakdown.map((b) => [b.value, b.steps.map((s) => s.count)]),
      [
        ['(none)', [1, 0, 0]],
        ['desktop', [1, 1, 0]],
        ['mobile', [1, 1, 1]],
      ],
    );
    // The stitched anonymous visitor converts within 11 days, not within 7.
    const direct = await funnel(db, { steps: ['Product Viewed', 'Order Completed'], window: '11d' });
    assert.deepEqual(
      direct.steps.map((s) => s.count),
      [3, 2],
    );
    const nobody = await funnel(db, { steps: ['Product Viewed', 'Wishlist Added', 'Order Completed'] });
    assert.deepEqual(
      nobody.steps.map((s) => [s.count, s.conversion, s.stepConversion]),
      [
        [3, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
      ],
    );
    assert.equal(nobody.steps[2]?.medianSecondsFromPrevious, null);
    const none = await funnel(db, { steps: ['Nothing', 'Never'] });
    assert.deepEqual(
      none.steps.map((s) => [s.count, s.conversion, s.dropOffRate]),
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
    );
    const outdoor = await funnel(db, {
      steps: ['Product Viewed[category=Outdoor&device_type=mobile]', 'Order Completed'],
    });
    assert.deepEqual(
      outdoor.steps.map((s) => [s.step, s.count]),
      [
        ['Product Viewed[category=Outdoor&device_type=mobile]', 1],
        ['Order Completed', 1],
      ],
    );
    const books = await funnel(db, { steps: ['Product Viewed[category=Books]', 'Order Completed'] });
    assert.deepEqual(
      books.steps.map((s) => s.count),
      [1, 0],
    );
    assertFinite([r, direct, nobody, none, outdoor, books]);
    await rejects(
      funnel(db, { steps: ['Product Viewed[a b=1]', 'x'] }),
      'CLT_ERR_MINING_BAD_OPTION',
      /plain keys/,
    );
    await rejects(funnel(db, { steps: ['Only one'] }), 'CLT_ERR_MINING_BAD_OPTION', /invalid steps/);
    await rejects(
      funnel(db, { steps: ['a', 'b'], window: 'soon' }),
      'CLT_ERR_MINING_BAD_OPTION',
      /window: soon/,
    );
  });

  it('paths() finds the sequences before the goal, over-represented touchpoints and time to convert', async () => {
    const r = await paths(db, { goal: 'Order Completed', length: 2 });
    assert.equal(r.converters, 2);
    assert.equal(r.people, 4);
    // Ties by people are broken by the path's text.
    assert.deepEqual(
      r.paths.map((p) => [p.path, p.people, p.share]),
      [
        [['Product Viewed', 'identify'], 1, 0.5],
        [['Product Viewed', 'Product Added'], 1, 0.5],
      ],
    );
    const viewed = r.touchpoints.find((t) => t.touchpoint === 'Product Viewed');
    assert.equal(viewed?.converterShare, 1);
    assert.equal(viewed?.nonConverterShare, 0.5);
    assert.equal(viewed?.lift, 2);
    assert.deepEqual(
      r.byChannel.map((c) => [c.channel, c.converters, c.medianTouches]),
      [
        ['email', 1, 3],
        ['social', 1, 2],
      ],
    );
    assertFinite(r);
    await rejects(paths(db, { goal: ' ' }), 'CLT_ERR_MINING_BAD_OPTION', /invalid goal/);
  });
});

describe('mining services on a dimension with 100,000 values', () => {
  it('trend() keeps the top N values and sums the rest as "(other)"; scan() stays bounded by --top', async () => {
    await withTestDatabase(async ({ location, dir }) => {
      const lines = [
        'order_id,line_no,product_id,product_name,category,quantity,unit_price,line_total,customer_id,order_ts',
      ];
      for (let i = 0; i < 100_000; i++) {
        // Product 0 sells 5 times, products 1–4 twice, everything else once.
        const times = i === 0 ? 5 : i < 5 ? 2 : 1;
        for (let k = 0; k < times; k++) {
          const day = String(1 + ((i + k) % 28)).padStart(2, '0');
          lines.push(
            `o${i}-${k},1,SKU${i},Item ${i},C${i % 7},1,1,1,u${i % 5000},2024-0${1 + (k % 3)}-${day}T12:00:00Z`,
          );
        }
      }
      const file = join(dir, 'items.csv');
      await writeFile(file, `${lines.join('\n')}\n`);
      const db = await openWarehouse(location);
      try {
        await importFile(db, file, { kind: 'order_items' });
        const r = await trend(db, { measure: 'revenue', dimension: 'product', top: 5 });
        assert.equal(r.distinctValues, 100_000);
        assert.equal(r.otherValues, 99_995);
        assert.deepEqual(
          r.series.map((s) => [s.key, s.total]),
          [
            ['(other)', 99_995],
            ['Item 0', 5],
            ['Item 1', 2],
            ['Item 2', 2],
            ['Item 3', 2],
            ['Item 4', 2],
          ],
        );
        const s = await scan(db, { measure: 'orders', top: 50, minSize: 1, periods: ['month'] });
        assert.ok(s.cellsScored <= (50 + 7 + 7 * 50) * 3, `${s.cellsScored} cells`);
        assertFinite([r, s]);
      } finally {
        await db.close();
      }
    });
  });
});
