import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';

it('clientele config set changes which orders count, everywhere at once; a bad value is a usage error', async () => {
  await withTestDatabase(async ({ location: db, dir }) => {
    const orders = join(dir, 'orders.csv');
    await writeFile(
      orders,
      'order_id,customer_id,email,order_ts,revenue,status\n1,a,a@x.io,2024-01-01,10,completed\n2,a,a@x.io,2024-01-02,5.5,Declined\n3,b,b@x.io,2024-01-03,7,CANCELED\n',
    );
    const cli = <T>(...args: string[]) => runCliJson<T>(['--db', db, ...args]);
    await cli('import', orders, '--as', 'orders');
    await cli('identity', 'resolve');
    type Status = { customers: number; placedOrders: number; revenue: number };
    assert.deepEqual(
      await cli<Status>('status').then((s) => [s.customers, s.placedOrders, s.revenue]),
      [1, 2, 15.5],
    );
    const set = await cli<Record<string, unknown>>(
      'config',
      'set',
      'not-placed-statuses',
      'cancel,void,fail,test,fraud,declin',
    );
    assert.deepEqual(set['not-placed-statuses'], ['cancel', 'void', 'fail', 'test', 'fraud', 'declin']);
    assert.deepEqual(
      await cli<Status>('status').then((s) => [s.customers, s.placedOrders, s.revenue]),
      [1, 1, 10],
    );
    // Stored profiles follow at once.
    const profile = await cli<{ metrics: { orders: number; revenue: number } }>('profile', 'a@x.io');
    assert.deepEqual([profile.metrics.orders, profile.metrics.revenue], [1, 10]);
    const bad = await runCli(['--db', db, 'config', 'set', 'not-placed-statuses', "x') OR (1=1", '--json']);
    assert.equal(bad.code, 2);
    assert.equal(JSON.parse(bad.stdout).error.code, 'CLT_ERR_CONFIG_INVALID');
  });
});
