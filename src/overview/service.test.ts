import assert from 'node:assert/strict';
import { it } from 'node:test';
import { tinyShop } from '../../test/helpers/shop.js';
import { withTempDb } from '../../test/helpers/tmp.js';
import { resolveIdentities } from '../identity/index.js';
import { saveSegment } from '../segments/index.js';
import { OverviewService } from './index.js';

it('OverviewService answers two segment overviews and leaves no scratch table behind', async () => {
  await withTempDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'buyers', 'orders >= 1');
    await saveSegment(db, 'everyone', 'orders >= 0');
    const service = new OverviewService(db);
    const all = await service.get({});
    const buyers = await service.get({ segment: 'buyers' });
    const everyone = await service.get({ segment: 'everyone' });
    assert.equal(buyers.segment, 'buyers');
    assert.ok(buyers.totals.profiles > 0 && buyers.totals.profiles <= everyone.totals.profiles);
    assert.equal(everyone.totals.profiles, all.totals.profiles);
    const scratch = await db.all<{ name: string }>(
      "SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'web_cache' AND table_name <> 'order_days'",
    );
    assert.deepEqual(scratch, []);
  });
});
