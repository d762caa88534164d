import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateDemo } from '../src/demo/index.js';
import { modelDrift, psi } from '../src/housekeeping/index.js';
import { resolveIdentities } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { runAliveChurn, runRfm } from '../src/modeling/index.js';
import { openWarehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';

describe('model drift and schedules', () => {
  test('PSI is 0 for one distribution and large for a shifted one', () => {
    const a = Array.from({ length: 1000 }, (_, i) => i % 100);
    assert.equal(psi(a, a), 0);
    assert.ok(
      psi(
        a,
        a.map((x) => x + 50),
      ) > 0.25,
    );
  });

  test('a shift in the demo behaviour between two runs is drift; no change is stable', async () => {
    await withTestDatabase(async ({ location: path, dir }) => {
      const gen = await generateDemo({ customers: 600, seed: 5, outDir: join(dir, 'data'), workers: 0 });
      const db = await openWarehouse(path);
      try {
        for (const kind of ['products', 'customers', 'orders', 'order_items'] as const) {
          await importFile(db, gen.files[kind]!.path, { kind });
        }
        await resolveIdentities(db);
        await runRfm(db, {});
        await runRfm(db, {});
        const same = await modelDrift(db, { model: 'rfm' });
        assert.equal(same.status, 'stable');
        assert.ok(same.features.every((f) => f.psi === 0));
        // Behaviour shifts: half the customers place five large orders each.
        const keys = await db.all<{ k: string }>('SELECT customer_key AS k FROM customer_facts ORDER BY 1');
        const rows = keys
          .filter((_, i) => i % 2 === 0)
          .flatMap(({ k }, i) =>
            [1, 2, 3, 4, 5].map(
              (n) => `X${i}-${n},${k},2025-12-${String(10 + n).padStart(2, '0')}T10:00:00Z,${900 + n}`,
            ),
          );
        await writeFile(join(dir, 'more.csv'), `order_id,customer_id,order_ts,revenue\n${rows.join('\n')}\n`);
        await importFile(db, join(dir, 'more.csv'), { kind: 'orders' });
        await resolveIdentities(db);
        await runRfm(db, {});
      } finally {
        await db.close();
      }
      const drift = await runCliJson<{
        features: { name: string; psi: number }[];
        score: { psi: number | null };
        calibration: Record<string, unknown>;
        status: string;
      }>(['model', 'drift', 'rfm', '--db', path]);
      assert.deepEqual(
        Object.keys(drift).filter((k) => ['features', 'score', 'calibration', 'status'].includes(k)),
        ['features', 'score', 'calibration', 'status'],
      );
      assert.equal(drift.status, 'drifted');
      assert.ok(drift.features.find((f) => f.name === 'orders')!.psi >= 0.25, JSON.stringify(drift.features));
    });
  });

  test('churn: realised against predicted per decile; a drifted model alerts once and retrains when asked', async () => {
    await withTestDatabase(async ({ location: path, dir }) => {
      const gen = await generateDemo({ customers: 600, seed: 7, outDir: join(dir, 'data'), workers: 0 });
      const db = await openWarehouse(path);
      let baseline = 0;
      const expected = { customers: 0, churned: 0, predicted: 0 };
      try {
        for (const kind of ['products', 'customers', 'orders', 'order_items'] as const) {
          await importFile(db, gen.files[kind]!.path, { kind });
        }
        await resolveIdentities(db);
        baseline = (await runAliveChurn(db)).runId;
        // Half the customers come back with five orders each in a later month.
        const keys = await db.all<{ k: string }>('SELECT customer_key AS k FROM customer_facts ORDER BY 1');
        const rows = keys
          .filter((_, i) => i % 2 === 0)
          .flatMap(({ k }, i) =>
            [1, 2, 3, 4, 5].map(
              (n) => `Y${i}-${n},${k},2026-03-${String(10 + n).padStart(2, '0')}T10:00:00Z,${900 + n}`,
            ),
          );
        await writeFile(join(dir, 'more.csv'), `order_id,customer_id,order_ts,revenue\n${rows.join('\n')}\n`);
        await importFile(db, join(dir, 'more.csv'), { kind: 'orders' });
        await resolveIdentities(db);
        await runAliveChurn(db);
        // The definition worked out here: churned = no placed order in the 365 days before the last one.
        const facts = await db.all<{ k: string; last: string }>(
          `SELECT customer_key AS k, ${db.dialect.formatTime('CAST(last_order_at AS DATE)', '%Y-%m-%d')} AS last FROM customer_facts`,
        );
        const asOf =
          facts
            .map((f) => f.last)
            .sort()
            .at(-1) ?? '';
        const cutoff = new Date(Date.parse(`${asOf}T00:00:00Z`) - 365 * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const lastOf = new Map(facts.map((f) => [f.k, f.last]));
        const scored = await db.all<{ k: string; v: number }>(
          "SELECT customer_key AS k, value AS v FROM customer_scores WHERE run_id = ? AND score = 'churn_risk' AND value IS NOT NULL",
          [baseline],
        );
        expected.customers = scored.length;
        expected.churned = scored.filter((s) => !((lastOf.get(s.k) ?? '') > cutoff)).length;
        expected.predicted = scored.reduce((a, s) => a + s.v, 0) / scored.length;
      } finally {
        await db.close();
      }
      type Drift = {
        status: string;
        baselineRun: number;
        currentRun: number;
        calibration: {
          churn: {
            run: number;
            customers: number;
            predicted: number;
            realised: number;
            deciles: { decile: number; customers: number; predicted: number; realised: number }[];
          } | null;
        };
        alert: { raised: boolean; delivery: string | null; message: string } | null;
        retrained: { runId: number } | null;
      };
      const drift = await runCliJson<Drift>([
        'model',
        'drift',
        'churn-alive',
        '--webhook',
        'http://127.0.0.1:9/drift',
        '--db',
        path,
      ]);
      assert.equal(drift.status, 'drifted');
      const churn = drift.calibration.churn!;
      assert.equal(churn.run, baseline);
      assert.equal(churn.customers, expected.customers);
      assert.ok(
        Math.abs(churn.realised - expected.churned / expected.customers) < 1e-3,
        JSON.stringify(churn),
      );
      assert.ok(Math.abs(churn.predicted - expected.predicted) < 1e-3);
      assert.deepEqual(
        churn.deciles.map((d) => d.decile),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
      assert.equal(
        churn.deciles.reduce((a, d) => a + d.customers, 0),
        expected.customers,
      );
      // Deciles are ordered by the prediction.
      for (let i = 1; i < churn.deciles.length; i++)
        assert.ok(churn.deciles[i]!.predicted >= churn.deciles[i - 1]!.predicted);
      assert.equal(drift.alert?.raised, true);
      assert.ok(drift.alert?.delivery, 'the webhook was enqueued');
      assert.match(drift.alert!.message, /churn-alive drifted/);
      const again = await runCliJson<Drift>(['model', 'drift', 'churn-alive', '--db', path]);
      assert.equal(again.alert?.raised, false, 'one alert per pair of runs');
      const inbox = await runCliJson<{ alert: string; source: string; text: string }[]>([
        'alerts',
        'inbox',
        '--db',
        path,
      ]);
      assert.deepEqual(
        inbox.filter((h) => h.alert === 'model-drift').map((h) => h.source),
        ['drift'],
      );
      const retrained = await runCliJson<Drift>(['model', 'drift', 'churn-alive', '--retrain', '--db', path]);
      assert.ok(retrained.retrained && retrained.retrained.runId > retrained.currentRun);
      const after = await runCliJson<Drift>(['model', 'drift', 'churn-alive', '--db', path]);
      assert.equal(after.currentRun, retrained.retrained!.runId);
      assert.equal(after.baselineRun, retrained.currentRun);
      assert.equal(after.status, 'stable');
      assert.equal(after.alert, null);
      const check = await openWarehouse(path);
      try {
        const [row] = await check.all<{ n: number }>(
          "SELECT CAST(count(*) AS INTEGER) AS n FROM outbox WHERE origin = 'alert:model-drift'",
        );
        assert.equal(row?.n, 1);
      } finally {
        await check.close();
      }
    });
  });

  test('schedules: under a minute is refused, a due task runs and is recorded, delete removes it', async () => {
    await withTestDatabase(async ({ location: db }) => {
      const short = await runCli(['schedule', 'set', 'audit', '--every', '30s', '--db', db, '--json']);
      assert.equal(short.code, 2);
      assert.match(short.stdout, /CLT_ERR_SCHEDULE_BAD_INTERVAL/);
      const badTask = await runCli(['schedule', 'set', 'sweep', '--every', '1h', '--db', db]);
      assert.equal(badTask.code, 2);
      const set = await runCliJson<{ task: string; everySeconds: number }>([
        'schedule',
        'set',
        'audit',
        '--every',
        '1h',
        '--db',
        db,
      ]);
      assert.equal(set.everySeconds, 3600);
      const first = await runCliJson<{ runs: { task: string; ok: boolean }[] }>([
        'schedule',
        'run-due',
        '--db',
        db,
      ]);
      assert.deepEqual(
        first.runs.map((r) => [r.task, r.ok]),
        [['audit', true]],
      );
      const second = await runCliJson<{ runs: unknown[] }>(['schedule', 'run-due', '--db', db]);
      assert.deepEqual(second.runs, [], 'not due again within the hour');
      const runs = await runCliJson<{ runs: { task: string }[] }>(['schedule', 'runs', '--db', db]);
      assert.equal(runs.runs.length, 1);
      const noDrift = await runCli(['model', 'drift', '--db', db]);
      assert.equal(noDrift.code, 1);
      assert.match(noDrift.stderr, /CLT_ERR_DRIFT_NO_RUNS/);
      await runCliJson(['schedule', 'delete', 'audit', '--db', db]);
      const list = await runCliJson<{ schedules: unknown[] }>(['schedule', 'list', '--db', db]);
      assert.deepEqual(list.schedules, []);
      const gone = await runCli(['schedule', 'delete', 'audit', '--db', db]);
      assert.equal(gone.code, 1);
    });
  });
});
