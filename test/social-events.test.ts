import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAlert } from '../src/alerts/index.js';
import { createKey } from '../src/events/index.js';
import { startServer } from '../src/server/index.js';
import { openWarehouse } from '../src/store/index.js';
import { runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';
import { startReceiver } from './helpers/receiver.js';

// Polls until `done` holds (the server's loop runs every second); never asserts how long it took.
async function until(done: () => boolean, tries = 240): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await new Promise((r) => setTimeout(r, 250));
}

describe('social activity over the Event API', () => {
  it('posts and likes sent as events land as social records, join profiles by handle and fire alerts once', async () => {
    const hook = await startReceiver('s');
    try {
      await withTestDatabase(async ({ location: dbPath, dir }) => {
        await writeFile(
          join(dir, 'customers.csv'),
          'customer_id,email,twitter,instagram\nc1,ann@x.io,@AnnSmith,\nc2,bob@x.io,,@bob.b\n',
        );
        await runCliJson(['import', join(dir, 'customers.csv'), '--db', dbPath]);
        const db = await openWarehouse(dbPath);
        let key: string;
        try {
          key = (await createKey(db, 'social')).key;
          // Source all: a social event must be one hit (as a social record), not a second as an event.
          await createAlert(db, {
            name: 'brand',
            keywords: 'harborhaul',
            source: 'all',
            webhook: hook.url,
            secret: 's',
          });
          await createAlert(db, {
            name: 'likes',
            on: 'like',
            source: 'social',
            webhook: hook.url,
            secret: 's',
          });
        } finally {
          await db.close();
        }
        const server = await startServer({ dbPath, port: 0, refreshEvery: 1 });
        try {
          const at = new Date().toISOString();
          const res = await fetch(`${server.url}/v1/batch`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
            },
            body: JSON.stringify({
              batch: [
                {
                  type: 'track',
                  anonymousId: 'tw-1',
                  event: 'Social Post',
                  properties: {
                    post_id: 'p1',
                    platform: 'twitter',
                    handle: '@annsmith',
                    text: 'Loving my new #HarborHaul boots',
                    url: 'https://x.com/p1',
                  },
                  timestamp: at,
                },
                {
                  type: 'track',
                  anonymousId: 'ig-1',
                  event: 'social',
                  properties: {
                    kind: 'like',
                    platform: 'instagram',
                    handle: '@bob.b',
                    target: 'post:spring-sale',
                  },
                  timestamp: at,
                },
                // Not social: stays an event, and the brand alert still hears it as one.
                {
                  type: 'track',
                  userId: 'c2',
                  event: 'Comment',
                  properties: { text: 'harborhaul support was quick' },
                  timestamp: at,
                },
              ],
            }),
          });
          assert.equal(res.status, 200, await res.text());
          await until(() => hook.got.length >= 3);
          // Let a second pass of the loop run: nothing more may arrive.
          await new Promise((r) => setTimeout(r, 2500));
        } finally {
          await server.close();
        }
        assert.equal(hook.got.length, 3, JSON.stringify(hook.got.map((g) => g.body)));
        assert.ok(hook.got.every((g) => g.verified));
        const bodies = hook.got.map((g) => g.body);
        const post = bodies.find((b) => b.alert === 'brand' && b.source === 'social');
        assert.ok(post, 'the post fired the keyword alert as a social record');
        assert.equal(post.customerId, 'c1', 'joined to Ann through her Twitter handle');
        assert.ok(
          bodies.some((b) => b.alert === 'brand' && b.source === 'events'),
          'the comment, as an event',
        );
        const like = bodies.find((b) => b.alert === 'likes');
        assert.equal(like?.source, 'social');
        assert.equal(like?.customerId, 'c2', 'joined to Bob through his Instagram handle');

        const social = await runCliJson<{ documents: number; terms: { term: string }[] }>([
          'words',
          '--source',
          'social',
          '--db',
          dbPath,
        ]);
        assert.equal(social.documents, 1, 'the post has text, the like none');
        assert.ok(social.terms.some((t) => t.term === '#harborhaul'));
        await runCliJson(['segment', 'create', 'ann', '--where', "email = 'ann@x.io'", '--db', dbPath]);
        const ann = await runCliJson<{ documents: number }>([
          'words',
          '--source',
          'social',
          '--segment',
          'ann',
          '--db',
          dbPath,
        ]);
        assert.equal(ann.documents, 1, "Ann's post, by her handle alone");
      });
    } finally {
      await hook.close();
    }
  });
});
