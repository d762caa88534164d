import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { ClienteleError } from '../../errors/index.js';
import { duckdbDialect } from '../dialect.js';
import { cancelledError, checkQueryScope, currentQueryScope, type QueryScope, Slots } from '../scope.js';
import { memoryLimitSetting } from '../settings.js';
import type { AppendColumn, NumericColumn, Row, SqlValue, TableAppender, Warehouse } from '../warehouse.js';
import { duckdb } from './api.js';
import { decodeRow, decodeValue, readNumbers } from './decode.js';
import { closeConnection, closeInstance, opened, tracked } from './running.js';

/** Options for opening a DuckDB warehouse. */
export interface DuckDBWarehouseOptions {
  /** Worker threads for DuckDB; defaults to the engine's choice (all cores). */
  threads?: number;
  /** Memory limit such as '4GB'; defaults to the engine's (80 % of RAM). */
  memoryLimit?: string;
  /** Queries of heavy scopes (analytics requests) that may run at once; the rest wait (2 by default). */
  heavySlots?: number;
}

// Per open database: the slots of heavy work, and each scope's connection.
const HEAVY = new WeakMap<DuckDBInstance, Slots>();
const SCOPED = new WeakMap<QueryScope, Map<DuckDBInstance, Promise<DuckDBConnection>>>();

// A scope's own connection: its queries never wait behind another request's on a shared connection, and
// interrupting them touches nothing else. Closed when the scope ends (after its last query).
function scopeConnection(instance: DuckDBInstance, scope: QueryScope): Promise<DuckDBConnection> {
  let byInstance = SCOPED.get(scope);
  if (byInstance === undefined) {
    byInstance = new Map();
    SCOPED.set(scope, byInstance);
  }
  let connection = byInstance.get(instance);
  if (connection === undefined) {
    connection = (async () => {
      const c = opened(instance, await instance.connect());
      await setUp(c);
      // Closed once its last query ends (work the scope started may still be finishing).
      scope.onEnd(() => void closeConnection(instance, c, { interrupt: false, waitMs: Infinity }));
      return c;
    })();
    byInstance.set(instance, connection);
  }
  return connection;
}

// Runs `fn` on `connection` under the current scope: interrupted at the deadline or on abort (DuckDB's
// interrupt, repeated until the query gives up, since one sent before execution starts is not seen).
async function guarded<T>(
  instance: DuckDBInstance,
  connection: DuckDBConnection,
  scope: QueryScope,
  fn: () => Promise<T>,
): Promise<T> {
  checkQueryScope(scope);
  const release = scope.heavy ? await HEAVY.get(instance)?.acquire(scope) : undefined;
  let why: 'deadline' | 'abort' | undefined;
  let repeat: NodeJS.Timeout | undefined;
  const interrupt = (reason: 'deadline' | 'abort') => {
    why ??= reason;
    connection.interrupt();
    repeat ??= setInterval(() => connection.interrupt(), 50);
  };
  const onAbort = () => interrupt('abort');
  const timer = Number.isFinite(scope.deadline)
    ? setTimeout(() => interrupt('deadline'), Math.max(0, scope.deadline - Date.now()))
    : undefined;
  scope.signal.addEventListener('abort', onAbort, { once: true });
  try {
    checkQueryScope(scope);
    return await fn();
  } catch (error) {
    if (why !== undefined) throw cancelledError(scope, why);
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    if (repeat) clearInterval(repeat);
    scope.signal.removeEventListener('abort', onAbort);
    release?.();
  }
}

/** Opens (creating if needed) a DuckDB database file, or ':memory:'. */
export async function openDuckDB(location: string, options: DuckDBWarehouseOptions = {}): Promise<Warehouse> {
  const config: Record<string, string> = {};
  if (options.threads) config.threads = String(options.threads);
  // Every DuckDB this process opens (the database, an import's or an export's scratch one) keeps to the
  // limit CLIENTELE_DB_MEMORY sets, unless told otherwise.
  const memoryLimit = options.memoryLimit ?? memoryLimitSetting();
  if (memoryLimit) config.memory_limit = memoryLimit;
  let instance: DuckDBInstance;
  try {
    instance = await duckdb.DuckDBInstance.create(location, config);
  } catch (error) {
    throw openError(location, error);
  }
  const connection = opened(instance, await instance.connect());
  await setUp(connection);
  HEAVY.set(instance, new Slots(options.heavySlots ?? 2));
  return new DuckDBWarehouse(location, instance, connection, false);
}

async function setUp(connection: DuckDBConnection): Promise<void> {
  // Timestamps without a zone are read as UTC, whatever the machine's zone; progress is polled, not printed.
  await tracked(connection, 'SET TimeZone', () =>
    connection.run(
      "SET TimeZone = 'UTC'; SET enable_progress_bar = true; SET enable_progress_bar_print = false",
    ),
  );
}

