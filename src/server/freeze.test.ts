import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../test/helpers/server.js';
import type { Warehouse } from '../store/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const did = (n: number, tail = 'in last 30 days') =>
  Array.from({ length: n }, (_, i) => `did 'e${i}' ${tail}`).join(' and ');

// A million events over 20,000 profiles, made in SQL: enough that 20 event conditions take seconds.
async function manyEvents(db: Warehouse): Promise<void> {
  await db.run(`INSERT INTO events (message_id, type, event, user_id, ts, row_key, import_id, source_row, row_hash)
    SELECT 'm' || i, 'track', 'e' || (i % 20), 'u' || (i % 20000), current_timestamp - ${db.dialect.seconds('i % 1000000')}, 'm' || i, 0, i, 'h'
    FROM generate_series(0, 999999) t(i)`);
  await db.run(`INSERT INTO record_profiles (record_table, row_key, profile_id, seq)
    SELECT 'events', 'm' || i, i % 20000, i FROM generate_series(0, 999999) t(i)`);
  await db.run(`INSERT INTO profiles (profile_id, orders, revenue, returns, late_deliveries, events, emails_sent,
      emails_opened, emails_clicked, emails_bounced, unsubscribed, tickets, reviews)
    SELECT i, i % 7, i % 100, 0, 0, 50, 0, 0, 0, 0, false, 0, 0 FROM generate_series(0, 19999) t(i)`);
}

describe('one heavy request does not freeze the server', () => {
  it('refuses a 400-clause preview with 400 naming the limit, before any query', async () => {
    await withApi(async ({ app }) => {
      const where = did(400);
      assert.ok(where.length > 10_000);
      const r = await app.inject({
        method: 'POST',
        url: '/v1/segments/preview',
        headers: admin,
        payload: { where },
      });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'CLT_ERR_SEGMENT_TOO_COMPLEX');
      assert.match(r.json().error.message, /more than 20 event conditions/);
      // 10,000 brackets deep is over the 20,000 characters a rule may have; 5,000 is within, and too deep.
      for (const depth of [10_000, 5_000]) {
        const deep = `${'('.repeat(depth)}orders > 1${')'.repeat(depth)}`;
        const d = await app.inject({
          method: 'POST',
          url: '/v1/segments/preview',
          headers: admin,
          payload: { where: deep },
        });
        assert.equal(d.statusCode, 400);
        if (depth === 5_000) assert.equal(d.json().error.code, 'CLT_ERR_SEGMENT_TOO_COMPLEX');
      }
      const big = await app.inject({
        method: 'POST',
        url: '/v1/segments/preview',
        headers: admin,
        payload: { where: "did 'x' at least 99999999999999999999 times" },
      });
      assert.equal(big.statusCode, 400);
      assert.equal(big.json().error.code, 'CLT_ERR_SEGMENT_SYNTAX');
      assert.match(big.json().error.message, /from 1 to 1000000/);
    });
  });

  it('refuses mining requests over their budget with 400 naming the limit', async () => {
    await withApi(async ({ app }) => {
      const steps = Array.from({ length: 21 }, (_, i) => `e${i}`);
      const r = await app.inject({
        method: 'POST',
        url: '/v1/mining/funnel',
        headers: admin,
        payload: { steps },
      });
      assert.equal(r.statusCode, 400, r.body);
      assert.match(r.json().error.message, /more than 20 items/);
      const p = await app.inject({
        method: 'POST',
        url: '/v1/mining/paths',
        headers: admin,
        payload: { goal: 'x', length: 50 },
      });
      assert.equal(p.statusCode, 400);
      assert.match(p.json().error.message, /<= 10/);
    });
  });

  it('cancels a heavy but allowed preview at its deadline while /v1/track and /v1/profiles keep answering', async () => {
    await withApi(
      async ({ app, auth, db }) => {
        await manyEvents(db);
        const preview = app.inject({
          method: 'POST',
          url: '/v1/segments/preview',
          headers: admin,
          payload: { where: did(20, 'at least 2 times') },
        });
        const track = await app.inject({
          method: 'POST',
          url: '/v1/track',
          headers: { authorization: auth },
          payload: { event: 'Viewed', userId: 'u1', messageId: 'during' },
        });
        const profiles = await app.inject({ method: 'GET', url: '/v1/profiles?limit=5', headers: admin });
        assert.equal(track.statusCode, 200, track.body);
        assert.equal(profiles.statusCode, 200, profiles.body);
        // The event tracked during the preview is joined before this read answers (profiles are current);
        // the synthetic fixture has no identity graph, so its person becomes a profile of their own.
        assert.ok(profiles.json().total >= 20_000, profiles.body);
        const cancelled = await preview;
        assert.equal(cancelled.statusCode, 503, cancelled.body);
        assert.equal(cancelled.json().error.code, 'CLT_ERR_QUERY_TIMEOUT');
        assert.match(cancelled.json().error.message, /POST \/v1\/segments\/preview ran past its deadline/);
        const [stored] = await db.all<{ n: number }>(
          "SELECT count(*) AS n FROM events WHERE message_id = 'during'",
        );
        assert.equal(stored?.n, 1);
        // A cheap preview still runs within the same deadline.
        const cheap = await app.inject({
          method: 'POST',
          url: '/v1/segments/preview',
          headers: admin,
          payload: { where: 'orders >= 6' },
        });
        assert.equal(cheap.statusCode, 200, cheap.body);
      },
      { deadlines: { readMs: 60_000, analyticsMs: 300, longMs: 60_000 } },
    );
  });

  it('cancels a preview whose client closes the connection, instead of running it to its end', async () => {
    await withApi(
      async ({ app, db }) => {
        await manyEvents(db);
        const outcome = new Promise<string>((resolve) => {
          app.addHook('onError', async (_request, _reply, error) =>
            resolve((error as { code?: string }).code ?? 'error'),
          );
          app.addHook('onResponse', async (_request, reply) => resolve(`status ${reply.statusCode}`));
        });
        await app.listen({ port: 0, host: '127.0.0.1' });
        const { port } = app.server.address() as { port: number };
        const body = JSON.stringify({ where: did(20, 'at least 2 times') });
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/segments/preview',
          headers: {
            ...admin,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        });
        req.on('error', () => undefined);
        req.end(body);
        // Once the server has the request, the client gives up (as the client did at 30 s).
        await new Promise((resolve) => setTimeout(resolve, 300));
        req.destroy();
        assert.equal(await outcome, 'CLT_ERR_QUERY_CANCELLED');
      },
      { deadlines: { readMs: 60_000, analyticsMs: 600_000, longMs: 600_000 } },
    );
  });
});
