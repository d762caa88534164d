/**
 * PostgreSQL behind the Warehouse interface, on a `pg` pool. The root warehouse keeps one connection of its
 * own for work outside any scope (as DuckDB's root connection: temporary tables made there are seen there);
 * sessions, transactions, streams and each query scope (a request) take a pooled connection of their own.
 */
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import Cursor from 'pg-cursor';
import { ClienteleError } from '../../errors/index.js';
import { postgresDialect } from '../dialect.js';
import { cancelledError, checkQueryScope, currentQueryScope, type QueryScope, Slots } from '../scope.js';
import type { AppendColumn, NumericColumn, Row, SqlValue, Warehouse } from '../warehouse.js';
import { connectError, type PostgresTarget, parsePostgresUrl, workerLost } from './connection.js';
import { decodeRow, decodeValue, numbersOf, TYPES } from './decode.js';
import { numberPlaceholders } from './placeholders.js';

/** Options for opening a PostgreSQL warehouse. */
export interface PostgresWarehouseOptions {
  /** Connections the pool may open (10 by default; CLIENTELE_DB_POOL). */
  maxConnections?: number;
  /** Queries of heavy scopes (analytics requests) that may run at once; the rest wait (2 by default). */
  heavySlots?: number;
  /** Milliseconds a new connection may take to connect before CLT_ERR_STORE_UNREACHABLE (10 s by default). */
  connectTimeoutMs?: number;
  /** Milliseconds to wait for a connection of a full pool to come back before CLT_ERR_STORE_BUSY (10 s by default). */
  poolWaitMs?: number;
}

interface Shared {
  readonly pool: pg.Pool;
  readonly max: number;
  readonly waitMs: number;
  readonly target: PostgresTarget;
  readonly heavy: Slots;
  readonly scoped: WeakMap<QueryScope, Promise<pg.PoolClient>>;
  /** Each scope's transactions, one after another on its connection. */
  readonly scopeTransactions: WeakMap<QueryScope, Promise<void>>;
  /** Each connection's last unit of work: the next waits for it (see `inTurn`). */
  readonly turns: WeakMap<pg.ClientBase, Promise<unknown>>;
}

const STREAM_ROWS = 4096;

/** Opens a PostgreSQL database by its connection string; the schema is not touched (see openWarehouse). */
export async function openPostgres(url: string, options: PostgresWarehouseOptions = {}): Promise<Warehouse> {
  const target = parsePostgresUrl(url);
  const max = options.maxConnections ?? DEFAULT_POOL_SIZE;
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // Timestamps without a zone are read and written as UTC, whatever the machine's zone (as on DuckDB).
    options: '-c TimeZone=UTC -c client_min_messages=warning',
    types: TYPES,
    application_name: 'clientele',
  });
  // An idle connection the server dropped must not take the process down; the next query reconnects.
  pool.on('error', () => undefined);
  let main: pg.PoolClient;
  try {
    main = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectError(target, error);
  }
  main.on('error', () => undefined);
  const shared: Shared = {
    pool,
    max,
    waitMs: options.poolWaitMs ?? 10_000,
    target,
    heavy: new Slots(options.heavySlots ?? 2),
    scoped: new WeakMap(),
    scopeTransactions: new WeakMap(),
    turns: new WeakMap(),
  };
  return new PostgresWarehouse(shared, main, 'root');
}

/** Connections a pool opens when no size is given. */
export const DEFAULT_POOL_SIZE = 10;

type Role = 'root' | 'own' | 'transaction';

