/**
 * Personas on a demo database (issue 13; goal: `GET /v1/personas` and `clientele personas` under 2 s on a
 * 10,000-customer demo).
 *
 *   node bin/clientele.js demo --customers 10000 --no-serve --db /tmp/clientele-bench/personas-10k.duckdb
 *   node --import tsx bench/personas.ts --db /tmp/clientele-bench/personas-10k.duckdb [--runs 3]
 *
 * Saves a clustering (k = 4, seed 1, on orders, revenue and average order value) when the database has none, then times
 * `generatePersonas` — what the route and the command call — cold (the persona cache emptied and the data-only
 * parts of src/portraits/parts.ts dropped: the first personas after new data), cold with the parts kept (the
 * persona cache emptied only: what a segment refresh or a new clustering of the same data costs) and warm
 * (the same state again), `--runs` times each, and prints the medians, wall and CPU, beside the floor: DuckDB
 * reading the orders and events tables once (what any answer computed from the records must at least do), with
 * the ratios of the same run. The machine is shared: the load average is printed, and the times are upper bounds.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { clusterProfiles } from '../src/clustering/run.js';
import { ensureCurrent } from '../src/identity/index.js';
import { generatePersonas } from '../src/portraits/index.js';
import { dropParts } from '../src/portraits/parts.js';
import { openWarehouse } from '../src/store/index.js';

const { values } = parseArgs({
  options: { db: { type: 'string' }, runs: { type: 'string', default: '3' } },
});
if (!values.db) throw new Error('--db is required (a demo database)');
const runs = Number(values.runs);

const db = await openWarehouse(values.db);
try {
  await ensureCurrent(db);
  const [clusters] = await db.all<{ n: number }>("SELECT count(*) AS n FROM segments WHERE kind = 'cluster'");
  if (!Number(clusters?.n)) {
    await clusterProfiles(db, {
      features: ['orders', 'revenue', 'average_order_value'],
      k: 4,
      seed: 1,
      resamples: 0,
    });
  }
  // CPU time (user + system of every thread of this process, DuckDB's included) beside the wall time: on a
  // shared machine the wall time waits for a core, the CPU time does not.
  const time = async () => {
    const t = performance.now();
    const c = process.cpuUsage();
    const personas = await generatePersonas(db);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1e6);
    return { seconds: (performance.now() - t) / 1000, n: personas.length };
  };
  const cpu: number[] = [];
  const cold: number[] = [];
  const kept: number[] = [];
  const warm: number[] = [];
  const floor: number[] = [];
  const floorCpu: number[] = [];
  let n = 0;
  for (let i = 0; i < runs; i++) {
    // The floor: every order and event read once, the columns the personas count.
    const t = performance.now();
    const c0 = process.cpuUsage();
    await db.all(
      `SELECT (SELECT count(*) FROM orders WHERE order_ts IS NOT NULL AND revenue IS NOT NULL AND row_key IS NOT NULL) AS o,
         (SELECT count(*) FROM events WHERE ts IS NOT NULL AND event IS NOT NULL AND row_key IS NOT NULL) AS e`,
    );
    const u0 = process.cpuUsage(c0);
    floor.push((performance.now() - t) / 1000);
    floorCpu.push((u0.user + u0.system) / 1e6);
    await db.run('DELETE FROM persona_cache');
    await dropParts(db);
    const c = await time();
    cold.push(c.seconds);
    n = c.n;
    await db.run('DELETE FROM persona_cache');
    kept.push((await time()).seconds);
    warm.push((await time()).seconds);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${n} personas, ${runs} runs`,
  );
  const coldCpu = cpu.filter((_, i) => i % 3 === 0);
  const keptCpu = cpu.filter((_, i) => i % 3 === 1);
  const warmCpu = cpu.filter((_, i) => i % 3 === 2);
  const list = (xs: number[], d: number) => xs.map((x) => x.toFixed(d)).join(', ');
  console.log(
    `cold (computed): median ${median(cold).toFixed(2)} s  [${list(cold, 2)}]; CPU median ${median(coldCpu).toFixed(2)} s [${list(coldCpu, 2)}]`,
  );
  console.log(
    `cold, data parts kept (a new segmentation): median ${median(kept).toFixed(2)} s  [${list(kept, 2)}]; CPU median ${median(keptCpu).toFixed(2)} s [${list(keptCpu, 2)}]`,
  );
  console.log(
    `warm (cached):   median ${median(warm).toFixed(3)} s  [${list(warm, 3)}]; CPU median ${median(warmCpu).toFixed(3)} s [${list(warmCpu, 3)}]`,
  );
  console.log(
    `floor (orders and events read once): median ${median(floor).toFixed(3)} s [${list(floor, 3)}]; CPU median ${median(floorCpu).toFixed(3)} s`,
  );
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(1) : '–');
  console.log(
    `ratios (same run): cold / floor ${ratio(median(cold), median(floor))} by wall, ${ratio(median(coldCpu), median(floorCpu))} by CPU; ` +
      `warm / floor ${ratio(median(warm), median(floor))} by wall; goal: cold and warm under 2 s wall ` +
      `(cold ${median(cold) < 2 ? 'met' : 'not met'}, warm ${median(warm) < 2 ? 'met' : 'not met'})`,
  );
} finally {
  await db.close();
}
