import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { importFile } from '../../ingest/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

it('GET /v1/profiles finds a person by any identifier, lists and filters profiles, and resolves on demand', async () => {
  await withApi(async ({ app, db, dir }) => {
    await writeFile(
      `${dir}/customers.csv`,
      'customer_id,email,first_name,country\nc1,ann@example.com,Ann,DE\nc2,bob@example.com,Bob,US\n',
    );
    await writeFile(
      `${dir}/orders.csv`,
      'order_id,email,order_date,amount\nO1,ANN@example.com,2024-02-01,40\nO2,ann@example.com,2024-03-01,60\n',
    );
    await importFile(db, `${dir}/customers.csv`, { kind: 'customers' });
    await importFile(db, `${dir}/orders.csv`, { kind: 'orders' });

    const denied = await app.inject({ method: 'POST', url: '/v1/identity/resolve', payload: {} });
    assert.equal(denied.statusCode, 403);
    const resolved = await app.inject({
      method: 'POST',
      url: '/v1/identity/resolve',
      headers: admin,
      payload: {},
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json().profiles, 2);

    const ann = await app.inject({
      method: 'GET',
      url: '/v1/profiles/Ann@Example.com?explain=true',
      headers: admin,
    });
    assert.equal(ann.statusCode, 200, ann.body);
    const profile = ann.json();
    assert.deepEqual(profile.customerIds, ['c1']);
    assert.equal(profile.metrics.orders, 2);
    assert.equal(profile.metrics.revenue, 100);
    assert.ok(profile.explain.identifiers.some((i: { type: string }) => i.type === 'email'));
    const byId = await app.inject({
      method: 'GET',
      url: `/v1/profiles/${profile.id}/timeline`,
      headers: admin,
    });
    assert.deepEqual(
      byId.json().timeline.map((t: { kind: string }) => t.kind),
      ['order', 'order'],
    );

    const list = await app.inject({ method: 'GET', url: '/v1/profiles?limit=1', headers: admin });
    assert.deepEqual(
      [list.json().total, list.json().profiles.length, list.json().profiles[0].firstName],
      [2, 1, 'Ann'],
    );
    const filtered = await app.inject({ method: 'GET', url: '/v1/profiles?country=US', headers: admin });
    assert.deepEqual(
      filtered.json().profiles.map((p: { email: string }) => p.email),
      ['bob@example.com'],
    );

    const missing = await app.inject({
      method: 'GET',
      url: '/v1/profiles/nobody@example.com',
      headers: admin,
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'CLT_ERR_PROFILE_NOT_FOUND');
  });
});
