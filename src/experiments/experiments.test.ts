import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { ensureCurrent } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { saveSegment } from '../segments/index.js';
import {
  assignCustomer,
  createExperiment,
  experimentMembers,
  experimentReport,
  twoProportionZ,
  variantFor,
} from './index.js';

test('an experiment assigns by hash, stably as the segment grows, and reports planted conversions after assignment', async () => {
  await withTestDb(async (db, dir) => {
    const people = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => `c${from + i},c${from + i}@x.io,US`).join('\n');
    await writeFile(join(dir, 'c1.csv'), `customer_id,email,country\n${people(0, 1500)}\n`);
    await importFile(db, join(dir, 'c1.csv'), { kind: 'customers' });
    await ensureCurrent(db);
    await saveSegment(db, 'all', "country = 'US'");
    await assert.rejects(createExperiment(db, { name: 'x', segment: 'all', variants: ['only'] }), {
      code: 'CLT_ERR_ACTIVATION_INVALID',
      message: 'variants only: an experiment needs at least two variants (a control and one more)',
      details: { option: 'variants' },
    });
    await assert.rejects(
      createExperiment(db, { name: 'x', segment: 'all', variants: ['a', 'b'], start: 'soon' }),
      { message: 'start soon: a date such as 2026-12-01', details: { option: 'start' } },
    );
    const e = await createExperiment(db, {
      name: 'offer',
      segment: 'all',
      variants: ['control', 'offer'],
      weights: [50, 50],
      holdout: 10,
    });
    const first = await experimentMembers(db, 'offer');
    assert.equal(first.length, 1500);
    const share = first.filter((m) => m.variant === 'holdout').length / 1500;
    assert.ok(share > 0.07 && share < 0.13, `holdout share ${share}`);
    // The segment grows: nobody already assigned moves.
    await writeFile(join(dir, 'c2.csv'), `customer_id,email,country\n${people(1500, 2000)}\n`);
    await importFile(db, join(dir, 'c2.csv'), { kind: 'customers' });
    await ensureCurrent(db);
    const second = await experimentMembers(db, 'offer');
    assert.equal(second.length, 2000);
    const before = new Map(first.map((m) => [m.customerId, m.variant]));
    for (const m of second) if (before.has(m.customerId)) assert.equal(m.variant, before.get(m.customerId));
    assert.deepEqual(await assignCustomer(db, 'offer', 'c7'), {
      variant: second.find((m) => m.customerId === 'c7')!.variant,
      member: true,
    });
    // Outcomes: assignments dated June 1st; the offer converts 15 %, the control 10 % (by a fixed rule);
    // an order before the assignment and one after the window never count.
    await db.run("UPDATE experiment_assignments SET assigned_at = TIMESTAMPTZ '2024-06-01 00:00:00+00'");
    const ids = await db.all<{ id: number; c: string }>(
      'SELECT profile_id AS id, customer_ids[1] AS c FROM profiles',
    );
    const orders = ['order_id,customer_id,order_ts,revenue'];
    const planted = new Map<string, { n: number; k: number }>();
    for (const { id, c } of ids) {
      const v = variantFor(e, Number(id));
      const g = planted.get(v) ?? { n: 0, k: 0 };
      g.n++;
      const index = Number(c.slice(1));
      const converts = v === 'offer' ? index % 20 < 3 : index % 10 === 0;
      if (converts) {
        g.k++;
        orders.push(`o${c},${c},2024-06-10T10:00:00Z,${v === 'offer' ? 40 : 50}`);
      }
      if (index % 7 === 0) orders.push(`early${c},${c},2024-05-20T10:00:00Z,99`);
      if (index % 11 === 0) orders.push(`late${c},${c},2024-08-20T10:00:00Z,99`);
      planted.set(v, g);
    }
    await writeFile(join(dir, 'orders.csv'), `${orders.join('\n')}\n`);
    await importFile(db, join(dir, 'orders.csv'), { kind: 'orders' });
    await ensureCurrent(db);
    const report = await experimentReport(db, 'offer', { metric: 'conversion', windowDays: 30 });
    const fig = (v: string) => report.variants.find((x) => x.name === v)!;
    for (const v of ['control', 'offer', 'holdout']) {
      assert.equal(fig(v).n, planted.get(v)!.n);
      assert.equal(fig(v).conversions, planted.get(v)!.k, v);
    }
    const c = planted.get('control')!;
    const o = planted.get('offer')!;
    assert.equal(report.comparison?.pValue, twoProportionZ(o.k, o.n, c.k, c.n).pValue);
    assert.ok(report.comparison!.lift > 0.3);
    assert.ok(report.comparison!.probabilityToBeatControl! > 0.95);
    assert.equal(report.sequential?.method, 'mSPRT');
    assert.ok(report.sampleSize.perVariant > 0);
    const revenue = await experimentReport(db, 'offer', { metric: 'revenue' });
    assert.equal(revenue.comparison?.method, "Welch's t-test on revenue per member");
    assert.equal(fig('offer').revenue, o.k * 40);
  });
});
