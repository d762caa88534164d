/**
 * One demo database per (customers, seed), built once by the CLI into .tmp/cache and copied for each test
 * that asks: tests that only need "the demo business" no longer generate, import and resolve it each.
 * The cache is named after the built CLI (dist/cli/main.js's time), so a new build makes new databases;
 * test files running side by side (--test-concurrency) wait for the one that builds it.
 */
import { cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli.js';
import { testDatabaseFromShared, testLocation } from './engine.js';
import { testEngine } from './postgres.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, '.tmp', 'cache');
const STALE_LOCK_MS = 30 * 60_000;

/** What a copied demo is: its database file and the folder of the files it was imported from. */
export interface DemoCopy {
  readonly db: string;
  readonly data: string;
}

/**
 * Copies the demo business of `customers` customers and `seed` into `dir` (`dir/demo.duckdb` and
 * `dir/data/`, with truth.csv), building it once per built CLI.
 */
export async function demoDatabase(dir: string, customers: number, seed = 7): Promise<DemoCopy> {
  const home = join(CACHE, await demoName(customers, seed));
  await ready(home, customers, seed);
  const copy = { db: join(dir, 'demo.duckdb'), data: join(dir, 'data') };
  await cp(join(home, 'demo.duckdb'), copy.db);
  if (await exists(join(home, 'demo.duckdb.wal'))) await cp(join(home, 'demo.duckdb.wal'), `${copy.db}.wal`);
  await cp(join(home, 'data'), copy.data, { recursive: true });
  return copy;
}

/** The cached demo's name: its size, seed and the build that made it. */
async function demoName(customers: number, seed: number): Promise<string> {
  const built = Math.floor((await stat(join(ROOT, 'dist', 'cli', 'main.js'))).mtimeMs);
  return `demo-${customers}-${seed}-${built}`;
}

/**
 * The cached demo of (customers, seed) on the engine under test: `demoDatabase`'s copy in `dir`, and as
 * `location` that file on DuckDB, or on PostgreSQL a new database made from the demo's one copy on the test
 * server (`testDatabaseFromShared`: the copy through `clientele db copy` done once per server, not once per
 * test). What `testDatabaseFrom((await demoDatabase(dir, customers, seed)).db)` gave, for less.
 */
export async function testDemoDatabase(
  dir: string,
  customers: number,
  seed = 7,
  engine = testEngine(),
): Promise<DemoCopy & { readonly location: string }> {
  const copy = await demoDatabase(dir, customers, seed);
  return {
    ...copy,
    location: await testDatabaseFromShared(copy.db, await demoName(customers, seed), engine),
  };
}

/**
 * The demo business on the engine under test for a test that keeps its own folder `dir` (the web tests), its
 * generated files in `dir/data`: on DuckDB the cached copy (`dir/demo.duckdb`); on PostgreSQL `clientele demo`
 * itself into a new database of the test server, so that the PostgreSQL run still exercises the demo there.
 * Returns the database location, as `--db` takes it.
 */
export async function testDemo(dir: string, customers: number, seed = 7): Promise<string> {
  if (testEngine() === 'duckdb') return (await demoDatabase(dir, customers, seed)).db;
  const db = await testLocation(dir, 'demo.duckdb');
  const args = ['demo', '--db', db, '--customers', String(customers), '--seed', String(seed)];
  const run = await runCli([...args, '--data', join(dir, 'data'), '--json']);
  if (run.code !== 0) throw new Error(`demo ${customers}/${seed} exited ${run.code}: ${run.stderr}`);
  return db;
}

async function ready(home: string, customers: number, seed: number): Promise<void> {
  const done = join(home, 'ready');
  const lock = `${home}.lock`;
  await mkdir(CACHE, { recursive: true });
  for (;;) {
    if (await exists(done)) return;
    try {
      await mkdir(lock);
    } catch {
      // Another test file builds it: wait, unless its lock is older than any build takes.
      const since = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (since > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      const building = `${home}.building`;
      await rm(building, { recursive: true, force: true });
      await mkdir(building, { recursive: true });
      const run = await runCli([
        'demo',
        '--db',
        join(building, 'demo.duckdb'),
        '--customers',
        String(customers),
        '--seed',
        String(seed),
        '--data',
        join(building, 'data'),
        '--json',
      ]);
      if (run.code !== 0) throw new Error(`demo ${customers}/${seed} exited ${run.code}: ${run.stderr}`);
      await writeFile(join(building, 'ready'), '');
      await rm(home, { recursive: true, force: true });
      await rename(building, home);
      return;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
