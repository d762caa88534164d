import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { importFile } from '../../ingest/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
// inject() requests never complete a body, so the body deadline fires on any request slower than it, and a
// read has its query deadline: on a shared, overloaded machine a first profile read (resolution, then the
// profile index) can pass both. These tests are about answers, not time. They run on the engine
// CLIENTELE_TEST_ENGINE picks (scripts/test.sh runs them on PostgreSQL too).
const slow = {
  timeouts: { requestMs: 300_000, idleMs: 300_000, keepAliveMs: 10_000 },
  deadlines: { readMs: 300_000, analyticsMs: 300_000, longMs: 300_000 },
};

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
  }, slow);
});

it('GET /v1/profiles/:id/timeline pages through the whole history by cursor, filtered by kind and dates', async () => {
  await withApi(async ({ app, db, dir }) => {
    const lines = Array.from(
      { length: 7 },
      (_, i) => `O${i + 1},ann@example.com,2024-0${i + 1}-15,${10 + i}`,
    );
    await writeFile(`${dir}/orders.csv`, `order_id,email,order_date,amount\n${lines.join('\n')}\n`);
    await writeFile(
      `${dir}/customers.csv`,
      'customer_id,email,first_name,signup_date\nc1,ann@example.com,Ann,2023-12-01\n',
    );
    await importFile(db, `${dir}/customers.csv`, { kind: 'customers' });
    await importFile(db, `${dir}/orders.csv`, { kind: 'orders' });
    const get = (query: string) =>
      app.inject({ method: 'GET', url: `/v1/profiles/ann@example.com/timeline?${query}`, headers: admin });

    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await get(`limit=3&kind=order${before ? `&before=${before}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { timeline: { at: string; kind: string }[]; next: string | null };
      assert.ok(body.timeline.length <= 3);
      seen.push(...body.timeline.map((t) => t.at.slice(0, 10)));
      before = body.next;
      if (!before) break;
    }
    // Every order once, newest first, though each page holds three.
    assert.deepEqual(
      seen,
      ['07', '06', '05', '04', '03', '02', '01'].map((m) => `2024-${m}-15`),
    );

    const window = await get('from=2024-03-01&to=2024-04-15&kind=order');
    assert.deepEqual(
      window.json().timeline.map((t: { at: string }) => t.at.slice(0, 10)),
      ['2024-04-15', '2024-03-15'],
    );
    const bad = await get('before=not-a-cursor');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'CLT_ERR_PROFILE_TIMELINE_CURSOR');

    // The profile page and the timeline read the same rows through the profile index.
    const profile = await app.inject({ method: 'GET', url: '/v1/profiles/c1?timeline=2', headers: admin });
    assert.equal(profile.json().metrics.orders, 7);
    assert.equal(profile.json().timeline.length, 2);
    assert.equal(typeof profile.json().timelineNext, 'string');
  }, slow);
});
