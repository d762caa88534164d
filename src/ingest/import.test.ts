import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { ClienteleError, type ErrorCode } from '../errors/index.js';
import { storeStatus } from '../semantics/status.js';
import { openDuckDB, type Warehouse } from '../store/index.js';
import { type ImportOptions, importFile, listRejects } from './index.js';

const CDNOW = new URL('../../test/fixtures/datasets/cdnow/CDNOW_sample.txt', import.meta.url).pathname;

async function fileWith(dir: string, name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const count = async (db: Warehouse, table: string) =>
  (await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n;

async function rejectsWith(
  db: Warehouse,
  code: ErrorCode,
  fn: () => Promise<unknown>,
): Promise<ClienteleError> {
  let caught: unknown;
  await assert.rejects(fn(), (e: unknown) => {
    caught = e;
    return e instanceof ClienteleError && e.code === code;
  });
  assert.equal(await count(db, 'imports'), 0, 'a failed import writes nothing');
  return caught as ClienteleError;
}

const orders: ImportOptions = { kind: 'orders' };
const HEADER = 'order_id,customer_id,order_date,amount,quantity\n';

describe('importFile', () => {
  it('refuses an empty file before writing anything', async () => {
    await withTestDb(async (db, dir) => {
      const e = await rejectsWith(db, 'CLT_ERR_IMPORT_EMPTY_FILE', async () =>
        importFile(db, await fileWith(dir, 'e.csv', ''), orders),
      );
      assert.match(e.message, /e\.csv: the file is empty/);
    });
  });

  it('imports nothing, without error, from a header-only file', async () => {
    await withTestDb(async (db, dir) => {
      const s = await importFile(db, await fileWith(dir, 'h.csv', HEADER), orders);
      assert.deepEqual([s.read, s.accepted, s.rejected], [0, 0, 0]);
    });
  });

  it('detects a semicolon delimiter, and names the likely delimiter when told a wrong one', async () => {
    await withTestDb(async (db, dir) => {
      const path = await fileWith(
        dir,
        'semi.csv',
        'order_id;customer_id;order_date;amount\nA1;c1;2024-01-02;10\nA2;c2;2024-01-03;11\n',
      );
      const s = await importFile(db, path, orders);
      assert.equal(s.accepted, 2);
      assert.equal(s.format, "delimited ';' with header");
      const e = await assert.rejects(importFile(db, path, { ...orders, delimiter: '|' }), (err: unknown) => {
        assert.ok(err instanceof ClienteleError);
        assert.equal(err.code, 'CLT_ERR_IMPORT_MISSING_COLUMN');
        assert.match(err.message, /try delimiter ';'/);
        return true;
      });
      void e;
    });
  });

  it('reads UTF-8 with a byte order mark and Latin-1', async () => {
    await withTestDb(async (db, dir) => {
      const bom = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('customer_id,first_name,city\nc1,Jürgen,Köln\n'),
      ]);
      const s1 = await importFile(db, await fileWith(dir, 'bom.csv', bom), { kind: 'customers' });
      assert.equal(s1.mapping.customer_id, 'customer_id', 'the BOM is not part of the first header');
      const latin1 = Buffer.from('customer_id,first_name,city\nc2,Zoë,São Paulo\n', 'latin1');
      const s2 = await importFile(db, await fileWith(dir, 'latin.csv', latin1), { kind: 'customers' });
      assert.equal(s2.accepted, 1);
      const rows = await db.all<{ first_name: string; city: string }>(
        'SELECT first_name, city FROM customers ORDER BY customer_id',
      );
      assert.deepEqual(rows, [
        { first_name: 'Jürgen', city: 'Köln' },
        { first_name: 'Zoë', city: 'São Paulo' },
      ]);
    });
  });

  it('rejects non-numeric, infinite and absurd amounts and impossible dates with row, column and reason, and lands the good rows', async () => {
    await withTestDb(async (db, dir) => {
      const path = await fileWith(
        dir,
        'o.csv',
        `${HEADER}A1,c1,2024-01-05,10.50,1\nA2,c2,2024-01-06,ten,1\nA3,c3,2023-02-30,5,1\nA4,c4,2024-01-07,"$1,234.50",2\nA5,c5,2024-01-08,inf,1\nA6,c6,2024-01-09,1e300,1\n`,
      );
      const s = await importFile(db, path, orders);
      assert.deepEqual([s.read, s.accepted, s.rejected], [6, 2, 4]);
      assert.deepEqual(s.rejectReasons, {
        not_a_number: 1,
        bad_date: 1,
        not_finite: 1,
        money_out_of_range: 1,
      });
      const { rows } = await listRejects(db, { importId: s.importId });
      assert.deepEqual(
        rows.map((r) => [r.row, r.column, r.field, r.reasonCode]),
        [
          [2, 'amount', 'revenue', 'not_a_number'],
          [3, 'order_date', 'order_ts', 'bad_date'],
          [5, 'amount', 'revenue', 'not_finite'],
          [6, 'amount', 'revenue', 'money_out_of_range'],
        ],
      );
      assert.match(rows[0]!.reason, /column 'amount' \(field revenue\): 'ten' is not a number/);
      assert.equal(JSON.parse(rows[0]!.raw!).amount, 'ten', 'the raw row is kept');
      const revenue = await db.all<{ revenue: number }>('SELECT revenue FROM orders ORDER BY order_id');
      assert.deepEqual(
        revenue.map((r) => r.revenue),
        [10.5, 1234.5],
      );
      // A database from before the limit may hold such an amount: the money figures count it as none
      // instead of failing (an exact decimal sum has no room for 1e300).
      await db.run(
        `INSERT INTO orders (order_id, customer_id, order_ts, revenue, row_key, row_hash, import_id)
         VALUES ('A9', 'c9', TIMESTAMPTZ '2024-01-10 00:00:00+00', 1e300, 'A9', 'h9', ${s.importId})`,
      );
      const status = await storeStatus(db, 'test');
      assert.deepEqual([status.placedOrders, status.revenue, status.netRevenue], [3, 1245, 1245]);
    });
  });

  it('trims plain and Unicode spaces from both ends of values, on ASCII rows and others alike, and keeps inner ones', async () => {
    await withTestDb(async (db, dir) => {
      // Staging trims a value only when it could change (an ASCII row's value with no space at either end is
      // left as it is); a row with any other character is trimmed as the engine's trim() does, Zs spaces included.
      const nbsp = '\u00a0';
      const ideographic = '\u3000';
      const path = await fileWith(
        dir,
        'o.csv',
        `${HEADER}A1, c1 ,2024-01-05, 12.50 ,2\nA2,${nbsp}c2${ideographic},2024-01-06,${nbsp}7.25,1\nA3,Zoë ,2024-01-07, NULL ,1\nA4,c${nbsp}4,2024-01-08,3,1\n`,
      );
      const s = await importFile(db, path, orders);
      assert.deepEqual([s.read, s.accepted, s.rejected], [4, 4, 0]);
      const rows = await db.all<{ customer_id: string; revenue: number | null }>(
        'SELECT customer_id, revenue FROM orders ORDER BY order_id',
      );
      assert.deepEqual(
        rows.map((r) => [r.customer_id, r.revenue]),
        [
          ['c1', 12.5],
          ['c2', 7.25],
          ['Zoë', null],
          [`c${nbsp}4`, 3],
        ],
      );
      // JSON Lines: a line of ASCII text can still hold Unicode spaces, written as \u escapes.
      const lines = await fileWith(
        dir,
        'customers.jsonl',
        `${JSON.stringify({ customer_id: 'j1', email: 'ann@example.com', country: 'US' })}\n{"customer_id":"j2\\u00a0","email":"\\u00a0bob@example.com","country":"PL\\u3000"}\n`,
      );
      const j = await importFile(db, lines, { kind: 'customers' });
      assert.deepEqual([j.accepted, j.rejected], [2, 0]);
      const people = await db.all<{ customer_id: string; email: string; country: string }>(
        'SELECT customer_id, email, country FROM customers ORDER BY customer_id',
      );
      assert.deepEqual(
        people.map((r) => [r.customer_id, r.email, r.country]),
        [
          ['j1', 'ann@example.com', 'US'],
          ['j2', 'bob@example.com', 'PL'],
        ],
      );
    });
  });

  it('keeps negative quantities as returns, not errors', async () => {
    await withTestDb(async (db, dir) => {
      const path = await fileWith(dir, 'items.csv', 'order_id,sku,qty,price\nA1,P1,3,2.5\nA1,P2,-2,4\n');
      const s = await importFile(db, path, { kind: 'order_items' });
      assert.deepEqual([s.accepted, s.rejected], [2, 0]);
      const q = await db.all<{ quantity: number }>('SELECT quantity FROM order_items ORDER BY product_id');
      assert.deepEqual(
        q.map((r) => r.quantity),
        [3, -2],
      );
    });
  });

  it('counts a repeated order id with the same values as a duplicate and rejects one with other values', async () => {
    await withTestDb(async (db, dir) => {
      const path = await fileWith(
        dir,
        'd.csv',
        `${HEADER}A1,c1,2024-01-05,10,1\nA1,c1,2024-01-05,10,1\nA1,c9,2024-01-05,99,1\nA2,c2,2024-01-05,7,1\n`,
      );
      const s = await importFile(db, path, orders);
      assert.deepEqual([s.read, s.accepted, s.duplicates, s.rejected], [4, 2, 1, 1]);
      const { rows } = await listRejects(db);
      assert.equal(rows[0]!.reasonCode, 'duplicate_key');
      assert.equal(rows[0]!.row, 3);
      assert.match(rows[0]!.reason, /appears earlier in the file \(row 1\)/);
    });
  });

  it('rejects a 50 MB line as one row and lands the others; refuses a file that is one huge line', async () => {
    await withTestDb(async (db, dir) => {
      const huge = 'x'.repeat(50 << 20);
      const path = await fileWith(
        dir,
        'big.csv',
        `${HEADER}A1,c1,2024-01-05,10,1\nA2,c2,2024-01-05,${huge},1\nA3,c3,2024-01-05,3,1\n`,
      );
      const s = await importFile(db, path, orders);
      assert.deepEqual([s.read, s.accepted, s.rejected], [3, 2, 1]);
      assert.deepEqual(s.rejectReasons, { line_too_long: 1 });
      const { rows } = await listRejects(db);
      assert.equal(rows[0]!.line, 3);
      assert.match(rows[0]!.reason, /line 3: Maximum line size/);
      const one = await fileWith(dir, 'one.csv', huge);
      const e = await rejectsWith(db, 'CLT_ERR_IMPORT_UNREADABLE', () => importFile(db, one, orders)).catch(
        (err) => err,
      );
      void e;
    });
  });

  it('refuses a binary file, naming where the binary data starts', async () => {
    await withTestDb(async (db, dir) => {
      const bin = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]);
      const e = await rejectsWith(db, 'CLT_ERR_IMPORT_BINARY_FILE', async () =>
        importFile(db, await fileWith(dir, 'a.out', bin), orders),
      );
      assert.match(e.message, /NUL byte at offset 7/);
    });
  });

  it('fails on a missing required column before writing anything', async () => {
    await withTestDb(async (db, dir) => {
      const path = await fileWith(dir, 'm.csv', 'order_id,customer_id,amount\nA1,c1,5\n');
      const e = await rejectsWith(db, 'CLT_ERR_IMPORT_MISSING_COLUMN', () => importFile(db, path, orders));
      assert.match(e.message, /required field order_ts/);
      assert.equal(await count(db, 'orders'), 0);
    });
  });

  it('reads ISO, compact, US and epoch dates without help, and day-first with --date-format', async () => {
    await withTestDb(async (db, dir) => {
      const cases: [string, string, string][] = [
        ['iso', '2024-03-05T14:22:10Z', '2024-03-05 14:22:10'],
        ['compact', '19970101', '1997-01-01 00:00:00'],
        ['us', '12/1/2010 8:26', '2010-12-01 08:26:00'],
        ['epoch', '1700000000', '2023-11-14 22:13:20'],
      ];
      for (const [name, text] of cases) {
        const s = await importFile(
          db,
          await fileWith(dir, `${name}.csv`, `order_id,customer_id,order_date\n${name},c1,${text}\n`),
          orders,
        );
        assert.equal(s.accepted, 1, name);
      }
      const got = await db.all<{ order_id: string; t: string }>(
        `SELECT order_id, ${db.dialect.formatTime('order_ts', '%Y-%m-%d %H:%M:%S')} AS t FROM orders ORDER BY order_id`,
      );
      const byId = Object.fromEntries(got.map((r) => [r.order_id, r.t]));
      for (const [name, , expected] of cases) assert.equal(byId[name], expected, name);
      const dmy = await fileWith(dir, 'dmy.csv', 'order_id,customer_id,order_date\nd1,c1,05/03/2024\n');
      await importFile(db, dmy, { ...orders, dateFormat: 'dmy' });
      const [d1] = await db.all<{ t: string }>(
        `SELECT ${db.dialect.formatTime('order_ts', '%Y-%m-%d')} AS t FROM orders WHERE order_id = 'd1'`,
      );
      assert.equal(d1!.t, '2024-03-05');
    });
  });

  it('warns when dates could be month-first or day-first', async () => {
    await withTestDb(async (db, dir) => {
      const s = await importFile(
        db,
        await fileWith(dir, 'amb.csv', 'order_id,customer_id,order_date\na,c1,01/02/2024\nb,c1,03/04/2024\n'),
        orders,
      );
      assert.match(s.warnings.join('\n'), /--date-format dmy/);
    });
  });

  it('imports the raw CDNOW file as it is, and a second import adds nothing', async () => {
    await withTestDb(async (db) => {
      const options: ImportOptions = {
        kind: 'orders',
        columns: ['master_id', 'customer_id', 'order_date', 'quantity', 'revenue'],
      };
      const s = await importFile(db, CDNOW, options);
      assert.deepEqual([s.read, s.accepted, s.rejected], [6919, 6919, 0]);
      assert.equal(s.format, 'whitespace-separated');
      const [c] = await db.all<{ customers: number; revenue: number; first: string }>(
        `SELECT count(DISTINCT customer_id) AS customers, round(CAST(sum(revenue) AS DECIMAL(18, 4)), 2) AS revenue, ${db.dialect.formatTime('min(order_ts)', '%Y-%m-%d')} AS first FROM orders`,
      );
      assert.equal(c!.customers, 2357);
      assert.equal(c!.first, '1997-01-01');
      const again = await importFile(db, CDNOW, options);
      assert.deepEqual([again.accepted, again.duplicates, again.seenBefore], [0, 6919, true]);
      assert.equal(await count(db, 'orders'), 6919);
      const [extra] = await db.all<{ m: string }>(
        "SELECT extra->>'master_id' AS m FROM orders ORDER BY source_row LIMIT 1",
      );
      assert.equal(extra!.m, '00004', 'an unknown column is kept as a trait, leading zeros and all');
    });
  });

  it('keeps bad rejects once when the same file is imported again, and updates rows whose content changed', async () => {
    await withTestDb(async (db, dir) => {
      const path = await fileWith(dir, 'c.csv', 'customer_id,email,age\nc1,a@x.com,30\nc2,b@x.com,old\n');
      await importFile(db, path, { kind: 'customers' });
      await importFile(db, path, { kind: 'customers' });
      assert.equal((await listRejects(db)).total, 1);
      const changed = await fileWith(dir, 'c2.csv', 'customer_id,email,age\nc1,a@x.com,31\n');
      const s = await importFile(db, changed, { kind: 'customers' });
      assert.deepEqual([s.accepted, s.updated, s.duplicates], [1, 1, 0]);
      const rows = await db.all<{ age: number }>("SELECT age FROM customers WHERE customer_id = 'c1'");
      assert.deepEqual(rows, [{ age: 31 }]);
    });
  });

  it('reads JSON Lines, keeping nested objects as JSON and rejecting a broken line by its line number', async () => {
    await withTestDb(async (db, dir) => {
      const lines = [
        {
          type: 'track',
          event: 'Order Completed',
          userId: 'u1',
          messageId: 'm1',
          timestamp: '2024-05-01T10:00:00Z',
          properties: { revenue: 20 },
        },
        '{"type": "track", "event": broken',
        '',
        {
          type: 'page',
          name: 'Home',
          userId: 'u2',
          messageId: 'm2',
          timestamp: '2024-05-01T11:00:00Z',
          context: { os: { name: 'iOS' } },
          custom: 7,
        },
      ].map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
      const s = await importFile(db, await fileWith(dir, 'e.jsonl', `${lines.join('\n')}\n`), {
        kind: 'events',
      });
      assert.deepEqual([s.read, s.accepted, s.rejected], [3, 2, 1]);
      const { rows } = await listRejects(db);
      assert.deepEqual([rows[0]!.line, rows[0]!.reasonCode], [2, 'bad_json']);
      const ev = (
        await db.all<{ event: string; rev: string; os: string; extra: string | null }>(
          "SELECT event, properties->>'revenue' AS rev, os, CAST(extra AS VARCHAR) AS extra FROM events ORDER BY message_id",
        )
      ).map((r) => ({ ...r, extra: r.extra === null ? null : JSON.stringify(JSON.parse(r.extra)) }));
      assert.deepEqual(ev, [
        { event: 'Order Completed', rev: '20', os: null, extra: null },
        // A page call's name fills the event name; Segment's context fields become columns; unknown keys stay.
        { event: 'Home', rev: null, os: 'iOS', extra: '{"name":"Home","custom":7}' },
      ]);
    });
  });

  it('reads a Segment export whose lines have timestamp, originalTimestamp or both', async () => {
    await withTestDb(async (db, dir) => {
      const lines = [
        {
          type: 'track',
          event: 'A',
          userId: 'u',
          messageId: 'm1',
          timestamp: '2024-05-01T10:00:00Z',
          originalTimestamp: '2024-05-01T09:59:58Z',
        },
        { type: 'track', event: 'B', userId: 'u', messageId: 'm2', timestamp: '2024-05-02T10:00:00Z' },
        {
          type: 'track',
          event: 'C',
          userId: 'u',
          messageId: 'm3',
          originalTimestamp: '2024-05-03T10:00:00Z',
        },
      ];
      const s = await importFile(
        db,
        await fileWith(dir, 'e.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')),
        {
          kind: 'events',
        },
      );
      assert.deepEqual([s.accepted, s.rejected, s.mapping.ts], [3, 0, 'timestamp']);
      const ts = await db.all<{ event: string; t: string }>(
        `SELECT event, ${db.dialect.formatTime('ts', '%Y-%m-%dT%H:%M:%S')} AS t FROM events ORDER BY event`,
      );
      assert.deepEqual(
        ts.map((r) => r.t),
        ['2024-05-01T10:00:00', '2024-05-02T10:00:00', '2024-05-03T10:00:00'],
      );
    });
  });

  it('keeps a column as a trait when its name suggests a field its values do not fit (Telco imports as it is)', async () => {
    await withTestDb(async (db) => {
      const telco = new URL(
        '../../test/fixtures/datasets/telco-churn/Telco-Customer-Churn.csv',
        import.meta.url,
      ).pathname;
      const s = await importFile(db, telco, { kind: 'customers' });
      assert.deepEqual([s.read, s.accepted, s.rejected], [7043, 7043, 0]);
      assert.equal(s.mapping.children, undefined, "Yes/No 'Dependents' is not a number of children");
      assert.ok(s.extras.includes('Dependents'));
      assert.match(s.warnings.join('\n'), /column 'Dependents' looked like the field “Children”/);
      const [row] = await db.all<{ d: string; churn: string }>(
        "SELECT extra->>'Dependents' AS d, extra->>'Churn' AS churn FROM customers WHERE customer_id = '7590-VHVEG'",
      );
      assert.deepEqual(row, { d: 'false', churn: 'false' }, 'Yes/No traits are typed as booleans');
    });
  });

  it("names a refused field by its label in the reader's language, never by its stored name", async () => {
    await withTestDb(async (db, dir) => {
      const path = join(dir, 'dependents.csv');
      await writeFile(path, 'customer_id,email,Dependents\nc1,c1@x.io,Yes\nc2,c2@x.io,No\n');
      const pl = await importFile(db, path, { kind: 'customers', locale: 'pl' });
      const column = pl.columns.find((c) => c.column === 'Dependents');
      assert.match(column?.refused ?? '', /^nie pole „Dzieci”: /);
      assert.match(pl.warnings.join('\n'), /wyglądała na pole „Dzieci”/);
      assert.doesNotMatch(`${column?.refused} ${pl.warnings.join(' ')}`, /\bchildren\b/);
    });
  });

  it('reads Parquet', async () => {
    await withTestDb(async (db, dir) => {
      const path = join(dir, 'o.parquet');
      // The file is written by DuckDB whatever the engine under test.
      const writer = await openDuckDB(':memory:');
      await writer.run(
        `COPY (SELECT 'P' || i AS order_id, 'c' || (i % 10) AS customer_id, TIMESTAMP '2024-01-01' + INTERVAL (i) HOUR AS order_ts, i * 1.5 AS revenue FROM range(100) t(i)) TO '${path}' (FORMAT parquet)`,
      );
      await writer.close();
      const s = await importFile(db, path, orders);
      assert.deepEqual([s.format, s.accepted], ['parquet', 100]);
      const [r] = await db.all<{ s: number }>('SELECT sum(revenue) AS s FROM orders');
      assert.equal(r!.s, 7425);
    });
  });

  it('maps columns by header synonyms, by an explicit map, and keeps unknown columns as typed traits', async () => {
    await withTestDb(async (db, dir) => {
      const path = await fileWith(
        dir,
        'c.csv',
        'CustomerID,E-mail,Zip,Loyalty Points,VIP,Favourite Colour\n17,A@X.COM,02139,120,yes,teal\n',
      );
      const s = await importFile(db, path, { kind: 'customers', map: { region: 'Favourite Colour' } });
      assert.deepEqual(s.mapping, {
        customer_id: 'CustomerID',
        email: 'E-mail',
        postal_code: 'Zip',
        region: 'Favourite Colour',
      });
      assert.deepEqual(s.extras, ['Loyalty Points', 'VIP']);
      const [row] = await db.all<{ email: string; postal_code: string; extra: string }>(
        'SELECT email, postal_code, CAST(extra AS VARCHAR) AS extra FROM customers',
      );
      assert.equal(row!.postal_code, '02139');
      assert.deepEqual(JSON.parse(row!.extra), { 'Loyalty Points': 120, VIP: true });
    });
  });
});