// A pooled connection, or a coded error: a full pool that gives none back within the wait is
// CLT_ERR_STORE_BUSY (503, retry shortly); a server that cannot be reached is named by host and port.
async function borrow(shared: Shared): Promise<pg.PoolClient> {
  const { pool } = shared;
  const full = pool.totalCount >= shared.max && pool.idleCount === 0;
  const pending = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const waited = full
    ? new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(busyError(shared)), shared.waitMs);
      })
    : undefined;
  try {
    return await (waited ? Promise.race([pending, waited]) : pending);
  } catch (error) {
    if (error instanceof ClienteleError && error.code === 'CLT_ERR_STORE_BUSY') {
      // The request stays queued in the pool: whatever it gets later goes straight back.
      pending.then(
        (client) => client.release(),
        () => undefined,
      );
      throw error;
    }
    throw connectError(shared.target, error);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function busyError(shared: Shared): ClienteleError {
  return new ClienteleError(
    'CLT_ERR_STORE_BUSY',
    `all ${shared.max} PostgreSQL connections stayed in use while this request waited ${shared.waitMs} ms for one; retry shortly, or raise CLIENTELE_DB_POOL`,
    { retryAfterSeconds: 1, poolSize: shared.max },
  );
}

/**
 * Runs `fn` (one statement, a cursor's whole read, a COPY) on `client` once the work before it on that
 * connection has ended. A request's queries share its connection, and services run several at once
 * (Promise.all): `pg` would queue them itself, a use it deprecates ("client.query() when the client is already
 * executing a query"), and a query queued inside `pg` cannot be told apart from the one a cancel should stop.
 * `fn` must not wait for another unit on the same connection.
 */
function inTurn<T>(shared: Shared, client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  const previous = shared.turns.get(client) ?? Promise.resolve();
  const run = previous.then(fn);
  shared.turns.set(
    client,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
}

/** Resolves once the work queued on `client` so far has ended. */
function idle(shared: Shared, client: pg.ClientBase): Promise<unknown> {
  return shared.turns.get(client) ?? Promise.resolve();
}

// A scope's own connection, returned to the pool when the scope ends, but only once its running statement
// has ended: a client that goes away ends the scope at once, and a connection given back while its
// statement still runs would be handed out again busy (pg-pool hands out the last one returned first),
// queueing the next borrower's queries, even the cancel meant for that statement, behind it.
// A connection outside the pool, for a dedicated scope (shared work that requests wait on while they hold a
// pooled connection: were it to wait for the pool too, a small pool would starve). Released by closing it.
async function dedicated(shared: Shared): Promise<pg.PoolClient> {
  const client = new pg.Client(shared.pool.options as pg.ClientConfig);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectError(shared.target, error);
  }
  return Object.assign(client, {
    release: () => {
      void client.end().catch(() => undefined);
    },
  }) as unknown as pg.PoolClient;
}

function scopeClient(shared: Shared, scope: QueryScope): Promise<pg.PoolClient> {
  let client = shared.scoped.get(scope);
  if (client === undefined) {
    client = (scope.dedicated ? dedicated(shared) : borrow(shared)).then((c) => {
      scope.onEnd(() => {
        void idle(shared, c).then(() => c.release());
      });
      return c;
    });
    shared.scoped.set(scope, client);
  }
  return client;
}

// Runs `fn` on `client` under `scope`: its deadline and abort cancel the running statement (pg_cancel_backend
// from another connection), and heavy scopes wait for a slot.
async function guarded<T>(
  shared: Shared,
  client: pg.PoolClient,
  scope: QueryScope,
  fn: () => Promise<T>,
): Promise<T> {
  checkQueryScope(scope);
  const release = scope.heavy ? await shared.heavy.acquire(scope) : undefined;
  let why: 'deadline' | 'abort' | undefined;
  let settled = false;
  const pid = (client as unknown as { processID?: number }).processID;
  const cancel = (reason: 'deadline' | 'abort') => {
    if (why !== undefined) return;
    why = reason;
    if (pid !== undefined) void cancelUntilSettled(shared, pid, () => settled);
  };
  const onAbort = () => cancel('abort');
  const timer = Number.isFinite(scope.deadline)
    ? setTimeout(() => cancel('deadline'), Math.max(0, scope.deadline - Date.now()))
    : undefined;
  scope.signal.addEventListener('abort', onAbort, { once: true });
  try {
    checkQueryScope(scope);
    return await fn();
  } catch (error) {
    if (why !== undefined) throw cancelledError(scope, why);
    throw error;
  } finally {
    settled = true;
    if (timer) clearTimeout(timer);
    scope.signal.removeEventListener('abort', onAbort);
    release?.();
  }
}

/**
 * Cancels the statement running on backend `pid`, again each second until `done()`: a cancel that arrives
 * between two statements, or before the statement reached the server, cancels nothing. Each cancel uses a
 * connection of its own, not the pool's: the pool may be full (of this very work) when a cancel matters.
 */
async function cancelUntilSettled(shared: Shared, pid: number, done: () => boolean): Promise<void> {
  while (!done()) {
    const client = new pg.Client(shared.pool.options as pg.ClientConfig);
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT pg_cancel_backend($1)', [pid]);
    } catch {
      // The server is gone or refuses: the statement's own error will tell.
    } finally {
      await client.end().catch(() => undefined);
    }
    if (!done()) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

// A table name for COPY, each part quoted unless plainly lower case.
function copyTarget(table: string): string {
  return table
    .split('.')
    .map((part) => (/^[a-z_][a-z0-9_]*$/.test(part) ? part : `"${part.replace(/"/g, '""')}"`))
    .join('.');
}

function toPg(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (typeof p === 'bigint' ? p.toString() : p));
}

// One CSV field for COPY … FROM STDIN (FORMAT csv): NULL is an empty unquoted field, text is always quoted
// (so an empty string stays one), numbers and booleans as PostgreSQL reads them.
function csvField(kind: AppendColumn['kind'], value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind === 'text') return `"${String(value).replace(/"/g, '""')}"`;
  if (kind === 'bool') return value ? 't' : 'f';
  const n = value as number;
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return 'Infinity';
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
  return kind === 'int' ? String(Math.trunc(n)) : String(n);
}

