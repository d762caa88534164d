import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { withTempDir } from '../../test/helpers/tmp.js';
import { openWarehouse } from '../store/index.js';
import { createKey } from './keys.js';
import { DEFAULT_LIMITS } from './limits.js';
import { type NormalizedEvent, normalizeEvent } from './normalize.js';
import { PG_EPOCH_US, rowHashSql } from './sink.js';
import { EventWriter } from './writer.js';

const events = (...ids: string[]): NormalizedEvent[] =>
  ids.map((messageId) => {
    const e = normalizeEvent(
      { type: 'track', event: 'Viewed', userId: 'u1', messageId },
      { receivedAt: Date.now(), limits: DEFAULT_LIMITS },
    );
    assert.ok(e.ok);
    return e;
  });

describe('EventWriter', () => {
  it('remembers messageIds and numbering across a restart', async () => {
    await withTestDatabase(async ({ location: path }) => {
      let db = await openWarehouse(path);
      const { importId } = await createKey(db, 'web');
      const source = { name: 'web', importId };
      let writer = await EventWriter.create(db);
      assert.deepEqual(await writer.submit(source, events('a', 'b')), {
        accepted: 2,
        duplicates: 0,
        rejected: 0,
      });
      await writer.close();
      await db.close();

      db = await openWarehouse(path);
      writer = await EventWriter.create(db);
      assert.deepEqual(await writer.submit(source, events('b', 'c')), {
        accepted: 1,
        duplicates: 1,
        rejected: 0,
      });
      await writer.close();
      assert.deepEqual(await db.all('SELECT message_id, source_row FROM events ORDER BY source_row'), [
        { message_id: 'a', source_row: 1 },
        { message_id: 'b', source_row: 2 },
        { message_id: 'c', source_row: 4 },
      ]);
      await db.close();
    });
  });

  it('stores every column of an event as sent, its row hash as the SQL over the stored values, readable after a restart', async () => {
    await withTestDatabase(async ({ location }) => {
      let db = await openWarehouse(location);
      const { importId } = await createKey(db, 'web');
      const writer = await EventWriter.create(db);
      const receivedAt = Date.UTC(2026, 10, 2);
      const sent = [
        {
          type: 'track',
          event: 'Order Completed',
          userId: 'u1',
          anonymousId: 'a\tb',
          messageId: 'h1',
          timestamp: '2026-11-01T10:00:00.123Z',
          properties: { price: 19.99, name: 'Zoë \u2028', items: [{ n: 1e-7 }] },
          context: { ip: '203.0.113.9', page: { url: 'https://x.example/p' }, traits: { email: 'e@x' } },
          channel: 'web',
          custom: true,
        },
        { type: 'identify', userId: 2, messageId: 'h2', traits: { email: 'f@x' } },
        { type: 'page', anonymousId: 'z', name: 'Home', messageId: 'h3', timestamp: '1970-01-01T00:00:00Z' },
      ];
      const records = sent.map((e) => normalizeEvent(e, { receivedAt, limits: DEFAULT_LIMITS }));
      assert.deepEqual(await writer.submit({ name: 'web', importId }, records), {
        accepted: 3,
        duplicates: 0,
        rejected: 0,
      });
      await writer.close();
      await db.close();
      db = await openWarehouse(location);
      try {
        const epoch = db.dialect.name === 'duckdb' ? 'epoch_us(ts)' : PG_EPOCH_US('ts');
        const rows = await db.all<Record<string, unknown>>(
          `SELECT message_id, user_id, anonymous_id, email, ip, page_url, channel, source_row,
             ${db.dialect.epochSeconds('ts')} AS ts, CAST(properties AS VARCHAR) AS properties,
             row_hash = ${rowHashSql('', epoch)} AS hash_ok, imported_at IS NOT NULL AS imported
           FROM events ORDER BY source_row`,
        );
        assert.deepEqual(
          rows.map((r) => [r.message_id, r.user_id, r.anonymous_id, r.email, r.ip, r.page_url, r.channel]),
          [
            ['h1', 'u1', 'a\tb', 'e@x', '203.0.113.9', 'https://x.example/p', 'web'],
            ['h2', '2', null, 'f@x', null, null, null],
            ['h3', null, 'z', null, null, null, null],
          ],
        );
        assert.deepEqual(
          rows.map((r) => [r.source_row, Number(r.ts), r.hash_ok, r.imported]),
          [
            [1, 1793527200.123, true, true],
            [2, receivedAt / 1000, true, true],
            [3, 0, true, true],
          ],
        );
        assert.deepEqual(JSON.parse(String(rows[0]!.properties)), sent[0]!.properties);
      } finally {
        await db.close();
      }
    });
  });

  it('fails the submissions of a write that does not commit, and lets their retry through', async () => {
    await withTestDatabase(async ({ location }) => {
      const db = await openWarehouse(location);
      try {
        const { importId } = await createKey(db, 'web');
        const source = { name: 'web', importId };
        const writer = await EventWriter.create(db, { maxDelayMs: 1000 });
        const pending = writer.submit(source, events('x'));
        // The table disappears before the write: the transaction fails and nothing is acknowledged.
        await db.run('ALTER TABLE events RENAME TO events_away');
        await assert.rejects(pending, { code: 'CLT_ERR_API_WRITE_FAILED' });
        await db.run('ALTER TABLE events_away RENAME TO events');
        assert.deepEqual(await writer.submit(source, events('x')), {
          accepted: 1,
          duplicates: 0,
          rejected: 0,
        });
        await writer.close();
        assert.deepEqual(await db.all('SELECT message_id FROM events'), [{ message_id: 'x' }]);
      } finally {
        await db.close();
      }
    });
  });

  it('answers a repeat of an event still being written only once that write has committed', async () => {
    await withTestDatabase(async ({ location }) => {
      const db = await openWarehouse(location);
      try {
        const { importId } = await createKey(db, 'web');
        const source = { name: 'web', importId };
        const writer = await EventWriter.create(db, { maxDelayMs: 100 });
        const order: string[] = [];
        const first = writer.submit(source, events('r')).then(() => order.push('first'));
        const repeat = writer.submit(source, events('r')).then((r) => {
          order.push('repeat');
          return r;
        });
        assert.deepEqual(await repeat, { accepted: 0, duplicates: 1, rejected: 0 });
        await first;
        assert.deepEqual(order, ['first', 'repeat']);
        await writer.close();
      } finally {
        await db.close();
      }
    });
  });

  it('sets aside an event the engine refuses and commits the rest of the group, paths unnamed', async () => {
    await withTestDatabase(async ({ location }) => {
      const db = await openWarehouse(location);
      try {
        const a = { name: 'a', importId: (await createKey(db, 'a')).importId };
        const b = { name: 'b', importId: (await createKey(db, 'b')).importId };
        const writer = await EventWriter.create(db, { maxDelayMs: 50 });
        // An event that passed normalizeEvent but whose row the engine refuses (a time it cannot read).
        const [good, poisoned] = events('p1', 'p2');
        const poison = { ...poisoned!, row: { ...poisoned!.row, ts: 'not a time' } };
        const results = await Promise.all([
          writer.submit(a, [good!, poison]),
          writer.submit(b, events('b1', 'b2')),
          writer.submit(b, events('b3')),
        ]);
        assert.deepEqual(results[1], { accepted: 2, duplicates: 0, rejected: 0 });
        assert.deepEqual(results[2], { accepted: 1, duplicates: 0, rejected: 0 });
        assert.equal(results[0]!.accepted, 1);
        assert.equal(results[0]!.rejected, 1);
        assert.equal(results[0]!.unstorable?.[0]?.index, 1);
        assert.equal(results[0]!.unstorable?.[0]?.messageId, 'p2');
        assert.doesNotMatch(results[0]!.unstorable?.[0]?.reason ?? '', /\/tmp|spool/);
        await writer.close();
        assert.deepEqual(
          (await db.all<{ m: string }>('SELECT message_id AS m FROM events ORDER BY m')).map((r) => r.m),
          ['b1', 'b2', 'b3', 'p1'],
        );
        const [reject] = await db.all<{ code: string; row: number }>(
          "SELECT reason_code AS code, source_row AS row FROM rejects WHERE file = 'api:a'",
        );
        assert.deepEqual(reject, { code: 'unstorable', row: 2 });
        const [counts] = await db.all(
          'SELECT rows_accepted AS accepted, rows_rejected AS rejected FROM imports WHERE import_id = ?',
          [a.importId],
        );
        assert.deepEqual(counts, { accepted: 1, rejected: 1 });
      } finally {
        await db.close();
      }
    });
  });

  it('answers a failed write without the server’s paths', async () => {
    await withTestDatabase(async ({ location }) => {
      const db = await openWarehouse(location);
      try {
        const { importId } = await createKey(db, 'web');
        const writer = await EventWriter.create(db, { maxDelayMs: 500 });
        const pending = writer.submit({ name: 'web', importId }, events('q'));
        await db.run('ALTER TABLE events RENAME TO events_away');
        await assert.rejects(pending, (error: Error) => {
          assert.equal((error as { code?: string }).code, 'CLT_ERR_API_WRITE_FAILED');
          assert.doesNotMatch(error.message, /\/tmp|spool|ndjson/);
          return true;
        });
        await db.run('ALTER TABLE events_away RENAME TO events');
        await writer.close();
      } finally {
        await db.close();
      }
    });
  });
  it('acknowledges each submission only once its events are stored, and keeps every bad event with its reason', async () => {
    // Reads the stored rows back with DuckDB's SQL: on a DuckDB file whatever the engine under test.
    await withTempDir(async (dir) => {
      const db = await openWarehouse(`${dir}/w.duckdb`);
      const { importId } = await createKey(db, 'web');
      const source = { name: 'web', importId };
      const writer = await EventWriter.create(db);
      const receivedAt = Date.now();
      const inputs = (k: number): unknown[] => [
        {
          type: 'track',
          event: 'Viewed',
          userId: `u${k}`,
          messageId: `ok-${k}-1`,
          timestamp: '2026-11-01T10:00:00.000Z',
        },
        { type: 'track', userId: `u${k}`, messageId: `bad-${k}-event` },
        {
          type: 'track',
          event: 'Viewed',
          userId: `u${k}`,
          messageId: `bad-${k}-date`,
          timestamp: '2026-02-30',
        },
        {
          type: 'track',
          event: 'Viewed',
          userId: `u${k}`,
          messageId: `ok-${k}-2`,
          timestamp: '2026-11-01T12:00:00+02:00',
        },
        'not an event',
      ];
      // Several submissions at once share group commits; each one's answer must wait for its own rows.
      const seen = await Promise.all(
        [1, 2, 3, 4].map(async (k) => {
          const records = inputs(k).map((e) => normalizeEvent(e, { receivedAt, limits: DEFAULT_LIMITS }));
          const result = await writer.submit(source, records);
          const [stored] = await db.all<{ n: number }>(
            'SELECT count(*)::INTEGER AS n FROM events WHERE message_id IN (?, ?)',
            [`ok-${k}-1`, `ok-${k}-2`],
          );
          return { result, stored: stored?.n };
        }),
      );
      for (const s of seen)
        assert.deepEqual(s, { result: { accepted: 2, duplicates: 0, rejected: 3 }, stored: 2 });
      await writer.close();
      assert.deepEqual(
        await db.all(
          "SELECT reason_code, field, count(*)::INTEGER AS n FROM rejects WHERE kind = 'events' GROUP BY ALL ORDER BY 1",
        ),
        [
          { reason_code: 'bad_date', field: 'timestamp', n: 4 },
          { reason_code: 'missing_required', field: 'event', n: 4 },
          { reason_code: 'not_an_object', field: null, n: 4 },
        ],
      );
      const [reason] = await db.all<{ reason: string }>(
        "SELECT reason FROM rejects WHERE reason_code = 'bad_date' LIMIT 1",
      );
      assert.match(reason!.reason, /2026-02-30.*not a calendar date/);
      assert.deepEqual(
        await db.all("SELECT count(*)::INTEGER AS n FROM events WHERE message_id LIKE 'bad-%'"),
        [{ n: 0 }],
      );
      assert.deepEqual(
        await db.all("SELECT DISTINCT strftime(ts, '%Y-%m-%dT%H:%M:%S') AS t FROM events ORDER BY 1"),
        [{ t: '2026-11-01T10:00:00' }],
      );
      await db.close();
    });
  });
});
