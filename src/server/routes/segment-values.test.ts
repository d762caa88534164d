import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { tinyShop } from '../../../test/helpers/shop.js';
import { resolveIdentities } from '../../identity/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

it("GET /v1/segments/fields/:field/values suggests a field's values by prefix with their counts, never personal ones", async () => {
  await withApi(async ({ app, db, dir }) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    const get = (url: string) => app.inject({ method: 'GET', url, headers: admin });
    const truth = await db.all<{ region: string; n: number }>(
      `SELECT region, CAST(count(*) AS INTEGER) AS n FROM profiles WHERE region IS NOT NULL
       GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    assert.ok(truth.length > 0, 'the shop has regions');
    const all = await get('/v1/segments/fields/region/values?limit=50');
    assert.equal(all.statusCode, 200, all.body);
    assert.deepEqual(
      all.json().values,
      truth.map((r) => ({ value: r.region, count: r.n })),
    );
    const first = truth[0]?.region ?? '';
    const some = await get(
      `/v1/segments/fields/region/values?prefix=${encodeURIComponent(first.slice(0, 1).toLowerCase())}`,
    );
    assert.equal(some.statusCode, 200);
    const values = (some.json().values as { value: string }[]).map((v) => v.value);
    assert.ok(values.includes(first), 'the prefix matches in any case');
    assert.ok(values.every((v) => v.toLowerCase().startsWith(first.slice(0, 1).toLowerCase())));
    // A value with a quote is a bound value, not SQL.
    const hostile = await get(
      `/v1/segments/fields/region/values?prefix=${encodeURIComponent("x' OR 1=1 --")}`,
    );
    assert.equal(hostile.statusCode, 200);
    assert.deepEqual(hostile.json().values, []);
    const email = await get('/v1/segments/fields/email/values');
    assert.equal(email.statusCode, 400);
    assert.equal(email.json().error.code, 'CLT_ERR_SEGMENT_INVALID');
    const unknown = await get('/v1/segments/fields/shoe_size/values');
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().error.message, /unknown field 'shoe_size'/);
    const events = await get('/v1/segments/fields/$event/values');
    assert.equal(events.statusCode, 200);
    assert.equal(
      (await app.inject({ method: 'GET', url: '/v1/segments/fields/region/values' })).statusCode,
      403,
    );
  });
});
