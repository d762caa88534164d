import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { ClienteleError, type ErrorCode } from '../errors/index.js';
import { Warnings } from '../warnings/index.js';
import {
  listRuns,
  runAliveChurn,
  runChurn,
  runClv,
  runLookalike,
  runPropensity,
  runRegress,
  runRfm,
  runSpendRegression,
  runValue,
} from './index.js';
import { ordersCsv, repeatBuyers, withWarehouseOf } from './modeling.fixture.test.js';

const fails = (code: ErrorCode, pattern?: RegExp) => (e: unknown) =>
  e instanceof ClienteleError && e.code === code && (pattern === undefined || pattern.test(e.message));

// No NaN anywhere in what a command prints: JSON would turn it into null silently, so look before.
function assertNoNaN(value: unknown, path = '$'): void {
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${path} is ${value}`);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) assertNoNaN(v, `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) assertNoNaN(v, `${path}.${k}`);
}

describe('value models over the warehouse', () => {
  it('runValue() shares channel spend among the customers acquired that month and contrasts the top decile', async () => {
    // 60 customers: 30 from search in 2024-01 (spend 210, so 7 each), 30 from social in 2024-02 (spend 90: 3 each).
    const people = Array.from(
      { length: 60 },
      (_, i) =>
        `c${i},${i < 30 ? 'search' : 'social'},${i < 30 ? '2024-01-15' : '2024-02-10'},${i % 10 === 0 ? 'vip' : 'std'}`,
    );
    const orders = [
      'customer_id,order_ts,revenue,cost,discount',
      ...Array.from(
        { length: 60 },
        (_, i) => `c${i},2024-03-01,${i % 10 === 0 ? 400 : 40},${i % 10 === 0 ? 100 : 20},2`,
      ),
    ];
    const spend = [
      'date,channel,amount',
      '2024-01-05,search,120',
      '2024-01-20,search,90',
      '2024-02-03,social,90',
    ];
    await withWarehouseOf(
      {
        customers: ['customer_id,acquisition_source,signup_at,tier', ...people].join('\n'),
        orders: orders.join('\n'),
        spend: spend.join('\n'),
      },
      async (db) => {
        const r = await runValue(db);
        assertNoNaN(r);
        assert.equal(r.buyers, 60);
        assert.equal(r.marginKnown, 60);
        const search = r.byChannel.find((c) => c.channel === 'search');
        assert.equal(search?.costPerCustomer, 7);
        assert.equal(r.byChannel.find((c) => c.channel === 'social')?.costPerCustomer, 3);
        // Net = margin − acquisition: vip 300 − cost, std 20 − cost.
        assert.equal(r.totals.netValue, 6 * 300 + 54 * 20 - 300);
        assert.equal(r.topGroup.customers, 6);
        const vip = r.topGroup.traits.find((t) => t.feature === 'tier' && t.level === 'vip');
        assert.equal(vip?.group, 1);
        assert.equal(vip?.rest, 0);
        assert.ok((vip?.pValue ?? 1) < 1e-6);
      },
    );
  });

  it('runClv() fits, checks the holdout, records the run and writes four scores per customer', async () => {
    await withWarehouseOf({ orders: ordersCsv(repeatBuyers(400)) }, async (db) => {
      const r = await runClv(db, { calibrationEnd: '2024-09-30', unit: 'week' });
      assertNoNaN(r);
      assert.ok(r.customers > 300 && r.repeatCustomers > 50);
      assert.ok(
        r.holdout && r.holdout.length > 12 && r.holdout.actual > 0,
        `holdout ${JSON.stringify(r.holdout)}`,
      );
      assert.ok(r.bgnbd.converged && r.gammaGamma.converged);
      assert.equal(r.holdout.sufficient, r.holdout.actual >= 100);
      assert.equal(r.observationEnd > r.calibrationEnd, true);
      const [run] = await listRuns(db);
      assert.equal(run?.runId, r.runId);
      assert.equal(run?.model, 'clv');
      assert.equal((run?.card as { scores: string[] } | undefined)?.scores.length, 4);
      const [count] = await db.all<{ n: number }>(
        'SELECT count(*) AS n FROM customer_scores WHERE run_id = ?',
        [r.runId],
      );
      assert.equal(count?.n, r.customers * 4);
    });
  });

  it('no purchases, one purchase each and zero amounts give clear errors, not NaN', async () => {
    await withWarehouseOf({ customers: 'customer_id,gender\na,F\nb,M' }, async (db) => {
      await assert.rejects(runClv(db), fails('CLT_ERR_MODEL_NO_DATA', /no purchases/));
      await assert.rejects(runRfm(db), fails('CLT_ERR_MODEL_NO_DATA'));
      await assert.rejects(runAliveChurn(db), fails('CLT_ERR_MODEL_NO_DATA'));
    });
    const once = ordersCsv(
      Array.from({ length: 30 }, (_, i) => [`c${i}`, `2024-0${1 + (i % 9)}-10`, 20] as const),
    );
    await withWarehouseOf({ orders: once }, async (db) => {
      await assert.rejects(runClv(db), fails('CLT_ERR_MODEL_NO_DATA', /bought again/));
      const rfm = await runRfm(db);
      assertNoNaN(rfm);
      assert.equal(rfm.customers, 30);
    });
    const zero = ordersCsv(repeatBuyers(100).map(([c, d]) => [c, d, 0] as const));
    await withWarehouseOf({ orders: zero }, async (db) => {
      await assert.rejects(runClv(db), fails('CLT_ERR_MODEL_NO_DATA', /positive repeat revenue/));
    });
  });

  it('runClv() refuses 1–9 repeat customers with CLT_ERR_MODEL_TOO_FEW_REPEAT, as probability alive does', async () => {
    // 300 one-time buyers and two who bought again: once Gamma-Gamma was fitted on them (p = 7e10).
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + (i % 360))).toISOString().slice(0, 10);
    const once = Array.from({ length: 300 }, (_, i) => [`c${i}`, day(i), 20 + (i % 50)] as const);
    const two = [...once, ['c1', '2024-11-02', 35] as const, ['c2', '2024-12-01', 60] as const];
    await withWarehouseOf({ orders: ordersCsv(two) }, async (db) => {
      await assert.rejects(runClv(db), fails('CLT_ERR_MODEL_TOO_FEW_REPEAT', /only 2 of 300 customers/));
      await assert.rejects(runAliveChurn(db), fails('CLT_ERR_MODEL_TOO_FEW_REPEAT'));
    });
    // Twelve repeat customers, but only eight spent anything on their repeat orders: Gamma-Gamma is refused.
    const free = [
      ...once,
      ...Array.from({ length: 12 }, (_, i) => [`c${i}`, '2024-12-20', i < 8 ? 30 : 0] as const),
    ];
    await withWarehouseOf({ orders: ordersCsv(free) }, async (db) => {
      await assert.rejects(
        runClv(db),
        fails('CLT_ERR_MODEL_TOO_FEW_REPEAT', /only 8 repeat customers with positive spend/),
      );
    });
  });

  it('runClv() on a few repeat customers fits with warnings, and calls a holdout of a few purchases too small to judge', async () => {
    const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    const rows: [string, string, number][] = Array.from({ length: 300 }, (_, i) => [
      `c${i}`,
      day(i % 270),
      20 + (i % 50),
    ]);
    // Twenty customers buy again every 40 to 80 days from their first order to the end of the year.
    for (let i = 0; i < 20; i++) {
      for (let d = (i % 270) + 40 + (i % 5) * 10; d < 365; d += 40 + (i % 5) * 10)
        rows.push([`c${i}`, day(d), 25 + i]);
    }
    await withWarehouseOf({ orders: ordersCsv(rows) }, async (db) => {
      const r = await runClv(db, { calibrationEnd: '2024-10-31', unit: 'week' });
      assertNoNaN(r);
      const codes = r.warnings.map((w) => w.code);
      assert.ok(Value.Check(Warnings, r.warnings), 'the shared Warning schema describes them');
      assert.ok(codes.includes('CLT_WARN_CLV_FEW_REPEAT'), JSON.stringify(r.warnings));
      assert.ok(r.holdout && r.holdout.actual > 0 && r.holdout.actual < 100, JSON.stringify(r.holdout));
      assert.equal(r.holdout.sufficient, false);
      assert.ok(codes.includes('CLT_WARN_CLV_HOLDOUT_TOO_SMALL'), JSON.stringify(r.warnings));
      const [run] = await listRuns(db);
      assert.deepEqual(
        (run?.card as { warnings?: { code: string }[] } | undefined)?.warnings?.map((w) => w.code),
        codes,
        'the run card keeps the warnings',
      );
    });
  });

  it('negative amounts are returns, left out of purchases and counted', async () => {
    const rows = repeatBuyers(200);
    const withReturns = [...rows, ['c1', '2024-06-01', -40] as const, ['c2', '2024-06-02', -15] as const];
    await withWarehouseOf({ orders: ordersCsv(withReturns) }, async (db) => {
      const r = await runClv(db, { unit: 'week' });
      assert.equal(r.orders.excluded.returns, 2);
      assert.equal(r.orders.used, rows.length);
      assertNoNaN(r);
    });
  });

  it('runRfm() gives identical customers one score and a tier, and counts revenue per tier', async () => {
    const same = ordersCsv(Array.from({ length: 20 }, (_, i) => [`c${i}`, '2024-05-01', 50] as const));
    await withWarehouseOf({ orders: same }, async (db) => {
      const r = await runRfm(db, { perCustomer: true });
      assertNoNaN(r);
      // Frequency ties score low: twenty one-time buyers all have F = 1 (R and M, mid-ranked, 3).
      assert.deepEqual(new Set(r.scores?.map((s) => `${s.r}${s.f}${s.m}`)), new Set(['313']));
      assert.equal(r.tiers.find((t) => t.tier === 'About to sleep')?.customers, 20);
      assert.deepEqual(
        r.warnings.map((w) => w.code),
        ['CLT_WARN_RFM_FREQUENCY_TIES', 'CLT_WARN_RFM_FEW_CUSTOMERS'],
      );
      assert.equal(
        r.tiers.reduce((a, t) => a + (t.revenue ?? 0), 0),
        1000,
      );
      const labels = await db.all<{ label: string }>(
        "SELECT DISTINCT label FROM customer_scores WHERE score = 'rfm_tier'",
      );
      assert.deepEqual(labels, [{ label: 'About to sleep' }]);
    });
  });

  it('runRfm() on a shop of one-time buyers puts none of them in Champions or Loyal, and says frequency cannot rank them', async () => {
    // 2,000 one-time buyers over a year with spread spend, and two repeat customers: 99.9 % bought once.
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + (i % 365))).toISOString().slice(0, 10);
    const rows: [string, string, number][] = Array.from({ length: 2000 }, (_, i) => [
      `c${i}`,
      day((i * 7919) % 365),
      10 + ((i * 37) % 500),
    ]);
    rows.push(['c0', '2024-12-30', 80], ['c1', '2024-12-29', 40]);
    await withWarehouseOf({ orders: ordersCsv(rows) }, async (db) => {
      const r = await runRfm(db, { perCustomer: true });
      assertNoNaN(r);
      assert.equal(r.customers, 2000);
      assert.equal(r.oneTimeBuyers, 1998);
      const once = (r.scores ?? []).filter((s) => s.frequency === 1);
      assert.equal(once.length, 1998);
      assert.deepEqual(new Set(once.map((s) => s.f)), new Set([1]), 'every one-time buyer has F = 1');
      const best = once.filter((s) => s.tier === 'Champions' || s.tier === 'Loyal');
      assert.deepEqual(best, [], 'no one-time buyer is a Champion or Loyal');
      // Recent big spenders who bought once are still told apart by R and M.
      assert.ok(once.some((s) => s.r === 5 && s.m === 5));
      const ties = r.warnings.find((w) => w.code === 'CLT_WARN_RFM_FREQUENCY_TIES');
      assert.ok(ties, JSON.stringify(r.warnings));
      assert.match(ties.message, /99\.9 % of customers \(1,998 of 2,000\) bought once/);
    });
  });
});

