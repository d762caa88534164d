import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateDemo } from '../src/demo/index.js';
import { modelDrift, psi } from '../src/housekeeping/index.js';
import { resolveIdentities } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { runRfm } from '../src/modeling/index.js';
import { openWarehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTempDir } from './helpers/tmp.js';

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
    await withTempDir(async (dir) => {
      const path = join(dir, 'c.duckdb');
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

  test('schedules: under a minute is refused, a due task runs and is recorded, delete removes it', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'c.duckdb');
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
