/**
 * CLI start-up against bare Node (issue 13; goal: `--version` and `status` under 0.25 s).
 *
 *   npm run build && node --import tsx bench/startup.ts [--runs 15] [--db /tmp/clientele-bench/startup.duckdb]
 *     [--baseline /path/to/another/bin/clientele.js]
 *
 * Runs `node -e ''`, `clientele --version`, `clientele --help` and `clientele status` (on a small database
 * made once by `clientele demo --customers 200`) `--runs` times each, in turn, and prints each one's median
 * wall time and its ratio to bare Node. The machine is shared: the load average is printed, and the
 * seconds are upper bounds. `--baseline` adds the same cases for another build (an older commit's checkout,
 * built), so that before and after come from one run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    db: { type: 'string', default: join('/tmp', 'clientele-bench', 'startup.duckdb') },
    baseline: { type: 'string' },
  },
});
const runs = Number(values.runs);
const db = values.db;
const bin = new URL('../bin/clientele.js', import.meta.url).pathname;

if (!existsSync(db)) {
  await mkdir(dirname(db), { recursive: true });
  const made = spawnSync(process.execPath, [bin, 'demo', '--customers', '200', '--no-serve', '--db', db], {
    stdio: 'ignore',
  });
  if (made.status !== 0) throw new Error(`demo database ${db}: exit ${made.status}`);
}

const cases: Record<string, string[]> = {
  "node -e ''": ['-e', ''],
  'clientele --version': [bin, '--version'],
  'clientele --help': [bin, '--help'],
  'clientele status': [bin, 'status', '--db', db],
};
if (values.baseline) {
  const base = values.baseline;
  cases['baseline --version'] = [base, '--version'];
  cases['baseline --help'] = [base, '--help'];
  // Its own copy of the database: an older build may rewrite what this one keeps (the views).
  const baseDb = db.replace(/\.duckdb$/, '') + '-baseline.duckdb';
  await copyFile(db, baseDb);
  cases['baseline status'] = [base, 'status', '--db', baseDb];
}

const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  // Interleaved, so a burst of load from another process hits every case alike.
  for (const [name, args] of Object.entries(cases)) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { stdio: 'ignore' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`${name}: exit ${run.status}`);
    times[name]?.push(seconds);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const bare = median(times["node -e ''"] ?? []);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}; ${runs} runs each, medians`,
);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`${name.padEnd(22)} ${m.toFixed(3)} s   ratio to bare node ${(m / bare).toFixed(2)}`);
}
