import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { compileDefinitions } from './compile.js';
import { DEFINITIONS, moneySum, moneySumOrNull, moneyTotal } from './definitions.js';
import { readSettings, writeSetting } from './settings.js';

// A fresh database of the engine under test (CLIENTELE_TEST_ENGINE).
const withDb = (fn: (db: Warehouse) => Promise<void>) => withTestDb((db) => fn(db));

const order = (
  id: string,
  customer: string,
  revenue: number | null,
  status: string | null,
  day = '2024-01-01',
) => [id, customer, `${day}T10:00:00Z`, revenue, status, `k${id}`, 'h', 1] as const;

async function insertOrders(db: Warehouse, rows: readonly (readonly unknown[])[]): Promise<void> {
  for (const r of rows) {
    await db.run(
      'INSERT INTO orders (order_id, customer_id, order_ts, revenue, status, row_key, row_hash, import_id) VALUES (?, ?, CAST(? AS TIMESTAMPTZ), ?, ?, ?, ?, ?)',
      r as (string | number | null)[],
    );
  }
}

describe('semantics: the definitions compiled to views', () => {
  it('placed_order: cancelled in any spelling, case or wording, void, failed, test and fraud do not count; others do', async () => {
    await withDb(async (db) => {
      const notPlaced = [
        'cancelled',
        'canceled',
        'CANCELED',
        ' Cancelled ',
        'Cancelled by customer',
        'void',
        'VOIDED',
        'payment_failed',
        'test',
        'fraud-suspected',
      ];
      const placed = ['completed', 'shipped', 'returned', 'refunded', 'Delivered', 'contested', null];
      await insertOrders(db, [
        ...notPlaced.map((s, i) => order(`n${i}`, 'c', 10, s)),
        ...placed.map((s, i) => order(`p${i}`, 'c', 10, s)),
      ]);
      const rows = await db.all<{ status: string | null; placed: boolean }>(
        'SELECT status, placed FROM order_facts ORDER BY order_id',
      );
      for (const r of rows) {
        assert.equal(r.placed, !notPlaced.includes(r.status as string), `status ${JSON.stringify(r.status)}`);
      }
      const [n] = await db.all<{ n: number }>('SELECT count(*) AS n FROM placed_orders');
      assert.equal(n?.n, placed.length);
    });
  });

  it("order_value: the order's revenue, else its lines' quantity × unit price less discount (one unit when no quantity), or their totals", async () => {
    await withDb(async (db) => {
      await insertOrders(db, [order('a', 'c1', null, 'completed'), order('b', 'c1', 12.5, 'completed')]);
      await db.run(`INSERT INTO order_items (order_id, product_id, quantity, unit_price, discount, line_total, row_key, row_hash, import_id) VALUES
        ('a', 'x', 2, 10.5, 1, NULL, 'i1', 'h', 1), ('a', 'y', NULL, 5.25, NULL, NULL, 'i2', 'h', 1),
        ('a', 'z', 3, 1, NULL, 2.5, 'i3', 'h', 1), ('b', 'x', 9, 9, NULL, NULL, 'i4', 'h', 1)`);
      const rows = await db.all<{ order_id: string; revenue: number; stated_revenue: number | null }>(
        'SELECT order_id, revenue, stated_revenue FROM order_facts ORDER BY 1',
      );
      assert.deepEqual(rows, [
        { order_id: 'a', revenue: 20 + 5.25 + 2.5, stated_revenue: null },
        { order_id: 'b', revenue: 12.5, stated_revenue: 12.5 },
      ]);
    });
  });

  it('customer_facts: revenue, gross, returns and net; refunds and returned purchases; prospects are not customers', async () => {
    await withDb(async (db) => {
      await insertOrders(db, [
        order('1', 'a', 100, 'completed', '2024-01-01'),
        order('2', 'a', -30, 'refunded', '2024-01-05'),
        order('3', 'a', 40, 'Returned', '2024-02-01'),
        order('4', 'b', 70, 'canceled', '2024-03-01'),
        order('5', 'c', 10, 'completed', '2023-01-01'),
      ]);
      const rows = await db.all<Record<string, unknown>>(
        `SELECT customer_key, orders, revenue, gross_revenue, returns, net_revenue, tenure_days, days_since_last_order, active
         FROM customer_facts ORDER BY 1`,
      );
      assert.deepEqual(rows, [
        {
          customer_key: 'a',
          orders: 3,
          revenue: 110,
          gross_revenue: 140,
          returns: 70,
          net_revenue: 70,
          tenure_days: 31,
          days_since_last_order: 0,
          active: true,
        },
        {
          customer_key: 'c',
          orders: 1,
          revenue: 10,
          gross_revenue: 10,
          returns: 0,
          net_revenue: 10,
          tenure_days: 396,
          days_since_last_order: 396,
          active: false,
        },
      ]);
    });
  });

  it('settings: a stored list of stems changes what counts once compiled again; bad values are refused', async () => {
    await withDb(async (db) => {
      await insertOrders(db, [order('1', 'a', 10, 'declined'), order('2', 'a', 10, 'cancelled')]);
      const count = async () =>
        (await db.all<{ n: number }>('SELECT count(*) AS n FROM placed_orders'))[0]?.n;
      assert.equal(await count(), 1);
      await writeSetting(db, 'not-placed-statuses', 'cancel, void, Declin');
      await compileDefinitions(db);
      assert.deepEqual((await readSettings(db)).notPlacedStatuses, ['cancel', 'void', 'declin']);
      assert.equal(await count(), 0);
      await writeSetting(db, 'active-window-days', '90');
      assert.equal((await readSettings(db)).activeWindowDays, 90);
      for (const [name, value] of [
        ['not-placed-statuses', "x') OR true --"],
        ['not-placed-statuses', ''],
        ['active-window-days', '-3'],
        ['nonsense', '1'],
      ] as const) {
        await assert.rejects(
          writeSetting(db, name, value),
          (e: unknown) => e instanceof ClienteleError && e.code === 'CLT_ERR_CONFIG_INVALID',
        );
      }
    });
  });

  it('every definition has a unique name and one sentence', () => {
    const names = DEFINITIONS.map((d) => d.name);
    assert.equal(new Set(names).size, names.length);
    for (const d of DEFINITIONS) assert.match(d.description, /^[A-Z].*\.$/, d.name);
  });
});

