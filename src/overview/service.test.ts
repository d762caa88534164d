import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { tinyShop } from '../../test/helpers/shop.js';
import { ensureCurrent, onResolved, resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { saveSegment } from '../segments/index.js';
import { type Overview, OverviewService } from './index.js';

it('OverviewService answers two segment overviews and leaves no scratch table behind', async () => {
  await withTestDb(async (db, dir) => {
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
    // The scratch space is an attached database on DuckDB, a schema on PostgreSQL (dialect.scratchSpace).
    const where = db.dialect.name === 'duckdb' ? 'table_catalog' : 'table_schema';
    const scratch = await db.all<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE ${where} = 'web_cache' AND table_name <> 'order_days'`,
    );
    assert.deepEqual(scratch, []);
  });
});

it('after a data change and a resolution, rewarm computes the recently asked overviews and the value summary for the new state', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'buyers', 'orders >= 1');
    const service = new OverviewService(db);
    const before = await service.get({});
    const beforeBuyers = await service.get({ segment: 'buyers' });
    const resolved: number[] = [];
    const stop = onResolved(db, () => resolved.push(1));
    // Nothing new: no resolution, no listener called.
    assert.equal(await ensureCurrent(db), null);
    assert.deepEqual(resolved, []);
    // One more order, for a known customer, on the last day: the revenue moves.
    await writeFile(
      join(dir, 'more.csv'),
      'order_id,customer_id,order_ts,revenue,status\no9,c5,2024-03-12T18:00:00Z,70,completed\n',
    );
    await importFile(db, join(dir, 'more.csv'), { kind: 'orders' });
    assert.notEqual(await ensureCurrent(db), null);
    assert.deepEqual(resolved, [1]);
    stop();
    await service.rewarm();
    const after = await service.get({});
    const afterBuyers = await service.get({ segment: 'buyers' });
    // Read from the cache the re-warm filled, and equal to what a service that never saw the old state computes.
    assert.equal(after.cached, true);
    assert.equal(afterBuyers.cached, true);
    assert.equal(after.totals.revenue, before.totals.revenue + 70);
    assert.equal(afterBuyers.totals.lifetimeRevenue, beforeBuyers.totals.lifetimeRevenue + 70);
    const fresh = new OverviewService(db);
    const strip = ({ computedMs: _c, cached: _k, ...rest }: Overview) => rest;
    assert.deepEqual(strip(after), strip(await fresh.get({})));
    assert.deepEqual(strip(afterBuyers), strip(await fresh.get({ segment: 'buyers' })));
  });
});

it("a segment's refresh leaves the overview without a segment cached and moves that segment's overview", async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'buyers', 'orders >= 1');
    const service = new OverviewService(db);
    const all = await service.get({});
    await service.get({ segment: 'buyers' });
    // The rule changed and the segment was materialized again: its members and refresh time moved.
    await saveSegment(db, 'buyers', 'orders >= 2');
    const again = await service.get({});
    const buyers = await service.get({ segment: 'buyers' });
    assert.equal(again.cached, true);
    assert.equal(buyers.cached, false);
    const strip = ({ computedMs: _c, cached: _k, ...rest }: Overview) => rest;
    assert.deepEqual(strip(again), strip(all));
    assert.deepEqual(strip(buyers), strip(await new OverviewService(db).get({ segment: 'buyers' })));
  });
});
