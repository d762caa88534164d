/**
 * A throwaway PostgreSQL server for tests: Debian's `postgresql` package is installed when missing (CI runs as
 * root on a fresh clone), a cluster is initialised in a temporary folder as the `postgres` system user (initdb
 * refuses root), started on a free port with its socket in that folder, and removed by `stop()` or, at the
 * latest, when the process exits. Tests that halt, restart or shard a server start their own; the others take
 * a fresh database on `testServer()`, the server scripts/test.sh started for the whole phase
 * (scripts/pg-cluster.ts, CLIENTELE_TEST_PG_URL) or else one of the process's own.
 *
 * `CLIENTELE_TEST_ENGINE=postgres` picks PostgreSQL for tests that honour it (`testEngine()`); docs/scale.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { identifier, openWarehouse, sql, type Warehouse } from '../../src/store/index.js';
import { withTempDir } from './tmp.js';

/** The engine the tests that honour CLIENTELE_TEST_ENGINE run on. */
export function testEngine(): 'duckdb' | 'postgres' {
  const v = process.env.CLIENTELE_TEST_ENGINE;
  if (v === undefined || v === '' || v === 'duckdb') return 'duckdb';
  if (v === 'postgres' || v === 'postgresql') return 'postgres';
  throw new Error(`invalid CLIENTELE_TEST_ENGINE: ${v} (duckdb or postgres)`);
}

/** A server tests create their databases on. */
export interface PostgresDatabases {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A connection string to database `db` (default `postgres`). */
  url(db?: string): string;
  /**
   * Creates a fresh database and returns its connection string: empty, or with `template`, a copy of that
   * database (`CREATE DATABASE … TEMPLATE`, a file copy on the server: see `sharedTemplate`).
   */
  createDatabase(name?: string, template?: string): Promise<string>;
  /**
   * Makes database `name` once per server, across the processes that share it: the first caller runs `build`
   * on a new database (its connection string) and renames it to `name`, closed to connections, so that it is
   * only ever copied; the others wait for it (an advisory lock) and find it made. Never dropped by a test:
   * it goes with the server.
   */
  sharedTemplate(name: string, build: (location: string) => Promise<void>): Promise<void>;
  /** Drops a database (its name or connection string), closing its connections first. */
  dropDatabase(nameOrUrl: string): Promise<void>;
}

/** A running test server of this process's own. */
export interface PostgresServer extends PostgresDatabases {
  /** Its folder (data, socket, log), removed by `stop()`. */
  readonly dir: string;
  /** Stops the server at once (`-m immediate`: as a crash would), keeping its data; `restart()` starts it again. */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port with the same data. */
  restart(): Promise<void>;
  /** The running server's postmaster process id (for measuring its CPU time, bench/engines.ts). */
  pid(): number;
  stop(): Promise<void>;
}

/** How to start a server: the defaults suit one test file; scripts/pg-cluster.ts sizes one for a whole phase. */
export interface StartOptions {
  /** Leave it running when this process exits (scripts/pg-cluster.ts); otherwise it is stopped and removed then. */
  readonly keep?: boolean;
  readonly maxConnections?: number;
  /** PostgreSQL's shared_buffers, e.g. `256MB`. */
  readonly sharedBuffers?: string;
}

const PASSWORD = 'clientele-test';
let databases = 0;
/** Where PostgreSQL's server programs are, installing Debian's package when there are none. */
export function postgresBin(): string {
  const find = () => {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    return versions[0] ? join(root, versions[0], 'bin') : undefined;
  };
  let bin = find();
  if (bin === undefined) {
    if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed and the tests are not root');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { env, stdio: 'ignore' });
    } catch {
      execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
      execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { env, stdio: 'ignore' });
    }
    bin = find();
    if (bin === undefined) throw new Error('apt-get installed postgresql but no initdb was found');
  }
  return bin;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs one of PostgreSQL's programs, as the `postgres` system user when this process is root. */
