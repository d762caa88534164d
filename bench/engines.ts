/**
 * The engines side by side: import, identity resolution, a segment preview, RFM and the overview of one demo
 * business on DuckDB (a file), on PostgreSQL (one throwaway server) and on the sharded set-up (a coordinator
 * and two postgres_fdw workers made by `scale init`; docs/scale.md), in one run, with the ratios at the end.
 *
 *   node --import tsx bench/engines.ts [--customers 1000000] [--runs 3] [--only duckdb,postgres,sharded]
 *
 * The demo files are generated once per size under .tmp/bench/. Every PostgreSQL server runs on this machine,
 * so the sharded set-up here proves the path and its correctness, not speed: three servers share the same
 * cores and disk, and every row crosses a local socket once more than on one server. Wall times are medians
 * of --runs (import and resolution run once); CPU is this process's user+sys plus, for PostgreSQL, every
 * server's (the postmasters' own, their finished children's and their live backends' user+sys from /proc).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoFiles, generateDemo } from '../src/demo/index.js';
import { resolveIdentities } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { runRfm } from '../src/modeling/rfm.js';
import { OverviewService } from '../src/overview/index.js';
import { parseWorkers, scaleInit } from '../src/scale/index.js';
import { previewSegment } from '../src/segments/store.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { type PostgresServer, startPostgres } from '../test/helpers/postgres.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string', default: 'duckdb,postgres,sharded' },
  },
});
const customers = Number(values.customers);
const runs = Number(values.runs);
const setups = values.only.split(',') as Setup[];
type Setup = 'duckdb' | 'postgres' | 'sharded';
const STEPS = ['import', 'identity resolve', 'segment preview', 'RFM', 'overview'] as const;
type Step = (typeof STEPS)[number];
const RULE = 'orders >= 3 and revenue > 500';
const dir = join('.tmp', 'bench');

const ticks = 100; // USER_HZ on Linux
// User+sys seconds of a PostgreSQL server: the postmaster, its finished children (cutime/cstime), its live ones.
function serverCpu(servers: readonly PostgresServer[]): number {
  const stat = (pid: number | string) => {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), kids: Number(f[13]) + Number(f[14]) };
    } catch {
      return undefined;
    }
  };
  const roots = new Set(servers.map((s) => s.pid()));
  let total = 0;
  for (const root of roots) {
    const r = stat(root);
    if (r) total += r.own + r.kids;
  }
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const p = stat(pid);
    if (p && roots.has(p.ppid)) total += p.own;
  }
  return total / ticks;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Measure {
  wall: number;
  cpu: number;
}

async function measure(servers: readonly PostgresServer[], fn: () => Promise<unknown>): Promise<Measure> {
  const c0 = process.cpuUsage();
  const s0 = serverCpu(servers);
  const t0 = performance.now();
  await fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 + serverCpu(servers) - s0 };
}

async function bench(setup: Setup, files: Awaited<ReturnType<typeof demoFiles>>) {
  const servers: PostgresServer[] = [];
  let db: Warehouse;
  const out = new Map<Step, { wall: number; cpu: number }>();
  try {
    if (setup === 'duckdb') {
      const path = join(dir, `engines-${customers}.duckdb`);
      await rm(path, { force: true });
      await rm(`${path}.wal`, { force: true });
      db = await openWarehouse(path);
    } else if (setup === 'postgres') {
      servers.push(await startPostgres());
      db = await openWarehouse(await servers[0]!.createDatabase('bench'));
    } else {
      servers.push(...(await Promise.all([startPostgres(), startPostgres(), startPostgres()])));
      const coord = await servers[0]!.createDatabase('bench');
      const shards = await Promise.all(servers.slice(1).map((s) => s.createDatabase('shard')));
      const init = await openWarehouse(coord);
      await scaleInit(init, parseWorkers(shards.join(',')));
      await init.close();
      // A new connection, so that the partition-wise settings scale init made the database's defaults apply.
      db = await openWarehouse(coord);
    }
    try {
      out.set(
        'import',
        await measure(servers, async () => {
          for (const f of files) await importFile(db, f.path, { kind: f.kind });
        }),
      );
      console.log(`  ${setup}: import ${out.get('import')!.wall.toFixed(1)} s`);
      out.set('identity resolve', await measure(servers, () => resolveIdentities(db, { full: true })));
      console.log(`  ${setup}: identity resolve ${out.get('identity resolve')!.wall.toFixed(1)} s`);
      const repeat = async (fn: () => Promise<unknown>) => {
        const ms: Measure[] = [];
        for (let r = 0; r < runs; r++) ms.push(await measure(servers, fn));
        return { wall: median(ms.map((m) => m.wall)), cpu: median(ms.map((m) => m.cpu)) };
      };
      out.set('segment preview', await repeat(() => previewSegment(db, RULE)));
      out.set('RFM', await repeat(() => runRfm(db, { asOf: '2025-12-31' })));
      // A new service each time; its per-day pre-aggregate may be kept between runs (docs/overview).
      out.set('overview', await repeat(() => new OverviewService(db).get({})));
      const [rows] = await db.all<{ n: number }>(
        'SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM events) + (SELECT count(*) FROM order_items) AS n',
      );
      console.log(`  ${setup}: done (${rows?.n} order, order line and event rows)`);
    } finally {
      await db.close();
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  return out;
}

await mkdir(dir, { recursive: true });
const data = join(dir, `engines-${customers}`);
if (!existsSync(join(data, 'ready'))) {
  console.log(`generating the demo business with ${customers.toLocaleString()} customers…`);
  await rm(data, { recursive: true, force: true });
  await generateDemo({ customers, seed: 7, outDir: data });
  await import('node:fs/promises').then((fs) => fs.writeFile(join(data, 'ready'), ''));
}
const files = await demoFiles(data);
const load0 = loadavg();
const results = new Map<Setup, Map<Step, Measure>>();
for (const setup of setups) {
  console.log(`${setup}…`);
  results.set(setup, await bench(setup, files));
}
const load1 = loadavg();

const pad = (s: string, n: number) => s.padEnd(n);
const fmt = (m?: Measure) => (m ? `${m.wall.toFixed(2)} s (cpu ${m.cpu.toFixed(2)})` : '—');
console.log(
  `\n${customers.toLocaleString()} customers; wall median of ${runs} (import and resolve: 1 run); cpu = user+sys of this process and the PostgreSQL servers`,
);
console.log(`${pad('step', 18)}${setups.map((s) => pad(s, 28)).join('')}`);
for (const step of STEPS)
  console.log(`${pad(step, 18)}${setups.map((s) => pad(fmt(results.get(s)?.get(step)), 28)).join('')}`);
const ratio = (a: Setup, b: Setup, step: Step, k: keyof Measure) => {
  const x = results.get(a)?.get(step)?.[k];
  const y = results.get(b)?.get(step)?.[k];
  return x && y ? (x / y).toFixed(2) : '—';
};
console.log('\nratios, wall (cpu): postgres / duckdb, sharded / postgres');
for (const step of STEPS)
  console.log(
    `${pad(step, 18)}${ratio('postgres', 'duckdb', step, 'wall')} (${ratio('postgres', 'duckdb', step, 'cpu')})   ${ratio('sharded', 'postgres', step, 'wall')} (${ratio('sharded', 'postgres', step, 'cpu')})`,
  );
console.log(
  `\nload average ${load0.map((l) => l.toFixed(2)).join(' ')} at the start, ${load1.map((l) => l.toFixed(2)).join(' ')} at the end.`,
);
console.log(
  'The sharded set-up runs its coordinator and both workers on this one machine: it shows the path works and what it costs in round trips, not what more machines would gain.',
);
