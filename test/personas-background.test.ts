import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { EventWriter, loadSources } from '../src/events/index.js';
import { saveSegment } from '../src/segments/index.js';
import { buildApp } from '../src/server/index.js';
import { PERSONA_JOBS } from '../src/server/routes/personas.js';
import { sharedJobs } from '../src/server/shared-jobs.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { testDemoDatabase } from './helpers/demo.js';
import { ADMIN_TOKEN } from './helpers/server.js';
import { withTempDir } from './helpers/tmp.js';

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

// Issue 14: personas at 100,000 customers take minutes; a visitor who left cancelled them and every visit
// started over. Here the computation is a shared background job that outlives the asker.
async function withDemoApp(
  personaWaitMs: number,
  fn: (app: Awaited<ReturnType<typeof buildApp>>, db: Warehouse) => Promise<void>,
  warm = false,
): Promise<void> {
  await withTempDir(async (dir) => {
    // The demo on the engine under test (CLIENTELE_TEST_ENGINE): on PostgreSQL, a copy of the DuckDB file.
    const db = await openWarehouse((await testDemoDatabase(dir, 1500)).location);
    await saveSegment(db, 'bg-many', 'orders >= 3');
    await saveSegment(db, 'bg-few', 'orders < 3');
    const writer = await EventWriter.create(db);
    const app = await buildApp({
      db,
      writer,
      sources: await loadSources(db),
      adminToken: ADMIN_TOKEN,
      personaWaitMs,
      warmOverview: warm,
    });
    try {
      await fn(app, db);
    } finally {
      await app.close();
      await writer.close();
      await db.close();
    }
  });
}

async function cacheRows(db: Warehouse): Promise<number> {
  const [row] = await db.all<{ n: bigint }>('SELECT count(*) AS n FROM persona_cache');
  return Number(row!.n);
}

