import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { openWarehouse } from '../store/index.js';
import { Warnings } from '../warnings/index.js';
import { clusterProfiles } from './run.js';
import { CLUSTER_LIMITS, clusterWarnings } from './warnings.js';

describe('clusterProfiles() warnings', () => {
  it('names a tiny cluster: 300 customers in two groups and 4 far-off ones, k = 3', async () => {
    await withTestDatabase(async ({ location, dir }) => {
      const rows = ['customer_id,email,score'];
      for (let i = 0; i < 300; i++) rows.push(`c${i},c${i}@x.io,${(i < 150 ? 10 : 50) + (i % 7)}`);
      for (let i = 0; i < 4; i++) rows.push(`o${i},o${i}@x.io,${400 + i}`);
      const file = join(dir, 'customers.csv');
      await writeFile(file, rows.join('\n'));
      const db = await openWarehouse(location);
      try {
        await importFile(db, file, { kind: 'customers' });
        await resolveIdentities(db);
        const run = await clusterProfiles(db, { features: ['score'], k: 3, resamples: 3, seed: 1 });
        assert.deepEqual(
          run.segments.map((s) => s.count),
          [150, 150, 4],
        );
        assert.ok(Value.Check(Warnings, run.warnings));
        const tiny = run.warnings.find((w) => w.code === 'CLT_WARN_CLUSTER_TINY');
        assert.ok(tiny, JSON.stringify(run.warnings));
        assert.match(tiny.message, /^cluster-3 has 4 members \(1\.3 %\)/);
        assert.ok(!tiny.message.includes('cluster-1'), 'the large clusters are not named');
      } finally {
        await db.close();
      }
    });
  });

  it('says when clusters overlap or refits disagree, and nothing when they are clear', () => {
    const clear = [
      { name: 'a-1', count: 500, share: 0.5 },
      { name: 'a-2', count: 500, share: 0.5 },
    ];
    const steady = { resamples: 5, sampleSize: 1000, meanAri: 0.95, minAri: 0.9, aris: [] };
    assert.deepEqual(clusterWarnings(clear, 0.7, steady), []);
    const shaky = { ...steady, meanAri: 0.4, minAri: 0.1 };
    assert.deepEqual(
      clusterWarnings(clear, CLUSTER_LIMITS.silhouette, shaky).map((w) => w.code),
      ['CLT_WARN_CLUSTER_WEAK_SEPARATION', 'CLT_WARN_CLUSTER_UNSTABLE'],
    );
    // 1 % of 10,000 is 100: a cluster of 90 is tiny there though it has more than 30 members.
    const big = [
      { name: 'b-1', count: 9910, share: 0.991 },
      { name: 'b-2', count: 90, share: 0.009 },
    ];
    assert.match(clusterWarnings(big, 0.7, null)[0]?.message ?? '', /^b-2 has 90 members/);
  });
});
