import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { importFile } from '../../ingest/index.js';
import { runAliveChurn } from '../../modeling/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

const CUSTOMERS = `customer_id,email,country,acquisition_source
c1,c1@x.io,DE,social
c2,c2@x.io,US,email
c3,c3@x.io,US,social
`;
// March holds o2 and o3 (80); o4 is cancelled and never counts; o1 is before the previous period.
const ORDERS = `order_id,customer_id,order_ts,revenue,status
o1,c1,2024-01-10T10:00:00Z,100,completed
o2,c1,2024-03-05T10:00:00Z,50,completed
o3,c2,2024-03-20T10:00:00Z,30,completed
o4,c3,2024-02-01T10:00:00Z,20,cancelled
o6,c3,2024-02-15T10:00:00Z,40,completed
`;

it('GET /v1/overview counts a range against the previous one, filters by segment, and is cached until the data changes', async () => {
  await withApi(async ({ app, db, dir }) => {
    await writeFile(`${dir}/customers.csv`, CUSTOMERS);
    await writeFile(`${dir}/orders.csv`, ORDERS);
    await importFile(db, `${dir}/customers.csv`, { kind: 'customers' });
    await importFile(db, `${dir}/orders.csv`, { kind: 'orders' });
    const get = async (query: string) => {
      const r = await app.inject({ method: 'GET', url: `/v1/overview${query}`, headers: admin });
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };
    const resolve = async () =>
      assert.equal(
        (await app.inject({ method: 'POST', url: '/v1/identity/resolve', headers: admin, payload: {} }))
          .statusCode,
        200,
      );
    await resolve();

    const denied = await app.inject({ method: 'GET', url: '/v1/overview' });
    assert.equal(denied.statusCode, 403);

    const march = await get('?from=2024-03-01&to=2024-03-31');
    assert.deepEqual(march.range, {
      from: '2024-03-01',
      to: '2024-03-31',
      previousFrom: '2024-01-30',
      previousTo: '2024-02-29',
    });
    assert.deepEqual(march.dataRange, { first: '2024-01-10', last: '2024-03-20' });
    assert.equal(march.cached, false);
    const t = march.totals;
    assert.deepEqual(
      [
        t.profiles,
        t.customers,
        t.active,
        t.activePrevious,
        t.orders,
        t.ordersPrevious,
        t.revenue,
        t.revenuePrevious,
      ],
      [3, 3, 2, 1, 2, 1, 80, 40],
    );
    assert.equal(t.growth, 80 / 40 - 1);
    assert.deepEqual(march.revenueByMonth, [{ month: '2024-03', revenue: 80, orders: 2, buyers: 2 }]);
    assert.deepEqual(
      march.countries.map((c: { key: string; customers: number }) => [c.key, c.customers]),
      [
        ['US', 2],
        ['DE', 1],
      ],
    );
    assert.deepEqual(
      march.channels.map((c: { key: string; customers: number }) => [c.key, c.customers]),
      [
        ['social', 2],
        ['email', 1],
      ],
    );

    // Without dates: the year up to the last order day.
    const year = await get('');
    assert.deepEqual([year.range.from, year.range.to], ['2023-03-22', '2024-03-20']);
    assert.equal(year.totals.revenue, 220);

    // DuckDB keeps a Parquet copy of the pre-aggregate beside its file; PostgreSQL keeps it in a schema.
    const onFile = db.dialect.name === 'duckdb';
    const copies = async () =>
      (await readdir(dir)).filter((f) => /\.overview-[0-9a-f]{16}\.parquet$/.test(f));
    const [copy] = await copies();
    assert.ok(onFile ? copy : copy === undefined, 'the pre-aggregate is kept beside a DuckDB file only');

    const again = await get('?from=2024-03-01&to=2024-03-31');
    assert.equal(again.cached, true);
    assert.deepEqual({ ...again, cached: false, computedMs: 0 }, { ...march, computedMs: 0 });

    // A new order (once resolved) is in the next answer.
    await writeFile(
      `${dir}/more.csv`,
      'order_id,customer_id,order_ts,revenue,status\no5,c2,2024-03-25T10:00:00Z,20,completed\n',
    );
    await importFile(db, `${dir}/more.csv`, { kind: 'orders' });
    await resolve();
    const fresh = await get('?from=2024-03-01&to=2024-03-31');
    assert.equal(fresh.cached, false);
    assert.equal(fresh.totals.revenue, 100);
    const after = await copies();
    if (onFile) {
      assert.equal(after.length, 1, 'one copy, of the current state');
      assert.notEqual(after[0], copy);
    }

    // A segment's members only.
    const saved = await app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: admin,
      payload: { name: 'germany', where: "country = 'DE'" },
    });
    assert.ok(saved.statusCode < 300, saved.body);
    const de = await get('?from=2024-03-01&to=2024-03-31&segment=germany');
    assert.deepEqual(
      [de.segment, de.totals.customers, de.totals.revenue, de.totals.active],
      ['germany', 1, 50, 1],
    );

    const unknown = await app.inject({ method: 'GET', url: '/v1/overview?segment=nope', headers: admin });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'CLT_ERR_SEGMENT_NOT_FOUND');
    const backwards = await app.inject({
      method: 'GET',
      url: '/v1/overview?from=2024-03-02&to=2024-03-01',
      headers: admin,
    });
    assert.equal(backwards.statusCode, 400);
  });
});

