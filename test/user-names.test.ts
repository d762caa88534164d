import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, runCliJson } from './helpers/cli.js';
import { type TestDatabase, testDatabase } from './helpers/engine.js';

// Small files shaped like real exports (made up; same column names and quirks): a CRM / Mailchimp-like
// customers file with a 0/1 `newsletter` and a numeric `income`, a marketplace's customers and orders
// (Olist's column names) and its products with both the Portuguese and the English category.

interface Reading {
  column: string;
  field: string | null;
  how: string;
  refused?: string;
}
interface ImportJson {
  accepted: number;
  duplicates: number;
  updated: number;
  files: { columns: Reading[]; mapping: Record<string, string> }[];
}

const STATES = ['SP', 'RJ', 'MG'];
const CATEGORIES: [string, string][] = [
  ['beleza_saude', 'health_beauty'],
  ['esporte_lazer', 'sports_leisure'],
  ['moveis_decoracao', 'furniture_decor'],
];

function crmCustomers(): string {
  const rows = ['contact_id,Email Address,First Name,newsletter,income,Country'];
  for (let i = 0; i < 40; i++) {
    const newsletter = i % 2;
    // Income rises with the newsletter flag and with i, so the regression has something to find.
    const income = 30_000 + newsletter * 12_000 + i * 500;
    rows.push(`crm-${i},person${i}@example.com,Person${i},${newsletter},${income},DE`);
  }
  return `${rows.join('\n')}\n`;
}

function marketplaceCustomers(): string {
  const rows = ['customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state'];
  for (let i = 0; i < 30; i++) {
    rows.push(`mk-${i},u${i % 25},0${1000 + i},city ${i % 4},${STATES[i % 3]}`);
  }
  return `${rows.join('\n')}\n`;
}

function marketplaceOrders(): string {
  const rows = [
    'order_id,customer_id,order_status,order_purchase_timestamp,order_delivered_customer_date,order_estimated_delivery_date',
  ];
  for (let i = 0; i < 60; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 6)).padStart(2, '0');
    rows.push(
      `o-${i},mk-${i % 30},delivered,2018-${month}-${day} 10:${String(i % 60).padStart(2, '0')}:00,2018-${month}-${day} 18:00:00,2018-${month}-28 00:00:00`,
    );
  }
  return `${rows.join('\n')}\n`;
}

function products(): string {
  const rows = ['product_id,product_category_name,product_category_name_english,product_weight_g'];
  for (let i = 0; i < 12; i++) {
    const [pt, en] = CATEGORIES[i % 3]!;
    rows.push(`p-${i},${pt},${en},${100 + i}`);
  }
  return `${rows.join('\n')}\n`;
}

