// Runs test files a few at a time, longest first, on both engines in one queue (scripts/test.sh).
//
// `node --test --test-concurrency=2` over a list sorts the list by path, so the longest files (test/web/…)
// started last and one of the two slots idled while the last of them finished; and the PostgreSQL pass
// waited for the DuckDB pass's last file. Here every (engine, file) is one job of its own, the jobs ordered
// by the seconds they took last time (`.tmp/test-seconds.tsv` from the previous run here, else the table
// committed beside this script) and taken by the next free worker, so both cores stay busy until the end.
//
// Usage: node test-run.js JOBS OUT, where JOBS has one `engine<TAB>file` line per job (engine duckdb or
// postgres; file as written, src/x.test.ts, run as its compiled .tmp/js/src/x.test.js) and OUT is the folder
// for each job's TAP. Each job's spec output is printed whole when it ends, after a line naming it; the
// summaries are appended to .tmp/spec-<engine>.txt. Writes .tmp/test-seconds.tsv (seconds, CPU seconds of
// the job's processes, engine, file) and exits 1 if any job failed. CLIENTELE_TEST_CONCURRENCY sets the
// number of workers (2).
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Job {
  readonly engine: 'duckdb' | 'postgres';
  readonly file: string;
  readonly expected: number;
}

interface Done {
  readonly job: Job;
  readonly seconds: number;
  readonly cpu: number;
  readonly ok: boolean;
}

const [jobsFile = '', out = ''] = process.argv.slice(2);
if (!jobsFile || !out) {
  process.stderr.write('usage: test-run.js JOBS OUT\n');
  process.exit(2);
}
const workers = Number(process.env.CLIENTELE_TEST_CONCURRENCY ?? 2) || 2;
const LAST = '.tmp/test-seconds.tsv';
const COMMITTED = 'scripts/test-seconds.tsv';
// A file with no figure yet: a little above the typical file, so that it does not start last.
const UNKNOWN = 10;

/** Seconds by `engine<TAB>file`, from a table of `seconds<TAB>cpu<TAB>engine<TAB>file` lines. */
function seconds(path: string): Map<string, number> {
  const map = new Map<string, number>();
  if (!existsSync(path)) return map;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [s, , engine, file] = line.split('\t');
    if (s && engine && file && !Number.isNaN(Number(s))) map.set(`${engine}\t${file}`, Number(s));
  }
  return map;
}

const known = new Map([...seconds(COMMITTED), ...seconds(LAST)]);
const jobs: Job[] = readFileSync(jobsFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((line) => {
    const [engine, file] = line.split('\t') as ['duckdb' | 'postgres', string];
    return { engine, file, expected: known.get(`${engine}\t${file}`) ?? UNKNOWN };
  })
  .sort((a, b) => b.expected - a.expected);

mkdirSync(out, { recursive: true });
for (const engine of ['duckdb', 'postgres']) rmSync(`.tmp/spec-${engine}.txt`, { force: true });

/** Runs one job: `node --test` on its compiled file, its processes' CPU time read by bash's `times`. */
function run(job: Job): Promise<Done> {
  const compiled = join('.tmp/js', job.file.replace(/\.ts$/, '.js'));
  const name = `${job.engine}-${job.file.replace(/[/.]/g, '_')}`;
  const times = join(out, `${name}.times`);
  const args = [
    '--test',
    '--test-force-exit',
    // A test that hangs fails after 20 minutes instead of holding CI until its own limit.
    '--test-timeout=1200000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${join(out, `${name}.tap`)}`,
    compiled,
  ];
  const env = { ...process.env, CLIENTELE_TEST_ENGINE: job.engine };
  const started = performance.now();
  return new Promise((resolve) => {
    // `times` prints the shell's and then its children's user and system time (every process they waited for).
    const child = spawn('bash', ['-c', 'node "$@"; rc=$?; times >"$0"; exit $rc', times, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpuSeconds(times);
      const ok = code === 0;
      const output = Buffer.concat(chunks).toString('utf8');
      const head = `# ${ok ? 'ok' : 'FAILED'} ${job.file} on ${job.engine}: ${seconds.toFixed(1)} s, CPU ${cpu.toFixed(1)} s\n`;
      process.stdout.write(head + output + (output.endsWith('\n') ? '' : '\n'));
      // A file that failed before its tests could report (it did not load, it crashed) counts as one failure.
      const counted = /^ℹ fail [1-9]/m.test(output);
      appendFileSync(`.tmp/spec-${job.engine}.txt`, output + (ok || counted ? '' : 'ℹ fail 1\n'));
      resolve({ job, seconds, cpu, ok });
    });
  });
}

/** The children's user + system seconds from bash's `times` output (its second line), or 0. */
function cpuSeconds(path: string): number {
  if (!existsSync(path)) return 0;
  const line = readFileSync(path, 'utf8').split('\n')[1] ?? '';
  let total = 0;
  for (const m of line.matchAll(/(\d+)m([\d.]+)s/g)) total += Number(m[1]) * 60 + Number(m[2]);
  return total;
}

const queue = [...jobs];
const done: Done[] = [];
await Promise.all(
  Array.from({ length: Math.min(workers, queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) done.push(await run(job));
  }),
);

// This run's figures, and the last run's for the jobs not run this time (a few files run by hand).
const rows = new Map<string, string>();
if (existsSync(LAST))
  for (const line of readFileSync(LAST, 'utf8').split('\n')) {
    const [, , engine, file] = line.split('\t');
    if (engine && file) rows.set(`${engine}\t${file}`, line);
  }
for (const d of done)
  rows.set(
    `${d.job.engine}\t${d.job.file}`,
    `${d.seconds.toFixed(1)}\t${d.cpu.toFixed(1)}\t${d.job.engine}\t${d.job.file}`,
  );
const table = [...rows.values()].sort((a, b) => Number(b.split('\t')[0]) - Number(a.split('\t')[0]));
writeFileSync(LAST, `${table.join('\n')}\n`);
const failed = done.filter((d) => !d.ok);
for (const d of failed) process.stdout.write(`# FAILED: ${d.job.file} on ${d.job.engine}\n`);
process.exit(failed.length === 0 ? 0 : 1);
