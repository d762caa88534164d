import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { numbersIn, tinyShop } from '../../../test/helpers/shop.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

it('POST /v1/mining/* answers as the CLI does, refuses unknown options and needs the admin token', async () => {
  await withApi(async ({ app, db, dir }) => {
    await tinyShop(dir, db);
    const post = (path: string, payload: Record<string, unknown>, headers: Record<string, string> = admin) =>
      app.inject({ method: 'POST', url: `/v1/mining/${path}`, headers, payload });

    const rules = await post('basket', { minSupport: 0.1, minConfidence: 0.5 });
    assert.equal(rules.statusCode, 200, rules.body);
    assert.ok(rules.json().ruleCount > 0);
    assert.ok(
      rules
        .json()
        .rules.some(
          (r: { antecedent: string[]; consequent: string[] }) =>
            r.antecedent.includes('Tent') && r.consequent.includes('Stakes'),
        ),
      'tents sell with stakes',
    );
    const offer = await post('basket/recommend', { customer: 'c4', minSupport: 0.1 });
    assert.equal(offer.statusCode, 200, offer.body);

    for (const [path, body] of [
      ['trend', { measure: 'revenue', by: 'month' }],
      ['scan', { measure: 'orders', fdr: 0.1, minSize: 1 }],
      ['cohorts', {}],
      ['funnel', { steps: ['Product Viewed', 'Order Completed'] }],
      ['paths', { goal: 'Order Completed' }],
      ['anomalies', {}],
    ] as const) {
      const r = await post(path, body);
      assert.equal(r.statusCode, 200, `${path}: ${r.body}`);
      for (const n of numbersIn(r.json())) assert.ok(Number.isFinite(n), `${path}: no NaN or infinity`);
    }

    const scanned = (await post('scan', { periods: ['month'], fdr: 0.1 })).json();
    assert.equal(typeof scanned.cellsScored, 'number');
    assert.equal(scanned.parameters.fdr, 0.1);
    assert.match(scanned.method.multiplicity, /Benjamini–Hochberg/);
    assert.ok(Array.isArray(scanned.warnings));
    assert.equal((await post('scan', { fdr: 2 })).statusCode, 400, 'fdr is at most 0.5');
    assert.equal((await post('scan', { level: 0.95 })).statusCode, 400, 'the credibility level is gone');

    const misspelt = await post('trend', { mesure: 'revenue' });
    assert.equal(misspelt.statusCode, 400);
    assert.equal(misspelt.json().error.code, 'CLT_ERR_MINING_BAD_OPTION');
    assert.match(misspelt.json().error.message, /unknown option mesure/);
    assert.equal((await post('scan', {}, {})).statusCode, 403);
  });
});
