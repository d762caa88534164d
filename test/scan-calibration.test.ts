import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../src/demo/index.js';
import { importFile } from '../src/ingest/index.js';
import { orderLines } from '../src/mining/facts.js';
import { scan } from '../src/mining/index.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { withTestDatabase } from './helpers/engine.js';

// Deterministic draws for the planted orders (mulberry32).
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLANTED_ORDERS = 240;

/**
 * The demo business (2,000 customers) plus a planted pattern: 240 orders of one mid-selling product by
 * customers of one mid-sized region, all in December (of 2023, 2024 or 2025), imported as files of
 * their own. The region and product are read from the data so that the test does not hang on names.
 */
async function plantedShop(
  dir: string,
  location: string,
): Promise<{ db: Warehouse; region: string; product: string }> {
  const out = join(dir, 'demo');
  await generateDemo({ customers: 2000, seed: 11, outDir: out, workers: 0 });
  const db = await openWarehouse(location);
  for (const kind of ['products', 'customers', 'orders', 'order_items'] as const) {
    await importFile(db, join(out, `${kind}.csv`), { kind });
  }
  const [region] = await db.all<{ region: string }>(
    `SELECT region FROM customers WHERE region IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 4`,
  );
  const [product] = await db.all<{ product_id: string; name: string; price: number }>(
    `SELECT i.product_id, p.name, CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY i.unit_price) AS DOUBLE) AS price
     FROM order_items i JOIN products p USING (product_id) GROUP BY 1, 2 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 6`,
  );
  assert.ok(region && product);
  const buyers = (
    await db.all<{ customer_id: string }>(
      'SELECT customer_id FROM customers WHERE region = ? AND NOT is_prospect ORDER BY customer_id',
      [region.region],
    )
  ).map((r) => r.customer_id);
  assert.ok(buyers.length >= 60, `${buyers.length} customers in ${region.region}`);
  const draw = prng(7);
  const orders = ['order_id,customer_id,order_ts,revenue,channel,status'];
  // The lines name the product as the demo's do, so that without a catalogue it is still one product.
  const lines = [
    'order_id,line_no,product_id,product_name,quantity,unit_price,line_total,customer_id,order_ts',
  ];
  const name = `"${product.name.replaceAll('"', '""')}"`;
  for (let i = 0; i < PLANTED_ORDERS; i++) {
    const customer = buyers[Math.floor(draw() * buyers.length)] as string;
    const year = 2023 + Math.floor(draw() * 3);
    const day = 1 + Math.floor(draw() * 31);
    const hour = Math.floor(draw() * 24);
    const ts = `${year}-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:17:00Z`;
    const id = `PLANT${String(i).padStart(4, '0')}`;
    orders.push(`${id},${customer},${ts},${product.price},web,completed`);
    lines.push(`${id},1,${product.product_id},${name},1,${product.price},${product.price},${customer},${ts}`);
  }
  await writeFile(join(dir, 'planted-orders.csv'), `${orders.join('\n')}\n`);
  await writeFile(join(dir, 'planted-lines.csv'), `${lines.join('\n')}\n`);
  await importFile(db, join(dir, 'planted-orders.csv'), { kind: 'orders' });
  await importFile(db, join(dir, 'planted-lines.csv'), { kind: 'order_items' });
  return { db, region: region.region, product: product.name };
}

