import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextClockTime, parseDuration, quietUntil, waitUntil, zonedInstant, zoneOf } from './time.js';

const at = (iso: string) => new Date(iso);

test('nextClockTime() finds 09:00 on each person’s own clock, across the US spring-forward night', () => {
  // 06:30 UTC on 8 March 2026: New York moved to EDT (UTC−4) at 02:00 local that night.
  const now = at('2026-03-08T06:30:00Z');
  assert.equal(nextClockTime(now, '09:00', 'America/New_York').toISOString(), '2026-03-08T13:00:00.000Z');
  assert.equal(nextClockTime(now, '09:00', 'Europe/Warsaw').toISOString(), '2026-03-08T08:00:00.000Z');
  // 15:30 in Tokyo: 09:00 is tomorrow.
  assert.equal(nextClockTime(now, '09:00', 'Asia/Tokyo').toISOString(), '2026-03-09T00:00:00.000Z');
  // The skipped hour does not exist in New York that night: 02:30 comes out an hour later.
  assert.equal(zonedInstant('America/New_York', 2026, 3, 8, 2, 30).toISOString(), '2026-03-08T07:30:00.000Z');
  // The repeated hour of the autumn change is its first occurrence (EDT).
  assert.equal(
    zonedInstant('America/New_York', 2026, 11, 1, 1, 30).toISOString(),
    '2026-11-01T05:30:00.000Z',
  );
});

test('waitUntil() adds the duration, then waits for the time of day in the zone', () => {
  const now = at('2026-06-01T12:00:00Z');
  assert.equal(parseDuration('3d'), 3 * 86_400_000);
  assert.equal(parseDuration('90m'), 90 * 60_000);
  assert.throws(() => parseDuration('soon'));
  assert.equal(waitUntil(now, { duration: '2d' }, 'UTC').toISOString(), '2026-06-03T12:00:00.000Z');
  // Two days on is 07:00 in Chicago (CDT, UTC−5): 10:00 that day.
  assert.equal(
    waitUntil(now, { duration: '2d', until: '10:00' }, 'America/Chicago').toISOString(),
    '2026-06-03T15:00:00.000Z',
  );
});

test('quietUntil() holds a send in the quiet hours of the person’s clock, and only there', () => {
  const quiet = { start: '21:00', end: '08:00' };
  const now = at('2026-06-01T03:00:00Z');
  // 22:00 in Chicago: held until 08:00 there (13:00 UTC).
  assert.equal(quietUntil(now, quiet, 'America/Chicago')?.toISOString(), '2026-06-01T13:00:00.000Z');
  // 05:00 in Warsaw: held until 08:00 (06:00 UTC).
  assert.equal(quietUntil(now, quiet, 'Europe/Warsaw')?.toISOString(), '2026-06-01T06:00:00.000Z');
  // Noon in Tokyo: not quiet.
  assert.equal(quietUntil(now, quiet, 'Asia/Tokyo'), null);
  assert.equal(quietUntil(now, null, 'America/Chicago'), null);
  // A window within one day.
  assert.equal(
    quietUntil(at('2026-06-01T12:30:00Z'), { start: '12:00', end: '13:00' }, 'UTC')?.toISOString(),
    '2026-06-01T13:00:00.000Z',
  );
});

test('zoneOf() reads a zone trait, then the US state, then the country, then the fallback', () => {
  assert.equal(
    zoneOf({ traits: { timezone: 'Europe/Lisbon' }, country: 'US', region: 'CA' }),
    'Europe/Lisbon',
  );
  assert.equal(
    zoneOf({ traits: { timezone: 'Mars/Base' }, country: 'US', region: 'CA' }),
    'America/Los_Angeles',
  );
  assert.equal(zoneOf({ country: 'US', region: 'NY' }), 'America/New_York');
  assert.equal(zoneOf({ country: 'PL' }), 'Europe/Warsaw');
  assert.equal(zoneOf({ country: 'ZZ' }, 'Europe/Paris'), 'Europe/Paris');
  assert.equal(zoneOf({}), 'UTC');
});
