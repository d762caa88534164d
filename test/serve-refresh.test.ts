import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createKey } from '../src/events/index.js';
import { resolveIdentities } from '../src/identity/index.js';
import { saveSegment } from '../src/segments/index.js';
import { startServer } from '../src/server/index.js';
import { openWarehouse } from '../src/store/index.js';
import { withTestDatabase } from './helpers/engine.js';
import { tinyShop } from './helpers/shop.js';

it('clientele serve keeps segments current: an event over the API moves a segment without a command', async () => {
  await withTestDatabase(async ({ location: dbPath, dir }) => {
    const db = await openWarehouse(dbPath);
    let key: string;
    try {
      await tinyShop(dir, db);
      await resolveIdentities(db);
      key = (await createKey(db, 'web')).key;
      assert.equal((await saveSegment(db, 'signed-up', "did 'Signed Up'")).count, 0);
    } finally {
      await db.close();
    }
    const server = await startServer({ dbPath, port: 0, refreshEvery: 1 });
    try {
      const track = await fetch(`${server.url}/v1/track`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
        },
        body: JSON.stringify({
          type: 'track',
          event: 'Signed Up',
          userId: 'c5',
          timestamp: new Date().toISOString(),
        }),
      });
      assert.equal(track.status, 200, await track.text());
      // The upkeep runs every second; wait for it rather than for a fixed time.
      let count = 0;
      for (let attempt = 0; attempt < 120 && count === 0; attempt++) {
        await new Promise((r) => setTimeout(r, 250));
        const res = await fetch(`${server.url}/v1/segments/signed-up`, {
          headers: { authorization: `Bearer ${server.adminToken}` },
        });
        count = ((await res.json()) as { count: number }).count;
      }
      assert.equal(count, 1, 'c5 entered the segment');
      const members = await fetch(`${server.url}/v1/segments/signed-up/members`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      });
      assert.deepEqual(((await members.json()) as { customerIds: string[] }[])[0]?.customerIds, ['c5']);
    } finally {
      await server.close();
    }
  });
});
