import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openWarehouse } from '../src/store/index.js';
import { runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';

const OLIST = new URL('./fixtures/exports/olist/', import.meta.url).pathname;

// One CSV line's cells: commas split them except inside double quotes (Olist quotes messages with commas).
function cells(line: string): string[] {
  const out = [''];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"' && quoted && line[i + 1] === '"') {
      out[out.length - 1] += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) out.push('');
    else out[out.length - 1] += ch;
  }
  return out;
}

/** A fixture CSV as rows of named cells. */
async function readCsv(name: string): Promise<Record<string, string>[]> {
  const [header, ...lines] = (await readFile(join(OLIST, name), 'utf8')).trim().split('\n');
  const names = cells(header!);
  return lines.map((l) => Object.fromEntries(cells(l).map((v, i) => [names[i]!, v])));
}

interface FileSummary {
  kind: string;
  read: number;
  accepted: number;
  rejected: number;
  warnings: string[];
  identifiers: string[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// 31-Jul-18 → 2018-07-31, as a spreadsheet means it.
const excelDate = (d: string) => {
  const [day, mon, yy] = d.split('-');
  return `20${yy}-${String(MONTHS.indexOf(mon!) + 1).padStart(2, '0')}-${day!.padStart(2, '0')}`;
};

describe('a marketplace export (Olist-shaped) imported as a new user would', () => {
  it('joins per-order customer ids by the declared person key, counts units and rating-only reviews, and reaches reviewers through their orders', async () => {
    await withTestDatabase(async ({ location, dir }) => {
      const db = ['--db', location];
      const customers = await runCliJson<{ files: FileSummary[] }>([
        ...db,
        'import',
        join(OLIST, 'customers.csv'),
        '--identifier',
        'customer_unique_id',
      ]);
      assert.deepEqual(customers.files[0]!.identifiers, ['customer_unique_id']);
      // The order date column is named by --map here; recognising order_purchase_timestamp by itself is
      // the column-name work of another change.
      const map = join(dir, 'map.json');
      await writeFile(map, JSON.stringify({ order_ts: 'order_purchase_timestamp' }));
      const orders = await runCliJson<{ files: FileSummary[] }>([
        ...db,
        'import',
        join(OLIST, 'orders.csv'),
        '--map',
        map,
      ]);
      const items = await runCliJson<{ files: FileSummary[] }>([
        ...db,
        'import',
        join(OLIST, 'order_items.csv'),
      ]);
      const reviews = await runCliJson<{ files: FileSummary[] }>([
        ...db,
        'import',
        join(OLIST, 'order_reviews.csv'),
        '--as',
        'reviews',
      ]);
      const resolved = await runCliJson<{ profiles: number; merges: number }>([...db, 'identity', 'resolve']);

      const fileCustomers = await readCsv('customers.csv');
      const fileItems = await readCsv('order_items.csv');
      const fileReviews = await readCsv('order_reviews.csv');
      const people = new Set(fileCustomers.map((c) => c.customer_unique_id));
      assert.equal(orders.files[0]!.accepted, (await readCsv('orders.csv')).length);
      assert.equal(customers.files[0]!.accepted, fileCustomers.length);

      // People with two or three customer ids (one per order) are one profile each.
      assert.equal(resolved.profiles, people.size);
      const store = await openWarehouse(location);
      try {
        const split = await store.all<{ u: string; profiles: number }>(
          `SELECT c.extra->>'customer_unique_id' AS u, count(DISTINCT rp.profile_id)::INTEGER AS profiles
           FROM customers c JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
           GROUP BY 1 HAVING count(DISTINCT rp.profile_id) > 1`,
        );
        assert.deepEqual(split, [], 'no person is split across profiles');
        const [stored] = await store.all<{ n: number; multi: number }>(
          'SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE array_length(customer_ids, 1) > 1)::INTEGER AS multi FROM profiles',
        );
        assert.equal(stored!.n, people.size);
        assert.equal(stored!.multi, 3, 'the three people with repeat orders');
        const repeat = [...people].filter(
          (u) => fileCustomers.filter((c) => c.customer_unique_id === u).length > 1,
        ).length;
        assert.equal(repeat, 3);

        // Order lines: one unit each, price per unit, freight kept apart from the price.
        assert.ok(items.files[0]!.warnings.some((w) => /each line counts as one unit/.test(w)));
        const [lines] = await store.all<{ n: number; units: number; price: number; freight: number }>(
          `SELECT count(*)::INTEGER AS n, sum(quantity)::INTEGER AS units, ${store.dialect.round('sum(quantity * unit_price)', 2)} AS price,
             ${store.dialect.round('sum(shipping_cost)', 2)} AS freight FROM order_items`,
        );
        const sum = (k: string) => Math.round(fileItems.reduce((a, r) => a + Number(r[k]), 0) * 100) / 100;
        assert.deepEqual(lines, {
          n: fileItems.length,
          units: fileItems.length,
          price: sum('price'),
          freight: sum('freight_value'),
        });
        // Lines reach their order, and through it the order's customer.
        const [orphans] = await store.all<{ n: number }>(
          'SELECT count(*)::INTEGER AS n FROM order_items i LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL',
        );
        assert.equal(orphans!.n, 0);

        // Reviews: rating-only ones accepted, every one a review, the average the file's own.
        const ratingOnly = fileReviews.filter((r) => r.review_comment_message === '').length;
        assert.ok(ratingOnly / fileReviews.length > 0.5, 'most reviews of the file are a score alone');
        assert.equal(reviews.files[0]!.accepted, fileReviews.length);
        assert.equal(reviews.files[0]!.rejected, 0);
        const fileAverage = fileReviews.reduce((a, r) => a + Number(r.review_score), 0) / fileReviews.length;
        const [fb] = await store.all<{ n: number; reviews: number; avg: number; textless: number }>(
          `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE kind = 'review')::INTEGER AS reviews, avg(rating) AS avg,
             count(*) FILTER (WHERE text IS NULL)::INTEGER AS textless FROM feedback`,
        );
        assert.equal(fb!.reviews, fileReviews.length);
        assert.equal(fb!.textless, ratingOnly);
        assert.ok(Math.abs(fb!.avg - fileAverage) < 1e-12, `${fb!.avg} vs ${fileAverage}`);

        // Each review reaches the customer of its order, and profiles count it.
        const misplaced = await store.all(
          `SELECT f.feedback_id FROM feedback f
           JOIN orders o ON o.order_id = f.order_id
           LEFT JOIN record_profiles fr ON fr.record_table = 'feedback' AND fr.row_key = f.row_key
           LEFT JOIN record_profiles orp ON orp.record_table = 'orders' AND orp.row_key = o.row_key
           WHERE fr.profile_id IS DISTINCT FROM orp.profile_id OR orp.profile_id IS NULL`,
        );
        assert.deepEqual(misplaced, []);
        const [counted] = await store.all<{ reviews: number; weighted: number }>(
          'SELECT sum(reviews)::INTEGER AS reviews, sum(average_rating * reviews) / sum(reviews) AS weighted FROM profiles',
        );
        assert.equal(counted!.reviews, fileReviews.length);
        assert.ok(Math.abs(counted!.weighted - fileAverage) < 1e-12);

        // Dates written 31-Jul-18 read as the day they name.
        const dates = await store.all<{ id: string; d: string }>(
          `SELECT feedback_id AS id, ${store.dialect.formatTime('created_at', '%Y-%m-%d')} AS d FROM feedback`,
        );
        const byId = new Map(dates.map((r) => [r.id, r.d]));
        assert.ok(fileReviews.some((r) => r.review_creation_date === '31-Jul-18'));
        for (const r of fileReviews) assert.equal(byId.get(r.review_id!), excelDate(r.review_creation_date!));
      } finally {
        await store.close();
      }
    });
  });
});
