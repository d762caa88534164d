import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { tinyShop } from '../../test/helpers/shop.js';
import { ensureCurrent, resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { findProfile } from './lookup.js';
import { getProfile, profileTimeline } from './profile.js';

it('a profile and its timeline read again are the first read, a change to an answer never reaches the next, and new data is read', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    const id = (await findProfile(db, 'c5'))!;
    const first = (await getProfile(db, id, { timeline: 5 }))!;
    const page = (await profileTimeline(db, id, { limit: 5 }))!;
    // A caller that changes its answer (masking personal fields does) changes only its own copy.
    first.traits.email = 'changed';
    page.entries.length = 0;
    const again = (await getProfile(db, id, { timeline: 5 }))!;
    assert.notEqual(again.traits.email, 'changed');
    assert.ok((await profileTimeline(db, id, { limit: 5 }))!.entries.length > 0);
    // One more order of this person: the next read has it, as a read that never saw the old state would.
    await writeFile(
      join(dir, 'more.csv'),
      'order_id,customer_id,order_ts,revenue,status\no9,c5,2024-03-12T18:00:00Z,70,completed\n',
    );
    await importFile(db, join(dir, 'more.csv'), { kind: 'orders' });
    await ensureCurrent(db);
    const after = (await getProfile(db, id, { timeline: 5 }))!;
    assert.equal(after.metrics.orders, again.metrics.orders + 1);
    assert.equal(after.metrics.revenue, Math.round((again.metrics.revenue + 70) * 100) / 100);
    const newest = (await profileTimeline(db, id, { limit: 5 }))!.entries[0];
    assert.equal(newest?.kind, 'order');
  });
});