describe('semantics: money summed exactly', () => {
  it('adds cents that doubles cannot hold to the exact total, 0 or NULL when nothing is there, past-limit amounts left out', async () => {
    await withDb(async (db) => {
      await db.run('CREATE TABLE money_t (v DOUBLE, g INTEGER)');
      await db.run(
        'INSERT INTO money_t VALUES (0.1, 1), (0.2, 1), (0.3, 1), (0.7, 2), (NULL, 3), (CAST(1e300 AS DOUBLE), 2)',
      );
      // As doubles: 0.1 + 0.2 + 0.3 + 0.7 is 1.3000000000000003 (or another last digit, by row order).
      const [r] = await db.all<Record<string, number | null>>(
        `SELECT ${moneyTotal('v')} AS total, ${moneySum('v', 'g = 1')} AS one, ${moneySum('v', 'g = 9')} AS none,
           ${moneySumOrNull('v', 'g = 3')} AS unknown, ${moneySumOrNull('v', 'g = 2')} AS two FROM money_t`,
      );
      assert.deepEqual({ ...r }, { total: 1.3, one: 0.6, none: 0, unknown: null, two: 0.7 });
      const [empty] = await db.all<{ t: number }>(`SELECT ${moneyTotal('v')} AS t FROM money_t WHERE false`);
      assert.equal(empty?.t, 0);
    });
  });
});
