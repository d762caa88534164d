/**
 * The same contract on either engine: CLIENTELE_TEST_ENGINE=postgres runs this file on a throwaway PostgreSQL
 * server, unset (or duckdb) on a DuckDB file. The business definitions and the status figures must agree.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ensureCurrent } from '../src/identity/current.js';
import { customerKey, hasCustomerKey } from '../src/semantics/customer-key.js';
import { storeStatus } from '../src/semantics/status.js';
import { engineName } from '../src/store/index.js';
import { testEngine, withTestWarehouse } from './helpers/postgres.js';

describe(`the definitions on the engine under test (${testEngine()})`, () => {
  it('count placed orders, customers and revenue alike on DuckDB and PostgreSQL', async () => {
    await withTestWarehouse(async (db) => {
      assert.equal(engineName(db), testEngine() === 'postgres' ? 'postgresql' : 'duckdb');
      await db.run(
        `INSERT INTO orders (order_id, customer_id, order_ts, revenue, status, row_key, row_hash, import_id) VALUES
           ('o1', 'c1', TIMESTAMP '2024-01-02 10:00:00', 10, 'paid', 'k1', 'h1', 1),
           ('o2', 'c1', TIMESTAMP '2024-03-05 12:00:00', 5, 'Cancelled', 'k2', 'h2', 1),
           ('o3', 'c2', TIMESTAMP '2024-02-01 09:00:00', 20.5, 'payment_failed', 'k3', 'h3', 1),
           ('o4', 'c2', TIMESTAMP '2024-02-10 09:00:00', 7.25, NULL, 'k4', 'h4', 1),
           ('o5', NULL, TIMESTAMP '2024-02-11 09:00:00', -3, 'refund', 'k5', 'h5', 1)`,
      );
      await db.run(
        `INSERT INTO order_items (order_id, line_no, quantity, unit_price, row_key, row_hash, import_id) VALUES
           ('o6', 1, 2, 4.5, 'l1', 'lh1', 1)`,
      );
      const facts = await db.all(
        'SELECT customer_key, orders, revenue, tenure_days, days_since_last_order, active FROM customer_facts ORDER BY 1',
      );
      assert.deepEqual(facts, [
        {
          customer_key: 'c1',
          orders: 1,
          revenue: 10,
          tenure_days: 40,
          days_since_last_order: 40,
          active: true,
        },
        {
          customer_key: 'c2',
          orders: 1,
          revenue: 7.25,
          tenure_days: 1,
          days_since_last_order: 1,
          active: true,
        },
      ]);
      const status = await storeStatus(db, db.location);
      assert.equal(status.engine, engineName(db));
      assert.equal(status.placedOrders, 3);
      assert.equal(status.revenue, 14.25);
      assert.equal(status.unattributedOrders, 1);
      assert.equal(status.firstOrder, '2024-01-02');
      assert.equal(status.lastOrder, '2024-02-11');
    });
  });

  it('count customers, prospects and profiles as the views and the customer key say', async () => {
    await withTestWarehouse(async (db) => {
      // c1 buys; c3 only cancels; a blank id with an e-mail is a person only once identity resolution has run;
      // a blank id without one names no one; c9 has orders but no customers row; o8 names no one.
      await db.run(
        `INSERT INTO customers (customer_id, email, row_key, row_hash, import_id) VALUES
           ('c1', NULL, 'kc1', 'h1', 1), ('c3', NULL, 'kc3', 'h3', 1), ('  ', 'ann@example.com', 'kc4', 'h4', 1),
           ('', NULL, 'kc5', 'h5', 1)`,
      );
      await db.run(
        `INSERT INTO orders (order_id, customer_id, order_ts, revenue, status, row_key, row_hash, import_id) VALUES
           ('o1', 'c1', TIMESTAMP '2024-01-02 10:00:00', 10, 'paid', 'k1', 'h1', 1),
           ('o2', 'c3', TIMESTAMP '2024-01-03 10:00:00', 4, 'cancelled', 'k2', 'h2', 1),
           ('o7', 'c9', TIMESTAMP '2024-01-04 10:00:00', 8, 'void', 'k7', 'h7', 1),
           ('o8', NULL, TIMESTAMP '2024-01-05 10:00:00', 3, 'paid', 'k8', 'h8', 1)`,
      );
      // The figures as the views and the customer key's own words give them: customers are customer_facts'
      // rows; prospects every keyed customers row and every profile, less the customers.
      const expected = async () => {
        const [row] = await db.all<{ customers: number; prospects: number; profiles: number }>(
          `SELECT (SELECT count(*) FROM customer_facts) AS customers,
             (SELECT count(*) FROM (SELECT ${customerKey('customers', 'c')} AS k FROM customers c
                WHERE ${hasCustomerKey('customers', 'c')} UNION SELECT CAST(profile_id AS VARCHAR) FROM profiles) p
              WHERE k NOT IN (SELECT customer_key FROM customer_facts)) AS prospects,
             (SELECT count(DISTINCT profile_id) FROM record_profiles) AS profiles`,
        );
        return row;
      };
      const figures = async () => {
        const s = await storeStatus(db, db.location);
        return { customers: s.customers, prospects: s.prospects, profiles: s.profiles };
      };
      // Before identity resolution the keys are the customer ids: c1 buys, c3 does not.
      assert.deepEqual(await figures(), { customers: 1, prospects: 1, profiles: 0 });
      assert.deepEqual(await figures(), await expected());
      await ensureCurrent(db);
      // After it, profiles: c1 buys; c3, Ann and c9 do not.
      assert.deepEqual(await figures(), { customers: 1, prospects: 3, profiles: 4 });
      assert.deepEqual(await figures(), await expected());
    });
  });
});