function runAs(bin: string, cmd: string, args: string[]): Buffer {
  // initdb and postgres refuse to run as root: as root, run them as the package's `postgres` user.
  return process.getuid?.() === 0
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
    : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
}

/**
 * Stops the cluster in folder `dir` at once and removes the folder, synchronously (it runs in an 'exit'
 * handler, where nothing asynchronous completes). `pg_ctl stop -m immediate`, or a signal to the postmaster
 * when pg_ctl fails.
 */
export function stopPostgresAt(dir: string): void {
  const data = join(dir, 'data');
  try {
    if (existsSync(join(data, 'postmaster.pid')))
      runAs(postgresBin(), 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  } catch {
    try {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      // SIGQUIT is PostgreSQL's immediate shutdown.
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // Not running.
    }
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/** The folders of the clusters this process started and has not stopped yet. */
const running = new Set<string>();
let hooked = false;

/**
 * Stops this process's clusters when it ends: on 'exit' (also under `node --test --test-force-exit`, which ends
 * a file with process.exit, so 'beforeExit' never comes) and on the signals that end it.
 */
function stopAtExit(dir: string): void {
  running.add(dir);
  if (hooked) return;
  hooked = true;
  const stopAll = () => {
    for (const d of running) stopPostgresAt(d);
    running.clear();
  };
  process.on('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      stopAll();
      process.off(signal, onSignal);
      // End as the signal would have, unless someone else listens for it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** The name of a database in a connection string, or the name itself. */
function databaseName(nameOrUrl: string): string {
  return nameOrUrl.includes('://') ? decodeURIComponent(new URL(nameOrUrl).pathname.slice(1)) : nameOrUrl;
}

/** The statement that drops database `name`, closing its connections first. */
function dropStatement(name: string): string {
  return sql`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`.text;
}

/** Creates and drops databases on the server at `url` (a connection string to its `postgres` database). */
export function databasesAt(serverUrl: string): PostgresDatabases {
  const parsed = new URL(serverUrl);
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const url = (db = 'postgres') => {
    const u = new URL(serverUrl);
    u.pathname = `/${encodeURIComponent(db)}`;
    return u.toString();
  };
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    host: parsed.hostname,
    port: Number(parsed.port),
    user,
    password,
    url,
    async createDatabase(
      name = `t${process.pid}_${++databases}_${randomBytes(3).toString('hex')}`,
      template,
    ) {
      const from = template === undefined ? sql`` : sql` TEMPLATE ${identifier(template)}`;
      await admin((c) => c.query(sql`CREATE DATABASE ${identifier(name)}${from}`.text));
      return url(name);
    },
    async dropDatabase(nameOrUrl) {
      await admin((c) => c.query(dropStatement(databaseName(nameOrUrl))));
    },
    sharedTemplate(name, build) {
      return admin(async (c) => {
        // One lock per template name, held by this connection until the template exists.
        await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
        try {
          const made = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
          if (made.rowCount) return;
          const building = `${name.slice(0, 50)}_building`;
          await c.query(dropStatement(building));
          await c.query(sql`CREATE DATABASE ${identifier(building)}`.text);
          try {
            await build(url(building));
            // A copy's source has no sessions: end any the build left behind (a pool closing late).
            await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
              building,
            ]);
            await c.query(sql`ALTER DATABASE ${identifier(building)} RENAME TO ${identifier(name)}`.text);
            await c.query(sql`ALTER DATABASE ${identifier(name)} WITH ALLOW_CONNECTIONS false`.text);
          } catch (error) {
            await c.query(dropStatement(building)).catch(() => undefined);
            throw error;
          }
        } finally {
          await c.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
        }
      });
    },
  };
}

/** Initialises and starts a cluster in a temporary folder; `stop()` stops it and removes the folder. */
export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const bin = postgresBin();
  const as = (cmd: string, args: string[]) => runAs(bin, cmd, args);
  const dir = mkdtempSync(join(tmpdir(), 'clientele-pg-'));
  // From here on the folder goes with the process, even if initdb or the start fails.
  if (!options.keep) stopAtExit(dir);
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  const port = await freePort();
  const settings = [
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    options.maxConnections === undefined ? '' : ` -c max_connections=${options.maxConnections}`,
    options.sharedBuffers === undefined ? '' : ` -c shared_buffers=${options.sharedBuffers}`,
  ].join('');
  try {
    writeFileSync(pwfile, `${PASSWORD}\n`);
    if (process.getuid?.() === 0) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
      chownSync(dir, id('-u'), id('-g'));
      chownSync(pwfile, id('-u'), id('-g'));
    }
    // Password checked over TCP (so that wrong credentials can be tested), trusted on the folder's socket.
    as('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      `--pwfile=${pwfile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', settings, 'start']);
  } catch (error) {
    running.delete(dir);
    stopPostgresAt(dir);
    throw error;
  }
  const host = '127.0.0.1';
  const base = databasesAt(`postgres://postgres:${encodeURIComponent(PASSWORD)}@${host}:${port}/postgres`);
  let stopped = false;
  return {
    ...base,
    dir,
    pid() {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    },
    async halt() {
      as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    async restart() {
      as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', settings, 'start']);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running.delete(dir);
      stopPostgresAt(dir);
    },
  };
}

