import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { basic, withApi } from '../../test/helpers/server.js';
import { importFile } from '../ingest/index.js';
import { DEFAULT_LIMITS } from './limits.js';
import { normalizeEvent } from './normalize.js';
import { parseTimestamp } from './timestamp.js';

const receivedAt = Date.UTC(2024, 4, 1, 12);
const norm = (e: unknown, type?: 'track') => normalizeEvent(e, { receivedAt, limits: DEFAULT_LIMITS, type });

const full = {
  type: 'track',
  event: 'Order Completed',
  userId: 'u1',
  anonymousId: 'a1',
  messageId: 'm-full',
  timestamp: '2024-05-01T10:00:00.123Z',
  channel: 'server',
  properties: { revenue: 20, currency: 'EUR' },
  context: {
    library: { name: '@segment/analytics-node', version: '3.1.0' },
    device: { type: 'mobile' },
    os: { name: 'iOS' },
    userAgent: 'Mozilla/5.0',
    locale: 'de-DE',
    ip: '203.0.113.9',
    location: { country: 'DE', city: 'Berlin' },
    page: { url: 'https://shop.example/cart', referrer: 'https://search.example/' },
    campaign: { source: 'newsletter', medium: 'email', name: 'spring' },
  },
  integrations: {},
  _metadata: { nodeVersion: '20.20.2' },
};

describe('normalizeEvent()', () => {
  it('maps a Segment event to the columns of events, keeping unknown keys in extra', () => {
    const r = norm(full);
    assert.ok(r.ok);
    const row = JSON.parse(r.line);
    assert.equal(row.message_id, 'm-full');
    assert.equal(row.row_key, 'm-full');
    assert.equal(row.ts, '2024-05-01T10:00:00.123Z');
    assert.deepEqual(
      [row.device_type, row.os, row.browser, row.locale, row.ip, row.country, row.city],
      ['mobile', 'iOS', 'Mozilla/5.0', 'de-DE', '203.0.113.9', 'DE', 'Berlin'],
    );
    assert.deepEqual(
      [row.page_url, row.referrer, row.utm_source, row.utm_medium, row.utm_campaign],
      ['https://shop.example/cart', 'https://search.example/', 'newsletter', 'email', 'spring'],
    );
    assert.deepEqual(row.extra, {
      integrations: {},
      _metadata: { nodeVersion: '20.20.2' },
      receivedAt: '2024-05-01T12:00:00.000Z',
    });
    assert.equal(row.row_hash, undefined, 'the writer computes row_hash in SQL');
  });

  it('lifts email and phone from identify traits and from context.traits', () => {
    const a = norm({
      type: 'identify',
      userId: 'u',
      traits: { email: 'Ann@Example.com', phone: '+49 30 1234' },
    });
    const b = norm({
      type: 'track',
      event: 'x',
      anonymousId: 'a',
      context: { traits: { email: 'b@example.com' } },
    });
    assert.ok(a.ok && b.ok);
    assert.deepEqual(
      [JSON.parse(a.line).email, JSON.parse(a.line).phone],
      ['Ann@Example.com', '+49 30 1234'],
    );
    assert.equal(JSON.parse(b.line).email, 'b@example.com');
  });

  it('keeps timestamps far in the future or before 2000 as sent, with a flag', () => {
    const future = norm({ ...full, timestamp: '2031-01-01T00:00:00Z' });
    const old = norm({ ...full, timestamp: '1999-12-31T23:59:59Z' });
    const none = norm({ ...full, timestamp: undefined });
    assert.ok(future.ok && old.ok && none.ok);
    assert.equal(future.flag, 'timestamp_in_future');
    assert.equal(JSON.parse(future.line).ts, '2031-01-01T00:00:00.000Z');
    assert.deepEqual(JSON.parse(future.line).extra._flags, ['timestamp_in_future']);
    assert.equal(old.flag, 'timestamp_before_2000');
    assert.equal(JSON.parse(old.line).ts, '1999-12-31T23:59:59.000Z');
    assert.equal(none.flag, undefined);
    assert.equal(JSON.parse(none.line).ts, '2024-05-01T12:00:00.000Z', 'no timestamp: the time of receipt');
  });

  it('rejects bad input with a reason code, the field and a sentence', () => {
    const cases: [unknown, string, string | null, RegExp][] = [
      [[1, 2], 'not_an_object', null, /not a JSON object/],
      [
        { ...full, userId: undefined, anonymousId: undefined },
        'missing_identifier',
        'userId',
        /neither userId/,
      ],
      [{ ...full, userId: { id: 1 } }, 'wrong_type', 'userId', /must be a string or a number, not an object/],
      [{ ...full, properties: 'x' }, 'wrong_type', 'properties', /must be an object, not a string/],
      [{ ...full, messageId: 7 }, 'wrong_type', 'messageId', /must be a string/],
      [{ ...full, type: 'click' }, 'unknown_type', 'type', /not one of track/],
      [{ ...full, event: undefined }, 'missing_required', 'event', /needs an event name/],
      [{ ...full, timestamp: 'yesterday' }, 'bad_date', 'timestamp', /not an ISO 8601 date/],
      [{ ...full, timestamp: 1714557600000 }, 'wrong_type', 'timestamp', /ISO 8601 string, not a number/],
      [{ ...full, properties: { blob: 'x'.repeat(40_000) } }, 'event_too_large', null, /limit is 32768/],
      [{ type: 'alias', userId: 'u' }, 'missing_required', 'previousId', /previousId and userId/],
      [{ type: 'group', userId: 'u' }, 'missing_required', 'groupId', /groupId/],
    ];
    for (const [input, code, field, reason] of cases) {
      const r = norm(input);
      assert.ok(!r.ok, `${code} expected`);
      assert.deepEqual([r.code, r.field], [code, field]);
      assert.match(r.reason, reason);
      assert.ok((r.raw ?? '').length <= DEFAULT_LIMITS.maxEventBytes);
    }
  });

  it('gives an event through the API the same columns as the same event imported from JSON Lines', async () => {
    const identify = {
      type: 'identify',
      userId: 'u2',
      messageId: 'm-id',
      timestamp: '2024-05-02T09:30:00.000Z',
      traits: { plan: 'pro' },
      context: { os: { name: 'Android' }, ip: '198.51.100.4' },
    };
    await withApi(async ({ app, db, key, dir }) => {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: basic(key) },
        payload: { batch: [full, identify] },
      });
      assert.equal(r.statusCode, 200, r.body);
      const file = `${dir}/same.jsonl`;
      await writeFile(
        file,
        [full, identify].map((e) => JSON.stringify({ ...e, messageId: `imp-${e.messageId}` })).join('\n'),
      );
      const s = await importFile(db, file, { kind: 'events' });
      assert.equal(s.accepted, 2);
      const columns = `type, event, user_id, anonymous_id, group_id, previous_id, ts, CAST(properties AS VARCHAR) AS p,
        CAST(traits AS VARCHAR) AS t, CAST(context AS VARCHAR) AS c, channel, device_type, os, browser, locale, ip,
        country, city, page_url, referrer, utm_source, utm_medium, utm_campaign`;
      const api = await db.all(
        `SELECT ${columns} FROM events WHERE message_id LIKE 'm-%' ORDER BY message_id`,
      );
      const imported = await db.all(
        `SELECT ${columns} FROM events WHERE message_id LIKE 'imp-%' ORDER BY message_id`,
      );
      assert.equal(api.length, 2);
      assert.deepEqual(api, imported);
      const hashes = await db.all<{ h: string }>(
        "SELECT row_hash AS h FROM events WHERE message_id LIKE 'm-%'",
      );
      for (const { h } of hashes) assert.match(h, /^[0-9a-f]{32}$/);
      assert.notEqual(hashes[0]!.h, hashes[1]!.h);
    });
  });
});

