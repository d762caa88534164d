import assert from 'node:assert/strict';
import { it } from 'node:test';
import { resolveIdentities } from '../src/identity/index.js';
import { saveSegment } from '../src/segments/index.js';
import { openWarehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';
import { ADMIN_TOKEN, withApi } from './helpers/server.js';
import { tinyShop } from './helpers/shop.js';

// The tiny shop (test/helpers/shop.ts) with two saved segments:
//   outdoor = revenue >= 110: c1, c2, c4, c5 (c3 spent 30), whose placed orders are o1 {P1, P2},
//             o2 {P1, P2}, o3 {P1}, o5 {P1, P2, P3}, o6 {P1, P2};
//   ny = region 'NY': c1 and c2 (orders o1, o2, o3; o8 is cancelled). c1 and c2 are in both.
// Over all 7 baskets P1 is in 5, P2 in 4, {P1, P2} in 4: lift of P1 ⇒ P2 = (4/7) / ((5/7)(4/7)) = 1.4.
// Over outdoor's 5 baskets P1 is in all of them: lift 1, and P3 (1 of 5) falls below support 0.3.
const STEPS = 'Product Viewed,Product Added,Checkout Started,Order Completed';

type Rule = { antecedentKeys: string[]; consequentKeys: string[]; lift: number; count: number };
type Series = { key: string; total: number; points: { value: number }[] };

it('basket --segment, trend, funnel, cohorts, paths and scan by segment on the tiny shop', async () => {
  await withTestDatabase(async ({ location: db, dir }) => {
    await (await tinyShop(dir, await openWarehouse(db))).close();
    const cli = (...args: string[]) => runCliJson<Record<string, unknown>>(['--db', db, ...args]);
    await cli('identity', 'resolve');
    await cli('segment', 'create', 'outdoor', '--where', 'revenue >= 110');
    await cli('segment', 'create', 'ny', '--where', "region = 'NY'");

    const basket = ['basket', '--min-support', '0.3', '--min-confidence', '0.5'];
    const all = (await cli(...basket)) as { baskets: number; itemsetCount: number; rules: Rule[] };
    const seg = (await cli(...basket, '--segment', 'outdoor')) as typeof all & {
      parameters: { segment: string };
    };
    assert.equal(all.baskets, 7);
    assert.equal(all.itemsetCount, 4);
    assert.equal(seg.baskets, 5);
    assert.equal(seg.itemsetCount, 3, '{P1}, {P2}, {P1, P2}: P3 is in one basket of five');
    assert.equal(seg.parameters.segment, 'outdoor');
    const tentStakes = (r: { rules: Rule[] }) =>
      r.rules.find((x) => x.antecedentKeys.join() === 'P1' && x.consequentKeys.join() === 'P2');
    assert.deepEqual([tentStakes(all)?.lift, tentStakes(all)?.count], [1.4, 4]);
    assert.deepEqual([tentStakes(seg)?.lift, tentStakes(seg)?.count], [1, 4]);

    const trend = (await cli('trend', '--measure', 'orders', '--dimension', 'segment')) as {
      series: Series[];
    };
    const values = (s: { series: Series[] }, key: string) =>
      s.series.find((x) => x.key === key)?.points.map((p) => p.value);
    assert.deepEqual(values(trend, 'outdoor'), [2, 1, 2], 'o1 o2 | o3 | o5 o6');
    assert.deepEqual(values(trend, 'ny'), [2, 1, 0], 'o1 o2 | o3 | (o8 cancelled)');
    assert.ok(!trend.series.some((s) => s.key === '(other)'), 'no "(other)" over overlapping segments');
    const nyRevenue = (await cli('trend', '--measure', 'revenue', '--segment', 'ny')) as {
      series: Series[];
    };
    assert.equal(nyRevenue.series[0]?.total, 320);
    const sizes = (await cli('trend', '--measure', 'segment-size', '--by', 'day')) as { series: Series[] };
    assert.deepEqual(values(sizes, 'outdoor')?.at(-1), 4);
    assert.deepEqual(values(sizes, 'ny')?.at(-1), 2);

    const funnel = (await cli('funnel', '--steps', STEPS, '--by', 'segment')) as {
      steps: { count: number }[];
      breakdown: { value: string; steps: { count: number }[] }[];
    };
    assert.equal(funnel.steps[0]?.count, 3);
    assert.deepEqual(
      funnel.breakdown.map((b) => [b.value, b.steps[0]?.count, b.steps[1]?.count]).sort(),
      [
        ['ny', 2, 2],
        ['outdoor', 2, 2],
      ],
      'c1 and c2 viewed and added; both are in both segments',
    );

    const cohorts = (await cli('cohorts', '--segment', 'ny')) as {
      segment: string;
      cohorts: { cohort: string; size: number; values: number[] }[];
    };
    assert.deepEqual(
      cohorts.cohorts.map((c) => [c.cohort, c.size, c.values]),
      [['2024-01-01', 2, [2, 1, 0]]],
      'c1 and c2 start in January, c1 buys in February, the triangle runs to the data’s last month',
    );
    const paths = (await cli('paths', '--goal', 'Order Completed', '--segment', 'ny')) as {
      people: number;
      converters: number;
    };
    assert.deepEqual([paths.people, paths.converters], [2, 1]);

    const scan = (await cli('scan', '--min-size', '1', '--dimensions', 'segment')) as {
      cellsScored: number;
      parameters: { dimensions: string[] };
    };
    assert.ok(scan.cellsScored > 0, 'each segment is a group of its own');
    assert.deepEqual(scan.parameters.dimensions, ['segment']);

    for (const args of [
      ['basket', '--segment', 'nope'],
      ['trend', '--segment', 'nope'],
      ['trend', '--filter', 'segment=nope'],
      ['cohorts', '--segment', 'nope'],
      ['paths', '--goal', 'Order Completed', '--segment', 'nope'],
      ['funnel', '--steps', STEPS, '--segment', 'nope'],
    ]) {
      const run = await runCli(['--db', db, ...args, '--json']);
      assert.equal(run.code, 1, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stdout, /CLT_ERR_SEGMENT_NOT_FOUND/);
      assert.match(run.stdout, /no segment named 'nope'/);
    }
  });
});

it('POST /v1/mining/basket takes a segment, and an unknown one is a 404', async () => {
  await withApi(async ({ app, db, dir }) => {
    await tinyShop(dir, db);
    await resolveIdentities(db, { full: true });
    await saveSegment(db, 'outdoor', 'revenue >= 110');
    const post = (payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: '/v1/mining/basket',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        payload,
      });
    const body = { minSupport: 0.3, minConfidence: 0.5 };
    const seg = await post({ ...body, segment: 'outdoor' });
    assert.equal(seg.statusCode, 200, seg.body);
    assert.deepEqual([seg.json().baskets, seg.json().itemsetCount], [5, 3]);
    const unknown = await post({ ...body, segment: 'nope' });
    assert.equal(unknown.json().error.code, 'CLT_ERR_SEGMENT_NOT_FOUND');
    assert.equal(unknown.statusCode, 404);
  });
});
