import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { ClienteleError } from '../errors/index.js';
import { importFile, listRejects } from './index.js';

const EXPORTS = new URL('../../test/fixtures/exports/', import.meta.url).pathname;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

describe('imports of files shaped like real exports', () => {
  it('accepts rating-only reviews (Shopify), so the average rating is the file’s, and rejects a row with neither', async () => {
    await withTestDb(async (db) => {
      const s = await importFile(db, join(EXPORTS, 'shopify/reviews.csv'), { kind: 'feedback' });
      assert.equal(s.read, 8);
      assert.equal(s.accepted, 7);
      assert.deepEqual(s.rejectReasons, { missing_required: 1 });
      const { rows } = await listRejects(db);
      assert.match(rows[0]!.reason, /body and rating are all empty; a row needs one of them/);
      const [r] = await db.all<{ n: number; rating_only: number; reviews: number; avg: number }>(
        `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE text IS NULL)::INTEGER AS rating_only,
           count(*) FILTER (WHERE kind = 'review')::INTEGER AS reviews, avg(rating) AS avg FROM feedback`,
      );
      assert.equal(r!.rating_only, 4, 'four of the seven are a rating alone');
      assert.equal(r!.reviews, 7, 'a file with ratings and no kind column is reviews');
      assert.ok(Math.abs(r!.avg - 29 / 7) < 1e-12, `average ${r!.avg}`);
      assert.ok(s.warnings.some((w) => /no kind column and has ratings/.test(w)));
      const [first] = await db.all<{ t: Date }>('SELECT min(created_at) AS t FROM feedback');
      assert.equal(iso(first!.t), '2018-07-31T14:02:11.000Z');
    });
  });

  it('leaves feedback without ratings unclassified unless imported as reviews', async () => {
    await withTestDb(async (db, dir) => {
      const file = join(dir, 'tickets.csv');
      await writeFile(
        file,
        'ticket_id,email,body,created_at\nT1,a@example.com,Where is my parcel?,2024-03-01\n',
      );
      await importFile(db, file, { kind: 'feedback' });
      assert.deepEqual(await db.all('SELECT kind FROM feedback'), [{ kind: null }]);
      await db.run('DELETE FROM feedback');
      await importFile(db, file, { kind: 'feedback', fill: { kind: 'review' } });
      assert.deepEqual(await db.all('SELECT kind FROM feedback'), [{ kind: 'review' }]);
      // Scores beside a question are survey answers, not reviews.
      const survey = join(dir, 'survey.csv');
      await writeFile(
        survey,
        'response_id,email,question,score,created_at\nS1,a@example.com,How likely…?,9,2024-03-02\n',
      );
      await importFile(db, survey, { kind: 'feedback' });
      assert.deepEqual(await db.all("SELECT kind FROM feedback WHERE feedback_id = 'S1'"), [{ kind: null }]);
    });
  });

  it('refuses a feedback file with neither a text nor a rating column', async () => {
    await withTestDb(async (db, dir) => {
      const file = join(dir, 'f.csv');
      await writeFile(file, 'review_id,email,created_at\nR1,a@example.com,2024-03-01\n');
      await assert.rejects(
        importFile(db, file, { kind: 'feedback' }),
        (e: unknown) =>
          e instanceof ClienteleError &&
          e.code === 'CLT_ERR_IMPORT_MISSING_COLUMN' &&
          /one of text, rating/.test(e.message),
      );
    });
  });

  it('reads a German WooCommerce export’s 31.07.2018 14:02 day-first without a flag, shipping and tax apart', async () => {
    await withTestDb(async (db) => {
      const s = await importFile(db, join(EXPORTS, 'woocommerce/orders.csv'), { kind: 'orders' });
      assert.equal(s.accepted, 5);
      assert.deepEqual(s.warnings, []);
      const rows = await db.all<{ order_id: string; order_ts: Date; revenue: number; shipping_cost: number }>(
        'SELECT order_id, order_ts, revenue, shipping_cost FROM orders ORDER BY order_id',
      );
      assert.equal(iso(rows[0]!.order_ts), '2018-07-31T14:02:00.000Z');
      assert.equal(iso(rows[1]!.order_ts), '2018-08-01T09:30:00.000Z', '01.08.2018 is the first of August');
      assert.equal(rows[0]!.revenue, 59.9);
      assert.equal(rows[0]!.shipping_cost, 4.9);
    });
  });

  it('reads review dates written July 31, 2018 and Aug 14, 2018 (WooCommerce), month names being unambiguous', async () => {
    await withTestDb(async (db) => {
      const s = await importFile(db, join(EXPORTS, 'woocommerce/reviews.csv'), { kind: 'feedback' });
      assert.equal(s.accepted, 4);
      const dates = await db.all<{ d: Date }>('SELECT created_at AS d FROM feedback ORDER BY created_at');
      assert.deepEqual(
        dates.map((r) => iso(r.d).slice(0, 10)),
        ['2018-07-31', '2018-08-02', '2018-08-14', '2018-09-04'],
      );
    });
  });

  for (const [written, expected] of [
    ['31-Jul-18', '2018-07-31T00:00:00.000Z'],
    ['3-Jan-09', '2009-01-03T00:00:00.000Z'],
    ['Jul 31, 2018', '2018-07-31T00:00:00.000Z'],
    ['31 July 2018', '2018-07-31T00:00:00.000Z'],
    ['31.07.2018 14:02', '2018-07-31T14:02:00.000Z'],
    ['31-Jul-2018 14:02', '2018-07-31T14:02:00.000Z'],
    ['2018-07-31 14:02:11 -0400', '2018-07-31T18:02:11.000Z'],
  ] as const) {
    it(`reads ${written} without --date-format`, async () => {
      await withTestDb(async (db, dir) => {
        const file = join(dir, 'orders.csv');
        await writeFile(file, `order_id,customer_id,order_date\n1,C1,"${written}"\n`);
        const s = await importFile(db, file, { kind: 'orders' });
        assert.equal(s.accepted, 1, JSON.stringify(s.rejectReasons));
        const [r] = await db.all<{ t: Date }>('SELECT order_ts AS t FROM orders');
        assert.equal(iso(r!.t), expected);
      });
    });
  }

  it('keeps today’s reading of an ambiguous all-numeric column: month first, with a warning', async () => {
    await withTestDb(async (db, dir) => {
      const file = join(dir, 'orders.csv');
      await writeFile(file, 'order_id,customer_id,order_date\n1,C1,01/02/2018\n2,C2,03/04/2018\n');
      const s = await importFile(db, file, { kind: 'orders' });
      assert.ok(s.warnings.some((w) => /month-first or day-first/.test(w)));
      const [r] = await db.all<{ t: Date }>("SELECT order_ts AS t FROM orders WHERE order_id = '1'");
      assert.equal(iso(r!.t), '2018-01-02T00:00:00.000Z');
    });
  });

  it('counts one unit per order line when the file has no quantity column, and keeps freight apart', async () => {
    await withTestDb(async (db) => {
      const s = await importFile(db, join(EXPORTS, 'olist/order_items.csv'), { kind: 'order_items' });
      assert.equal(s.accepted, 18);
      assert.ok(s.warnings.some((w) => /no quantity column: each line counts as one unit/.test(w)));
      const [r] = await db.all<{ units: number; price: number; freight: number; totals: number }>(
        `SELECT sum(quantity)::INTEGER AS units, round(CAST(sum(unit_price) AS DECIMAL(18, 4)), 2) AS price,
           round(CAST(sum(shipping_cost) AS DECIMAL(18, 4)), 2) AS freight, count(line_total)::INTEGER AS totals FROM order_items`,
      );
      assert.deepEqual(r, { units: 18, price: 1531.29, freight: 308.55, totals: 0 });
    });
  });

  it('still rejects an order line whose quantity column is there but empty', async () => {
    await withTestDb(async (db, dir) => {
      const file = join(dir, 'order_items.csv');
      await writeFile(file, 'order_id,product_id,quantity,price\nO1,P1,2,3.5\nO1,P2,,4\n');
      const s = await importFile(db, file, { kind: 'order_items' });
      assert.equal(s.accepted, 1);
      assert.deepEqual(s.rejectReasons, { missing_required: 1 });
    });
  });

  it('keeps a declared identifier as text, whatever it looks like, and refuses one the file lacks', async () => {
    await withTestDb(async (db, dir) => {
      const file = join(dir, 'customers.csv');
      await writeFile(file, 'customer_id,member_no\nA,12345\nB,00123\n');
      const s = await importFile(db, file, { kind: 'customers', identifiers: ['Member No'] });
      assert.deepEqual(s.identifiers, ['member_no']);
      const rows = await db.all<{ v: string }>(
        "SELECT CAST(extra->'member_no' AS VARCHAR) AS v FROM customers ORDER BY customer_id",
      );
      assert.deepEqual(
        rows.map((r) => r.v),
        ['"12345"', '"00123"'],
      );
      const keys = await db.all('SELECT record_table, source_column, field, key_name FROM identity_keys');
      assert.deepEqual(keys, [
        { record_table: 'customers', source_column: 'member_no', field: null, key_name: 'member_no' },
      ]);
      await assert.rejects(
        importFile(db, file, { kind: 'customers', identifiers: ['loyalty_card'] }),
        (e: unknown) =>
          e instanceof ClienteleError &&
          e.code === 'CLT_ERR_IMPORT_BAD_OPTION' &&
          /^identifier loyalty_card: .* has no such column; its columns are: customer_id, member_no/.test(
            e.message,
          ),
      );
    });
  });

  it('takes a declared identifier as the customer’s name in a file with no other identifier', async () => {
    await withTestDb(async (db, dir) => {
      const file = join(dir, 'members.csv');
      await writeFile(file, 'loyalty_card,first_name\nL-1,Ana\n,Bo\n');
      await assert.rejects(
        importFile(db, file, { kind: 'customers' }),
        (e: unknown) => e instanceof ClienteleError && e.code === 'CLT_ERR_IMPORT_MISSING_COLUMN',
      );
      const s = await importFile(db, file, { kind: 'customers', identifiers: ['loyalty_card'] });
      assert.equal(s.accepted, 1);
      assert.deepEqual(s.rejectReasons, { missing_identifier: 1 });
    });
  });

  it('accepts every row of the Olist-shaped review file: rating-only ones, and a review copied to a second order', async () => {
    await withTestDb(async (db) => {
      const text = await readFile(join(EXPORTS, 'olist/order_reviews.csv'), 'utf8');
      const lines = text.trim().split('\n').slice(1);
      const s = await importFile(db, join(EXPORTS, 'olist/order_reviews.csv'), { kind: 'feedback' });
      assert.equal(s.accepted, lines.length);
      const [r] = await db.all<{ n: number }>(
        'SELECT count(*)::INTEGER AS n FROM feedback WHERE text IS NULL AND order_id IS NOT NULL',
      );
      assert.ok(r!.n / lines.length > 0.5);
      const [copied] = await db.all<{ ids: number; rows: number }>(
        'SELECT count(DISTINCT feedback_id)::INTEGER AS ids, count(*)::INTEGER AS rows FROM feedback',
      );
      assert.deepEqual(copied, { ids: lines.length - 1, rows: lines.length });
    });
  });
});