describe('personas computed in the background (issue 14)', () => {
  test('a request abandoned mid-computation still fills the cache; the next one answers from it', async () => {
    await withDemoApp(10 * 60_000, async (app, db) => {
      const jobs = sharedJobs(db, PERSONA_JOBS);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const before = await cacheRows(db);
      const controller = new AbortController();
      const asked = fetch(`http://127.0.0.1:${port}/v1/personas?segments=bg-`, {
        headers: auth,
        signal: controller.signal,
      }).catch((error: unknown) => error);
      // Leave while the job runs (it has started and not ended).
      while (jobs.stats().started === 0) await new Promise((r) => setTimeout(r, 5));
      assert.equal(jobs.stats().settled, 0, 'the computation was still running when the visitor left');
      controller.abort();
      assert.ok((await asked) instanceof Error, 'the request was abandoned');
      await jobs.idle();
      assert.deepEqual(jobs.stats(), { started: 1, settled: 1, joined: 0 });
      assert.equal(await cacheRows(db), before + 1, 'the abandoned computation reached the cache');
      const again = await app.inject({ url: '/v1/personas?segments=bg-', headers: auth });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal((again.json() as unknown[]).length, 2);
      assert.equal(jobs.stats().started, 1, 'answered from the cache: no second computation');
    });
  });

  test('two concurrent requests compute once; past the wait the answer is 202 with Retry-After', async () => {
    await withDemoApp(0, async (app, db) => {
      const jobs = sharedJobs(db, PERSONA_JOBS);
      const [a, b] = await Promise.all([
        app.inject({ url: '/v1/personas?segments=bg-', headers: auth }),
        app.inject({ url: '/v1/personas?segments=bg-', headers: { ...auth, 'accept-language': 'pl' } }),
      ]);
      for (const [r, words] of [
        [a, /still being computed/],
        [b, /wciąż są obliczane/],
      ] as const) {
        assert.equal(r.statusCode, 202, r.body);
        assert.equal(r.headers['retry-after'], '10');
        const body = r.json() as { code: string; message: string; retryAfterSeconds: number };
        assert.equal(body.code, 'CLT_INFO_PERSONAS_COMPUTING');
        assert.match(body.message, words, "said in the asker's language");
      }
      await jobs.idle();
      assert.deepEqual(jobs.stats(), { started: 1, settled: 1, joined: 1 }, 'one computation for both');
      const ready = await app.inject({ url: '/v1/personas?segments=bg-', headers: auth });
      assert.equal(ready.statusCode, 200, ready.body);
      assert.equal(jobs.stats().started, 1);
    });
  });

  test('after the segments change, the earlier personas come at once, labelled stale, until the new ones are ready', async () => {
    await withDemoApp(0, async (app, db) => {
      const jobs = sharedJobs(db, PERSONA_JOBS);
      const url = '/v1/personas?segments=bg-';
      const first = await app.inject({ url, headers: auth });
      assert.equal(first.statusCode, 202, first.body);
      assert.equal((first.json() as { stale?: boolean }).stale, undefined, 'nothing earlier to show');
      await jobs.idle();
      const current = await app.inject({ url, headers: auth });
      assert.equal(current.statusCode, 200, current.body);
      const sizeOf = (list: { segment: string; size: number }[]) =>
        list.find((p) => p.segment === 'bg-many')!.size;
      const before = sizeOf(current.json());
      // Other members: the personas' key moves, the question (the segments asked for) stays.
      await saveSegment(db, 'bg-many', 'orders >= 4');
      const stale = await app.inject({ url, headers: { ...auth, 'accept-language': 'pl' } });
      assert.equal(stale.statusCode, 202, stale.body);
      assert.equal(stale.headers['retry-after'], '3');
      const body = stale.json() as {
        code: string;
        message: string;
        stale: boolean;
        asOf: string;
        personas: { segment: string; size: number; summary: string }[];
      };
      assert.equal(body.code, 'CLT_INFO_PERSONAS_COMPUTING');
      assert.equal(body.stale, true);
      assert.match(
        body.message,
        /^Te persony pochodzą z .*wcześniejszego stanu/,
        "said in the asker's language",
      );
      assert.ok(!Number.isNaN(Date.parse(body.asOf)), body.asOf);
      assert.equal(body.personas.length, 2);
      assert.equal(sizeOf(body.personas), before, 'the earlier figures, as they were');
      await jobs.idle();
      const fresh = await app.inject({ url, headers: auth });
      assert.equal(fresh.statusCode, 200, fresh.body);
      assert.ok(sizeOf(fresh.json()) < before, 'the new members, once computed');
    });
  });

  test('a segment refresh that moves members computes the personas again in the background', async () => {
    await withDemoApp(
      10 * 60_000,
      async (app, db) => {
        const jobs = sharedJobs(db, PERSONA_JOBS);
        const url = '/v1/personas?segments=bg-';
        // Five members missing from the segment: a refresh brings them back, a new membership.
        await db.run(
          `DELETE FROM segment_membership WHERE segment = 'bg-many' AND profile_id IN (
             SELECT profile_id FROM segment_membership WHERE segment = 'bg-many' ORDER BY profile_id LIMIT 5)`,
        );
        assert.equal((await app.inject({ url, headers: auth })).statusCode, 200);
        await jobs.idle();
        const cached = await cacheRows(db);
        const refreshed = await app.inject({
          method: 'POST',
          url: '/v1/segments/refresh',
          headers: auth,
          payload: { names: ['bg-many'] },
        });
        assert.equal(refreshed.statusCode, 200, refreshed.body);
        const deadline = Date.now() + 180_000;
        while ((await cacheRows(db)) === cached && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 50));
        assert.equal(await cacheRows(db), cached + 1, 'the re-warm computed the new state');
        await jobs.idle();
        const started = jobs.stats().started;
        const next = await app.inject({ url, headers: auth });
        assert.equal(next.statusCode, 200, next.body);
        assert.equal(jobs.stats().started, started, 'answered from the re-warmed cache');
      },
      true,
    );
  });
});