// Two-valued label with a strong signal in `score` and noise in `colour`.
function labelled(n: number, label: (i: number) => string): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const score = (i * 37) % 100;
    return `p${i},${score},${['red', 'green', 'blue'][i % 3]},${label(i)}`;
  });
  return ['customer_id,score,colour,plan', ...rows].join('\n');
}

describe('prediction models over the warehouse', () => {
  it('runSpendRegression() recovers planted weekly returns of spend, with a lag', async () => {
    // 40 Mondays from 2024-01-01: sales = 1000 + 3 × search this week + 2 × social last week.
    const monday = (w: number) => new Date(Date.UTC(2024, 0, 1 + 7 * w)).toISOString().slice(0, 10);
    const search = (w: number) => 100 + ((w * 37) % 50);
    const social = (w: number) => 80 + ((w * 53) % 70);
    const spend = ['date,channel,amount'];
    const orders = ['customer_id,order_ts,revenue'];
    for (let w = 0; w < 40; w++) {
      spend.push(`${monday(w)},search,${search(w)}`, `${monday(w)},social,${social(w)}`);
      const sales = 1000 + 3 * search(w) + 2 * (w > 0 ? social(w - 1) : 0);
      orders.push(`c${w},${monday(w)}T12:00:00Z,${sales / 2}`, `d${w},${monday(w)}T15:00:00Z,${sales / 2}`);
    }
    await withWarehouseOf({ spend: spend.join('\n'), orders: orders.join('\n') }, async (db) => {
      const r = await runSpendRegression(db, { lags: 1 });
      assertNoNaN(r);
      assert.equal(r.weeks, 40);
      assert.equal(r.n, 39);
      assert.equal(r.firstWeek, '2024-01-01');
      const coef = (name: string) => r.coefficients.find((c) => c.name === name)?.estimate ?? Number.NaN;
      assert.ok(Math.abs(coef('search_lag0') - 3) < 1e-6, `search ${coef('search_lag0')}`);
      assert.ok(Math.abs(coef('social_lag1') - 2) < 1e-6);
      assert.ok(Math.abs(coef('social_lag0')) < 1e-6);
      assert.ok((r.r2 ?? 0) > 0.999999);
    });
  });

  it('runChurn() measures on a stratified held-out part and scores every customer', async () => {
    const csv = labelled(300, (i) => (((i * 37) % 100) + ((i * 13) % 40) > 80 ? 'gone' : 'kept'));
    await withWarehouseOf({ customers: csv }, async (db) => {
      const r = await runChurn(db, { label: 'plan', positive: 'gone' });
      assertNoNaN(r);
      assert.equal(r.trainRows + r.testRows, 300);
      assert.equal(r.testRows, 90);
      assert.ok((r.auc ?? 0) > 0.8, `auc ${r.auc}`);
      assert.equal(r.drivers[0]?.feature, 'score');
      assert.equal(r.drivers[0]?.direction, 'raises');
      assert.equal(r.scored, 300);
    });
  });

  it('runChurn() with a time column holds out the latest customers', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const score = (i * 37) % 100;
      const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
      return `p${i},${score},${day},${score + ((i * 13) % 40) > 80 ? 'gone' : 'kept'}`;
    });
    await withWarehouseOf(
      { customers: ['customer_id,score,signup_at,plan', ...rows].join('\n') },
      async (db) => {
        const r = await runChurn(db, { label: 'plan', positive: 'gone', timeColumn: 'signup_at' });
        assertNoNaN(r);
        assert.deepEqual(r.split, { kind: 'time', column: 'signup_at', testFrom: '2024-05-20', undated: 0 });
        assert.equal(r.testRows, 60);
        assert.ok(!r.features.includes('signup_at'));
        const fixed = await runChurn(db, {
          label: 'plan',
          positive: 'gone',
          timeColumn: 'signup_at',
          testFrom: '2024-06-18',
        });
        assert.equal(fixed.testRows, 200 - 169);
        await assert.rejects(
          runChurn(db, { label: 'plan', positive: 'gone', timeColumn: 'score' }),
          fails('CLT_ERR_MODEL_BAD_OPTION', /date or timestamp/),
        );
      },
    );
  });

  it('runChurn() with lapsedDays labels buyers by their silence and keeps recency out of the features', async () => {
    await withWarehouseOf({ orders: ordersCsv(repeatBuyers(300)) }, async (db) => {
      const r = await runChurn(db, { lapsedDays: 90 });
      assertNoNaN(r);
      assert.equal(r.label, 'lapsed');
      assert.equal(r.positive, 'true');
      assert.ok(!r.features.includes('days_since_last_order'));
      assert.ok(r.features.includes('orders'));
      await assert.rejects(
        runChurn(db, { lapsedDays: 90, features: ['orders', 'days_since_last_order'] }),
        fails('CLT_ERR_MODEL_BAD_OPTION', /days_since_last_order/),
      );
      await assert.rejects(runChurn(db, {}), fails('CLT_ERR_MODEL_BAD_OPTION', /label or lapsedDays/));
    });
  });

  it('runChurn() on perfectly separated classes stays finite; a third label value is an error', async () => {
    await withWarehouseOf(
      { customers: labelled(100, (i) => ((i * 37) % 100 >= 50 ? 'yes' : 'no')) },
      async (db) => {
        const r = await runChurn(db, { label: 'plan' });
        assertNoNaN(r);
        assert.equal(r.positive, 'true', 'the importer typed yes/no as a boolean');
        assert.equal(r.auc, 1);
        const logit = await runRegress(db, { y: 'plan', x: ['score'], logit: true, positive: 'Yes' });
        assertNoNaN(logit);
        assert.equal(logit.separation, true);
      },
    );
    await withWarehouseOf({ customers: labelled(60, (i) => ['a', 'b', 'c'][i % 3] ?? 'a') }, async (db) => {
      await assert.rejects(runChurn(db, { label: 'plan' }), fails('CLT_ERR_MODEL_BAD_LABEL', /3 values/));
    });
    await withWarehouseOf({ customers: labelled(60, (i) => (i % 2 ? 'x' : 'y')) }, async (db) => {
      await assert.rejects(
        runChurn(db, { label: 'plan' }),
        fails('CLT_ERR_MODEL_BAD_LABEL', /: set positive to the one that counts as 1$/),
      );
      await assert.rejects(runChurn(db, { label: 'plan', positive: 'z' }), (e: unknown) => {
        assert.ok(fails('CLT_ERR_MODEL_BAD_LABEL', /^positive z: label 'plan' holds/)(e));
        assert.deepEqual((e as ClienteleError).details, { option: 'positive' });
        return true;
      });
      await assert.rejects(runChurn(db, { label: 'nope' }), fails('CLT_ERR_MODEL_UNKNOWN_COLUMN'));
    });
  });

  it('runRegress() counts rows with missing values and names a constant column', async () => {
    const csv = [
      'customer_id,a,b,k,y',
      ...Array.from(
        { length: 40 },
        (_, i) => `r${i},${i},${(i * 7) % 11},5,${i % 10 === 0 ? '' : 2 * i + ((i * 3) % 5)}`,
      ),
    ].join('\n');
    await withWarehouseOf({ customers: csv }, async (db) => {
      const r = await runRegress(db, { y: 'y', x: ['a', 'b'] });
      assertNoNaN(r);
      assert.equal(r.n, 36);
      assert.equal(r.dropped, 4);
      assert.deepEqual(
        r.coefficients.map((c) => c.name),
        ['const', 'a', 'b'],
      );
      assert.ok((r.r2 ?? 0) > 0.95);
      await assert.rejects(
        runRegress(db, { y: 'y', x: ['a', 'k'] }),
        fails('CLT_ERR_MODEL_FIT_FAILED', /'k'/),
      );
    });
  });

  it('runPropensity() learns won against lost leads and ranks the open ones, leaving out traits set by winning', async () => {
    const notes = ['note_id,customer_id,created_at,stage,heard_from,objections,outcome'];
    const people = ['customer_id,industry,tier'];
    for (let i = 0; i < 80; i++) {
      const referral = i % 2 === 0;
      const price = i % 5 === 0;
      const open = i >= 70;
      const won = !open && (referral ? i % 7 !== 0 : i % 9 === 0) && !price;
      notes.push(
        `n${i}a,L${i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},awareness,${referral ? 'referral' : 'search'},${price ? 'price' : ''},follow-up`,
      );
      if (!open) notes.push(`n${i}b,L${i},2024-03-01,closed,,,${won ? 'won' : 'lost'}`);
      people.push(`L${i},${['retail', 'health', 'logistics'][i % 3]},${won ? 'gold' : ''}`);
    }
    await withWarehouseOf({ customers: people.join('\n'), notes: notes.join('\n') }, async (db) => {
      const r = await runPropensity(db);
      assertNoNaN(r);
      assert.equal(r.closedLeads, 70);
      assert.equal(r.openLeads, 10);
      assert.equal(r.top.length, 10);
      assert.ok(r.skippedFeatures.some((s) => s.name === 'tier' && /positive class/.test(s.reason)));
      assert.ok(!r.features.includes('tier'));
      const referral = r.drivers.find((d) => d.name === 'heard_from_search');
      assert.equal(referral?.direction, 'lowers');
      const open = await db.all<{ n: number }>(
        "SELECT count(*) AS n FROM customer_scores WHERE score = 'propensity'",
      );
      assert.equal(open[0]?.n, 10);
    });
  });

  it('runLookalike() scores prospects against the best buyers, with reasons', async () => {
    const people = Array.from(
      { length: 120 },
      (_, i) => `c${i},${i < 100 ? 'false' : 'true'},${i % 10 === 0 || i >= 110 ? 'gold' : 'plain'}`,
    );
    const orders = Array.from(
      { length: 100 },
      (_, i) => [`c${i}`, '2024-03-01', i % 10 === 0 ? 500 : 20] as const,
    );
    await withWarehouseOf(
      { customers: ['customer_id,is_prospect,segment', ...people].join('\n'), orders: ordersCsv(orders) },
      async (db) => {
        const r = await runLookalike(db);
        assertNoNaN(r);
        assert.equal(r.buyers, 100);
        assert.equal(r.seeds, 10);
        assert.equal(r.prospects, 20);
        const gold = (p: { customer: string }) => p.customer === 'c100' || Number(p.customer.slice(1)) >= 110;
        assert.ok(r.top.slice(0, 11).every(gold), 'gold prospects first');
        assert.deepEqual(r.top[0]?.reasons, ['segment ≠ plain']);
        assert.ok((r.auc ?? 0) > 0.99);
      },
    );
  });
});
