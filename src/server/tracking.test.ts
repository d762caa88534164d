import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { ADMIN_TOKEN, basic, withApi } from '../../test/helpers/server.js';
import { createKey, revokeKey, SOURCES_MAX_AGE_MS, SOURCES_MISS_RELOAD_MS } from '../events/index.js';

const track = (messageId: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'Viewed',
  userId: 'u1',
  messageId,
  timestamp: '2024-05-01T10:00:00Z',
  ...extra,
});

describe('Event API', () => {
  it('answers 401 without a write key and with an unknown one, before reading the body', async () => {
    await withApi(async ({ app }) => {
      const none = await app.inject({ method: 'POST', url: '/v1/track', payload: track('a') });
      const unknown = await app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { authorization: basic('clt_nope') },
        payload: track('a'),
      });
      assert.equal(none.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(unknown.json().error.code, 'CLT_ERR_API_UNAUTHORIZED');
    });
  });

  it('takes a key another process made, and refuses one it revoked, without a restart', async () => {
    await withApi(async ({ app, db }) => {
      const send = (key: string) =>
        app.inject({
          method: 'POST',
          url: '/v1/track',
          headers: { authorization: basic(key) },
          payload: track('k'),
        });
      // As the CLI on PostgreSQL or a second server would: straight into the database, not through this app.
      const { key } = await createKey(db, 'elsewhere');
      await sleep(SOURCES_MISS_RELOAD_MS + 100);
      assert.equal((await send(key)).statusCode, 200);
      await revokeKey(db, 'elsewhere');
      await sleep(SOURCES_MAX_AGE_MS + 100);
      const refused = await send(key);
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.json().error.code, 'CLT_ERR_API_UNAUTHORIZED');
    });
  });

  it('stores one call on each single-event route, its type taken from the path', async () => {
    await withApi(async ({ app, auth, db }) => {
      const bodies: Record<string, Record<string, unknown>> = {
        track: { event: 'Signed Up', userId: 'u1' },
        identify: { userId: 'u1', traits: { email: 'ann@example.com' } },
        page: { anonymousId: 'a1', name: 'Home' },
        screen: { anonymousId: 'a1', name: 'Settings' },
        group: { userId: 'u1', groupId: 'g1' },
        alias: { userId: 'u1', previousId: 'a1' },
      };
      for (const [type, body] of Object.entries(bodies)) {
        const r = await app.inject({
          method: 'POST',
          url: `/v1/${type}`,
          headers: { authorization: auth },
          payload: { ...body, messageId: `m-${type}` },
        });
        assert.equal(r.statusCode, 200, r.body);
        assert.deepEqual(r.json(), { success: true, accepted: 1, duplicates: 0, flagged: 0 });
      }
      const rows = await db.all(
        'SELECT type, event, user_id, anonymous_id, email, group_id, previous_id FROM events ORDER BY message_id',
      );
      assert.deepEqual(rows, [
        {
          type: 'alias',
          event: null,
          user_id: 'u1',
          anonymous_id: null,
          email: null,
          group_id: null,
          previous_id: 'a1',
        },
        {
          type: 'group',
          event: null,
          user_id: 'u1',
          anonymous_id: null,
          email: null,
          group_id: 'g1',
          previous_id: null,
        },
        {
          type: 'identify',
          event: null,
          user_id: 'u1',
          anonymous_id: null,
          email: 'ann@example.com',
          group_id: null,
          previous_id: null,
        },
        {
          type: 'page',
          event: 'Home',
          user_id: null,
          anonymous_id: 'a1',
          email: null,
          group_id: null,
          previous_id: null,
        },
        {
          type: 'screen',
          event: 'Settings',
          user_id: null,
          anonymous_id: 'a1',
          email: null,
          group_id: null,
          previous_id: null,
        },
        {
          type: 'track',
          event: 'Signed Up',
          user_id: 'u1',
          anonymous_id: null,
          email: null,
          group_id: null,
          previous_id: null,
        },
      ]);
    });
  });

  it('reads gzip bodies labelled application/x-www-form-urlencoded, as rudder-sdk-node sends them', async () => {
    await withApi(async ({ app, auth, db }) => {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: {
          authorization: auth,
          'content-type': 'application/x-www-form-urlencoded',
          'content-encoding': 'gzip',
        },
        payload: gzipSync(
          JSON.stringify({ batch: [track('g1'), track('g2')], sentAt: new Date().toISOString() }),
        ),
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(await db.all('SELECT message_id FROM events ORDER BY 1'), [
        { message_id: 'g1' },
        { message_id: 'g2' },
      ]);
    });
  });

  it('answers 400 to malformed JSON, a body without a batch array, and an unknown encoding', async () => {
    await withApi(async ({ app, auth, db }) => {
      const post = (payload: string | Buffer, headers: Record<string, string> = {}, url = '/v1/batch') =>
        app.inject({
          method: 'POST',
          url,
          headers: { authorization: auth, 'content-type': 'application/json', ...headers },
          payload,
        });
      const broken = await post('{"batch": [{"type": "track",');
      assert.equal(broken.statusCode, 400);
      assert.equal(broken.json().error.code, 'CLT_ERR_API_BAD_JSON');
      const noBatch = await post('{"events": []}');
      assert.equal(noBatch.statusCode, 400);
      assert.match(noBatch.json().error.message, /batch/);
      const notGzip = await post('plain', { 'content-encoding': 'gzip' });
      assert.equal(notGzip.statusCode, 400);
      assert.match(notGzip.json().error.message, /does not decompress/);
      const br = await post('{}', { 'content-encoding': 'br' });
      assert.equal(br.statusCode, 415);
      // The unreadable bodies are kept in rejects under the source, as an import keeps its bad lines.
      assert.deepEqual(await db.all('SELECT file, reason_code, raw FROM rejects ORDER BY rejected_at, raw'), [
        { file: 'api:test', reason_code: 'bad_json', raw: '{"batch": [{"type": "track",' },
        { file: 'api:test', reason_code: 'bad_json', raw: null },
      ]);
    });
  });

  it('stores the good events of a batch, puts the bad ones in rejects and names each in a 400', async () => {
    await withApi(async ({ app, auth, db }) => {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: auth },
        payload: {
          batch: [
            track('ok1'),
            track('noid', { userId: undefined }),
            track('types', { properties: [1, 2] }),
            track('ok2'),
            track('future', { timestamp: '2999-01-01T00:00:00Z' }),
            track('old', { timestamp: '1970-01-01T00:00:00Z' }),
          ],
        },
      });
      assert.equal(r.statusCode, 400);
      const error = r.json().error;
      assert.equal(error.code, 'CLT_ERR_API_INVALID_EVENT');
      assert.match(
        error.message,
        /2 of 6 events rejected \(4 stored\): event 1 \(messageId noid\): neither userId/,
      );
      assert.deepEqual(
        error.details.rejected.map((p: { index: number; code: string }) => [p.index, p.code]),
        [
          [1, 'missing_identifier'],
          [2, 'wrong_type'],
        ],
      );
      const stored = await db.all(
        "SELECT message_id, CAST(ts AS VARCHAR) AS ts, CAST(extra->'_flags' AS VARCHAR) AS flags FROM events ORDER BY message_id",
      );
      assert.deepEqual(stored, [
        { message_id: 'future', ts: '2999-01-01 00:00:00+00', flags: '["timestamp_in_future"]' },
        { message_id: 'ok1', ts: '2024-05-01 10:00:00+00', flags: null },
        { message_id: 'ok2', ts: '2024-05-01 10:00:00+00', flags: null },
        { message_id: 'old', ts: '1970-01-01 00:00:00+00', flags: '["timestamp_before_2000"]' },
      ]);
      const rejects = await db.all(
        'SELECT kind, file, field, reason_code, raw FROM rejects ORDER BY reason_code',
      );
      assert.equal(rejects.length, 2);
      assert.deepEqual(rejects[0], {
        kind: 'events',
        file: 'api:test',
        field: 'userId',
        reason_code: 'missing_identifier',
        raw: JSON.stringify(track('noid', { userId: undefined })),
      });
      // Rows are numbered by their place in the stream, rejected or not.
      assert.deepEqual(await db.all('SELECT reason_code, source_row FROM rejects ORDER BY source_row'), [
        { reason_code: 'missing_identifier', source_row: 2 },
        { reason_code: 'wrong_type', source_row: 3 },
      ]);
      const [log] = await db.all(
        "SELECT rows_read, rows_accepted, rows_rejected FROM imports WHERE file = 'api:test'",
      );
      assert.deepEqual(log, { rows_read: 6, rows_accepted: 4, rows_rejected: 2 });
    });
  });

  it('answers 413 to an event over 32 KB and to a body over 500 KB, plain or gzip (a zip bomb)', async () => {
    await withApi(async ({ app, auth, db }) => {
      const big = await app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { authorization: auth },
        payload: track('big', { properties: { blob: 'x'.repeat(33 * 1024) } }),
      });
      assert.equal(big.statusCode, 413);
      assert.equal(big.json().error.code, 'CLT_ERR_API_EVENT_TOO_LARGE');
      assert.match(
        big.json().error.message,
        /event 0 \(messageId big\): is \d+ bytes of JSON; the limit is 32768/,
      );
      const many = Array.from({ length: 2000 }, (_, i) =>
        track(`b${i}`, { properties: { pad: 'y'.repeat(300) } }),
      );
      const plain = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: auth },
        payload: { batch: many },
      });
      assert.equal(plain.statusCode, 413);
      assert.equal(plain.json().error.code, 'CLT_ERR_API_BATCH_TOO_LARGE');
      // 50 MB of zeros compress to about 50 KB: the inflater stops at the limit instead of allocating it.
      const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
      assert.ok(bomb.length < 100 * 1024);
      const zipped = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: auth, 'content-encoding': 'gzip' },
        payload: bomb,
      });
      assert.equal(zipped.statusCode, 413);
      assert.match(zipped.json().error.message, /once decompressed; the limit is 512000/);
      assert.deepEqual(await db.all('SELECT count(*)::INTEGER AS n FROM events'), [{ n: 0 }]);
      assert.deepEqual(
        await db.all(
          'SELECT reason_code, raw IS NULL AS no_raw FROM rejects ORDER BY rejected_at, reason_code',
        ),
        [
          { reason_code: 'event_too_large', no_raw: false },
          { reason_code: 'batch_too_large', no_raw: true },
          { reason_code: 'batch_too_large', no_raw: true },
        ],
      );
    });
  });

  it('drops a repeated messageId, within a batch and across requests', async () => {
    await withApi(async ({ app, auth, db }) => {
      const first = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: auth },
        payload: { batch: [track('d1'), track('d2'), track('d1')] },
      });
      assert.deepEqual(first.json(), { success: true, accepted: 2, duplicates: 1, flagged: 0 });
      const retry = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: auth },
        payload: { batch: [track('d1'), track('d2'), track('d3')] },
      });
      assert.deepEqual(retry.json(), { success: true, accepted: 1, duplicates: 2, flagged: 0 });
      assert.deepEqual(
        await db.all('SELECT message_id, count(*)::INTEGER AS n FROM events GROUP BY 1 ORDER BY 1'),
        [
          { message_id: 'd1', n: 1 },
          { message_id: 'd2', n: 1 },
          { message_id: 'd3', n: 1 },
        ],
      );
      // source_row numbers a source's records in order of arrival, repeats included, as a file's rows are.
      assert.deepEqual(await db.all('SELECT message_id, source_row FROM events ORDER BY source_row'), [
        { message_id: 'd1', source_row: 1 },
        { message_id: 'd2', source_row: 2 },
        { message_id: 'd3', source_row: 6 },
      ]);
    });
  });

  it('answers 429 with Retry-After when the write queue is full, instead of queueing without bound', async () => {
    await withApi(
      async ({ app, auth, db }) => {
        const batch = (p: string) => ({ batch: [1, 2, 3, 4].map((i) => track(`${p}${i}`)) });
        const [a, b] = await Promise.all([
          app.inject({
            method: 'POST',
            url: '/v1/batch',
            headers: { authorization: auth },
            payload: batch('a'),
          }),
          app.inject({
            method: 'POST',
            url: '/v1/batch',
            headers: { authorization: auth },
            payload: batch('b'),
          }),
        ]);
        assert.equal(a.statusCode, 200);
        assert.equal(b.statusCode, 429);
        assert.equal(b.headers['retry-after'], '1');
        assert.equal(b.json().error.code, 'CLT_ERR_API_OVERLOADED');
        const again = await app.inject({
          method: 'POST',
          url: '/v1/batch',
          headers: { authorization: auth },
          payload: batch('b'),
        });
        assert.equal(again.statusCode, 200, 'once the queue drains the retry goes through');
        assert.deepEqual(await db.all('SELECT count(*)::INTEGER AS n FROM events'), [{ n: 8 }]);
      },
      { writer: { maxQueue: 5, maxDelayMs: 400 } },
    );
  });

  it('serves /health, the OpenAPI description at /docs and the admin event listing behind its token', async () => {
    await withApi(async ({ app, auth }) => {
      assert.equal((await app.inject({ method: 'GET', url: '/health' })).json().status, 'ok');
      const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
      assert.equal(spec.openapi, '3.0.3');
      for (const path of [
        '/v1/track',
        '/v1/identify',
        '/v1/page',
        '/v1/screen',
        '/v1/group',
        '/v1/alias',
        '/v1/batch',
      ]) {
        assert.ok(spec.paths[path]?.post, path);
      }
      assert.equal((await app.inject({ method: 'GET', url: '/docs/' })).statusCode, 200);
      await app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { authorization: auth },
        payload: track('x1'),
      });
      const denied = await app.inject({
        method: 'GET',
        url: '/v1/events?limit=5',
        headers: { authorization: auth },
      });
      assert.equal(denied.statusCode, 403);
      const listed = await app.inject({
        method: 'GET',
        url: '/v1/events?limit=5',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      assert.deepEqual(
        listed.json().events.map((e: { messageId: string; source: string }) => [e.messageId, e.source]),
        [['x1', 'api:test']],
      );
    });
  });
});