describe("the user's own column names are kept", () => {
  let place: TestDatabase | undefined;
  let dir = '';
  let db = '';
  const cli = (...args: string[]) => runCliJson(['--db', db, ...args]);
  const fail = (...args: string[]) => runCli(['--db', db, ...args, '--json']);
  const file = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  before(async () => {
    place = await testDatabase();
    [dir, db] = [place.dir, place.location];
  });
  after(() => place?.dispose());

  it('reads a CRM file: newsletter is consent by its 0/1 values, a numeric income stays a number', async () => {
    const crm = (await cli(
      'import',
      await file('crm.csv', crmCustomers()),
      '--as',
      'customers',
    )) as unknown as ImportJson;
    assert.equal(crm.accepted, 40);
    const columns = Object.fromEntries(crm.files[0]!.columns.map((c) => [c.column, c]));
    assert.deepEqual(columns.newsletter, { column: 'newsletter', field: 'consent_email', how: 'synonym' });
    assert.equal(columns.income!.field, null, 'a numeric income is not an income band');
    assert.equal(columns.income!.how, 'extra');
    assert.match(columns.income!.refused ?? '', /not the field “Income band”: its values are plain numbers/);
    assert.deepEqual(columns['Email Address'], { column: 'Email Address', field: 'email', how: 'synonym' });
    assert.equal(columns.contact_id!.field, 'customer_id');
  });

  it('reads a marketplace export’s prefixed names, and shows how in the text summary', async () => {
    const path = await file('customers_mk.csv', marketplaceCustomers());
    const run = await runCli(['--db', db, 'import', path, '--as', 'customers']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /customer_state\s+→ region \(synonym\)/);
    assert.match(run.stdout, /customer_city\s+→ city \(normalized\)/);
    assert.match(run.stdout, /customer_zip_code_prefix\s+→ postal_code \(synonym\)/);
    assert.match(run.stdout, /customer_unique_id\s+→ trait 'customer_unique_id' \(extra\)/);
    const orders = (await cli(
      'import',
      await file('orders_mk.csv', marketplaceOrders()),
      '--as',
      'orders',
    )) as unknown as ImportJson;
    assert.equal(orders.accepted, 60);
    assert.equal(orders.files[0]!.mapping.order_ts, 'order_purchase_timestamp');
    assert.equal(orders.files[0]!.mapping.status, 'order_status');
    assert.equal(orders.files[0]!.mapping.delivered_at, 'order_delivered_customer_date');
    await cli('identity', 'resolve');
  });

  it('answers model regress --x newsletter (the file’s name) on the field it was read into', async () => {
    const fit = (await cli('model', 'regress', '--y', 'income', '--x', 'newsletter')) as {
      n: number;
      coefficients: { name: string; estimate: number }[];
    };
    assert.equal(fit.n, 40);
    const slope = fit.coefficients.find(
      (c) => c.name !== 'const' && c.name !== 'Intercept' && /consent_email/.test(c.name),
    );
    assert.ok(slope, JSON.stringify(fit.coefficients));
    assert.ok(
      slope.estimate > 10_000 && slope.estimate < 14_000,
      `newsletter adds about 12,000: ${slope.estimate}`,
    );
    const bad = await fail('model', 'regress', '--y', 'income', '--x', 'newsleter');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /\[CLT_ERR_MODEL_UNKNOWN_COLUMN\]/);
    assert.match(bad.stderr, /no customer trait or metric named 'newsleter'; did you mean .*'newsletter'/);
  });

  it('clusters on --features income, a numeric trait', async () => {
    const run = (await cli('cluster', '--features', 'income,Newsletter', '--k', '2', '--resamples', '0')) as {
      k: number;
      segments: { count: number }[];
    };
    assert.equal(run.k, 2);
    assert.equal(
      run.segments.reduce((a, s) => a + s.count, 0),
      70,
      'every profile, the marketplace ones with the median income',
    );
    const bad = await fail('cluster', '--features', 'incme');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr + bad.stdout, /unknown feature 'incme'; did you mean 'income'/);
  });

  it("selects customer_state = 'SP' as region = 'SP', and suggests the nearest for a slip", async () => {
    const sp = STATES.reduce((n, s, i) => n + (s === 'SP' ? Math.ceil((30 - i) / 3) : 0), 0);
    for (const where of ["customer_state = 'SP'", "region = 'SP'", "CustomerState = 'SP'"]) {
      const preview = (await cli('segment', 'preview', '--where', where)) as { count: number };
      assert.equal(preview.count, sp, where);
    }
    const bad = await fail('segment', 'preview', '--where', "customer_stat = 'SP'");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr + bad.stdout, /unknown field 'customer_stat'; did you mean 'customer_state'/);
  });

  it('breaks a trend down by the file’s name of a dimension', async () => {
    const trend = (await cli('trend', '--measure', 'orders', '--dimension', 'customer_state')) as {
      dimension: string;
      series: { value?: string; name?: string; key?: string }[];
    };
    assert.equal(trend.dimension, 'region');
    assert.ok(JSON.stringify(trend.series).includes('"SP"'));
    const bad = await fail('trend', '--dimension', 'regoin');
    assert.match(bad.stderr + bad.stdout, /did you mean 'region'/);
  });

  it('updates the rows a corrected --map reads differently, and says how many', async () => {
    const path = await file('products.csv', products());
    const first = (await cli('import', path, '--as', 'products')) as unknown as ImportJson;
    assert.equal(first.accepted, 12);
    assert.equal(first.files[0]!.mapping.category, 'product_category_name');
    const again = (await cli('import', path, '--as', 'products')) as unknown as ImportJson;
    assert.deepEqual([again.duplicates, again.updated], [12, 0], 'the same reading is a duplicate');
    const corrected = (await cli(
      'import',
      path,
      '--as',
      'products',
      '--map',
      '{"category":"product_category_name_english"}',
    )) as unknown as ImportJson;
    assert.deepEqual([corrected.updated, corrected.duplicates], [12, 0]);
    const columns = corrected.files[0]!.columns;
    assert.deepEqual(
      columns.find((c) => c.column === 'product_category_name_english'),
      { column: 'product_category_name_english', field: 'category', how: 'map' },
    );
    // A map file works as well as inline JSON, and a bad entry is a usage error naming it.
    const mapFile = await file('map.json', '{"category": "product_category_name_english"}');
    const fromFile = (await cli(
      'import',
      path,
      '--as',
      'products',
      '--map',
      mapFile,
    )) as unknown as ImportJson;
    assert.deepEqual([fromFile.updated, fromFile.duplicates], [0, 12]);
    const bad = await fail(
      'import',
      path,
      '--as',
      'products',
      '--map',
      '{"categry":"product_category_name"}',
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr + bad.stdout, /map entry \\?"categry\\?".*did you mean 'category'/);
  });
});
