import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { tinyShop } from '../../../test/helpers/shop.js';
import { resolveIdentities } from '../../identity/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

it('the segment routes preview, save, list with history, give members, export, refresh and delete', async () => {
  await withApi(async ({ app, db, dir }) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: admin,
        ...(payload !== undefined && { payload: payload as object }),
      });

    assert.equal((await app.inject({ method: 'GET', url: '/v1/segments' })).statusCode, 403);
    const preview = await call('POST', '/v1/segments/preview', { where: "region = 'NY' and orders >= 2" });
    assert.equal(preview.statusCode, 200, preview.body);
    assert.equal(preview.json().count, 1);
    const bad = await call('POST', '/v1/segments/preview', { where: 'shoe_size > 3' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'CLT_ERR_SEGMENT_INVALID');
    assert.match(bad.json().error.message, /unknown field 'shoe_size'/);

    const saved = await call('POST', '/v1/segments', { name: 'big', where: 'revenue >= 110' });
    assert.equal(saved.statusCode, 201, saved.body);
    assert.equal(saved.json().count, 4);
    await call('POST', '/v1/segments', { name: 'big-ny', where: "in segment 'big' and region = 'NY'" });
    const hostileName = await call('POST', '/v1/segments', {
      name: "x'; DROP TABLE segments; --",
      where: 'orders > 1',
    });
    assert.equal(hostileName.statusCode, 400);

    const list = await call('GET', '/v1/segments');
    assert.deepEqual(
      list.json().map((s: { name: string; count: number }) => [s.name, s.count]),
      [
        ['big', 4],
        ['big-ny', 2],
      ],
    );
    const one = await call('GET', '/v1/segments/big');
    assert.equal(one.json().sizes.length, 1);
    const members = await call('GET', '/v1/segments/big/members?limit=2');
    assert.equal(members.json().length, 2);
    assert.ok(Array.isArray(members.json()[0].customerIds));
    // Without a churn model nothing is at stake, and the segment says so (scored 0).
    assert.deepEqual(one.json().atStake, { scored: 0, atRisk: 0, revenue: 0, clv: null, share: null });
    // The whole segment sorted on the server: the default (revenue) as before, orders and entry on request.
    type Member = { id: number; orders: number; revenue: number };
    const all = (await call('GET', '/v1/segments/big/members')).json() as Member[];
    assert.deepEqual(
      all.map((m) => m.revenue),
      all.map((m) => m.revenue).sort((a, b) => b - a),
    );
    const byOrders = (await call('GET', '/v1/segments/big/members?sort=orders')).json() as Member[];
    assert.deepEqual(
      byOrders.map((m) => m.orders),
      byOrders.map((m) => m.orders).sort((a, b) => b - a),
    );
    assert.deepEqual(byOrders.map((m) => m.id).sort(), all.map((m) => m.id).sort());
    assert.equal((await call('GET', '/v1/segments/big/members?sort=entered')).statusCode, 200);
    assert.equal((await call('GET', '/v1/segments/big/members?sort=email')).statusCode, 400);

    const csv = await call('GET', '/v1/segments/big/export?format=csv');
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.equal(csv.body.trim().split('\n').length, 5);
    const parquet = await call('GET', '/v1/segments/big/export?format=parquet');
    assert.equal(parquet.rawPayload.subarray(0, 4).toString(), 'PAR1');

    const refreshed = await call('POST', '/v1/segments/refresh', { names: ['big'] });
    assert.deepEqual(
      refreshed.json().map((r: { name: string }) => r.name),
      ['big'],
    );
    assert.equal((await call('GET', '/v1/segments/big')).json().sizes.length, 2);

    const refused = await call('DELETE', '/v1/segments/big');
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().error.message, /named by segment “Big ny”/);
    assert.equal((await call('DELETE', '/v1/segments/big-ny')).statusCode, 200);
    assert.equal((await call('DELETE', '/v1/segments/big')).statusCode, 200);
    assert.equal((await call('GET', '/v1/segments/big')).statusCode, 404);
  });
});
