import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openWarehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDemoDatabase } from './helpers/demo.js';
import { withTempDir } from './helpers/tmp.js';

// The exact shapes, on a small demo business: preview, create, members, refresh, export.
describe('clientele segment (CLI)', () => {
  it('previews, saves, lists, refreshes and exports segments written in the text form', async () => {
    await withTempDir(async (dir) => {
      // The demo file itself, or its copy on PostgreSQL (CLIENTELE_TEST_ENGINE).
      const db = (await testDemoDatabase(dir, 800, 3)).location;
      const cli = (...args: string[]) => runCliJson<Record<string, unknown>>(['--db', db, ...args]);
      await cli('model', 'clv');
      await cli('model', 'rfm');

      const de = await cli('segment', 'preview', '--where', "country = 'US' and orders >= 2");
      const check = await openWarehouse(db);
      let expected: number;
      try {
        const [r] = await check.all<{ n: number }>(
          "SELECT count(*) AS n FROM profiles WHERE country = 'US' AND orders >= 2",
        );
        expected = r?.n ?? -1;
      } finally {
        await check.close();
      }
      assert.equal(de.count, expected, 'the count is the plain SQL count');
      assert.ok(expected > 0, 'the demo has US repeat buyers');

      for (const where of [
        'revenue > 500 or clv > 300',
        "rfm_tier in ('At risk', 'Can''t lose them')",
        "did 'Order Completed' at least 2 times in last 90 days",
      ]) {
        const preview = await cli('segment', 'preview', '--where', where);
        assert.equal(typeof preview.count, 'number', where);
      }
      const valuable = await cli('segment', 'create', 'valuable', '--where', 'revenue > 500 or clv > 300');
      assert.equal(valuable.name, 'valuable');
      assert.ok((valuable.count as number) > 0);
      const newsletter = await cli('segment', 'create', 'newsletter', '--where', 'consent_email = true');
      const others = await cli('segment', 'create', 'others', '--where', "not in segment 'newsletter'");
      const everyone = await cli('segment', 'preview', '--where', 'orders >= 0');
      assert.equal((newsletter.count as number) + (others.count as number), everyone.count);

      const members = await runCliJson<{ id: number; customerIds: string[] }[]>([
        '--db',
        db,
        'segment',
        'members',
        'valuable',
      ]);
      assert.equal(members.length, valuable.count);
      assert.ok(members.every((m) => Number.isInteger(m.id) && m.customerIds.length >= 1));

      const list = await runCliJson<{ name: string; count: number; sizes: unknown[] }[]>([
        '--db',
        db,
        'segment',
        'list',
      ]);
      assert.deepEqual(
        list.map((s) => s.name),
        ['newsletter', 'others', 'valuable'],
      );
      assert.ok(list.every((s) => s.sizes.length >= 1));

      const refreshed = await runCliJson<{ name: string }[]>(['--db', db, 'segment', 'refresh', 'valuable']);
      assert.deepEqual(
        refreshed.map((r) => r.name),
        ['valuable'],
      );

      const csv = join(dir, 'valuable.csv');
      const exported = await cli('segment', 'export', 'valuable', '--out', csv);
      assert.equal(exported.rows, valuable.count);
      const lines = (await readFile(csv, 'utf8')).trim().split('\n');
      assert.equal(lines.length, (valuable.count as number) + 1);
      assert.match(lines[0] ?? '', /^id,customer_ids,email/);
      const parquet = join(dir, "it's valuable.parquet");
      const asParquet = await cli('segment', 'export', 'valuable', '--out', parquet);
      assert.equal(asParquet.format, 'parquet');
      const back = await openWarehouse(join(dir, 'read.duckdb'));
      try {
        const [r] = await back.all<{ n: number; clv: number }>(
          'SELECT count(*) AS n, count(clv) AS clv FROM read_parquet(?)',
          [parquet],
        );
        assert.equal(r?.n, valuable.count);
        assert.ok((r?.clv ?? 0) > 0, 'scores travel with the export');
      } finally {
        await back.close();
      }

      const bad = await runCli(['--db', db, 'segment', 'preview', '--where', 'shoe_size > 3', '--json']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown field 'shoe_size'/);
      const missing = await runCli(['--db', db, 'segment', 'export', 'nope', '--out', csv]);
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /no segment named 'nope'/);
    });
  });
});
