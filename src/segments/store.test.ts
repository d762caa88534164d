import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { tinyShop } from '../../test/helpers/shop.js';
import { ClienteleError } from '../errors/index.js';
import { resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { runRfm } from '../modeling/index.js';
import { openWarehouse } from '../store/index.js';
import { listSegments, previewSegment, saveSegment, saveStaticSegment, segmentMembers } from './index.js';
import { refreshSegments } from './refresh.js';

it('segments preview, save, materialize with entered/exited history, and list members over stored profiles', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    const db = await tinyShop(dir, await openWarehouse(location));
    try {
      await resolveIdentities(db);
      assert.deepEqual(await previewSegment(db, "region = 'NY' and orders >= 2"), {
        count: 1, // c1; c2's second order was cancelled
        expression: "region = 'NY' and orders >= 2",
      });
      const first = await saveSegment(db, 'big', 'revenue >= 110');
      assert.deepEqual([first.count, first.entered, first.exited], [4, 4, 0]);
      const members = await segmentMembers(db, 'big');
      assert.deepEqual(members.map((m) => (m.customerIds as string[])[0]).sort(), ['c1', 'c2', 'c4', 'c5']);
      const narrower = await saveSegment(db, 'big', 'revenue >= 200');
      assert.deepEqual([narrower.count, narrower.entered, narrower.exited], [1, 0, 3]);
      const nested = await saveSegment(db, 'big-ny', "in segment 'big' and region = 'NY'");
      assert.equal(nested.count, 1);
      assert.deepEqual(
        (await listSegments(db)).map((s) => [s.name, s.count]),
        [
          ['big', 1],
          ['big-ny', 1],
        ],
      );
      // In a given order: c1 and c3 (as the anonymous visitor it became) viewed, then completed an order.
      const ordered = await saveSegment(
        db,
        'viewed-then-bought',
        "did 'Product Viewed' then 'Order Completed'",
      );
      assert.equal(ordered.count, 2);
      const ids = (await segmentMembers(db, 'viewed-then-bought')).map((m) => (m.customerIds as string[])[0]);
      assert.deepEqual(ids.sort(), ['c1', 'c3']);
      assert.equal((await previewSegment(db, "did 'Order Completed' then 'Product Viewed'")).count, 0);
      assert.equal(
        (await previewSegment(db, "did 'Product Viewed' with (category = 'Outdoor') then 'Order Completed'"))
          .count,
        1,
      );
      assert.equal((await previewSegment(db, "did not 'Product Viewed' then 'Order Completed'")).count, 3);
      const fails = async (expr: string, code: string) =>
        assert.rejects(
          previewSegment(db, expr),
          (e: unknown) => e instanceof ClienteleError && e.code === code,
        );
      await fails("region = 'NY' and", 'CLT_ERR_SEGMENT_SYNTAX');
      await fails('shoe_size > 3', 'CLT_ERR_SEGMENT_INVALID');
      await fails("did 'A' then 'B' at least 2 times", 'CLT_ERR_SEGMENT_SYNTAX');
      await fails("orders > 'many'", 'CLT_ERR_SEGMENT_INVALID');
      assert.equal((await previewSegment(db, "email = '''; DROP TABLE profiles; --'")).count, 0);
      assert.equal((await previewSegment(db, 'orders >= 0')).count, 5, 'the profiles table survived');
    } finally {
      await db.close();
    }
  });
});

it('a list segment (a cluster) keeps its members, logs its size, and can be named in a rule', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    const db = await tinyShop(dir, await openWarehouse(location));
    try {
      await resolveIdentities(db);
      const made = await saveStaticSegment(
        db,
        {
          name: 'k-1',
          kind: 'cluster',
          description: 'cluster 1 of 2 on revenue',
          definition: { centre: [1] },
        },
        { sql: 'SELECT profile_id FROM profiles WHERE revenue >= ?', params: [110] },
      );
      assert.deepEqual([made.count, made.entered, made.exited], [4, 4, 0]);
      assert.equal((await previewSegment(db, "in segment 'k-1' and region = 'NY'")).count, 2);
      assert.equal((await previewSegment(db, "not in segment 'k-1'")).count, 1);
      const again = await saveStaticSegment(
        db,
        { name: 'k-1', kind: 'cluster', description: 'cluster 1 of 2 on revenue' },
        { sql: 'SELECT profile_id FROM profiles WHERE revenue >= 200' },
      );
      assert.deepEqual([again.count, again.entered, again.exited], [1, 0, 3]);
      const sizes = await db.all<{ size: number }>(
        "SELECT size FROM segment_sizes WHERE segment = 'k-1' ORDER BY measured_at, size DESC",
      );
      assert.deepEqual(
        sizes.map((s) => s.size),
        [4, 1],
      );
    } finally {
      await db.close();
    }
  });
});

