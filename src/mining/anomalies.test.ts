import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { ClienteleError } from '../errors/index.js';
import { importFile } from '../ingest/index.js';
import { openWarehouse, type Warehouse } from '../store/index.js';
import { anomalies } from './index.js';

// 60 ordinary orders of 40–80 by 20 customers, a day apart, each customer with a card of their own.
function ordinaryOrders(): string[] {
  return Array.from({ length: 60 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 19);
    return `n${i},c${i % 20},${day}Z,${40 + (i % 5) * 10},completed,card${i % 20}`;
  });
}

/** Imports the ordinary orders and `extra` rows into a fresh database and runs `check` on it. */
function withOrders(extra: readonly string[], check: (db: Warehouse) => Promise<void>): Promise<void> {
  return withTestDatabase(async ({ location, dir }) => {
    const rows = ['order_id,customer_id,order_ts,revenue,status,card_hash', ...ordinaryOrders(), ...extra];
    const file = join(dir, 'orders.csv');
    await writeFile(file, `${rows.join('\n')}\n`);
    const db = await openWarehouse(location);
    try {
      await importFile(db, file, { kind: 'orders' });
      await check(db);
    } finally {
      await db.close();
    }
  });
}

describe('anomalies()', () => {
  it('keeps a customer whose revenue is positive but rounds to no money out of the log-revenue scan instead of failing', async () => {
    // Above 0 as a double, 0 as money of four places: it once passed the filter and met ln(0).
    await withOrders(['tiny,t1,2024-03-20T10:00:00Z,0.00004,completed,cardt'], async (db) => {
      const r = await anomalies(db);
      assert.ok(!r.customers.some((c) => c.customer === 't1'));
    });
  });

  it('flags an extreme order, a card shared by three customers and a burst, each with its reason', async () => {
    const rows = ['big,c1,2024-03-15T10:00:00Z,25000,completed,card1'];
    // Three accounts pay with one card.
    rows.push(
      's1,x1,2024-04-01T10:00:00Z,60,completed,shared',
      's2,x2,2024-04-02T10:00:00Z,60,completed,shared',
    );
    rows.push('s3,x3,2024-04-03T10:00:00Z,60,completed,shared');
    // Four orders in 30 minutes; a cancelled attempt does not count.
    for (const [k, m] of [0, 10, 20, 30].entries())
      rows.push(`b${k},burst,2024-05-01T10:${m}:00Z,50,completed,cardb`);
    rows.push('b9,burst,2024-05-01T10:05:00Z,50,cancelled,cardb');
    await withOrders(rows, async (db) => {
      const r = await anomalies(db);
      const big = r.orders.find((o) => o.orderId === 'big');
      assert.ok(big);
      assert.match(big.reasons[0] ?? '', /revenue \$25,000 is \d+\.\d robust sd above the median order/);
      assert.equal(r.orders.filter((o) => o.orderId.startsWith('n')).length, 0);
      assert.deepEqual(r.cards, [{ cardHash: 'shared', customers: ['x1', 'x2', 'x3'], orders: 3 }]);
      const burst = r.orders.filter((o) => o.customer === 'burst').map((o) => o.orderId);
      assert.deepEqual(burst.sort(), ['b2', 'b3']); // the 3rd and 4th order within the hour
      assert.match(r.orders.find((o) => o.orderId === 'b3')?.reasons[0] ?? '', /4 orders by burst within 1h/);
      assert.ok(r.customers.some((c) => c.customer === 'c1'));
      const none = await anomalies(db, { from: '2030-01-01' });
      assert.deepEqual([none.orders, none.customers, none.cards], [[], [], []]);
      await assert.rejects(
        anomalies(db, { cardCustomers: 1 }),
        (e: unknown) => e instanceof ClienteleError && /cardCustomers: 1/.test(e.message),
      );
    });
  });
});
