// Benchmark: GET /v1/decide's decision against its limit (p95 under 10 ms at 100,000 profiles, issue 16).
// Run: node --import tsx bench/decide.ts [--profiles 100000] [--calls 2000] [--reference 300]
// Times `decide()` (the route's whole work but HTTP) for known customers, e-mails and unknown visitors,
// after a warm-up that builds the decision index (its build time and size are printed apart). With
// --reference N, also times N calls of the decision as it was before the index (a read of the database per
// call, test/helpers/decide-reference.ts) in the same run, and checks both answer alike. With --reloads N
// (default 5), then times the first decision after N rounds in which 100 customers changed (an incremental
// reload of their profiles) against the one after a quarter of them changed (a full reload, built behind the
// index in use: timed until it is ready).
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCurrent } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { decisionIndex } from '../src/placements/facts.js';
import { decide, savePlacement } from '../src/placements/index.js';
import { saveSegment } from '../src/segments/index.js';
import { referenceDecide } from '../test/helpers/decide-reference.js';
import { withTempDb } from '../test/helpers/tmp.js';

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '100000' },
    calls: { type: 'string', default: '2000' },
    reference: { type: 'string', default: '0' },
    reloads: { type: 'string', default: '5' },
  },
});
const referenceCalls = Number(values.reference);
const n = Number(values.profiles);
const calls = Number(values.calls);
const reloads = Number(values.reloads);

await withTempDb(async (db, dir) => {
  const rows = ['customer_id,email,country'];
  const orders = ['order_id,customer_id,order_ts,revenue'];
  for (let i = 0; i < n; i++) {
    rows.push(`c${i},c${i}@x.io,${i % 3 ? 'US' : 'PL'}`);
    orders.push(`o${i},c${i},2024-0${1 + (i % 9)}-10T10:00:00Z,${(i % 200) + 5}`);
  }
  await writeFile(join(dir, 'customers.csv'), `${rows.join('\n')}\n`);
  await writeFile(join(dir, 'orders.csv'), `${orders.join('\n')}\n`);
  let t = performance.now();
  await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
  await importFile(db, join(dir, 'orders.csv'), { kind: 'orders' });
  await ensureCurrent(db);
  await saveSegment(db, 'at-risk', 'revenue < 50');
  console.log(`setup: ${n} profiles in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await savePlacement(db, 'hero', [
    { if: 'local_hour >= 22 or local_hour < 6', variant: 'night' },
    { if: "in segment 'at-risk' and country = 'PL'", variant: 'winback' },
    { if: 'is_new = true', variant: 'welcome' },
    { variant: 'default' },
  ]);
  const context = {
    local_hour: 12,
    weekday: 'monday',
    device: 'mobile',
    last_viewed_category: null,
    country: null,
  };
  const who = (i: number) =>
    i % 3 === 0
      ? { userId: `c${(i * 7919) % n}` }
      : i % 3 === 1
        ? { email: `c${(i * 104729) % n}@x.io` }
        : { anonymousId: `anon-${i}` };
  const heap = process.memoryUsage().heapUsed;
  t = performance.now();
  await decide(db, 'hero', who(0), context);
  const build = performance.now() - t;
  const grown = process.memoryUsage().heapUsed - heap;
  const size = decisionIndex(db).approximateBytes();
  console.log(
    `index built on the first call in ${build.toFixed(0)} ms; heap grew ${(grown / 1e6).toFixed(1)} MB (${(grown / n).toFixed(0)} B a profile); estimated ${((size.identifiers + size.facts) / n).toFixed(0)} B a profile (identifiers ${(size.identifiers / n).toFixed(0)}, facts ${(size.facts / n).toFixed(0)})`,
  );
  for (let i = 0; i < 50; i++) await decide(db, 'hero', who(i), context);
  const q = (times: number[], p: number) =>
    times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
  const time = async (count: number, fn: (i: number) => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      t = performance.now();
      await fn(i);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b);
  };
  const times = await time(calls, (i) => decide(db, 'hero', who(i), context));
  console.log(
    `decide over ${n} profiles, ${calls} calls: p50 ${q(times, 0.5)} ms, p95 ${q(times, 0.95)} ms, p99 ${q(times, 0.99)} ms (limit p95 10 ms; load average ${loadavg()[0]!.toFixed(1)})`,
  );
  if (referenceCalls > 0) {
    let differ = 0;
    for (let i = 0; i < referenceCalls; i++) {
      const [a, b] = [
        await decide(db, 'hero', who(i), context),
        await referenceDecide(db, 'hero', who(i), context),
      ];
      if (JSON.stringify(a) !== JSON.stringify(b)) differ++;
    }
    const before = await time(referenceCalls, (i) => referenceDecide(db, 'hero', who(i), context));
    console.log(
      `before the index (a database read per call), ${referenceCalls} calls: p50 ${q(before, 0.5)} ms, p95 ${q(before, 0.95)} ms; p50 ratio ${(Number(q(before, 0.5)) / Number(q(times, 0.5))).toFixed(0)}x, p95 ratio ${(Number(q(before, 0.95)) / Number(q(times, 0.95))).toFixed(0)}x; ${differ} of ${referenceCalls} answers differ (load average ${loadavg()[0]!.toFixed(1)})`,
    );
  }
  if (reloads > 0) {
    const index = decisionIndex(db);
    const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)]!;
    // Customers c{from}…c{from + count - 1} move country; the profiles are resolved again (not timed).
    const change = async (from: number, count: number, country: string) => {
      const lines = ['customer_id,email,country'];
      for (let i = from; i < from + count; i++) lines.push(`c${i % n},c${i % n}@x.io,${country}`);
      await writeFile(join(dir, 'change.csv'), `${lines.join('\n')}\n`);
      await importFile(db, join(dir, 'change.csv'), { kind: 'customers' });
      await ensureCurrent(db);
    };
    const incremental: number[] = [];
    for (let r = 0; r < reloads; r++) {
      await change(r * 100, 100, 'DE');
      t = performance.now();
      await decide(db, 'hero', who(r), context);
      incremental.push(performance.now() - t);
    }
    const read = index.stats().lastLoadProfiles;
    await change(0, Math.ceil(n / 4), 'FR');
    t = performance.now();
    await decide(db, 'hero', who(1), context);
    const answered = performance.now() - t;
    await index.settled();
    const full = performance.now() - t;
    const s = index.stats();
    console.log(
      `reload after 100 changed profiles (${read} read again): median ${median(incremental).toFixed(1)} ms over ${reloads} rounds; after ${Math.ceil(n / 4)} changed: full reload ${full.toFixed(0)} ms, the decision meanwhile answered in ${answered.toFixed(1)} ms from the index in use; full/incremental ${(full / median(incremental)).toFixed(0)}x (loads: ${s.fullLoads} full, ${s.incrementalLoads} incremental; load average ${loadavg()[0]!.toFixed(1)})`,
    );
  }
});
