/**
 * One profile at scale (issue 13; goal: `GET /v1/profiles/:id?timeline=200` p95 under 300 ms at 1M customers).
 *
 *   node bin/clientele.js demo --customers 100000 --no-serve --db /tmp/clientele-bench/profile-100k.duckdb
 *   node --import tsx bench/profile.ts --db /tmp/clientele-bench/profile-100k.duckdb [--profiles 30] [--timeline 200]
 *
 * Opens the database as the server does (profiles brought up to date first), then reads `--profiles`
 * profiles picked at random (seeded) through `requireProfile` — what the route calls — with a timeline of
 * `--timeline` entries, and prints p50, p95 and max. The first read of a new data state builds the
 * profile index (src/profiles/rows.ts); its time is printed apart. Then pages once through the whole
 * timeline of the profile with the most records, `--timeline` entries a page. The machine is shared: the
 * load average is printed, and the times are upper bounds.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureCurrent } from '../src/identity/index.js';
import { ensureProfileRows, requireProfile, requireProfileTimeline } from '../src/profiles/index.js';
import { openWarehouse } from '../src/store/index.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    profiles: { type: 'string', default: '30' },
    timeline: { type: 'string', default: '200' },
  },
});
if (!values.db) throw new Error('--db is required (a demo database)');
const count = Number(values.profiles);
const timeline = Number(values.timeline);

const db = await openWarehouse(values.db);
try {
  await ensureCurrent(db);
  let t = performance.now();
  await ensureProfileRows(db);
  const build = performance.now() - t;
  const ids = (
    await db.all<{ id: number }>(
      'SELECT profile_id AS id FROM profiles ORDER BY hash(profile_id + 17) LIMIT ?',
      [count],
    )
  ).map((r) => Number(r.id));
  const times: number[] = [];
  for (const id of ids) {
    t = performance.now();
    await requireProfile(db, String(id), { timeline });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  const [busiest] = await db.all<{ id: number; n: number }>(
    'SELECT profile_id AS id, count(*) AS n FROM record_profiles GROUP BY 1 ORDER BY 2 DESC LIMIT 1',
  );
  let pages = 0;
  let entries = 0;
  t = performance.now();
  if (busiest) {
    let before: string | undefined;
    do {
      const page = await requireProfileTimeline(db, String(busiest.id), {
        limit: timeline,
        ...(before && { before }),
      });
      pages++;
      entries += page.entries.length;
      before = page.next ?? undefined;
    } while (before);
  }
  const paging = performance.now() - t;
  const [size] = await db.all<{ profiles: number; records: number }>(
    'SELECT (SELECT count(*) FROM profiles) AS profiles, (SELECT count(*) FROM record_profiles) AS records',
  );
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `${size?.profiles} profiles, ${size?.records} records; profile index built in ${(build / 1000).toFixed(2)} s`,
  );
  console.log(
    `profile with timeline=${timeline}, ${times.length} profiles: p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`,
  );
  console.log(
    `whole timeline of profile ${busiest?.id} (${busiest?.n} records): ${entries} entries in ${pages} pages, ${(paging / Math.max(1, pages)).toFixed(0)} ms a page`,
  );
} finally {
  await db.close();
}
