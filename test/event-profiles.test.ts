import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { Analytics } from '@segment/analytics-node';
import { resolveIdentities } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { findProfile } from '../src/profiles/index.js';
import { withApi } from './helpers/server.js';

// Issue 4, "done when": imported data and live events from both official clients land on the same profiles.
describe('live events and imported data', () => {
  it('join one profile per person across an import, @segment/analytics-node and @rudderstack/rudder-sdk-node', async () => {
    await withApi(
      async ({ app, db, keys, dir }) => {
        await writeFile(
          `${dir}/customers.csv`,
          'customer_id,email,first_name\nc1,ann@example.com,Ann\nc2,bob@example.com,Bob\n',
        );
        await importFile(db, `${dir}/customers.csv`, { kind: 'customers' });
        const url = await app.listen({ host: '127.0.0.1', port: 0 });
        const segment = new Analytics({
          writeKey: keys.web!,
          host: url,
          path: '/v1/batch',
          flushInterval: 50,
        });
        const rudder = new RudderAnalytics(keys.ios!, {
          dataPlaneUrl: url,
          flushInterval: 50,
          logLevel: 'error',
        });
        // Ann browses anonymously on the web, then signs in; Bob's phone app knows him by email only at first.
        segment.page({ anonymousId: 'web-anon-1', name: 'Home' });
        segment.identify({ userId: 'c1', anonymousId: 'web-anon-1', traits: { email: 'Ann@Example.com' } });
        rudder.identify({ anonymousId: 'ios-device-7', traits: { email: 'bob@example.com' } });
        rudder.track({ anonymousId: 'ios-device-7', event: 'App Opened' });
        await segment.closeAndFlush({ timeout: 10_000 });
        await rudder.flush();
        for (let t = 0; t < 100; t++) {
          const [row] = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events');
          if (row!.n >= 4) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await resolveIdentities(db);
        const ann = await findProfile(db, 'c1');
        assert.notEqual(ann, null);
        assert.equal(await findProfile(db, 'web-anon-1'), ann);
        assert.equal(await findProfile(db, 'ann@example.com'), ann);
        const bob = await findProfile(db, 'bob@example.com');
        assert.notEqual(bob, null);
        assert.notEqual(bob, ann);
        assert.equal(await findProfile(db, 'ios-device-7'), bob);
      },
      { sources: ['web', 'ios'] },
    );
  });
});
