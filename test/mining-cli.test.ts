import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openWarehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDatabase } from './helpers/engine.js';
import { tinyShop } from './helpers/shop.js';
import { withTempDir } from './helpers/tmp.js';

const COMMANDS = ['basket', 'trend', 'scan', 'cohorts', 'funnel', 'paths', 'anomalies', 'concentration'];
const STEPS = 'Product Viewed,Product Added,Checkout Started,Order Completed';

describe('clientele mining commands', () => {
  let db: string;
  let release: () => void;
  let done: Promise<void>;
  before(async () => {
    // One imported shop for both tests: each CLI run is a process of its own and costs a second or two.
    await new Promise<void>((ready, fail) => {
      done = withTempDir(async (d) => {
        try {
          // The engine under test (CLIENTELE_TEST_ENGINE): a DuckDB file, or a database on a throwaway PostgreSQL.
          db = (await testDatabase()).location;
          await (await tinyShop(d, await openWarehouse(db))).close();
        } catch (error) {
          fail(error);
          return;
        }
        ready();
        await new Promise<void>((r) => {
          release = r;
        });
      });
    });
  });
  after(async () => {
    release?.();
    await done;
  });

  it('answer in JSON on the tiny shop, never with NaN or Infinity, and with sensible empties on a new database', async () => {
    {
      const help = await runCli(['--help']);
      for (const c of COMMANDS) assert.match(help.stdout, new RegExp(`\\b${c}\\b`));

      const basket = await runCliJson<{
        itemsetCount: number;
        ruleCount: number;
        rules: unknown[];
        baskets: number;
      }>(['--db', db, 'basket', '--min-support', '0.3', '--min-confidence', '0.5', '--limit', '1']);
      assert.equal(basket.baskets, 7);
      assert.equal(basket.rules.length, 1);
      assert.ok(basket.ruleCount >= 1 && basket.itemsetCount >= 3);
      const rec = await runCliJson<{ recommendations: { key: string }[] }>([
        '--db',
        db,
        'basket',
        'recommend',
        '--customer',
        'c3',
        '--min-support',
        '0.1',
      ]);
      assert.ok(rec.recommendations.length > 0);
      const trend = await runCliJson<{ series: { key: string; points: unknown[] }[] }>([
        '--db',
        db,
        'trend',
        '--measure',
        'orders',
        '--by',
        'week',
        '--dimension',
        'channel',
        '--top',
        '1',
      ]);
      assert.deepEqual(trend.series.map((s) => s.key).sort(), ['(other)', 'web']);
      const scan = await runCliJson<{
        findings: unknown[];
        cellsScored: number;
        cellsCredible: number;
        method: { multiplicity: string };
        warnings: { code: string }[];
      }>(['--db', db, 'scan', '--min-size', '1', '--fdr', '0.05']);
      assert.ok(Array.isArray(scan.findings));
      assert.ok(scan.cellsScored > 0);
      assert.match(scan.method.multiplicity, /Benjamini–Hochberg/);
      // Five customers prove nothing: the scan says so instead of listing chance.
      assert.deepEqual(
        scan.warnings.map((w) => w.code),
        scan.cellsCredible === 0 ? ['SCAN_NO_FINDINGS'] : [],
      );
      const cohorts = await runCliJson<{ cohorts: { size: number }[] }>(['--db', db, 'cohorts']);
      assert.deepEqual(
        cohorts.cohorts.map((c) => c.size),
        [2, 1, 2],
      );
      const funnel = await runCliJson<{ steps: { count: number }[] }>([
        '--db',
        db,
        'funnel',
        '--steps',
        STEPS,
      ]);
      assert.deepEqual(
        funnel.steps.map((s) => s.count),
        [3, 2, 0, 0],
      );
      const paths = await runCliJson<{ converters: number }>([
        '--db',
        db,
        'paths',
        '--goal',
        'Order Completed',
      ]);
      assert.equal(paths.converters, 2);
      const flagged = await runCliJson<{ orders: unknown[]; cards: unknown[] }>(['--db', db, 'anomalies']);
      assert.deepEqual(flagged.cards, []);

      // The text output for people runs too.
      for (const args of [
        ['scan', '--min-size', '1'],
        ['funnel', '--steps', STEPS],
      ]) {
        const run = await runCli(['--db', db, ...args]);
        assert.equal(run.code, 0, run.stderr);
        assert.doesNotMatch(run.stdout, /NaN|Infinity/);
        if (args[0] === 'scan')
          assert.match(
            run.stdout,
            /of \d+ cells scored are concentrations at a false discovery rate of 0.05/,
          );
      }

      const fresh = (await testDatabase()).location;
      const empty = [];
      for (const args of [['basket'], ['scan'], ['funnel', '--steps', STEPS]]) {
        empty.push(await runCliJson(['--db', fresh, ...args]));
      }
      const text = JSON.stringify(empty);
      assert.doesNotMatch(text, /NaN|Infinity|null,"conversion"/);
      assert.deepEqual((empty[0] as { rules: unknown[] }).rules, []);
      assert.deepEqual((empty[1] as { findings: unknown[] }).findings, []);
    }
  });

  it('exits 2 with CLT_ERR_MINING_BAD_OPTION on bad options and 1 on an unknown customer', async () => {
    {
      // One bad option per command family; the services' tests cover every option.
      for (const [args, pattern] of [
        [['basket', '--min-support', 'lots'], /minSupport: NaN/],
        [['trend', '--dimension', 'zodiac'], /dimension: zodiac/],
        [['scan', '--measure', 'likes'], /measure: likes/],
        [['funnel', '--steps', STEPS, '--window', '7 days'], /invalid window/],
      ] as const) {
        const run = await runCli(['--db', db, ...args, '--json']);
        assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
        const body = JSON.parse(run.stdout) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'CLT_ERR_MINING_BAD_OPTION');
        assert.match(body.error.message, pattern);
      }
      const unknown = await runCli(['--db', db, 'basket', 'recommend', '--customer', 'ghost', '--json']);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stdout, /CLT_ERR_MINING_UNKNOWN_CUSTOMER/);
      const missing = await runCli(['--db', db, 'funnel']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--steps/);
    }
  });
});
