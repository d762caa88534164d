import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { withApi } from '../../test/helpers/server.js';
import { ensureCurrent } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { saveSegment } from '../segments/index.js';
import { localTime, savePlacement } from './index.js';

const RULES = [
  { if: 'local_hour >= 22 or local_hour < 6', variant: 'night', payload: { hero: 'moon' } },
  { if: "in segment 'at-risk'", variant: 'winback', payload: { hero: 'come back: 15 % off' } },
  { if: 'is_new = true', variant: 'welcome', payload: { hero: 'hello' } },
  { variant: 'default', payload: { hero: 'bestsellers' } },
];

test('localTime() reads the hour and weekday in the visitor zone', () => {
  const t = new Date('2026-12-06T23:30:00Z');
  assert.deepEqual(localTime(t, 'UTC'), { hour: 23, weekday: 'sunday' });
  assert.deepEqual(localTime(t, 'Europe/Warsaw'), { hour: 0, weekday: 'monday' });
  assert.deepEqual(localTime(t, 'Not/AZone'), { hour: 23, weekday: 'sunday' });
});

test('GET /v1/decide shows an at-risk customer, a first-time visitor and a night visitor different heroes', async () => {
  await withApi(async (api) => {
    await writeFile(
      join(api.dir, 'customers.csv'),
      'customer_id,email,country\nc1,a@x.io,US\nc2,b@x.io,US\n',
    );
    await writeFile(
      join(api.dir, 'orders.csv'),
      'order_id,customer_id,order_ts,revenue\no1,c1,2023-01-05T10:00:00Z,50\no2,c2,2026-11-30T10:00:00Z,70\n',
    );
    await importFile(api.db, join(api.dir, 'customers.csv'), { kind: 'customers' });
    await importFile(api.db, join(api.dir, 'orders.csv'), { kind: 'orders' });
    await ensureCurrent(api.db);
    await saveSegment(api.db, 'at-risk', 'revenue < 60');
    await assert.rejects(savePlacement(api.db, 'bad', [{ if: 'nonsense_field > 1', variant: 'x' }]), {
      code: 'CLT_ERR_ACTIVATION_INVALID',
    });
    await savePlacement(api.db, 'hero', RULES);
    const ask = async (query: string) => {
      const res = await api.app.inject({
        method: 'GET',
        url: `/v1/decide?placement=hero&${query}`,
        headers: {
          authorization: api.auth,
          'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)',
        },
      });
      return { status: res.statusCode, body: res.json() as { variant: string; reason: string } };
    };
    // Day and night in the visitor's zone: of zones one hour apart all round the world, one where it is now
    // between 08:00 and 20:00 and one where it is between 23:00 and 05:00, whatever the hour the test runs.
    const zones = Array.from({ length: 25 }, (_, i) =>
      i === 12 ? 'UTC' : `Etc/GMT${i < 12 ? '-' : '+'}${Math.abs(12 - i)}`,
    );
    const day = zones.find((z) => {
      const h = localTime(new Date(), z).hour;
      return h >= 8 && h < 20;
    })!;
    const night = zones.find((z) => {
      const h = localTime(new Date(), z).hour;
      return h >= 23 || h < 5;
    })!;
    assert.ok(day && night, `a day and a night zone among ${zones.join(', ')}`);
    assert.equal((await ask(`userId=c1&tz=${encodeURIComponent(day)}`)).body.variant, 'winback');
    assert.equal((await ask(`anonymousId=never-seen&tz=${encodeURIComponent(day)}`)).body.variant, 'welcome');
    assert.equal((await ask(`email=b@x.io&tz=${encodeURIComponent(day)}`)).body.variant, 'default');
    assert.equal((await ask(`userId=c2&tz=${encodeURIComponent(night)}`)).body.variant, 'night');
    const missing = await api.app.inject({
      method: 'GET',
      url: '/v1/decide?placement=nope&userId=c1',
      headers: { authorization: api.auth },
    });
    assert.equal(missing.statusCode, 404);
    assert.equal((missing.json() as { error: { code: string } }).error.code, 'CLT_ERR_ACTIVATION_NOT_FOUND');
    const noKey = await api.app.inject({ method: 'GET', url: '/v1/decide?placement=hero' });
    assert.equal(noKey.statusCode, 401);
  });
});
