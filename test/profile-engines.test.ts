import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getProfile, listProfiles, profileTimeline, rebuildProfileRows } from '../src/profiles/index.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { runCliJson } from './helpers/cli.js';
import { testDemoDatabase } from './helpers/demo.js';
import { withTempDir } from './helpers/tmp.js';

// Reading one profile answers the same on DuckDB and on PostgreSQL (issue 18): the demo business is copied
// to PostgreSQL (`clientele db copy`), PostgreSQL's profile index is built again (row keys, no row ids), and
// the profile page and its timeline, paged through the whole history, are compared.
describe('one profile on DuckDB and PostgreSQL', () => {
  let duck: Warehouse;
  let pg: Warehouse;
  // The connection string as the server gave it (a warehouse's location leaves its password out).
  let pgLocation = '';
  let ids: number[] = [];
  let busiest = 0;
  let release: () => void = () => undefined;
  let done: Promise<void> = Promise.resolve();

  before(async () => {
    let ready: () => void = () => undefined;
    const opened = new Promise<void>((r) => {
      ready = r;
    });
    // The temporary folder lives until the tests end.
    done = withTempDir(async (dir) => {
      const demo = await testDemoDatabase(dir, 400, 7, 'postgres');
      const location = demo.location;
      duck = await openWarehouse(demo.db);
      pgLocation = location;
      pg = await openWarehouse(location);
      await new Promise<void>((r) => {
        release = r;
        ready();
      });
      await pg.close();
      await duck.close();
    });
    await Promise.race([opened, done]);
    await rebuildProfileRows(pg);
    const top = await duck.all<{ p: number }>(
      `SELECT profile_id AS p FROM record_profiles GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    busiest = Number(top[0]!.p);
    const some = await duck.all<{ p: number }>(
      'SELECT DISTINCT profile_id AS p FROM record_profiles ORDER BY 1 LIMIT 4',
    );
    ids = [busiest, ...some.map((r) => Number(r.p))];
  });
  after(async () => {
    release();
    await done;
  });

  it('getProfile answers the same on both engines, with explain and the first timeline page', async () => {
    for (const id of ids) {
      const [a, b] = [
        await getProfile(duck, id, { timeline: 25, explain: true }),
        await getProfile(pg, id, { timeline: 25, explain: true }),
      ];
      assert.ok(a && b, `profile ${id} found on both`);
      for (const key of Object.keys(a) as (keyof typeof a)[])
        assert.deepEqual(b[key], a[key], `profile ${id}: ${key}`);
      assert.deepEqual(Object.keys(b), Object.keys(a));
    }
  });

  it('clientele profile and clientele profiles answer on PostgreSQL as on DuckDB', async () => {
    const args = ['--db', pgLocation];
    // The CLI opens PostgreSQL beside this process's connections; DuckDB's answer is read in process (one
    // process per DuckDB file).
    const want = JSON.parse(JSON.stringify(await getProfile(duck, busiest, { timeline: 10 })));
    const got = await runCliJson(['profile', String(busiest), '--timeline', '10', ...args]);
    assert.deepEqual(got, want);
    const list = await runCliJson<unknown[]>(['profiles', '--limit', '5', ...args]);
    assert.deepEqual(list, JSON.parse(JSON.stringify(await listProfiles(duck, 5, 0))));
  });

  it('the timeline pages through the whole history: the pages join into the full history, in order, once each, alike on both engines', async () => {
    const full = await profileTimeline(duck, busiest, { limit: 100_000 });
    assert.ok(full && full.entries.length > 20, 'the busiest profile has a long history');
    assert.equal(full.next, null);
    for (const db of [duck, pg]) {
      const seen: string[] = [];
      let before: string | undefined;
      let pages = 0;
      do {
        const page = await profileTimeline(db, busiest, { limit: 7, ...(before && { before }) });
        assert.ok(page);
        assert.ok(page.entries.length <= 7);
        seen.push(...page.entries.map((e) => JSON.stringify(e)));
        before = page.next ?? undefined;
        pages++;
      } while (before && pages < 10_000);
      assert.deepEqual(
        seen,
        full.entries.map((e) => JSON.stringify(e)),
        db.dialect.name,
      );
      const times = seen.map((e) => (JSON.parse(e) as { at: string }).at);
      assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    }
    // Filters by kind and dates, alike on both engines.
    const kind = full.entries[0]!.kind;
    const from = full.entries.at(-1)!.at.slice(0, 10);
    const to = full.entries[0]!.at.slice(0, 10);
    const filtered = [duck, pg].map((db) =>
      profileTimeline(db, busiest, { limit: 1000, kinds: [kind], from, to }),
    );
    const [x, y] = await Promise.all(filtered);
    assert.ok(x && x.entries.length > 0 && x.entries.every((e) => e.kind === kind));
    assert.deepEqual(y, x);
  });

  it("DuckDB: row ids that moved (a compaction) are found out by the rows' keys, and the index built again", async () => {
    // A page no test read before (reads are kept by data state, which the index's row ids are not part of).
    const want = await getProfile(pg, busiest, { timeline: 30, explain: true });
    // Each of the profile's row ids names the row after it: rows of someone else, or none.
    await duck.run('UPDATE profile_rows SET rid = rid + 1 WHERE profile_id = ?', [busiest]);
    assert.deepEqual(await getProfile(duck, busiest, { timeline: 30, explain: true }), want);
    const [left] = await duck.all<{ n: number }>(
      `SELECT count(*) AS n FROM profile_rows pr JOIN events e ON e.rowid = pr.rid AND e.row_key = pr.row_key
       WHERE pr.profile_id = ? AND pr.record_table = 'events'`,
      [busiest],
    );
    assert.ok(Number(left?.n) > 0, 'the index points at the rows again');
  });

  it("DuckDB: a timeline page alone finds out row ids that moved too (its rows' keys are checked after the page's statement)", async () => {
    // The whole history in one page no test read before (so that it is read, not taken from the kept answers):
    // shifted row ids lose each table's first row of the profile and take in someone else's.
    const want = await profileTimeline(pg, busiest, { limit: 4999 });
    await duck.run('UPDATE profile_rows SET rid = rid + 1 WHERE profile_id = ?', [busiest]);
    assert.deepEqual(await profileTimeline(duck, busiest, { limit: 4999 }), want);
  });
});
