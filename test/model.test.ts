import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readGolden, readGoldenLines } from './fixtures/peers/golden.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';

// The public data sets the tests use are vendored under test/fixtures/datasets with their provenance.
const ROOT = join(import.meta.dirname, '..');
const DATASETS = join(ROOT, 'test/fixtures/datasets');
const CDNOW = join(DATASETS, 'cdnow/CDNOW_sample.txt');
const TELCO = join(DATASETS, 'telco-churn/Telco-Customer-Churn.csv');

function near(actual: unknown, expected: number, tolerance: number, what: string): void {
  assert.equal(typeof actual, 'number', `${what} is a number`);
  assert.ok(
    Math.abs((actual as number) - expected) <= tolerance,
    `${what}: ${actual} vs ${expected} ± ${tolerance}`,
  );
}

interface ClvJson {
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  gammaGamma: { p: number; q: number; gamma: number };
  customers: number;
  repeatCustomers: number;
  holdout: { predicted: number; actual: number; byFrequency: { x: string; customers: number }[] } | null;
  paretoNbd?: { r: number; alpha: number; s: number; beta: number; logLikelihood: number };
  runId: number;
  warnings: { code: string; message: string }[];
}

describe('clientele model', () => {
  it('clv reproduces Fader, Hardie & Lee (2005) on the CDNOW sample imported raw through the CLI', async () => {
    await withTestDatabase(async ({ location }) => {
      const db = ['--db', location];
      const columns = 'master_id,customer_id,order_date,quantity,revenue';
      const imported = await runCliJson<{ accepted: number }>([
        ...db,
        'import',
        CDNOW,
        '--as',
        'orders',
        '--columns',
        columns,
      ]);
      assert.equal(imported.accepted, 6919);
      const r = await runCliJson<ClvJson>([
        ...db,
        'model',
        'clv',
        '--calibration-end',
        '1997-09-30',
        '--unit',
        'week',
        '--pareto',
      ]);
      // "Counting your customers the easy way", table 1 and §5: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
      near(r.bgnbd.r, 0.243, 0.0005, 'r');
      near(r.bgnbd.alpha, 4.414, 0.0005, 'alpha');
      near(r.bgnbd.a, 0.793, 0.0005, 'a');
      near(r.bgnbd.b, 2.426, 0.0005, 'b');
      near(r.bgnbd.logLikelihood, -9582.4, 0.05, 'log-likelihood');
      // "RFM and CLV: using iso-value curves" (2005b): p = 6.25, q = 3.74, γ = 15.44 on the 946 repeat buyers.
      near(r.gammaGamma.p, 6.25, 0.005, 'p');
      near(r.gammaGamma.q, 3.74, 0.005, 'q');
      near(r.gammaGamma.gamma, 15.44, 0.005, 'gamma');
      assert.equal(r.customers, 2357);
      assert.equal(r.repeatCustomers, 946);
      // Pareto/NBD as the BTYD package's vignette reports it on the same data: r 0.5534, α 10.5802,
      // s 0.6061, β 11.6562, LL −9594.98 (the likelihood is flat in β; ours 11.669).
      assert.ok(r.paretoNbd);
      near(r.paretoNbd.r, 0.5534, 0.001, 'pareto r');
      near(r.paretoNbd.alpha, 10.5802, 0.01, 'pareto alpha');
      near(r.paretoNbd.s, 0.6061, 0.001, 'pareto s');
      near(r.paretoNbd.beta, 11.6562, 0.02, 'pareto beta');
      near(r.paretoNbd.logLikelihood, -9594.98, 0.01, 'pareto log-likelihood');
      // The 39-week holdout to 1998-06-30 is there, so the check runs: predicted within 15 % of actual.
      assert.ok(r.holdout, 'holdout check');
      assert.ok(Math.abs(r.holdout.predicted / r.holdout.actual - 1) < 0.15, JSON.stringify(r.holdout));
      assert.equal(
        r.holdout.byFrequency.reduce((a, g) => a + g.customers, 0),
        2357,
      );
      // 946 repeat buyers, converged fits and 1,882 holdout purchases: nothing to warn about.
      assert.deepEqual(r.warnings, []);

      const rfm = await runCliJson<{
        customers: number;
        tiers: { customers: number; revenue: number }[];
        scores?: { customer: string; r: number; f: number; m: number; tier: string }[];
      }>([...db, 'model', 'rfm']);
      assert.equal(rfm.customers, 2357);
      assert.equal(
        rfm.tiers.reduce((a, t) => a + t.customers, 0),
        2357,
      );
      assert.equal(rfm.scores?.length, 2357);
      assert.ok(rfm.scores?.every((c) => c.r >= 1 && c.r <= 5 && c.f >= 1 && c.m <= 5 && c.tier !== ''));
      const short = await runCliJson<{ scores?: unknown }>([...db, 'model', 'rfm', '--no-customers']);
      assert.equal(short.scores, undefined);
      const alive = await runCliJson<{ mode: string; customers: number; meanProbabilityAlive: number }>([
        ...db,
        'model',
        'churn',
      ]);
      assert.equal(alive.mode, 'non-contractual');
      assert.equal(alive.customers, 2357);
      assert.ok(alive.meanProbabilityAlive > 0 && alive.meanProbabilityAlive < 1);
      const value = await runCliJson<{ buyers: number; topGroup: { customers: number; valueShare: number } }>(
        [...db, 'model', 'value', '--by', 'clv'],
      );
      assert.equal(value.buyers, 2357);
      assert.equal(value.topGroup.customers, 236);
      assert.ok(value.topGroup.valueShare > 0.4);
      const lookalike = await runCli([...db, 'model', 'lookalike']);
      assert.equal(lookalike.code, 1, 'CDNOW has no prospects');
      assert.match(lookalike.stderr, /no prospects.*CLT_ERR_MODEL_NO_DATA/s);
      const { runs } = await runCliJson<{
        runs: { runId: number; model: string; card: { title: string } }[];
      }>([...db, 'model', 'runs']);
      assert.deepEqual(
        runs.map((run) => run.model),
        ['value', 'churn-alive', 'rfm', 'rfm', 'clv'],
      );
      assert.equal(runs[4]?.runId, r.runId);
      assert.match(runs[4]?.card.title ?? '', /BG\/NBD/);
      const text = await runCli([...db, 'model', 'clv', '--unit', 'fortnight']);
      assert.equal(text.code, 2);
      assert.match(text.stderr, /CLT_ERR_MODEL_BAD_OPTION/);
    });
  });

  it('churn on Telco measures a held-out AUC at least scikit-learn’s − 0.01', async () => {
    await withTestDatabase(async ({ location }) => {
      const db = ['--db', location];
      // The raw file, as it is: Dependents (Yes/No) stays a trait rather than the count of children.
      const imported = await runCliJson<{ accepted: number }>([...db, 'import', TELCO, '--as', 'customers']);
      assert.equal(imported.accepted, 7043);
      const r = await runCliJson<{
        auc: number;
        prAuc: number;
        topDecileLift: number;
        trainRows: number;
        testRows: number;
        drivers: { name: string; feature: string }[];
        features: string[];
      }>([...db, 'model', 'churn', '--label', 'Churn', '--positive', 'Yes']);
      const sklearn = readGoldenLines<{ peer: string; roc_auc: number; test_rows: number }>(
        'telco_churn.sklearn.jsonl',
      ).find((line) => line.peer.includes('LogisticRegression'));
      assert.ok(sklearn);
      assert.equal(r.trainRows, 4930);
      assert.equal(r.testRows, sklearn.test_rows);
      assert.ok(r.auc >= sklearn.roc_auc - 0.01, `auc ${r.auc} vs scikit-learn ${sklearn.roc_auc}`);
      assert.ok(r.prAuc > 0.5 && r.topDecileLift > 2);
      assert.equal(r.features.length, 19);
      assert.ok(!r.features.includes('Churn') && !r.features.includes('customer_id'));
      assert.equal(r.drivers[0]?.feature, 'tenure');
      const third = await runCli([...db, 'model', 'churn', '--label', 'Contract']);
      assert.equal(third.code, 1);
      assert.match(third.stderr, /3 values.*CLT_ERR_MODEL_BAD_LABEL/s);
    });
  });

  it('regress equals statsmodels OLS on the customer-personality design to 1e-6 relative', async () => {
    await withTestDatabase(async ({ location, dir }) => {
      const db = ['--db', location];
      const [head = '', ...rows] = readFileSync(join(ROOT, 'test/fixtures/peers/marketing_ols.csv'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      const csv = join(dir, 'marketing.csv');
      await writeFile(csv, [`customer_id,${head}`, ...rows.map((row, i) => `m${i},${row}`)].join('\n'));
      const map = join(dir, 'map.json');
      await writeFile(map, JSON.stringify({ children: null, birth_year: null, income_band: null }));
      await runCliJson([...db, 'import', csv, '--as', 'customers', '--map', map]);
      const x = 'Income,Kidhome,Teenhome,Recency,NumWebVisitsMonth,Year_Birth,NumDealsPurchases';
      const r = await runCliJson<{
        n: number;
        dropped: number;
        r2: number;
        coefficients: { name: string; estimate: number; stdError: number; pValue: number }[];
      }>([...db, 'model', 'regress', '--y', 'MntWines', '--x', x]);
      const golden = readGolden<{
        params: Record<string, number>;
        bse: Record<string, number>;
        pvalues: Record<string, number>;
        nobs: number;
        r2: number;
      }>('marketing_ols.statsmodels.json');
      assert.equal(r.n, golden.nobs);
      assert.equal(r.dropped, 0);
      near(r.r2, golden.r2, 1e-9, 'r2');
      assert.deepEqual(
        r.coefficients.map((c) => c.name),
        Object.keys(golden.params),
      );
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
      for (const c of r.coefficients) {
        assert.ok(rel(c.estimate, golden.params[c.name] ?? Number.NaN) < 1e-6, `estimate of ${c.name}`);
        assert.ok(rel(c.stdError, golden.bse[c.name] ?? Number.NaN) < 1e-6, `se of ${c.name}`);
        assert.ok(rel(c.pValue, golden.pvalues[c.name] ?? Number.NaN) < 1e-6, `p of ${c.name}`);
      }
    });
  });
});