class PostgresWarehouse implements Warehouse {
  readonly dialect = postgresDialect;
  readonly location: string;

  constructor(
    private readonly shared: Shared,
    private readonly client: pg.PoolClient,
    private readonly role: Role,
  ) {
    this.location = shared.target.shown;
  }

  // Runs `fn` on this warehouse's connection, or under a scope on the scope's own one.
  private async query<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      const scope = currentQueryScope();
      if (scope === undefined) return await inTurn(this.shared, this.client, () => fn(this.client));
      // Cancelled already (a client that left while an earlier hook ran): take no connection for it.
      checkQueryScope(scope);
      const client = this.role === 'root' ? await scopeClient(this.shared, scope) : this.client;
      return await guarded(this.shared, client, scope, () =>
        inTurn(this.shared, client, () => {
          // Cancelled while it waited for its turn: it starts nothing.
          checkQueryScope(scope);
          return fn(client);
        }),
      );
    } catch (error) {
      // A worker of a sharded database that is down or went away: a coded error naming it.
      throw workerLost(error);
    }
  }

  private exec(client: pg.PoolClient, sql: string, params: readonly SqlValue[], rowMode?: 'array') {
    // Without values the simple protocol runs several statements separated by `;` (migrations).
    if (!params.length && rowMode === undefined) return client.query(sql);
    return client.query({
      text: numberPlaceholders(sql),
      values: toPg(params),
      ...(rowMode ? { rowMode } : {}),
    });
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.query((c) => this.exec(c, sql, params));
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.query((c) => this.exec(c, sql, params));
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return (last?.rows ?? []).map((row: Record<string, unknown>) => decodeRow(row) as T);
  }

  async columns<T extends Record<string, unknown[]> = Record<string, unknown[]>>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<T> {
    const result = await this.query((c) => this.exec(c, sql, params, 'array'));
    const out: Record<string, unknown[]> = {};
    result.fields.forEach((f, i) => {
      out[f.name] = result.rows.map((row: unknown[]) => decodeValue(row[i], f.name));
    });
    return out as T;
  }

  async numbers(sql: string, params: readonly SqlValue[] = []): Promise<Record<string, NumericColumn>> {
    const result = await this.query((c) => this.exec(c, sql, params, 'array'));
    return numbersOf(result.fields, result.rows as unknown[][]);
  }

  async stream(
    sql: string,
    onChunk: (columns: Record<string, unknown[]>) => void | Promise<void>,
    params: readonly SqlValue[] = [],
  ): Promise<number> {
    // Outside a transaction the stream reads on a connection of its own, so other queries run meanwhile
    // (outside the pool for shared work, which must never wait for the pool).
    const own = this.role === 'root';
    const client = own
      ? currentQueryScope()?.dedicated
        ? await dedicated(this.shared)
        : await borrow(this.shared)
      : this.client;
    const read = () =>
      inTurn(this.shared, client, async () => {
        const cursor = client.query(new Cursor(numberPlaceholders(sql), toPg(params), { rowMode: 'array' }));
        let rows = 0;
        try {
          for (;;) {
            const batch = (await cursor.read(STREAM_ROWS)) as unknown[][];
            if (batch.length === 0) break;
            // The cursor's fields are known once the first batch has arrived.
            const fields =
              (cursor as unknown as { _result?: { fields: { name: string }[] } })._result?.fields ?? [];
            const columns: Record<string, unknown[]> = {};
            fields.forEach((f, i) => {
              columns[f.name] = batch.map((row) => decodeValue(row[i], f.name));
            });
            rows += batch.length;
            await onChunk(columns);
          }
        } finally {
          await cursor.close();
        }
        return rows;
      });
    try {
      const scope = currentQueryScope();
      return scope === undefined ? await read() : await guarded(this.shared, client, scope, read);
    } catch (error) {
      throw workerLost(error);
    } finally {
      if (own) client.release();
    }
  }

  // The connection a bulk copy runs on: a temporary table is seen only on the connection that made it (the
  // scope's own, as on DuckDB).
  private async copyClient(): Promise<pg.PoolClient> {
    const scope = currentQueryScope();
    checkQueryScope(scope);
    return scope === undefined || this.role !== 'root' ? this.client : await scopeClient(this.shared, scope);
  }

  async appendCsv(table: string, csv: AsyncIterable<Buffer | string>): Promise<void> {
    const client = await this.copyClient();
    await inTurn(this.shared, client, () =>
      pipeline(
        csv,
        client.query(copyFrom(`COPY ${copyTarget(table)} FROM STDIN (FORMAT csv)`)) as unknown as Writable,
      ),
    );
  }

  async append(table: string, columns: readonly AppendColumn[]): Promise<number> {
    const count = columns[0]?.values.length ?? 0;
    if (count === 0) return 0;
    const client = await this.copyClient();
    const name = copyTarget(table);

    const rows = async function* () {
      const batch: string[] = [];
      for (let row = 0; row < count; row++) {
        batch.push(columns.map((c) => csvField(c.kind, c.values[row])).join(','));
        if (batch.length === 1024) {
          yield `${batch.join('\n')}\n`;
          batch.length = 0;
        }
      }
      if (batch.length) yield `${batch.join('\n')}\n`;
    };
    await inTurn(this.shared, client, () =>
      pipeline(rows, client.query(copyFrom(`COPY ${name} FROM STDIN (FORMAT csv)`)) as unknown as Writable),
    );
    return count;
  }

  async session<T>(fn: (session: Warehouse) => Promise<T>): Promise<T> {
    if (this.role !== 'root') return fn(this);
    const client = await borrow(this.shared);
    try {
      return await fn(new PostgresWarehouse(this.shared, client, 'own'));
    } finally {
      client.release();
    }
  }

  async transaction<T>(fn: (tx: Warehouse) => Promise<T>): Promise<T> {
    if (this.role === 'transaction') return fn(this);
    const scope = currentQueryScope();
    checkQueryScope(scope);
    // Within a request, on the request's own connection (one at a time): a request holds one pooled
    // connection, never waits for a second while holding the first, so that many requests at once cannot
    // deadlock the pool. Otherwise a connection of its own, so that the transaction belongs to this unit
    // of work only; a session's transaction stays on the session's connection.
    if (scope !== undefined && this.role === 'root') {
      const previous = this.shared.scopeTransactions.get(scope) ?? Promise.resolve();
      const turn = previous.then(async () => {
        const client = await scopeClient(this.shared, scope);
        return this.inTransaction(client, fn);
      });
      this.shared.scopeTransactions.set(
        scope,
        turn.then(
          () => undefined,
          () => undefined,
        ),
      );
      return turn;
    }
    const own = this.role === 'root';
    const client = own ? await borrow(this.shared) : this.client;
    try {
      return await this.inTransaction(client, fn);
    } finally {
      if (own) client.release();
    }
  }

  private async inTransaction<T>(client: pg.PoolClient, fn: (tx: Warehouse) => Promise<T>): Promise<T> {
    const tx = new PostgresWarehouse(this.shared, client, 'transaction');
    try {
      await inTurn(this.shared, client, () => client.query('BEGIN'));
      const result = await fn(tx);
      await inTurn(this.shared, client, () => client.query('COMMIT'));
      return result;
    } catch (error) {
      await inTurn(this.shared, client, () => client.query('ROLLBACK')).catch(() => undefined);
      // COMMIT itself fails when a worker goes away between the statements and the end.
      throw workerLost(error);
    }
  }

  // PostgreSQL reports no progress of a running statement.
  async withProgress<T>(fn: () => Promise<T>, _onProgress: (percent: number) => void): Promise<T> {
    return fn();
  }

  async close(): Promise<void> {
    if (this.role !== 'root') return;
    this.client.release();
    await this.shared.pool.end();
  }
}

/** True when `db` is a PostgreSQL warehouse. */
export function isPostgres(db: Warehouse): boolean {
  return db instanceof PostgresWarehouse;
}
