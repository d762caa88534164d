/**
 * One profile at scale (issue 13; goal: `GET /v1/profiles/:id?timeline=200` p95 under 300 ms at 1M customers).
 *
 *   node bin/clientele.js demo --customers 100000 --no-serve --db /tmp/clientele-bench/profile-100k.duckdb
 *   node --import tsx bench/profile.ts --db /tmp/clientele-bench/profile-100k.duckdb [--profiles 30] [--timeline 200]
 *
 * Opens the database as the server does (profiles brought up to date first), then reads `--profiles`
 * profiles picked at random (seeded) through `requireProfile` — what the route calls — with a timeline of
 * `--timeline` entries, and prints p50, p95 and max of the wall time and of the process's CPU time (user +
 * system, DuckDB's threads included) beside the goal. The first read of a new data state builds the
 * profile index (src/profiles/rows.ts); its time is printed apart. Then pages once through the whole
 * timeline of the profile with the most records, `--timeline` entries a page. The machine is shared: the
 * load average is printed, and the wall times are upper bounds (the CPU times say what a read costs).
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
  const cpus: number[] = [];
  for (const id of ids) {
    t = performance.now();
    const c = process.cpuUsage();
    // What the route answers: the profile as JSON.
    JSON.stringify(await requireProfile(db, String(id), { timeline }));
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpus.push((used.user + used.system) / 1000);
  }
  const quantile = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  };
  const at = quantile(times);
  const cpuAt = quantile(cpus);
  const [busiest] = await db.all<{ id: number; n: number }>(
    'SELECT profile_id AS id, count(*) AS n FROM record_profiles GROUP BY 1 ORDER BY 2 DESC LIMIT 1',
  );
  let pages = 0;
  let entries = 0;
  const pageTimes: number[] = [];
  t = performance.now();
  if (busiest) {
    let before: string | undefined;
    do {
      const p0 = performance.now();
      const page = await requireProfileTimeline(db, String(busiest.id), {
        limit: timeline,
        ...(before && { before }),
      });
      pageTimes.push(performance.now() - p0);
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
    `profile with timeline=${timeline}, ${times.length} profiles: wall p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${at(1).toFixed(0)} ms (goal: p95 under 300 ms at 1M customers)`,
  );
  console.log(
    `  CPU (user + system) p50 ${cpuAt(0.5).toFixed(0)} ms, p95 ${cpuAt(0.95).toFixed(0)} ms, max ${cpuAt(1).toFixed(0)} ms`,
  );
  const pageAt = quantile(pageTimes);
  console.log(
    `whole timeline of profile ${busiest?.id} (${busiest?.n} records): ${entries} entries in ${pages} pages, ${(paging / Math.max(1, pages)).toFixed(0)} ms a page (p50 ${pageAt(0.5).toFixed(0)} ms, max ${pageAt(1).toFixed(0)} ms)`,
  );
} finally {
  await db.close();
}
