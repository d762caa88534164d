import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { importFile } from '../../ingest/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const CDNOW = join(import.meta.dirname, '../../../test/fixtures/datasets/cdnow/CDNOW_sample.txt');

function near(actual: unknown, expected: number, tolerance: number, what: string): void {
  assert.equal(typeof actual, 'number', `${what} is a number`);
  assert.ok(
    Math.abs((actual as number) - expected) <= tolerance,
    `${what}: ${actual} vs ${expected} ± ${tolerance}`,
  );
}

it('POST /v1/models/clv reproduces Fader, Hardie & Lee (2005) on CDNOW, and the run and its card are listed', async () => {
  await withApi(async ({ app, db }) => {
    const imported = await importFile(db, CDNOW, {
      kind: 'orders',
      columns: ['master_id', 'customer_id', 'order_date', 'quantity', 'revenue'],
    });
    assert.equal(imported.accepted, 6919);

    const denied = await app.inject({ method: 'POST', url: '/v1/models/clv', payload: {} });
    assert.equal(denied.statusCode, 403);

    const clv = await app.inject({
      method: 'POST',
      url: '/v1/models/clv',
      headers: admin,
      payload: { calibrationEnd: '1997-09-30', unit: 'week' },
    });
    assert.equal(clv.statusCode, 200, clv.body);
    const r = clv.json();
    // "Counting your customers the easy way", table 1: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    near(r.bgnbd.r, 0.243, 0.0005, 'r');
    near(r.bgnbd.alpha, 4.414, 0.0005, 'alpha');
    near(r.bgnbd.a, 0.793, 0.0005, 'a');
    near(r.bgnbd.b, 2.426, 0.0005, 'b');
    near(r.bgnbd.logLikelihood, -9582.4, 0.05, 'log-likelihood');
    near(r.gammaGamma.p, 6.25, 0.005, 'p');
    near(r.gammaGamma.q, 3.74, 0.005, 'q');
    near(r.gammaGamma.gamma, 15.44, 0.005, 'gamma');
    assert.deepEqual([r.customers, r.repeatCustomers, r.unit, r.horizonMonths], [2357, 946, 'week', 12]);
    assert.deepEqual(r.warnings, [], 'the route answers the same warnings as the CLI: none on CDNOW');

    const rfm = await app.inject({
      method: 'POST',
      url: '/v1/models/rfm',
      headers: admin,
      payload: { customers: false },
    });
    assert.equal(rfm.statusCode, 200, rfm.body);
    assert.equal(rfm.json().customers, 2357);
    assert.equal(rfm.json().scores, undefined, 'customers: false leaves the scores out, as --no-customers');
    // Half of CDNOW's cohort bought once (1,205 of 2,357 in the file): they share F = 1, and the route says so.
    assert.deepEqual(
      rfm.json().warnings.map((w: { code: string }) => w.code),
      ['CLT_WARN_RFM_FREQUENCY_TIES'],
    );
    assert.match(rfm.json().warnings[0].message, /of customers \(1,2\d\d of 2,357\) bought once/);

    const alive = await app.inject({ method: 'POST', url: '/v1/models/churn', headers: admin, payload: {} });
    assert.equal(alive.statusCode, 200, alive.body);
    assert.equal(alive.json().mode, 'non-contractual');

    const runs = await app.inject({ method: 'GET', url: '/v1/models/runs', headers: admin });
    assert.equal(runs.statusCode, 200, runs.body);
    assert.deepEqual(
      runs.json().runs.map((run: { model: string }) => run.model),
      ['churn-alive', 'rfm', 'clv'],
    );
    const onlyClv = await app.inject({ method: 'GET', url: '/v1/models/runs?model=clv', headers: admin });
    assert.deepEqual(
      onlyClv.json().runs.map((run: { runId: number }) => run.runId),
      [r.runId],
    );
    const card = await app.inject({ method: 'GET', url: `/v1/models/runs/${r.runId}`, headers: admin });
    assert.equal(card.statusCode, 200, card.body);
    assert.equal(card.json().runId, r.runId);
    assert.equal(card.json().model, 'clv');
    assert.equal(typeof card.json().card.title, 'string');
    assert.equal(card.json().rowsUsed, 6919);

    const missing = await app.inject({ method: 'GET', url: '/v1/models/runs/999', headers: admin });
    assert.equal(missing.statusCode, 404);
  });
});

it('POST /v1/models/* answers the registry’s errors: bad options, unknown columns, no data', async () => {
  await withApi(async ({ app }) => {
    const cases: [string, unknown, number, string][] = [
      ['/v1/models/clv', { unit: 'fortnight' }, 400, 'CLT_ERR_USAGE'],
      ['/v1/models/clv', { calibrationEnd: '1997-02-30' }, 400, 'CLT_ERR_USAGE'],
      ['/v1/models/value', { nonsense: 1 }, 400, 'CLT_ERR_MODEL_BAD_OPTION'],
      ['/v1/models/regress', { y: 'revenue' }, 400, 'CLT_ERR_USAGE'],
      ['/v1/models/rfm', {}, 422, 'CLT_ERR_MODEL_NO_DATA'],
      ['/v1/models/regress', { y: 'nothing', x: ['orders'] }, 400, 'CLT_ERR_MODEL_UNKNOWN_COLUMN'],
    ];
    for (const [url, payload, status, code] of cases) {
      const res = await app.inject({ method: 'POST', url, headers: admin, payload: payload as object });
      assert.equal(res.json().error?.code, code, `${url} ${JSON.stringify(payload)}: ${res.body}`);
      assert.equal(res.statusCode, status, `${url} ${JSON.stringify(payload)}`);
    }
  });
});
