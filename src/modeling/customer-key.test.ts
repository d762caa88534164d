import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { generateDemo } from '../demo/index.js';
import { resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { openWarehouse } from '../store/index.js';
import { runRfm } from './index.js';

it('after identity resolution the models key customers by profile: a planted duplicate’s two records are one customer', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    await generateDemo({ customers: 400, seed: 7, outDir: dir, workers: 0 });
    const db = await openWarehouse(location);
    try {
      for (const kind of ['customers', 'orders'] as const) {
        await importFile(db, join(dir, `${kind}.csv`), { kind });
      }
      // Before identity: the customer_id an import gave.
      const before = await runRfm(db, { perCustomer: true });
      const byId = new Map(before.scores!.map((s) => [s.customer, s]));

      await resolveIdentities(db);
      const after = await runRfm(db, { perCustomer: true });
      const profiles = new Set(
        (await db.all<{ p: string }>('SELECT CAST(profile_id AS VARCHAR) AS p FROM profiles')).map(
          (r) => r.p,
        ),
      );
      assert.ok(
        after.scores!.every((s) => profiles.has(s.customer)),
        'every score names a profile',
      );
      const stored = await db.all<{ n: number }>(
        `SELECT count(*) AS n FROM customer_scores s WHERE run_id = ? AND customer_key NOT IN
           (SELECT CAST(profile_id AS VARCHAR) FROM profiles)`,
        [after.runId],
      );
      assert.equal(stored[0]?.n, 0, 'the stored scores are keyed by profile too');

      // A planted duplicate (truth.csv) whose main and duplicate records both ordered.
      const truth = (await readFile(join(dir, 'truth.csv'), 'utf8')).trim().split('\n');
      const header = truth[0]!.split(',');
      const [ci, di] = [header.indexOf('customer_id'), header.indexOf('duplicate_id')];
      const pair = truth
        .slice(1)
        .map((line) => line.split(','))
        .map((cells) => [cells[ci]!, cells[di]!] as const)
        .find(([main, dup]) => dup !== '' && byId.has(main) && byId.has(dup));
      assert.ok(pair, 'the demo plants a duplicate whose two records both ordered');
      const [main, dup] = pair;
      const profileOf = await db.all<{ id: string; p: string }>(
        `SELECT DISTINCT c.customer_id AS id, CAST(rp.profile_id AS VARCHAR) AS p FROM customers c
           JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
         WHERE c.customer_id IN (?, ?)`,
        [main, dup],
      );
      const ids = new Set(profileOf.map((r) => r.p));
      assert.equal(ids.size, 1, `${main} and ${dup} resolve to one profile`);
      const [profile] = [...ids];
      const merged = after.scores!.filter((s) => s.customer === profile);
      assert.equal(merged.length, 1, 'one RFM row for the person');
      assert.ok(
        merged[0]!.frequency >= byId.get(main)!.frequency + byId.get(dup)!.frequency,
        `frequency ${merged[0]!.frequency} counts the orders of both records`,
      );
      // Orders with a customer id: as many customers as persons, fewer than ids; orders with only an
      // email or a phone (store receipts) now count for their person too.
      const [counted] = await db.all<{ ids: number; persons: number; all: number }>(
        `SELECT count(DISTINCT o.customer_id) FILTER (WHERE o.customer_id IS NOT NULL) AS ids,
           count(DISTINCT rp.profile_id) FILTER (WHERE o.customer_id IS NOT NULL) AS persons,
           count(DISTINCT rp.profile_id) AS "all"
         FROM orders o JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = o.row_key
         WHERE o.revenue >= 0 AND coalesce(lower(o.status), '') <> 'cancelled'`,
      );
      assert.equal(counted?.ids, before.customers);
      assert.ok(counted!.persons < counted!.ids, `${counted?.persons} persons behind ${counted?.ids} ids`);
      assert.equal(after.customers, counted?.all);
    } finally {
      await db.close();
    }
  });
});