function openError(location: string, error: unknown): ClienteleError {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    return new ClienteleError(
      'CLT_ERR_STORE_LOCKED',
      `the database ${location} is in use by another process${pid ? ` (pid ${pid})` : ''}, probably \`clientele serve\`; ` +
        'stop it, or send the request to its HTTP API',
      { location, ...(pid ? { pid: Number(pid) } : {}) },
    );
  }
  return new ClienteleError('CLT_ERR_STORE_OPEN', `cannot open the database ${location}: ${message}`, {
    location,
  });
}

// Writes seen per database (shared by its sessions and transactions), for Warehouse.changes.
const WRITES = new WeakMap<DuckDBInstance, { n: number }>();
// A statement that only reads; anything else (INSERT … RETURNING through `all`, DDL) counts as a write.
const READ_ONLY = /^\s*(select|with|from|describe|show|explain|summarize)\b/i;

class DuckDBWarehouse implements Warehouse {
  readonly dialect = duckdbDialect;

  constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly inTransaction: boolean,
    private readonly ownConnection = false,
  ) {}

  async session<T>(fn: (session: Warehouse) => Promise<T>): Promise<T> {
    if (this.inTransaction || this.ownConnection) return fn(this);
    const connection = opened(this.instance, await this.instance.connect());
    try {
      await setUp(connection);
      return await fn(new DuckDBWarehouse(this.location, this.instance, connection, false, true));
    } finally {
      await closeConnection(this.instance, connection);
    }
  }

  // Runs `fn` on this warehouse's connection, or under a scope on the scope's (a unit of work's) own one,
  // with the scope's deadline and cancellation.
  private async query<T>(sql: string, fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const scope = currentQueryScope();
    if (scope === undefined) return tracked(this.connection, sql, () => fn(this.connection));
    const connection =
      this.inTransaction || this.ownConnection
        ? this.connection
        : await scopeConnection(this.instance, scope);
    return guarded(this.instance, connection, scope, () => tracked(connection, sql, () => fn(connection)));
  }

  changes(): number {
    return WRITES.get(this.instance)?.n ?? 0;
  }

  // Counts a write before it runs and after it ends (or fails), so a reader that saw the count still
  // cannot have read what the write left behind.
  private async writing<T>(sql: string | null, fn: () => Promise<T>): Promise<T> {
    if (sql !== null && READ_ONLY.test(sql)) return fn();
    let counter = WRITES.get(this.instance);
    if (!counter) {
      counter = { n: 0 };
      WRITES.set(this.instance, counter);
    }
    counter.n++;
    try {
      return await fn();
    } finally {
      counter.n++;
    }
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.writing(sql, () =>
      this.query(sql, (c) => c.run(sql, params.length ? toDuckDB(params) : undefined)),
    );
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const reader = await this.writing(sql, () =>
      this.query(sql, (c) => c.runAndReadAll(sql, params.length ? toDuckDB(params) : undefined)),
    );
    return reader.getRowObjectsJS().map((row) => decodeRow(row) as T);
  }

  async columns<T extends Record<string, unknown[]> = Record<string, unknown[]>>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<T> {
    const reader = await this.writing(sql, () =>
      this.query(sql, (c) => c.runAndReadAll(sql, params.length ? toDuckDB(params) : undefined)),
    );
    const out: Record<string, unknown[]> = {};
    for (const [name, values] of Object.entries(reader.getColumnsObjectJS()))
      out[name] = values.map((v) => decodeValue(v, name));
    return out as T;
  }

  async numbers(sql: string, params: readonly SqlValue[] = []): Promise<Record<string, NumericColumn>> {
    return this.writing(sql, () =>
      this.query(sql, async (c) =>
        readNumbers(await c.run(sql, params.length ? toDuckDB(params) : undefined)),
      ),
    );
  }

  async stream(
    sql: string,
    onChunk: (columns: Record<string, unknown[]>) => void | Promise<void>,
    params: readonly SqlValue[] = [],
  ): Promise<number> {
    // Outside a transaction the stream gets a connection of its own, so that other queries (a server's
    // requests) can run while it is being read.
    const connection = this.inTransaction
      ? this.connection
      : opened(this.instance, await this.instance.connect());
    const read = () =>
      tracked(connection, sql, async () => {
        const result = await connection.stream(sql, params.length ? toDuckDB(params) : undefined);
        const names = result.columnNames();
        let rows = 0;
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          const columns: Record<string, unknown[]> = {};
          names.forEach((name, i) => {
            columns[name] = chunk.getColumnValues(i).map((v) => decodeValue(v, name));
          });
          rows += chunk.rowCount;
          await onChunk(columns);
        }
        return rows;
      });
    try {
      if (!this.inTransaction) await setUp(connection);
      const scope = currentQueryScope();
      return scope === undefined ? await read() : await guarded(this.instance, connection, scope, read);
    } finally {
      if (!this.inTransaction) await closeConnection(this.instance, connection);
    }
  }

  async append(table: string, columns: readonly AppendColumn[]): Promise<number> {
    return this.writing(null, () => this.appendRows(table, columns));
  }

  private async appendRows(table: string, columns: readonly AppendColumn[]): Promise<number> {
    const count = columns[0]?.values.length ?? 0;
    const scope = currentQueryScope();
    checkQueryScope(scope);
    // Appending to a temporary table reaches it only on the connection that made it: the scope's own.
    const connection =
      scope === undefined || this.inTransaction || this.ownConnection
        ? this.connection
        : await scopeConnection(this.instance, scope);
    const appender = await tracked(connection, `append to ${table}`, () => connection.createAppender(table));
    try {
      for (let row = 0; row < count; row++) {
        for (const column of columns) {
          const value = column.values[row];
          if (value === null || value === undefined) appender.appendNull();
          else if (column.kind === 'int') appender.appendBigInt(BigInt(value as number));
          else if (column.kind === 'double') appender.appendDouble(value as number);
          else if (column.kind === 'bool') appender.appendBoolean(value as boolean);
          else appender.appendVarchar(value as string);
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return count;
  }

  async openAppender(table: string, columns: readonly string[]): Promise<TableAppender> {
    const scope = currentQueryScope();
    checkQueryScope(scope);
    const connection =
      scope === undefined || this.inTransaction || this.ownConnection
        ? this.connection
        : await scopeConnection(this.instance, scope);
    // The table's columns in their order, as the appender takes them (a table's may differ from the DDL's
    // once columns are added). Read on the appending connection: its transaction's view.
    const names = (
      await tracked(connection, `columns of ${table}`, () =>
        connection.runAndReadAll(
          'SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = current_schema() AND database_name = current_database() ORDER BY column_index',
          [table],
        ),
      )
    )
      .getColumnsJS()[0]!
      .map(String);
    for (const c of columns) {
      // As the engine says it of an INSERT naming such a column (its caller reports engine failures).
      if (!names.includes(c)) throw new Error(`Table "${table}" does not have a column named "${c}"`);
    }
    const appender = await tracked(connection, `append to ${table}`, () => connection.createAppender(table));
    return new Appending(
      appender,
      Int32Array.from(names, (n) => columns.indexOf(n)),
      WRITES.get(this.instance) ?? WRITES.set(this.instance, { n: 0 }).get(this.instance)!,
    );
  }

  async transaction<T>(fn: (tx: Warehouse) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    checkQueryScope(currentQueryScope());
    // A connection of its own, so that temporary tables and the transaction belong to this unit of work
    // only; a session's transaction stays on the session's connection.
    const connection = this.ownConnection
      ? this.connection
      : opened(this.instance, await this.instance.connect());
    if (!this.ownConnection) await setUp(connection);
    const tx = new DuckDBWarehouse(this.location, this.instance, connection, true);
    const statement = (sql: string) => tracked(connection, sql, () => connection.run(sql));
    try {
      await statement('BEGIN TRANSACTION');
      const result = await fn(tx);
      // The commit is when the writes become visible to other connections.
      await this.writing(null, () => statement('COMMIT'));
      return result;
    } catch (error) {
      await statement('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      if (!this.ownConnection) await closeConnection(this.instance, connection);
    }
  }

  async withProgress<T>(fn: () => Promise<T>, onProgress: (percent: number) => void): Promise<T> {
    const timer = setInterval(() => {
      const { percentage } = this.connection.progress;
      if (percentage >= 0) onProgress(percentage);
    }, 200);
    try {
      return await fn();
    } finally {
      clearInterval(timer);
    }
  }

  async close(): Promise<void> {
    if (this.inTransaction || this.ownConnection) return;
    // Never under a running statement (src/store/duckdb/running.ts): interrupted, waited for, then closed.
    await closeInstance(this.instance);
  }
}

// DuckDB's appender behind TableAppender: integers within 32 bits without a BigInt, times as ISO text (the
// appender casts them in C++). Each flush counts as a write (Warehouse.changes).
class Appending implements TableAppender {
  constructor(
    private readonly appender: DuckDBAppender,
    readonly order: Int32Array,
    private readonly writes: { n: number },
  ) {}

  text(value: string | null): void {
    if (value === null) this.appender.appendNull();
    else this.appender.appendVarchar(value);
  }

  int(value: number | null): void {
    if (value === null) this.appender.appendNull();
    else if (value >= -2147483648 && value <= 2147483647) this.appender.appendInteger(value);
    else this.appender.appendBigInt(BigInt(value));
  }

  default(): void {
    this.appender.appendDefault();
  }

  endRow(): void {
    this.appender.endRow();
  }

  flush(): void {
    this.writes.n++;
    try {
      this.appender.flushSync();
    } finally {
      this.writes.n++;
    }
  }

  clear(): void {
    this.appender.clear();
  }

  close(): void {
    this.writes.n++;
    try {
      this.appender.closeSync();
    } finally {
      this.writes.n++;
    }
  }
}

function toDuckDB(params: readonly SqlValue[]): DuckDBValue[] {
  return params.map((p) => (p instanceof Date ? p.toISOString() : p)) as DuckDBValue[];
}