it('GET /v1/value/summary and /v1/profiles/:id/scores answer empty before any model run, and from the latest run after', async () => {
  await withApi(async ({ app, db, dir }) => {
    await writeFile(`${dir}/customers.csv`, CUSTOMERS);
    await writeFile(`${dir}/orders.csv`, ORDERS);
    await importFile(db, `${dir}/customers.csv`, { kind: 'customers' });
    await importFile(db, `${dir}/orders.csv`, { kind: 'orders' });
    await app.inject({ method: 'POST', url: '/v1/identity/resolve', headers: admin, payload: {} });
    const summary = () =>
      app.inject({ method: 'GET', url: '/v1/value/summary', headers: admin }).then((r) => r.json());
    assert.deepEqual(await summary(), { rfm: null, clv: null });
    const none = await app.inject({ method: 'GET', url: '/v1/profiles/c1@x.io/scores', headers: admin });
    assert.equal(none.statusCode, 200, none.body);
    assert.deepEqual(none.json().scores, []);

    const rfm = await app.inject({ method: 'POST', url: '/v1/models/rfm', headers: admin, payload: {} });
    assert.equal(rfm.statusCode, 200, rfm.body);
    const after = await summary();
    assert.equal(after.rfm.runId, rfm.json().runId);
    const cells = after.rfm.cells as { customers: number; revenue: number }[];
    assert.equal(
      cells.reduce((s, c) => s + c.customers, 0),
      rfm.json().customers,
    );
    const scores = await app.inject({ method: 'GET', url: '/v1/profiles/c1@x.io/scores', headers: admin });
    assert.deepEqual(
      scores
        .json()
        .scores.map((s: { score: string }) => s.score)
        .sort(),
      ['rfm_f', 'rfm_m', 'rfm_r', 'rfm_tier'],
    );
    assert.equal(scores.json().churnRisk, null, 'no churn model ran: no churn risk');
    const missing = await app.inject({
      method: 'GET',
      url: '/v1/profiles/nobody@x.io/scores',
      headers: admin,
    });
    assert.equal(missing.statusCode, 404);
  });
});

it('GET /v1/profiles/:id/scores names one churn risk: the purchase-rhythm model, at risk from 0.5', async () => {
  await withApi(async ({ app, db, dir }) => {
    // Twenty customers buying every few weeks (BG/NBD needs ten who bought again); some stop early.
    const customers = ['customer_id,email'];
    const orders = ['order_id,customer_id,order_ts,revenue,status'];
    for (let c = 0; c < 20; c++) {
      customers.push(`c${c},c${c}@x.io`);
      const n = c % 3 === 0 ? 2 : 5;
      for (let k = 0; k < n; k++) {
        const day = new Date(Date.UTC(2024, 0, 3 + c + k * (14 + c)));
        orders.push(`o${c}-${k},c${c},${day.toISOString()},${20 + c},completed`);
      }
    }
    await writeFile(`${dir}/customers.csv`, `${customers.join('\n')}\n`);
    await writeFile(`${dir}/orders.csv`, `${orders.join('\n')}\n`);
    await importFile(db, `${dir}/customers.csv`, { kind: 'customers' });
    await importFile(db, `${dir}/orders.csv`, { kind: 'orders' });
    await app.inject({ method: 'POST', url: '/v1/identity/resolve', headers: admin, payload: {} });
    await runAliveChurn(db);
    for (const who of ['c0@x.io', 'c1@x.io']) {
      const answer = (
        await app.inject({ method: 'GET', url: `/v1/profiles/${who}/scores`, headers: admin })
      ).json();
      const raw = answer.scores.find((s: { score: string }) => s.score === 'churn_risk');
      assert.ok(raw, `the alive model scored ${who}`);
      assert.deepEqual(answer.churnRisk, {
        value: raw.value,
        score: 'churn_risk',
        model: 'churn-alive',
        runId: raw.runId,
        atRisk: raw.value >= 0.5,
        reasons: raw.label,
      });
    }
  });
});
