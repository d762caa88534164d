import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { tinyShop } from '../../test/helpers/shop.js';
import type { Report } from '../contracts/reports.js';
import { ensureCurrent, resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { saveSegment } from '../segments/index.js';
import { SharedJobs } from '../server/shared-jobs.js';
import { createQueryScope, withQueryScope } from '../store/index.js';
import { buildReport, ReportCache } from './index.js';

const figures = ({ generatedAt: _g, ...rest }: Report) => rest;

it('a cached report is read again until the data changes, then computed again (by rewarm before anyone asks)', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'buyers', 'orders >= 1');
    const cache = new ReportCache(db);
    const first = await cache.get({ personas: false });
    // The same state: the same answer, not a new computation.
    assert.equal(await cache.get({ personas: false }), first);
    assert.deepEqual(figures(first), figures(await buildReport(db, { personas: false })));
    const revenue = first.segments.find((s) => s.name === 'buyers')?.revenue.total ?? Number.NaN;

    // One more order for a known buyer: the segment's revenue moves, and the cache follows it.
    await writeFile(
      join(dir, 'more.csv'),
      'order_id,customer_id,order_ts,revenue,status\no9,c5,2024-03-12T18:00:00Z,70,completed\n',
    );
    await importFile(db, join(dir, 'more.csv'), { kind: 'orders' });
    await ensureCurrent(db);
    await cache.rewarm();
    const after = await cache.get({ personas: false });
    assert.notEqual(after, first);
    assert.equal(after.segments.find((s) => s.name === 'buyers')?.revenue.total, revenue + 70);
    assert.deepEqual(figures(after), figures(await buildReport(db, { personas: false })));
    // rewarm computed it: asking again reads that same answer.
    assert.equal(await cache.get({ personas: false }), after);

    // A new segment is a new state too.
    await saveSegment(db, 'big', 'revenue >= 100');
    const withBig = await cache.get({ personas: false });
    assert.deepEqual(
      withBig.segments.map((s) => s.name),
      ['big', 'buyers'],
    );
  });
});

it('a report built as a shared job outlives the visitor who asked for it and reaches the cache', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'buyers', 'orders >= 1');
    const jobs = new SharedJobs('report builds');
    const cache = new ReportCache(db, (key, build) => jobs.run(key, build));
    const asker = createQueryScope({ timeoutMs: 60_000, heavy: true, label: 'GET /v1/report' });
    const asked = withQueryScope(asker, () => cache.get({ personas: false }));
    while (jobs.stats().started === 0) await new Promise((r) => setTimeout(r, 1));
    // The visitor leaves while the report is built: its queries run in the job's scope, not the visitor's.
    asker.abort('the client closed the connection');
    const report = await asked;
    // As a request's scope ends with the request: it gives back its connection (PostgreSQL).
    asker.end();
    assert.equal(await cache.get({ personas: false }), report);
    assert.deepEqual(figures(report), figures(await buildReport(db, { personas: false })));
    assert.deepEqual(jobs.stats(), { started: 1, settled: 1, joined: 0 });
  });
});