describe('timestamps (the fast paths of issue 13)', () => {
  it('stores every ISO form as the instant Date reads, and a stamp already in stored form as sent', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0101-01-01T00:00:00Z'),
          max: new Date('9998-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('', '+02:00', '-0530', 'Z'),
        (d, zone) => {
          const iso = d.toISOString();
          const sent = zone === '' ? iso : zone === 'Z' ? iso.replace('.', ',') : shift(d, zone);
          const parsed = parseTimestamp(sent);
          assert.ok(parsed.ok, sent);
          assert.equal(parsed.ms, d.getTime(), sent);
          const r = norm({ ...full, timestamp: sent });
          assert.ok(r.ok);
          assert.equal(JSON.parse(r.line).ts, iso, sent);
        },
      ),
      { numRuns: 2000 },
    );
    // Impossible dates are still refused, leap days still read.
    assert.equal(parseTimestamp('2023-02-29T00:00:00.000Z').ok, false);
    assert.equal(parseTimestamp('1900-02-29').ok, false);
    assert.deepEqual(parseTimestamp('2000-02-29'), { ok: true, ms: Date.UTC(2000, 1, 29) });
    assert.deepEqual(parseTimestamp('0050-03-01T00:00:00Z'), {
      ok: true,
      ms: new Date('0050-03-01T00:00:00Z').getTime(),
    });
  });

  it('records each event with the time its own request was received', () => {
    const a = norm({ ...full, timestamp: undefined });
    const b = normalizeEvent(
      { ...full, timestamp: undefined },
      { receivedAt: receivedAt + 1, limits: DEFAULT_LIMITS },
    );
    assert.ok(a.ok && b.ok);
    assert.equal(JSON.parse(a.line).extra.receivedAt, '2024-05-01T12:00:00.000Z');
    assert.equal(JSON.parse(b.line).extra.receivedAt, '2024-05-01T12:00:00.001Z');
    assert.equal(JSON.parse(b.line).ts, '2024-05-01T12:00:00.001Z');
  });
});

// `d` written in local time at UTC offset `zone` (±HH:MM or ±HHMM).
function shift(d: Date, zone: string): string {
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return `${new Date(d.getTime() + minutes * 60_000).toISOString().slice(0, -1)}${zone}`;
}