it('model scores are segment fields: the latest run per score, by value or by label', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    const db = await tinyShop(dir, await openWarehouse(location));
    try {
      await resolveIdentities(db);
      // Before any model has run, a score field is known and matches nobody.
      assert.equal((await previewSegment(db, 'rfm_r >= 1')).count, 0);
      const rfm = await runRfm(db, { perCustomer: true });
      const tiers = await db.all<{ label: string; n: number }>(
        "SELECT label, count(*) AS n FROM customer_scores WHERE score = 'rfm_tier' GROUP BY label ORDER BY n DESC, label",
      );
      const top = tiers[0];
      assert.ok(top !== undefined && rfm.customers > 0);
      const quoted = top.label.replaceAll("'", "''");
      assert.equal((await previewSegment(db, `rfm_tier = '${quoted}'`)).count, top.n);
      assert.equal((await previewSegment(db, 'rfm_r >= 1')).count, rfm.customers);
      await assert.rejects(
        previewSegment(db, "rfm_r = 'high'"),
        (e: unknown) => e instanceof ClienteleError && e.code === 'CLT_ERR_SEGMENT_INVALID',
      );
    } finally {
      await db.close();
    }
  });
});

it('saved segments follow new data (only the touched profiles), model runs, and refresh on demand', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    const db = await tinyShop(dir, await openWarehouse(location));
    try {
      await resolveIdentities(db);
      await saveSegment(db, 'big', 'revenue >= 110');
      await saveSegment(db, 'recent', "did 'Order Completed' in last 30 days");
      await saveSegment(db, 'champions', "rfm_tier = 'Champions'");
      // c3 (30 so far) buys again: only c3's profile is looked at, and c3 enters.
      const more = join(dir, 'more.csv');
      await writeFile(more, 'order_id,customer_id,order_ts,revenue\no9,c3,2024-03-20T10:00:00Z,200\n');
      await importFile(db, more, { kind: 'orders' });
      const resolved = await resolveIdentities(db);
      assert.equal(resolved.segments, 3);
      const [big] = await db.all<{ size: number; entered: number }>(
        "SELECT size, entered FROM segment_sizes WHERE segment = 'big' ORDER BY measured_at DESC LIMIT 1",
      );
      assert.deepEqual(big, { size: 5, entered: 1 });
      const members = await segmentMembers(db, 'big');
      assert.ok(members.some((m) => (m.customerIds as string[]).includes('c3')));
      // A model run refreshes the segments that name its scores, and only those.
      const before = await db.all<{ n: number }>(
        "SELECT count(*) AS n FROM segment_sizes WHERE segment = 'big'",
      );
      await runRfm(db);
      const after = await db.all<{ segment: string; n: number }>(
        'SELECT segment, count(*) AS n FROM segment_sizes GROUP BY segment ORDER BY segment',
      );
      assert.deepEqual(
        after.map((r) => [r.segment, r.n]),
        [
          ['big', before[0]?.n],
          ['champions', 3],
          ['recent', 2],
        ],
      );
      // On demand: one or all; an unknown name is refused.
      const all = await refreshSegments(db);
      assert.deepEqual(
        all.map((r) => [r.name, r.mode]),
        [
          ['big', 'full'],
          ['champions', 'full'],
          ['recent', 'full'],
        ],
      );
      await assert.rejects(
        refreshSegments(db, { names: ['nope'] }),
        (e: unknown) => e instanceof ClienteleError && e.code === 'CLT_ERR_SEGMENT_NOT_FOUND',
      );
    } finally {
      await db.close();
    }
  });
});

it('a segment saved while it refreshes in another session: both finish, neither ends in a deadlock', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    const db = await tinyShop(dir, await openWarehouse(location));
    // A second session on the same database (on DuckDB, the same warehouse: one process holds the file).
    const other = db.dialect.name === 'postgres' ? await openWarehouse(location) : db;
    try {
      await resolveIdentities(db);
      await saveSegment(db, 'big', 'revenue >= 110');
      // The save deletes and writes the segment's row before it compares memberships; the refresh compares
      // first and writes the row's size last: neither may wait for the other in a cycle (materialize.ts).
      for (let round = 0; round < 20; round++) {
        const [refreshed, saved] = await Promise.all([
          refreshSegments(db, { names: ['big'] }),
          saveSegment(other, 'big', 'revenue >= 110'),
        ]);
        assert.equal(refreshed[0]?.count, 4);
        assert.equal(saved.count, 4);
      }
    } finally {
      if (other !== db) await other.close();
      await db.close();
    }
  });
});
