import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import type { StoreStatus } from '../src/cli/commands/status.js';
import { EventWriter, loadSources } from '../src/events/index.js';
import { findProfile } from '../src/profiles/index.js';
import { buildApp } from '../src/server/index.js';
import { openWarehouse } from '../src/store/index.js';
import { runCliJson } from './helpers/cli.js';
import { testDatabase } from './helpers/engine.js';
import { type PersonTruth, writeShop } from './helpers/one-shop.js';
import { testEngine } from './helpers/postgres.js';
import { withTempDir } from './helpers/tmp.js';

const cents = (x: unknown) => Math.round(Number(x) * 100);
// The fields of each answer the test reads.
interface Portrait {
  size: number;
  buyers: { count: number };
  revenue: { total: number };
}
interface Rfm {
  customers: number;
  tiers: { revenue: number }[];
  scores: { customer: string; monetary: number; frequency: number }[];
}
interface ProfileAnswer {
  customerIds: string[];
  metrics: { orders: number; revenue: number; firstOrderAt: string | null; lastOrderAt: string | null };
}
interface Totals {
  profiles: number;
  customers: number;
  prospects: number;
  buyers: number;
  active: number;
  orders: number;
  revenue: number;
  lifetimeRevenue: number;
}

it('one shop, one truth: status, overview, trend, cohorts, segments, clusters, RFM, CLV, churn and every profile agree to the cent', async () => {
  await withTempDir(async (dir) => {
    const shop = await writeShop(dir);
    // A DuckDB file, or a fresh PostgreSQL database (CLIENTELE_TEST_ENGINE).
    const db = testEngine() === 'duckdb' ? join(dir, 'shop.duckdb') : (await testDatabase()).location;
    const cli = <T>(...args: string[]) => runCliJson<T>(['--db', db, ...args]);
    await cli('import', shop.files.customers, '--as', 'customers');
    await cli('import', shop.files.orders, '--as', 'orders');
    await cli('import', shop.files.items, '--as', 'order_items');
    await cli('identity', 'resolve');

    // The hand-made figures are what the test is about; check they cover the cases first.
    assert.equal(shop.people.length, 40);
    assert.ok(shop.orderRows - shop.placedOrders >= 10, 'cancelled, void and failed orders in the shop');
    assert.ok(shop.returnsCents > 0 && shop.grossCents > shop.revenueCents);

    const status = await cli<StoreStatus>('status');
    assert.equal(status.customers, shop.customers);
    assert.equal(status.prospects, shop.prospects);
    assert.equal(status.profiles, shop.people.length, 'duplicate records resolve to one profile by e-mail');
    assert.equal(status.orders, shop.orderRows);
    assert.equal(status.placedOrders, shop.placedOrders);
    assert.equal(cents(status.revenue), shop.revenueCents);
    assert.equal(cents(status.customerRevenue), shop.customerRevenueCents);
    assert.equal(status.unattributedOrders, 1);
    assert.equal(cents(status.grossRevenue), shop.grossCents);
    assert.equal(cents(status.returns), shop.returnsCents);
    assert.equal(cents(status.netRevenue), shop.grossCents - shop.returnsCents);

    const trend = await cli<{ series: { total: number }[] }>('trend');
    assert.equal(cents(trend.series[0]?.total), shop.revenueCents);
    const trendOrders = await cli<{ series: { total: number }[] }>('trend', '--measure', 'orders');
    assert.equal(trendOrders.series[0]?.total, shop.placedOrders);

    const cohorts = await cli<{ cohorts: { size: number }[] }>('cohorts');
    assert.equal(
      cohorts.cohorts.reduce((s, c) => s + c.size, 0),
      shop.customers,
    );
    const cohortRevenue = await cli<{ cohorts: { values: number[] }[] }>('cohorts', '--metric', 'revenue');
    const cohortCents = cohortRevenue.cohorts.reduce(
      (s, c) => s + c.values.reduce((t, v) => t + cents(v), 0),
      0,
    );
    assert.equal(cohortCents, shop.customerRevenueCents);

    const buyers = await cli<{ count: number }>('segment', 'create', 'buyers', '--where', 'orders >= 1');
    const prospects = await cli<{ count: number }>('segment', 'create', 'prospects', '--where', 'orders = 0');
    assert.equal(buyers.count, shop.customers);
    assert.equal(prospects.count, shop.prospects);
    const show = await cli<Portrait>('segment', 'show', 'buyers');
    assert.equal(show.size, shop.customers);
    assert.equal(show.buyers.count, shop.customers);
    assert.equal(cents(show.revenue.total), shop.customerRevenueCents);
    const compare = await cli<{ a: Portrait; b: Portrait }>('segment', 'compare', 'buyers', 'prospects');
    assert.equal(compare.a.buyers.count, shop.customers);
    assert.equal(compare.b.buyers.count, 0);
    assert.equal(cents(compare.a.revenue.total), shop.customerRevenueCents);
    assert.equal(cents(compare.b.revenue.total), 0);

    const clusters = await cli<{ segments: { name: string; count: number }[] }>(
      'cluster',
      '--features',
      'orders,revenue',
      '--k',
      '2',
      '--where',
      'orders >= 1',
      '--resamples',
      '0',
      '--name',
      'value',
    );
    assert.equal(
      clusters.segments.reduce((s, c) => s + c.count, 0),
      shop.customers,
    );
    let clusterCents = 0;
    for (const c of clusters.segments) {
      const portrait = await cli<Portrait>('segment', 'show', c.name);
      assert.equal(portrait.size, c.count);
      assert.equal(portrait.buyers.count, c.count, `${c.name}: every member is a customer`);
      clusterCents += cents(portrait.revenue.total);
    }
    assert.equal(clusterCents, shop.customerRevenueCents);

    // The value models count purchases (placed orders of non-negative value): the same customers, gross revenue.
    const rfm = await cli<Rfm>('model', 'rfm');
    assert.equal(rfm.customers, shop.customers);
    assert.equal(
      rfm.tiers.reduce((s, t) => s + cents(t.revenue), 0),
      shop.grossCents - (shop.revenueCents - shop.customerRevenueCents),
    );
    const clv = await cli<{ customers: number; orders: { read: number; excluded: { cancelled: number } } }>(
      'model',
      'clv',
    );
    assert.equal(clv.customers, shop.customers);
    assert.equal(clv.orders.read, shop.orderRows);
    assert.equal(clv.orders.excluded.cancelled, shop.orderRows - shop.placedOrders);
    const churn = await cli<{ customers: number }>('model', 'churn');
    assert.equal(churn.customers, shop.customers);

    // One person with two customer records (P3@Shop.TEST beside p3@shop.test) through the CLI; all of them below.
    const p3 = shop.people[3] as PersonTruth;
    const cliProfile = await cli<ProfileAnswer>('profile', 'P3@Shop.TEST');
    assert.equal(cliProfile.metrics.orders, p3.orders);
    assert.equal(cents(cliProfile.metrics.revenue), p3.revenueCents);
    assert.equal(cliProfile.customerIds.length, 2);

    // The overview the web app shows, through the server's routes.
    const store = await openWarehouse(db);
    const writer = await EventWriter.create(store);
    const app = await buildApp({
      db: store,
      writer,
      sources: await loadSources(store),
      adminToken: 'one-truth',
      webRoot: null,
    });
    try {
      const get = async <T>(url: string): Promise<T> => {
        const r = await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer one-truth' } });
        assert.equal(r.statusCode, 200, r.body);
        return r.json() as T;
      };
      const range = 'from=2022-01-01&to=2024-12-31';
      const all = (await get<{ totals: Totals }>(`/v1/overview?${range}`)).totals;
      assert.equal(all.profiles, shop.people.length);
      assert.equal(all.customers, shop.customers);
      assert.equal(all.prospects, shop.prospects);
      assert.equal(all.buyers, shop.customers);
      assert.equal(all.active, shop.customers);
      assert.equal(all.orders, shop.placedOrders);
      assert.equal(cents(all.revenue), shop.revenueCents);
      assert.equal(cents(all.lifetimeRevenue), shop.customerRevenueCents);
      // A segment's page: where every member is a customer, the customers are the members.
      for (const [name, size] of [
        ['buyers', shop.customers],
        ...clusters.segments.map((c) => [c.name, c.count]),
      ] as [string, number][]) {
        const t = (await get<{ totals: Totals }>(`/v1/overview?${range}&segment=${name}`)).totals;
        assert.equal(t.profiles, size, `${name} members`);
        assert.equal(t.customers, size, `${name} customers`);
      }
      const pt = (await get<{ totals: Totals }>(`/v1/overview?${range}&segment=prospects`)).totals;
      assert.equal(pt.profiles, shop.prospects);
      assert.equal(pt.customers, 0);
      // Each profile, through the route the web app's profile screen reads.
      const rfmByKey = new Map(rfm.scores.map((s) => [String(s.customer), s]));
      for (const person of shop.people) {
        const id = await findProfile(store, person.email);
        const p = await get<ProfileAnswer>(`/v1/profiles/${id}`);
        assert.equal(p.metrics.orders, person.orders, `${person.email} orders`);
        assert.equal(cents(p.metrics.revenue), person.revenueCents, `${person.email} revenue`);
        assert.equal(
          p.metrics.firstOrderAt?.slice(0, 10) ?? null,
          person.first,
          `${person.email} first order`,
        );
        assert.equal(p.metrics.lastOrderAt?.slice(0, 10) ?? null, person.last, `${person.email} last order`);
        const score = rfmByKey.get(String(id));
        if (person.grossCents > 0) {
          assert.equal(cents(score?.monetary), person.grossCents, `${person.email} RFM monetary`);
          assert.equal(score?.frequency, person.purchaseDays, `${person.email} RFM frequency`);
        } else assert.equal(score, undefined, `${person.email} is no RFM customer`);
      }
      const summary = await get<{ rfm: { cells: { customers: number; revenue: number }[] } }>(
        '/v1/value/summary',
      );
      assert.equal(
        summary.rfm.cells.reduce((s, c) => s + c.customers, 0),
        shop.customers,
      );
      assert.equal(
        summary.rfm.cells.reduce((s, c) => s + cents(c.revenue), 0),
        shop.customerRevenueCents,
      );
    } finally {
      await app.close();
      await writer.close();
      await store.close();
    }
  });
});
