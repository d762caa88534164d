import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAlert } from '../src/alerts/index.js';
import { createAudience, createDestination } from '../src/destinations/index.js';
import { createKey } from '../src/events/index.js';
import { resolveIdentities } from '../src/identity/index.js';
import { saveSegment } from '../src/segments/index.js';
import { startServer } from '../src/server/index.js';
import { openWarehouse } from '../src/store/index.js';
import { runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';
import { startReceiver } from './helpers/receiver.js';
import { tinyShop } from './helpers/shop.js';

// Polls until `done` holds (the loops run every second); never asserts how long it took.
async function until(done: () => boolean, tries = 240): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await new Promise((r) => setTimeout(r, 250));
}

describe('activation end to end', () => {
  it('an import fires a keyword alert whose signed webhook arrives before the command exits', async () => {
    const hook = await startReceiver('s');
    try {
      await withTestDatabase(async ({ dir, location: db }) => {
        await writeFile(join(dir, 'customers.csv'), 'customer_id,email\nc1,a@x.io\nc2,b@x.io\n');
        await runCliJson(['--db', db, 'import', join(dir, 'customers.csv')]);
        await runCliJson([
          '--db',
          db,
          'alerts',
          'create',
          'refunds',
          '--keywords',
          'refund,zwrot',
          '--source',
          'feedback',
          '--webhook',
          hook.url,
          '--secret',
          's',
        ]);
        await writeFile(
          join(dir, 'feedback.csv'),
          'feedback_id,customer_id,created_at,text\nf1,c1,2024-01-01,"Where is my #refund?"\nf2,c2,2024-01-02,"All good"\n',
        );
        await runCliJson(['--db', db, 'import', join(dir, 'feedback.csv')]);
        assert.equal(hook.got.length, 1);
        assert.ok(hook.got[0]!.verified);
        assert.equal(hook.got[0]!.body.customerId, 'c1');
        const inbox = await runCliJson<Record<string, unknown>[]>(['--db', db, 'alerts', 'inbox', 'refunds']);
        assert.deepEqual(Object.keys(inbox[0]!).sort(), [
          'alert',
          'at',
          'customerId',
          'matched',
          'recordId',
          'source',
          'text',
        ]);
        assert.deepEqual(inbox[0]!.matched, ['refund']);
        const outbox = await runCliJson<Record<string, number>>(['--db', db, 'outbox']);
        assert.deepEqual([outbox.pending, outbox.delivered, outbox.dead], [0, 1, 0]);
      });
    } finally {
      await hook.close();
    }
  });

  it('clientele serve alerts on API events and syncs audiences, and a receiver outage is retried and deduplicated', async () => {
    const alerts = await startReceiver('a');
    const audience = await startReceiver('b');
    // The audience receiver fails its first requests (an outage), then recovers.
    audience.state.mode = 500;
    try {
      await withTestDatabase(async ({ dir, location: dbPath }) => {
        const db = await openWarehouse(dbPath);
        let key: string;
        try {
          await tinyShop(dir, db);
          await resolveIdentities(db);
          key = (await createKey(db, 'web')).key;
          await saveSegment(db, 'signed-up', "did 'Signed Up'");
          await createAlert(db, {
            name: 'cancel',
            keywords: 'cancel',
            source: 'events',
            webhook: alerts.url,
            secret: 'a',
          });
          await createDestination(db, { name: 'crm', type: 'webhook', url: audience.url, secret: 'b' });
          await createAudience(db, { name: 'new', segment: 'signed-up', to: 'crm' });
        } finally {
          await db.close();
        }
        const server = await startServer({ dbPath, port: 0, refreshEvery: 1 });
        try {
          const send = (body: Record<string, unknown>) =>
            fetch(`${server.url}/v1/batch`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
              },
              body: JSON.stringify(body),
            });
          const at = new Date().toISOString();
          const res = await send({
            batch: [
              { type: 'identify', userId: 'c5', traits: { consent_ads: true }, timestamp: at },
              { type: 'track', userId: 'c5', event: 'Signed Up', timestamp: at },
              {
                type: 'track',
                userId: 'c4',
                event: 'Comment',
                properties: { text: 'I will cancel my plan' },
                timestamp: at,
              },
            ],
          });
          assert.equal(res.status, 200, await res.text());
          await until(() => alerts.got.length > 0);
          assert.equal(alerts.got.length, 1);
          assert.ok(alerts.got[0]!.verified);
          assert.equal(alerts.got[0]!.body.customerId, 'c4');
          await until(() => audience.requests() >= 2);
          audience.state.mode = 'ok';
          await until(() => audience.got.length > 0);
          assert.equal(audience.got.length, 1);
          assert.ok(audience.got[0]!.verified);
          assert.equal(audience.got[0]!.body.type, 'audience.entered');
          assert.ok(audience.requests() > audience.got.length, 'the outage was retried');
        } finally {
          await server.close();
        }
      });
    } finally {
      await alerts.close();
      await audience.close();
    }
  });
});
