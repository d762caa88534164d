/**
 * A segment preview against the same query written by hand (issue 6; goal: ratio 1.2 or less).
 *
 *   node --import tsx bench/segments.ts [--profiles 1000000] [--events 20000000] [--runs 5]
 *
 * The data set is built in DuckDB with SQL, not by the demo generator, and cached under /tmp: `profiles`
 * (one row per person, country and revenue spread by a hash of the id, a small `traits` document),
 * `events` (names, timestamps over the last year), `record_profiles` linking every event to its
 * profile — the tables an event condition reads (src/segments/compile.ts) — and a CLV score per
 * profile in `customer_scores` from two model runs (a score field reads the latest). The segment has
 * three conditions: a trait, an event count in a window and a score.
 *
 * Ours is `previewSegment(db, expr)`: parse, read the fields and saved segments, compile to SQL with
 * bound values, count. Theirs is the count a person would write by hand with the cut-off inlined. Each
 * is run once to warm the cache, then `--runs` times; medians are printed with their ratio, with our
 * two parts beside them: the compile step (reading the fields and saved segments) and the compiled SQL.
 * The machine is shared: the load average is printed, and the seconds are upper bounds.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileExpression, previewSegment } from '../src/segments/index.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '1000000' },
    events: { type: 'string', default: '20000000' },
    runs: { type: 'string', default: '5' },
  },
});
const profiles = Number(values.profiles);
const events = Number(values.events);
const runs = Number(values.runs);
const dir = join('/tmp', 'clientele-bench');
const dbPath = join(dir, `segments-${profiles}-${events}.duckdb`);

// A trait, an event count in a window, a score (revenue until model scores are stored on profiles).
const EXPRESSION = "country = 'DE' and did 'Order Completed' at least 2 times in last 90 days and clv > 300";

// The same rule as a person writes it: columns read directly, the cut-off as one expression.
const BY_HAND = `
  SELECT count(*) AS n FROM profiles p
  JOIN customer_scores s ON s.customer_key = CAST(p.profile_id AS VARCHAR) AND s.score = 'clv'
    AND s.run_id = (SELECT max(run_id) FROM customer_scores WHERE score = 'clv')
  WHERE p.country = 'DE' AND s.value > 300
    AND p.profile_id IN (
      SELECT rp.profile_id FROM record_profiles rp JOIN events e ON rp.row_key = e.row_key
      WHERE rp.record_table = 'events' AND e.event = 'Order Completed'
        AND e.ts >= now() - INTERVAL 90 DAY AND e.ts <= now()
      GROUP BY rp.profile_id HAVING count(*) >= 2)`;

const EVENT_NAMES = [
  'Page Viewed',
  'Product Viewed',
  'Product Viewed',
  'Product Viewed',
  'Product Added',
  'Checkout Started',
  'Order Completed',
  'Email Opened',
];
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'ES', 'IT', 'NL', 'PL', 'SE', 'CA'];
// A repeatable draw in [0, n) for row i: DuckDB's hash of (i, k), k naming the column.
const h = (k: number, n: number) => `CAST(hash(i, ${k}) % ${n} AS BIGINT)`;
const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** Builds the data set in a file beside the cache and moves it in place when complete. */
async function build(): Promise<void> {
  await mkdir(dir, { recursive: true });
  const building = `${dbPath}.building`;
  await rm(building, { force: true });
  await rm(`${building}.wal`, { force: true });
  const db = await openWarehouse(building);
  const t = performance.now();
  try {
    // hash(i, k) gives independent, repeatable draws per row without a random seed.
    await db.run(`
      INSERT INTO profiles (profile_id, customer_ids, email, first_name, country, region, age, orders, revenue,
        returns, late_deliveries, events, emails_sent, emails_opened, emails_clicked, emails_bounced,
        unsubscribed, tickets, reviews, traits)
      SELECT i, ['C' || i], 'p' || i || '@example.com', 'P' || i,
        ${list(COUNTRIES)}[1 + ${h(1, COUNTRIES.length)}], 'R' || ${h(2, 50)},
        18 + ${h(3, 60)}, ${h(4, 12)}, (${h(5, 200000)}) / 100.0,
        0, 0, ${Math.round(events / profiles)}, 0, 0, 0, 0, false, 0, 0,
        json_object('loyalty_points', ${h(6, 5000)}, 'newsletter', ${h(7, 2)} = 0)
      FROM range(1, ${profiles + 1}) r(i)`);
    console.log(
      `  profiles: ${profiles.toLocaleString()} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    await db.run(`
      INSERT INTO events (type, event, user_id, ts, row_key, row_hash, import_id, source_row)
      SELECT 'track', ${list(EVENT_NAMES)}[1 + ${h(11, EVENT_NAMES.length)}],
        'C' || (1 + ${h(12, profiles)}),
        current_timestamp - to_seconds(${h(13, 365 * 86400)}),
        'e' || i, md5(CAST(i AS VARCHAR)), 1, i
      FROM range(${events}) r(i)`);
    console.log(`  events: ${events.toLocaleString()} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await db.run(`
      INSERT INTO record_profiles (record_table, row_key, profile_id, seq)
      SELECT 'events', row_key, CAST(substr(user_id, 2) AS BIGINT), source_row FROM events`);
    console.log(`  record_profiles in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await addScores(db);
    await db.run('CHECKPOINT');
  } finally {
    await db.close();
  }
  await rename(building, dbPath);
}

/** A CLV per profile from two model runs, the later one the score a segment reads (0–2,000, skewed). */
async function addScores(db: Warehouse): Promise<void> {
  const [has] = await db.all<{ n: number }>("SELECT count(*) AS n FROM customer_scores WHERE score = 'clv'");
  if (Number(has?.n ?? 0) > 0) return;
  await db.run(`
    INSERT INTO customer_scores (customer_key, run_id, score, value)
    SELECT CAST(i AS VARCHAR), run, 'clv', round(exp(ln(2000) * ((${h(20, 10000)} + run * 37) % 10000) / 10000.0), 2)
    FROM range(1, ${profiles + 1}) r(i), (VALUES (1), (2)) v(run)`);
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

async function byHand(db: Warehouse): Promise<number> {
  const [r] = await db.all<{ n: number }>(BY_HAND);
  return Number(r?.n ?? 0);
}

if (!existsSync(dbPath)) {
  console.log(`building ${dbPath}…`);
  await build();
}

const db = await openWarehouse(dbPath);
try {
  await addScores(db);
  const oursCount = (await previewSegment(db, EXPRESSION)).count;
  const handCount = await byHand(db);
  if (oursCount !== handCount) throw new Error(`counts differ: ours ${oursCount}, by hand ${handCount}`);
  const ours: number[] = [];
  const hand: number[] = [];
  const compile: number[] = [];
  const compiled: number[] = [];
  const { sql, params } = await compileExpression(db, EXPRESSION);
  for (let r = 0; r < runs; r++) {
    ours.push(await timed(() => previewSegment(db, EXPRESSION)));
    hand.push(await timed(() => byHand(db)));
    compile.push(await timed(() => compileExpression(db, EXPRESSION)));
    compiled.push(await timed(() => db.all(`SELECT count(*) AS n FROM (${sql})`, params as never[])));
  }
  const o = median(ours);
  const h = median(hand);
  console.log(`segment preview, ${profiles.toLocaleString()} profiles, ${events.toLocaleString()} events`);
  console.log(`  ${EXPRESSION}`);
  console.log(`  members: ${oursCount.toLocaleString()} (same by hand)`);
  console.log(`  ours (previewSegment): ${o.toFixed(3)} s`);
  console.log(
    `    compile alone ${median(compile).toFixed(3)} s, compiled SQL alone ${median(compiled).toFixed(3)} s`,
  );
  console.log(`  by hand (SQL):         ${h.toFixed(3)} s`);
  console.log(
    `  ratio: ${(o / h).toFixed(2)} (goal ≤ 1.2)   medians of ${runs}, load ${loadavg()[0]?.toFixed(2)}`,
  );
} finally {
  await db.close();
}
