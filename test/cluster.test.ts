import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adjustedRandIndex } from '../src/clustering/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDemoDatabase } from './helpers/demo.js';

interface ClusterJson {
  k: number;
  silhouette: number;
  segments: { name: string; count: number; share: number; centre: Record<string, unknown> }[];
  silhouettes: { k: number; silhouette: number }[];
  chosenBecause: string;
  stability: { meanAri: number; resamples: number } | null;
  imputed: Record<string, number>;
  profiles: number;
}

// The demo's planted groups show in demographics, spend, device and acquisition (docs/demo-data.md);
// category taste, order channel and busy hours separate them too: the behavioural groups of BEHAVIOUR.
const FEATURES = 'age,children,average_order_value,marital_status,top_os,acquisition_source';
const BEHAVIOURAL =
  'age,children,marital_status,income_band,education,occupation,average_order_value,devices,acquisition_source,categories,order_channels,hours';
// The interests people gave (a list field, missing for 44 %) are the most group-specific signal there is.
const WITH_INTERESTS =
  'age,children,marital_status,income_band,average_order_value,devices,categories,order_channels,hours,interests*3';

describe('clientele cluster on the demo business', () => {
  let dir = '';
  let db = '';
  const truth = new Map<string, string>();
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clientele-cluster-'));
    db = (await testDemoDatabase(dir, 2000, 7)).location;
    const lines = (await readFile(join(dir, 'data', 'truth.csv'), 'utf8')).trim().split('\n');
    const header = lines[0]!.split(',');
    const [id, duplicate, group] = ['customer_id', 'duplicate_id', 'group'].map((c) => header.indexOf(c));
    // The first columns are plain ids and names (no quoted cells before `group`).
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      truth.set(cells[id!]!, cells[group!]!);
      if (cells[duplicate!]) truth.set(cells[duplicate!]!, cells[group!]!);
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  // The adjusted Rand index of the saved clusters against the planted groups, and how many profiles it counts.
  async function plantedAri(run: ClusterJson): Promise<{ ari: number; found: number }> {
    const found: string[] = [];
    const planted: string[] = [];
    for (const segment of run.segments) {
      const members = await runCliJson<{ customerIds: string[] }[]>([
        '--db',
        db,
        'segment',
        'members',
        segment.name,
      ]);
      assert.equal(members.length, segment.count);
      for (const m of members) {
        const group = m.customerIds.map((c) => truth.get(c)).find((g) => g !== undefined);
        if (group === undefined) continue;
        found.push(segment.name);
        planted.push(group);
      }
    }
    return { ari: adjustedRandIndex(planted, found), found: found.length };
  }

  // Six clusters of the buyers, in the demo's own time zone, seed 1, without resampling.
  const clusterBuyers = (features: string, name: string) =>
    runCliJson<ClusterJson & { features: { name: string; kind: string; levels?: string[] }[] }>([
      '--db',
      db,
      'cluster',
      '--features',
      features,
      '--k',
      '6',
      '--where',
      'orders >= 1',
      '--tz',
      'America/Chicago',
      '--name',
      name,
      '--seed',
      '1',
      '--resamples',
      '0',
    ]);

  it('recovers the planted customer groups (adjusted Rand index at least 0.2, measured 0.264)', async (t) => {
    const run = await runCliJson<ClusterJson>([
      '--db',
      db,
      'cluster',
      '--features',
      FEATURES,
      '--name',
      'grp',
      '--seed',
      '1',
    ]);
    assert.ok(run.k >= 2 && run.k <= 8);
    assert.deepEqual(
      run.silhouettes.map((s) => s.k),
      [2, 3, 4, 5, 6, 7, 8],
    );
    assert.equal(run.silhouette, Math.max(...run.silhouettes.map((s) => s.silhouette)));
    assert.deepEqual(
      run.segments.map((s) => s.name),
      Array.from({ length: run.k }, (_, i) => `grp-${i + 1}`),
    );
    assert.equal(
      run.segments.reduce((a, s) => a + s.count, 0),
      run.profiles,
    );
    assert.ok(run.stability && run.stability.resamples === 5);
    assert.ok((run.imputed.age ?? 0) > 0, 'some ages are missing and filled');
    const { ari, found } = await plantedAri(run);
    t.diagnostic(
      `k = ${run.k}, silhouette ${run.silhouette.toFixed(3)}, ARI against the planted groups ${ari.toFixed(3)} over ${found} profiles`,
    );
    assert.ok(found > 0.9 * run.profiles);
    assert.ok(ari >= 0.2, `ARI ${ari}`);
  });

  it('recovers the planted groups better with behaviour: category spend, order channels, hours, devices (ARI at least 0.3 at k = 6, measured 0.359)', async (t) => {
    const run = await clusterBuyers(BEHAVIOURAL, 'beh');
    assert.equal(run.k, 6);
    const hours = run.features.find((f) => f.name === 'hours');
    assert.ok(hours?.kind === 'shares');
    assert.deepEqual(hours.levels, ['00-04', '04-08', '08-12', '12-16', '16-20', '20-24']);
    const categories = run.features.find((f) => f.name === 'categories');
    assert.equal(categories?.levels?.length, 12, 'the demo has 12 categories: no "other"');
    for (const s of run.segments) {
      const shares = Object.values(s.centre.order_channels as Record<string, number>);
      assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-9, 'a centre holds shares summing to 1');
    }
    const { ari, found } = await plantedAri(run);
    t.diagnostic(
      `k = 6 on ${run.profiles} buyers: ARI against the planted groups ${ari.toFixed(3)} over ${found} profiles`,
    );
    assert.equal(found, run.profiles);
    assert.ok(ari >= 0.3, `ARI ${ari}`);
  });

  it('recovers the planted groups best with the interests people gave, as tags (ARI at least 0.45 at k = 6, measured 0.533-0.545 over seeds 1-3)', async (t) => {
    const run = await clusterBuyers(WITH_INTERESTS, 'tags');
    const interests = run.features.find((f) => f.name === 'interests');
    assert.ok(interests?.kind === 'shares');
    assert.ok(interests.levels?.includes('golf'), "the affluent group's tags are levels");
    const { ari, found } = await plantedAri(run);
    t.diagnostic(
      `k = 6 with interests: ARI against the planted groups ${ari.toFixed(3)} over ${found} profiles`,
    );
    assert.ok(ari >= 0.45, `ARI ${ari}`);
  });

  it('rejects a bad behavioural parameter or weight as a usage error', async () => {
    for (const features of ['age,hours:5', 'age,order_channels:3', 'age*0']) {
      const bad = await runCli(['--db', db, 'cluster', '--features', features, '--json']);
      assert.equal(bad.code, 2, features);
    }
  });

  it('saves k clusters largest first, usable in rules, and drops clusters a later run no longer makes', async () => {
    const three = await runCliJson<ClusterJson>([
      '--db',
      db,
      'cluster',
      '--features',
      'age,revenue',
      '--k',
      '3',
      '--name',
      'ar',
      // Stability is checked in its own case; here it would only add bootstrap refits.
      '--resamples',
      '0',
    ]);
    assert.equal(three.k, 3);
    const counts = three.segments.map((s) => s.count);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
    assert.equal(typeof three.segments[0]!.centre.age, 'number');
    const preview = await runCliJson<{ count: number }>([
      '--db',
      db,
      'segment',
      'preview',
      '--where',
      "in segment 'ar-2'",
    ]);
    assert.equal(preview.count, three.segments[1]!.count);
    await runCliJson([
      '--db',
      db,
      'cluster',
      '--features',
      'age,revenue',
      '--k',
      '2',
      '--name',
      'ar',
      '--resamples',
      '0',
    ]);
    const list = await runCliJson<{ name: string }[]>(['--db', db, 'segment', 'list']);
    const names = list.map((s) => s.name).filter((n) => n.startsWith('ar-'));
    assert.deepEqual(names, ['ar-1', 'ar-2']);
  });

  it('names an unknown feature in a clear error and saves nothing', async () => {
    const run = await runCli([
      '--db',
      db,
      'cluster',
      '--features',
      "age,shoe_size'; DROP TABLE profiles; --",
      '--json',
    ]);
    assert.equal(run.code, 1);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    assert.equal(error.code, 'CLT_ERR_CLUSTER_UNKNOWN_FEATURE');
    assert.match(error.message, /unknown feature 'shoe_size'; DROP TABLE profiles; --'/);
    const bad = await runCli(['--db', db, 'cluster', '--features', 'age', '--k', 'many']);
    assert.equal(bad.code, 2);
  });
});
