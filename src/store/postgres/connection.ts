/**
 * A PostgreSQL connection string: parsed once, shown without its password, and the driver's connection
 * failures turned into coded errors that name the host and port.
 */
import { ClienteleError } from '../../errors/index.js';

/** Where a PostgreSQL database is. */
export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** The connection string as given (with its password): only for the driver. */
  readonly url: string;
  /** The connection string without its password: for messages, logs and `status`. */
  readonly shown: string;
}

export { isPostgresLocation as isPostgresUrl } from '../location.js';

/** Parses `postgres://user:password@host:port/database` (port 5432 and database `postgres` by default). */
export function parsePostgresUrl(location: string): PostgresTarget {
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    throw new ClienteleError(
      'CLT_ERR_STORE_URL',
      'the PostgreSQL location is not a valid URL (postgres://user:password@host:port/database)',
    );
  }
  const host = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')) || 'localhost';
  const port = u.port ? Number(u.port) : 5432;
  const user = decodeURIComponent(u.username) || process.env.PGUSER || 'postgres';
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres';
  const shown = `postgres://${u.username ? `${u.username}@` : ''}${u.host}/${u.pathname.replace(/^\//, '')}${u.search}`;
  return { host, port, user, database, url: location, shown };
}

interface DriverError {
  readonly code?: string;
  readonly message?: string;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
]);

/** True when `error` says the server could not be reached (worth retrying while it starts). */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof ClienteleError) return error.code === 'CLT_ERR_STORE_UNREACHABLE';
  const e = error as DriverError | null;
  return (
    (e?.code !== undefined && UNREACHABLE.has(e.code)) ||
    // 57P03: the server is starting up or shutting down.
    e?.code === '57P03' ||
    /timeout expired|timeout exceeded when trying to connect|Connection terminated/i.test(e?.message ?? '')
  );
}

/** A coded error for a failure to connect to `target`. */
export function connectError(target: PostgresTarget, error: unknown): ClienteleError {
  if (error instanceof ClienteleError) return error;
  const e = error as DriverError | null;
  const where = `${target.host}:${target.port}`;
  const details = { host: target.host, port: target.port, database: target.database };
  const why = e?.message ?? String(error);
  if (isUnreachable(error)) {
    return new ClienteleError(
      'CLT_ERR_STORE_UNREACHABLE',
      `cannot reach PostgreSQL at ${where} (${e?.code ?? why}): start the server, or correct the host and port in --db / CLIENTELE_DB`,
      details,
    );
  }
  // 28P01: wrong password; 28000: no such role or not allowed by pg_hba.conf.
  if (e?.code === '28P01' || e?.code === '28000') {
    return new ClienteleError(
      'CLT_ERR_STORE_AUTH',
      `PostgreSQL at ${where} refused user ${target.user}: ${why}; correct the user or password in the connection string`,
      { ...details, user: target.user },
    );
  }
  if (e?.code === '3D000') {
    return new ClienteleError(
      'CLT_ERR_STORE_OPEN',
      `the database ${target.database} does not exist on PostgreSQL at ${where}: create it (createdb ${target.database}) or correct the connection string`,
      details,
    );
  }
  return new ClienteleError(
    'CLT_ERR_STORE_OPEN',
    `cannot open PostgreSQL database ${target.shown}: ${why}`,
    details,
  );
}

/**
 * A statement that failed because a foreign server (a worker of the sharded set-up, docs/scale.md) could not be
 * reached or went away: the coordinator answers with SQLSTATE class 08 (its own connection is alive, or it could
 * not have answered) and postgres_fdw's detail names the worker's host and port. Other errors pass unchanged.
 * The statement, and the transaction it ran in, rolled back on every server.
 */
export function workerLost(error: unknown): unknown {
  const e = error as (DriverError & { detail?: string }) | null;
  if (error instanceof ClienteleError || typeof e?.code !== 'string' || !e.code.startsWith('08'))
    return error;
  const text = `${e.message ?? ''} ${e.detail ?? ''}`;
  const server = /server "([^"]+)"/.exec(text)?.[1];
  const at = /at "([^"]+)", port (\d+)/.exec(text);
  const who = [
    server ? `worker ${server}` : 'a worker of the sharded database',
    at ? `at ${at[1]}:${at[2]}` : '',
  ]
    .filter((p) => p !== '')
    .join(' ');
  return new ClienteleError(
    'CLT_ERR_SCALE_WORKER_LOST',
    `${who} could not be reached or went away (${e.message?.split('\n')[0]}); the statement was rolled back: bring the worker back and run it again`,
    { ...(server ? { server } : {}), ...(at ? { host: at[1], port: Number(at[2]) } : {}) },
  );
}
