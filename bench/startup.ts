/**
 * CLI start-up against bare Node and against loading DuckDB alone (issue 13; goal: `--version` and `status`
 * under 0.25 s).
 *
 *   npm run build && node --import tsx bench/startup.ts [--runs 15] [--dir /tmp/clientele-bench]
 *     [--baseline /path/to/another/bin/clientele.js]
 *
 * Runs `node -e ''`, `node -e "require('@duckdb/node-api')"`, the same for the bundle of that package the build
 * makes (dist/store/duckdb/node-api.cjs, what the CLI loads), that bundle opening the empty database, running one
 * query and closing it (the floor of any command that reads a database),
 * `clientele --version`, `clientele --help`, and `clientele status` on an empty database and on a small demo
 * database (made once by `clientele demo --customers 200`), `--runs` times each, interleaved, and prints each
 * one's median wall time, median CPU time (user + sys, through /usr/bin/time when it is there) and their ratios
 * to bare Node, to the DuckDB import and to the DuckDB open. The machine is shared: the load average is printed; CPU time is the
 * figure that load disturbs least. `--baseline` adds the same cases for another build (an older commit's
 * checkout, built), so that before and after come from one run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    dir: { type: 'string', default: join('/tmp', 'clientele-bench') },
    baseline: { type: 'string' },
  },
});
const runs = Number(values.runs);
const dir = values.dir;
const demoDb = join(dir, 'startup.duckdb');
const emptyDb = join(dir, 'startup-empty.duckdb');
const bin = new URL('../bin/clientele.js', import.meta.url).pathname;
const root = new URL('..', import.meta.url).pathname;

await mkdir(dir, { recursive: true });
if (!existsSync(demoDb)) {
  const made = spawnSync(
    process.execPath,
    [bin, 'demo', '--customers', '200', '--no-serve', '--db', demoDb],
    {
      stdio: 'ignore',
    },
  );
  if (made.status !== 0) throw new Error(`demo database ${demoDb}: exit ${made.status}`);
}
// A database that exists but holds nothing: the first `status` creates it, later ones find it made.
if (!existsSync(emptyDb)) spawnSync(process.execPath, [bin, 'status', '--db', emptyDb], { stdio: 'ignore' });

const cases: Record<string, string[]> = {
  "node -e ''": ['-e', ''],
  'duckdb import alone': ['-e', "require('@duckdb/node-api')"],
  // What the built CLI loads: the package bundled into one file by scripts/build.sh (src/store/duckdb/api.ts).
  'duckdb bundle alone': ['-e', "require('./dist/store/duckdb/node-api.cjs')"],
  // Opening a database file and closing it, with one query: the floor of a command that reads one (DuckDB's
  // instance start and shutdown cost about as much again as loading it).
  'duckdb open alone': [
    '-e',
    `(async () => { const d = require('./dist/store/duckdb/node-api.cjs'); const i = await d.DuckDBInstance.create(${JSON.stringify(emptyDb)}); const c = await i.connect(); await c.run('SELECT 1'); c.closeSync(); i.closeSync(); })()`,
  ],
  'clientele --version': [bin, '--version'],
  'clientele --help': [bin, '--help'],
  'status (empty db)': [bin, 'status', '--db', emptyDb],
  'status (demo db)': [bin, 'status', '--db', demoDb],
};
if (values.baseline) {
  const base = values.baseline;
  cases['baseline --version'] = [base, '--version'];
  cases['baseline --help'] = [base, '--help'];
  // Its own copy of the database: an older build may rewrite what this one keeps (the views).
  const baseDb = join(dir, 'startup-baseline.duckdb');
  await copyFile(demoDb, baseDb);
  const baseEmpty = join(dir, 'startup-baseline-empty.duckdb');
  await copyFile(emptyDb, baseEmpty);
  cases['baseline status (empty)'] = [base, 'status', '--db', baseEmpty];
  cases['baseline status (demo)'] = [base, 'status', '--db', baseDb];
}

// CPU time of a child: /usr/bin/time writes user and sys seconds to a file (spawnSync reports no rusage).
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const timeFile = join(tmpdir(), `clientele-startup-${process.pid}.time`);

const wall: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  // Interleaved, so a burst of load from another process hits every case alike.
  for (const [name, args] of Object.entries(cases)) {
    const [cmd, cmdArgs] = timeBin
      ? [timeBin, ['-f', '%U %S', '-o', timeFile, process.execPath, ...args]]
      : [process.execPath, args];
    const start = process.hrtime.bigint();
    const run = spawnSync(cmd, cmdArgs, { stdio: 'ignore', cwd: root });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`${name}: exit ${run.status}`);
    wall[name]?.push(seconds);
    if (timeBin) {
      const [user = 0, sys = 0] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
      cpu[name]?.push(user + sys);
    }
  }
}
if (timeBin) rmSync(timeFile, { force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const bareWall = median(wall["node -e ''"] ?? []);
const bareCpu = median(cpu["node -e ''"] ?? []);
// The floor of a command that opens a database: loading DuckDB as the CLI loads it.
const duckCpu = median(cpu['duckdb bundle alone'] ?? []);
const duckWall = median(wall['duckdb bundle alone'] ?? []);
// The floor of a command that reads a database: DuckDB loaded, a file opened, one query, closed.
const openCpu = median(cpu['duckdb open alone'] ?? []);
const openWall = median(wall['duckdb open alone'] ?? []);
console.log(
  `node ${process.version}; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}; ${runs} runs each, medians${timeBin ? '' : ' (no /usr/bin/time: no CPU figures)'}`,
);
console.log(
  `${'case'.padEnd(24)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(7)}  ${'wall/node'.padStart(9)} ${'cpu/node'.padStart(8)}  ${'wall/duck'.padStart(9)} ${'cpu/duck'.padStart(8)}  ${'wall/open'.padStart(9)} ${'cpu/open'.padStart(8)}`,
);
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '-');
for (const name of Object.keys(cases)) {
  const w = median(wall[name] ?? []);
  const c = median(cpu[name] ?? []);
  console.log(
    `${name.padEnd(24)} ${w.toFixed(3).padStart(7)} ${c.toFixed(3).padStart(7)}  ${ratio(w, bareWall).padStart(9)} ${ratio(c, bareCpu).padStart(8)}  ${ratio(w, duckWall).padStart(9)} ${ratio(c, duckCpu).padStart(8)}  ${ratio(w, openWall).padStart(9)} ${ratio(c, openCpu).padStart(8)}`,
  );
}