/**
 * The environment variable that names the server a whole test phase shares (scripts/pg-cluster.ts, started by
 * scripts/test.sh): a connection string to its `postgres` database.
 */
export const SHARED_SERVER_ENV = 'CLIENTELE_TEST_PG_URL';

let shared: Promise<PostgresDatabases> | undefined;

/**
 * The server this process's tests create their databases on: the one of the whole phase when
 * CLIENTELE_TEST_PG_URL names it, else a throwaway server of this process, started on first use and stopped
 * when the process exits. The databases a process leaves on the phase's server are dropped when it exits.
 */
export function testServer(): Promise<PostgresDatabases> {
  if (!shared) {
    const url = process.env[SHARED_SERVER_ENV];
    shared = url ? Promise.resolve(leftDroppedAtExit(databasesAt(url))) : startPostgres();
    // A failed start is not kept: the next test tries again and reports its own failure.
    shared.catch(() => {
      shared = undefined;
    });
  }
  return shared;
}

/** `server`, whose databases not dropped by their tests are dropped (best effort) when this process exits. */
function leftDroppedAtExit(server: PostgresDatabases): PostgresDatabases {
  const left = new Set<string>();
  process.on('exit', () => {
    if (left.size === 0) return;
    const commands = [...left].flatMap((name) => ['-c', dropStatement(name)]);
    try {
      execFileSync(join(postgresBin(), 'psql'), ['-X', '-q', server.url(), ...commands], {
        stdio: 'ignore',
        timeout: 30_000,
      });
    } catch {
      // The server is gone or busy: scripts/test.sh removes it whole at the end.
    }
  });
  return {
    ...server,
    async createDatabase(name, template) {
      const url = await server.createDatabase(name, template);
      left.add(databaseName(url));
      return url;
    },
    async dropDatabase(nameOrUrl) {
      await server.dropDatabase(nameOrUrl);
      left.delete(databaseName(nameOrUrl));
    },
  };
}

/**
 * Runs `fn` on a fresh, migrated warehouse of the engine CLIENTELE_TEST_ENGINE picks (DuckDB by default: a
 * file in a temporary folder; PostgreSQL: a new database on `testServer()`), closed and removed afterwards.
 */
export async function withTestWarehouse(fn: (db: Warehouse) => Promise<void>): Promise<void> {
  if (testEngine() === 'duckdb') {
    await withTempDir(async (dir) => {
      const db = await openWarehouse(join(dir, 'c.duckdb'));
      try {
        await fn(db);
      } finally {
        await db.close();
      }
    });
    return;
  }
  const server = await testServer();
  const location = await server.createDatabase();
  try {
    const db = await openWarehouse(location);
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    await server.dropDatabase(location).catch(() => undefined);
  }
}
