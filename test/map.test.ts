import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DataMap, FEATURE_TRAIT, sourcesOf } from '../src/housekeeping/index.js';
import { CATEGORICAL, NUMERIC } from '../src/portraits/features.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDemoDatabase } from './helpers/demo.js';
import { withTestDatabase } from './helpers/engine.js';
import { withTempDir } from './helpers/tmp.js';

describe('clientele map', () => {
  test('the demo map names a source for every trait the personas use', async () => {
    await withTempDir(async (dir) => {
      // The demo business of `clientele demo --customers 400` (seed 7), built once for the suite.
      // On the engine under test (CLIENTELE_TEST_ENGINE): on PostgreSQL, a copy of the DuckDB file.
      const db = (await testDemoDatabase(dir, 400)).location;
      assert.equal((await runCli(['model', 'rfm', '--db', db, '--json'])).code, 0);
      const map = await runCliJson<DataMap>(['map', '--db', db]);
      for (const n of map.nodes)
        assert.deepEqual(Object.keys(n), ['id', 'type', 'name', 'rows', 'freshness', 'owner']);
      const types = new Set(map.nodes.map((n) => n.type));
      for (const t of ['source', 'table', 'field', 'trait', 'model']) assert.ok(types.has(t as never), t);
      // Persona features are portrait features; each reads a trait, and each trait reaches back to a file.
      const features = new Set([...CATEGORICAL, ...NUMERIC].map((f) => f.name));
      const missing: string[] = [];
      for (const f of features) {
        if (f === 'clv' || f === 'churn_risk') continue; // scores of models this test does not run
        const trait = `trait:${FEATURE_TRAIT[f] ?? f}`;
        if (!map.nodes.some((n) => n.id === trait) || !sourcesOf(map, trait).length) missing.push(f);
      }
      assert.deepEqual(missing, []);
      const rfm = sourcesOf(map, 'trait:rfm_tier').map((id) => map.nodes.find((n) => n.id === id)!.name);
      assert.ok(rfm.includes('orders.csv'), rfm.join(', '));
      const svg = await runCli(['map', '--format', 'svg', '--db', db]);
      assert.match(svg.stdout, /^<svg /);
      const html = await runCli(['map', '--format', 'html', '--db', db]);
      assert.match(html.stdout, /<!doctype html>/);
    });
  });

  test('a map of an empty database has no nodes; a bad format is refused', async () => {
    await withTestDatabase(async ({ location: db }) => {
      const map = await runCliJson<DataMap>(['map', '--db', db]);
      assert.deepEqual(map, { nodes: [], edges: [] });
      const bad = await runCli(['map', '--format', 'png', '--db', db]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /CLT_ERR_MAP_BAD_FORMAT/);
    });
  });
});
