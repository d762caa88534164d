/**
 * A fresh database location for the engine CLIENTELE_TEST_ENGINE picks: a DuckDB file in a temporary folder
 * (the default), or a new empty database on the test PostgreSQL server (`testServer()`: the one scripts/test.sh
 * started for the whole phase, else a throwaway one of this process). docs/scale.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyDatabase } from '../../src/store/copy/index.js';
import { openWarehouse, type Warehouse } from '../../src/store/index.js';
import { type PostgresDatabases, testEngine, testServer } from './postgres.js';

/** A database location for one test, and its removal. */
export interface TestDatabase {
  readonly engine: 'duckdb' | 'postgres';
  /** A DuckDB file path or a postgres:// connection string, as `--db` takes it. */
  readonly location: string;
  /** A folder of the test's own for other files (removed by `dispose`). */
  readonly dir: string;
  dispose(): Promise<void>;
}

function server(): Promise<PostgresDatabases> {
  // A PostgreSQL database keeps no key file: every process of the test (the CLI runs too) shares one key.
  process.env.CLIENTELE_KEY ??= randomBytes(32).toString('hex');
  return testServer();
}

/**
 * The instance key every process of a PostgreSQL test run uses when CLIENTELE_KEY is not set: a database
 * server has no place for a key file beside it (docs/scale.md), so erasure, encryption and the audit chain
 * need the key from the environment, as in production. A test that checks a missing key unsets it itself.
 */
export const TEST_INSTANCE_KEY = 'c1'.repeat(32);

function keyForPostgres(): void {
  if (!process.env.CLIENTELE_KEY) process.env.CLIENTELE_KEY = TEST_INSTANCE_KEY;
}

/** A fresh, empty database location of the engine under test (`engine` overrides CLIENTELE_TEST_ENGINE). */
export async function testDatabase(engine = testEngine()): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'clientele-test-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  if (engine === 'duckdb') return { engine, location: join(dir, 'c.duckdb'), dir, dispose };
  keyForPostgres();
  const db = await server();
  const location = await db.createDatabase();
  return {
    engine,
    location,
    dir,
    // Dropped, so that a phase's server does not fill the disk; what is left goes when the process exits.
    dispose: async () => {
      await Promise.all([dispose(), db.dropDatabase(location).catch(() => undefined)]);
    },
  };
}

/**
 * The database location for a test that keeps its own folder `dir`: the file `dir/name` on DuckDB, a new
 * empty database of the test server on PostgreSQL (the web tests' set-up, test/web/), dropped when the
 * process exits.
 */
export async function testLocation(dir: string, name = 'c.duckdb', engine = testEngine()): Promise<string> {
  if (engine === 'duckdb') return join(dir, name);
  keyForPostgres();
  return (await server()).createDatabase();
}

/** Runs `fn` with a fresh database location of the engine under test, removed afterwards. */
export async function withTestDatabase<T>(fn: (db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await testDatabase();
  try {
    return await fn(db);
  } finally {
    await db.dispose();
  }
}

/**
 * Runs `fn` with a fresh, migrated warehouse of the engine under test and a temporary folder (the same
 * shape as tmp.ts's `withTempDb`), closed and removed afterwards.
 */
export async function withTestDb(fn: (db: Warehouse, dir: string) => Promise<void>): Promise<void> {
  await withTestDatabase(async (t) => {
    const db = await openWarehouse(t.location);
    try {
      await fn(db, t.dir);
    } finally {
      await db.close();
    }
  });
}

/**
 * The DuckDB database at `duckdbPath` on the engine under test: the file itself on DuckDB; on PostgreSQL, its
 * copy (`clientele db copy`) in a new database of the test server (dropped when the process exits). Tests that already exercise a
 * command on a DuckDB file honour CLIENTELE_TEST_ENGINE by passing that file through here.
 */
export async function testDatabaseFrom(duckdbPath: string, engine = testEngine()): Promise<string> {
  if (engine === 'duckdb') return duckdbPath;
  keyForPostgres();
  const location = await (await server()).createDatabase();
  await copyInto(duckdbPath, location);
  return location;
}

/**
 * `testDatabaseFrom` for a DuckDB file that many tests take alike (a cached demo, test/helpers/demo.ts), `name`
 * saying what it is: on PostgreSQL it is copied (`clientele db copy`) once per test server into the template
 * database `name` (by the first test that asks, the others waiting), and each call takes a new database made
 * from that template (`CREATE DATABASE … TEMPLATE`: a file copy on the server, in a second where the copy
 * through the warehouse took tens). The instance key is part of the name: what the copy encrypted, it
 * encrypted with that key.
 */
export async function testDatabaseFromShared(
  duckdbPath: string,
  name: string,
  engine = testEngine(),
): Promise<string> {
  if (engine === 'duckdb') return duckdbPath;
  keyForPostgres();
  const key = createHash('sha256')
    .update(process.env.CLIENTELE_KEY ?? '')
    .digest('hex')
    .slice(0, 8);
  const template = `tpl_${name}_${key}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const db = await server();
  await db.sharedTemplate(template, (location) => copyInto(duckdbPath, location));
  return db.createDatabase(undefined, template);
}

async function copyInto(duckdbPath: string, location: string): Promise<void> {
  const [source, target] = [await openWarehouse(duckdbPath), await openWarehouse(location)];
  try {
    await copyDatabase(source, target);
  } finally {
    await target.close();
    await source.close();
  }
}
