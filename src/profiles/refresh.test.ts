import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { openWarehouse } from '../store/index.js';
import { findProfile, getProfile } from './index.js';

it('profiles take the latest value of their own sources, and enrichment only where those are silent', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    const db = await openWarehouse(location);
    try {
      await writeFile(
        join(dir, 'crm.csv'),
        'customer_id,email,city,updated_at\nC1,ann@example.org,Boston,2020-01-01\nC1b,ANN@example.org ,Cambridge,2021-06-01\n',
      );
      await writeFile(
        join(dir, 'enrich.csv'),
        'email,city,income_band,updated_at\nann@example.org,Paris,high,2024-01-01\n',
      );
      await writeFile(
        join(dir, 'orders.csv'),
        'order_id,email,order_date,amount\nO1,Ann@Example.org,2024-02-01,40\nO2,ann@example.org,2024-03-01,60\n',
      );
      await importFile(db, join(dir, 'crm.csv'), { kind: 'customers' });
      await importFile(db, join(dir, 'enrich.csv'), { kind: 'customers', priority: 'low' });
      await importFile(db, join(dir, 'orders.csv'), { kind: 'orders' });
      await resolveIdentities(db);
      const id = await findProfile(db, 'ann@example.org');
      const [stored] = await db.all<{
        city: string;
        income_band: string;
        orders: number;
        revenue: number;
        customer_ids: string[];
      }>('SELECT city, income_band, orders, revenue, customer_ids FROM profiles WHERE profile_id = ?', [id]);
      assert.deepEqual(stored, {
        city: 'Cambridge',
        income_band: 'high',
        orders: 2,
        revenue: 100,
        customer_ids: ['C1', 'C1b'],
      });
      const live = await getProfile(db, id!);
      assert.equal(live!.traits.city, 'Cambridge');
      assert.equal(live!.traits.income_band, 'high');
    } finally {
      await db.close();
    }
  });
});
