/**
 * The worker instances named by `clientele scale init --workers`: parsed, reached once before anything is
 * changed (so that a host that is down or refuses the credentials stops the set-up with its host and port),
 * and prepared to hold their partitions.
 */
import pg from 'pg';
import { ClienteleError } from '../errors/index.js';
import { connectError, type PostgresTarget, parsePostgresUrl } from '../store/postgres/index.js';

/** One worker: where it is, and the credentials the coordinator's foreign server will use. */
export interface Worker {
  readonly index: number;
  readonly target: PostgresTarget;
  readonly password: string;
}

/** Parses `URL[,URL…]`; at least one, no database named twice. */
export function parseWorkers(list: string): Worker[] {
  const urls = list
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (urls.length === 0) {
    throw new ClienteleError(
      'CLT_ERR_USAGE',
      '--workers needs at least one postgres://user:password@host:port/database',
    );
  }
  const seen = new Set<string>();
  return urls.map((url, index) => {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new ClienteleError(
        'CLT_ERR_STORE_URL',
        `worker ${index + 1} is not a postgres:// URL: each worker is postgres://user:password@host:port/database`,
      );
    }
    const target = parsePostgresUrl(url);
    const key = `${target.host}:${target.port}/${target.database}`;
    if (seen.has(key)) {
      throw new ClienteleError(
        'CLT_ERR_USAGE',
        `--workers names ${key} twice; name each worker database once`,
      );
    }
    seen.add(key);
    return { index, target, password: decodeURIComponent(new URL(url).password) };
  });
}

/** A worker's failure to connect as a coded error naming the worker, its host and its port. */
function workerError(worker: Worker, error: unknown): ClienteleError {
  const store = connectError(worker.target, error);
  const where = `${worker.target.host}:${worker.target.port}`;
  const details = { ...store.details, worker: worker.index + 1 };
  if (store.code === 'CLT_ERR_STORE_UNREACHABLE') {
    return new ClienteleError(
      'CLT_ERR_SCALE_WORKER_UNREACHABLE',
      `cannot reach worker ${worker.index + 1} at ${where}: start it, or correct its host and port in --workers`,
      details,
    );
  }
  if (store.code === 'CLT_ERR_STORE_AUTH') {
    return new ClienteleError(
      'CLT_ERR_SCALE_WORKER_AUTH',
      `worker ${worker.index + 1} at ${where} refused user ${worker.target.user}: correct the user or password in --workers`,
      details,
    );
  }
  return new ClienteleError(
    'CLT_ERR_SCALE_WORKER_UNREACHABLE',
    `cannot open worker ${worker.index + 1} (${worker.target.shown}) at ${where}: ${store.message}`,
    details,
  );
}

/** Runs `fn` on a connection to `worker`, closed afterwards; connection failures become coded errors. */
export async function withWorker<T>(worker: Worker, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: worker.target.url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw workerError(worker, error);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
