import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { tinyShop } from '../../test/helpers/shop.js';
import { resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { findProfile } from '../profiles/index.js';
import { openWarehouse } from '../store/index.js';
import { cohorts, crossSell } from './index.js';

it('once identity has run, a customer is their profile: any identifier names them, and their records count once', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    const db = await tinyShop(dir, await openWarehouse(location));
    try {
      const before = await cohorts(db, {});
      // A second CRM record of c4 under another id, with the same email: the same person.
      await writeFile(join(dir, 'dup.csv'), 'customer_id,email\n4,C4@X.IO\n');
      await importFile(db, join(dir, 'dup.csv'), { kind: 'customers' });
      await resolveIdentities(db);
      assert.equal(
        await findProfile(db, '4'),
        await findProfile(db, 'c4'),
        "the all-digit id '4' is c4's, not profile 4",
      );
      const byEmail = await crossSell(db, 'c4@x.io', { minSupport: 0.1 });
      const byId = await crossSell(db, 'c4', { minSupport: 0.1 });
      assert.deepEqual(
        { ...byEmail, customer: 'c4' },
        byId,
        'the same purchases and offers, whichever identifier names c4',
      );
      const after = await cohorts(db, {});
      const total = (r: typeof before) => r.cohorts.reduce((sum, c) => sum + c.size, 0);
      assert.equal(total(after), total(before), 'the same five buyers, counted by profile');
    } finally {
      await db.close();
    }
  });
});
