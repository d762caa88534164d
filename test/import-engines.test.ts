import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../src/demo/index.js';
import { KINDS } from '../src/domain/kinds.js';
import { type ImportOptions, type ImportSummary, importFile } from '../src/ingest/index.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { withTempDir } from './helpers/tmp.js';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

interface Case {
  readonly file: string;
  readonly options: ImportOptions;
}

// Files shaped like real exports, each with what a person would pass for it, and one of every kind of bad row.
const FIXTURE_CASES: readonly Case[] = [
  {
    file: 'exports/olist/customers.csv',
    options: { kind: 'customers', identifiers: ['customer_unique_id'] },
  },
  {
    file: 'exports/olist/orders.csv',
    options: { kind: 'orders', map: { order_ts: 'order_purchase_timestamp' } },
  },
  { file: 'exports/olist/order_items.csv', options: { kind: 'order_items' } },
  { file: 'exports/olist/order_reviews.csv', options: { kind: 'feedback', fill: { kind: 'review' } } },
  { file: 'exports/shopify/reviews.csv', options: { kind: 'feedback' } },
  { file: 'exports/woocommerce/orders.csv', options: { kind: 'orders' } },
  { file: 'datasets/telco-churn/Telco-Customer-Churn.csv', options: { kind: 'customers' } },
  {
    file: 'datasets/cdnow/CDNOW_sample.txt',
    options: { kind: 'orders', columns: ['master_id', 'customer_id', 'order_date', 'quantity', 'revenue'] },
  },
];

const BAD_ORDERS = [
  'order_id,customer_id,order_date,revenue,note',
  'B1,c1,2024-01-05,10.50,first',
  'B2,c2,2024-02-30,12,impossible date',
  'B3,c3,2024-03-01,twelve,not an amount',
  'B4,,2024-03-02,5,no customer',
  'B1,c1,2024-01-05,10.50,first',
  'B5,c5,2024-03-03,7,"unterminated',
  'B6,c6,2024-03-04,8,ok',
  'B6,c6,2024-03-04,9,same key other values',
].join('\n');

// A value as both engines can be compared on: dates as ISO text, JSON documents parsed with sorted keys.
function canonical(value: unknown, json: boolean): unknown {
  if (value instanceof Date) return value.toISOString();
  if (json && typeof value === 'string') return sortKeys(JSON.parse(value));
  return value;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** Every stored row of every kind, and every reject, in an order that does not depend on the engine. */
async function contents(db: Warehouse): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const spec of Object.values(KINDS)) {
    const json = new Set([...spec.fields.filter((f) => f.type === 'json').map((f) => f.name), 'extra']);
    const cols = [
      ...spec.fields.map((f) => f.name),
      'row_key',
      'row_hash',
      'import_id',
      'source_row',
      'extra',
    ];
    const rows = await db.all(
      `SELECT ${cols.map((c) => (json.has(c) ? `CAST(${JSON.stringify(c)} AS VARCHAR) AS ${JSON.stringify(c)}` : JSON.stringify(c))).join(', ')} FROM ${spec.table}`,
    );
    out[spec.table] = rows
      .map((r) => JSON.stringify(Object.fromEntries(cols.map((c) => [c, canonical(r[c], json.has(c))]))))
      .sort();
  }
  out.rejects = (
    await db.all(
      'SELECT import_id, kind, file, source_row, source_line, source_column, field, reason_code, reason, raw FROM rejects',
    )
  )
    .map((r) => JSON.stringify(r))
    .sort();
  out.imports = (
    await db.all(
      'SELECT import_id, kind, file, file_sha256, rows_read, rows_accepted, rows_rejected, rows_duplicate, rows_updated FROM imports ORDER BY import_id',
    )
  ).map((r) => JSON.stringify(r));
  return out;
}

// The first stored row that differs, parsed, so that a failure shows the field and not a page of rows.
function sameRows(actual: readonly unknown[] = [], expected: readonly unknown[] = [], table: string): void {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (actual[i] === expected[i]) continue;
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    assert.deepEqual(parse(actual[i]), parse(expected[i]), `${table}, row ${i} of ${expected.length}`);
  }
}

// What an import reports, without what depends on the clock.
const summary = ({ seconds: _s, ...rest }: ImportSummary) => rest;

/** Imports every case twice (the second time changes nothing) and returns the summaries and contents. */
async function importAll(location: string, cases: readonly Case[]) {
  const db = await openWarehouse(location);
  try {
    const first = [];
    for (const c of cases) first.push(summary(await importFile(db, c.file, c.options)));
    const again = [];
    for (const c of cases) again.push(summary(await importFile(db, c.file, c.options)));
    return { first, again, contents: await contents(db) };
  } finally {
    await db.close();
  }
}

describe('the same import on DuckDB and on PostgreSQL', () => {
  let pg: PostgresServer;
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await pg?.stop();
  });

  it('gives the same rows, rejects, duplicates and summaries for files shaped like real exports', async () => {
    await withTempDir(async (dir) => {
      const bad = join(dir, 'bad-orders.csv');
      await writeFile(bad, `${BAD_ORDERS}\n`);
      const cases = [
        ...FIXTURE_CASES.map((c) => ({ ...c, file: join(FIXTURES, c.file) })),
        { file: bad, options: { kind: 'orders' as const } },
      ];
      const duck = await importAll(join(dir, 'c.duckdb'), cases);
      const post = await importAll(await pg.createDatabase('fixtures'), cases);
      assert.deepEqual(post.first, duck.first);
      assert.deepEqual(post.again, duck.again);
      for (const table of Object.keys(duck.contents))
        sameRows(post.contents[table], duck.contents[table], table);
      // The test can fail: the files do land, with rejects of every kind.
      const reasons = Object.assign({}, ...duck.first.map((s) => s.rejectReasons));
      for (const code of ['bad_date', 'not_a_number', 'missing_required', 'duplicate_key'])
        assert.ok(code in reasons, `${code} among ${Object.keys(reasons).join(', ')}`);
      assert.ok(duck.again.every((s) => s.accepted === 0 && s.seenBefore));
    });
  });

  it('gives the same rows, rejects and summaries for the demo business export, every kind of file', async () => {
    await withTempDir(async (dir) => {
      const data = join(dir, 'data');
      const generated = await generateDemo({ customers: 120, seed: 11, outDir: data });
      const { demoFiles } = await import('../src/demo/import-order.js');
      const cases = (await demoFiles(data)).map((f) => ({ file: f.path, options: { kind: f.kind } }));
      assert.ok(cases.length >= 8, `${cases.length} demo files`);
      assert.ok(generated.files.orders!.rows > 0);
      const duck = await importAll(join(dir, 'c.duckdb'), cases);
      const post = await importAll(await pg.createDatabase('demo'), cases);
      assert.deepEqual(post.first, duck.first);
      assert.deepEqual(post.again, duck.again);
      for (const table of Object.keys(duck.contents))
        sameRows(post.contents[table], duck.contents[table], table);
    });
  });
});