describe('scan calibration: a planted pattern leads, shuffled time or places find nothing', () => {
  let shop: { db: Warehouse; region: string; product: string };
  let release: () => void;
  let done: Promise<void>;
  before(async () => {
    const ready = new Promise<typeof shop>((resolve, reject) => {
      done = withTestDatabase(async ({ location, dir }) => {
        try {
          resolve(await plantedShop(dir, location));
        } catch (error) {
          reject(error);
          return;
        }
        await new Promise<void>((r) => {
          release = r;
        });
      });
    });
    shop = await ready;
  });
  after(async () => {
    await shop?.db.close();
    release?.();
    await done;
  });

  it('ranks the planted region × product × December first, with a tiny q-value', async () => {
    const r = await scan(shop.db, {});
    const first = r.findings[0];
    assert.ok(first, JSON.stringify(r.warnings));
    assert.deepEqual(first.dimensions, { region: shop.region, product: shop.product }, first.sentence);
    assert.deepEqual(first.period, { month: 12 });
    assert.ok(first.qValue < 1e-6, `q ${first.qValue}`);
    assert.ok((first.liftLower ?? 0) > 2, first.sentence);
    assert.equal(first.comparisons.length, 2, 'a crossing beats both of its parents');
    for (const f of r.findings) assert.ok(f.qValue <= 0.05 && f.pValue <= f.qValue);
    assert.ok(r.cellsCredible >= r.findings.length);
    assert.equal(r.parameters.fdr, 0.05);
    assert.match(r.method.multiplicity, /Benjamini–Hochberg/);
  });

  it('counts in cellsScored exactly the cells it tests', async () => {
    const lines = `(${orderLines('UTC')}) x`;
    const [months] = await shop.db.all<{ n: number }>(
      `SELECT count(DISTINCT CAST(EXTRACT(MONTH FROM ts) AS INTEGER)) AS n FROM ${lines}`,
    );
    const [regions] = await shop.db.all<{ n: number }>(
      `SELECT count(DISTINCT region) AS n FROM ${lines} WHERE region IS NOT NULL`,
    );
    const [products] = await shop.db.all<{ n: number }>(
      `SELECT count(DISTINCT product) AS n FROM ${lines} WHERE product IS NOT NULL`,
    );
    // A crossing is testable when both of its rests have orders: the region has orders without the
    // product, and the product has orders outside the region.
    const [pairs] = await shop.db.all<{ n: number }>(`
      WITH l AS (SELECT order_id, CAST(region AS VARCHAR) AS r, CAST(product AS VARCHAR) AS p FROM ${lines}),
      ro AS (SELECT r, count(DISTINCT order_id) AS n FROM l GROUP BY r),
      po AS (SELECT p, count(DISTINCT order_id) AS n FROM l GROUP BY p),
      rpo AS (SELECT r, p, count(DISTINCT order_id) AS n FROM l WHERE r IS NOT NULL AND p IS NOT NULL GROUP BY r, p)
      SELECT count(*) AS n FROM rpo JOIN ro USING (r) JOIN po USING (p) WHERE ro.n > rpo.n AND po.n > rpo.n`);
    assert.ok(months && regions && products && pairs);
    const alone = await scan(shop.db, {
      dimensions: ['region'],
      periods: ['month', 'dow'],
      minSize: 0,
      measure: 'orders',
    });
    assert.equal(alone.cellsScored, regions.n * (months.n + 7));
    const crossed = await scan(shop.db, {
      dimensions: ['region', 'product'],
      periods: ['month'],
      minSize: 0,
      top: 10_000,
      measure: 'orders',
    });
    assert.equal(crossed.cellsScored, (regions.n + products.n + pairs.n) * months.n);
  });

  it('finds at most one concentration when order timestamps are shuffled (three seeds)', async () => {
    const { db } = shop;
    await db.run('CREATE TABLE true_ts AS SELECT order_id, order_ts FROM orders');
    const seen: number[] = [];
    for (const seed of [1, 2, 3]) {
      // A fixed permutation of the timestamps over the orders, the same on both engines: md5() is
      // deterministic, random() is not across threads.
      await db.run(
        `UPDATE orders SET order_ts = s.order_ts FROM (
           SELECT a.order_id, b.order_ts FROM
             (SELECT order_id, row_number() OVER (ORDER BY order_id) AS k FROM true_ts) a
             JOIN (SELECT order_ts, row_number() OVER (ORDER BY md5(order_id || CAST(? AS VARCHAR)), order_id) AS k FROM true_ts) b USING (k)
         ) s WHERE s.order_id = orders.order_id`,
        [seed],
      );
      const r = await scan(db, {});
      seen.push(r.cellsCredible);
      assert.ok(r.cellsScored > 10_000, `${r.cellsScored} cells`);
      assert.ok(
        r.cellsCredible <= 1,
        `seed ${seed}: ${r.findings
          .slice(0, 3)
          .map((f) => f.sentence)
          .join('\n')}`,
      );
      if (r.cellsCredible === 0) assert.equal(r.warnings[0]?.code, 'SCAN_NO_FINDINGS');
    }
    assert.equal(seen.length, 3);
  });

  it('crosses region with product when there is no products table and no category', async () => {
    const { db } = shop;
    await db.run(`UPDATE orders SET order_ts = t.order_ts FROM true_ts t WHERE t.order_id = orders.order_id;
      DELETE FROM products; UPDATE order_items SET category = NULL`);
    const r = await scan(db, { periods: ['month'] });
    assert.deepEqual(r.findings[0]?.dimensions, { region: shop.region, product: shop.product });
    assert.deepEqual(r.findings[0]?.period, { month: 12 });
    assert.ok(r.findings.every((f) => f.dimensions.category === undefined));
  });

  it('finds no region or city pattern when customers are moved to random regions', async () => {
    const { db } = shop;
    // Orders then take the region and city of their customer's record, which is another customer's.
    await db.run(`UPDATE orders SET ship_region = NULL, ship_city = NULL;
      UPDATE customers SET region = s.region, city = s.city FROM (
        SELECT a.customer_id, b.region, b.city FROM
          (SELECT customer_id, row_number() OVER (ORDER BY customer_id) AS k FROM customers) a
          JOIN (SELECT region, city, row_number() OVER (ORDER BY md5(customer_id || '5'), customer_id) AS k FROM customers) b
          USING (k)) s
      WHERE s.customer_id = customers.customer_id`);
    const r = await scan(db, { dimensions: ['region', 'city', 'product'], periods: ['month', 'season'] });
    assert.ok(
      r.findings.some((f) => Object.keys(f.dimensions).join() === 'product' && f.period.month === 12),
      'the planted product still sells in December',
    );
    const placed = r.findings.filter((f) => f.dimensions.region || f.dimensions.city);
    assert.ok(placed.length <= 1, placed.map((f) => f.sentence).join('\n'));
  });
});
