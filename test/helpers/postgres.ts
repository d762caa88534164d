/**
 * A throwaway PostgreSQL server for tests: Debian's `postgresql` package is installed when missing (CI runs as
 * root on a fresh clone), a cluster is initialised in a temporary folder as the `postgres` system user (initdb
 * refuses root), started on a free port with its socket in that folder, and removed by `stop()`. Start one per
 * test file, stop it in `after()`.
 *
 * `CLIENTELE_TEST_ENGINE=postgres` picks PostgreSQL for tests that honour it (`testEngine()`); docs/scale.md.
 */
import { execFileSync } from 'node:child_process';
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
import { openWarehouse, type Warehouse } from '../../src/store/index.js';
import { withTempDir } from './tmp.js';

/** The engine the tests that honour CLIENTELE_TEST_ENGINE run on. */
export function testEngine(): 'duckdb' | 'postgres' {
  const v = process.env.CLIENTELE_TEST_ENGINE;
  if (v === undefined || v === '' || v === 'duckdb') return 'duckdb';
  if (v === 'postgres' || v === 'postgresql') return 'postgres';
  throw new Error(`invalid CLIENTELE_TEST_ENGINE: ${v} (duckdb or postgres)`);
}

/** A running test server. */
export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A connection string to database `db` (default `postgres`). */
  url(db?: string): string;
  /** Creates a fresh empty database and returns its connection string. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server at once (`-m immediate`: as a crash would), keeping its data; `restart()` starts it again. */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port with the same data. */
  restart(): Promise<void>;
  /** The running server's postmaster process id (for measuring its CPU time, bench/engines.ts). */
  pid(): number;
  stop(): Promise<void>;
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

/** Initialises and starts a cluster in a temporary folder; `stop()` stops it and removes the folder. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  const root = process.getuid?.() === 0;
  // initdb and postgres refuse to run as root: as root, run them as the package's `postgres` user.
  const as = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const dir = mkdtempSync(join(tmpdir(), 'clientele-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${PASSWORD}\n`);
  if (root) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    chownSync(dir, id('-u'), id('-g'));
    chownSync(pwfile, id('-u'), id('-g'));
  }
  const port = await freePort();
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
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start']);
  const host = '127.0.0.1';
  const url = (db = 'postgres') =>
    `postgres://postgres:${encodeURIComponent(PASSWORD)}@${host}:${port}/${db}`;
  let stopped = false;
  return {
    host,
    port,
    user: 'postgres',
    password: PASSWORD,
    url,
    async createDatabase(name = `t${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    pid() {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    },
    async halt() {
      as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    async restart() {
      as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start']);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already halted.
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Runs `fn` on a fresh, migrated warehouse of the engine CLIENTELE_TEST_ENGINE picks (DuckDB by default: a
 * file in a temporary folder; PostgreSQL: a throwaway server of its own), closed and removed afterwards.
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
  const server = await startPostgres();
  try {
    const db = await openWarehouse(await server.createDatabase());
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    await server.stop();
  }
}
