import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * The statements in flight on each DuckDB connection, so that no connection is closed under one. Closing a
 * connection while a statement runs on it never settles that statement: its worker stays blocked on a libuv
 * thread for good (or the process crashes, when the statement was a CHECKPOINT). Four such workers take every
 * thread of libuv's pool, and from then on every file operation and every query of the process waits forever
 * (a `clientele serve` that stopped during the writer's idle checkpoint hung a test for 20 minutes).
 */
const RUNNING = new WeakMap<DuckDBConnection, Map<Promise<unknown>, string>>();
// The connections opened on each instance and not yet closed, so that closing the database reaches them all.
const OPEN = new WeakMap<DuckDBInstance, Set<DuckDBConnection>>();

/** Notes a connection of `instance` as open (closed with {@link closeConnection}). */
export function opened(instance: DuckDBInstance, connection: DuckDBConnection): DuckDBConnection {
  let set = OPEN.get(instance);
  if (set === undefined) {
    set = new Set();
    OPEN.set(instance, set);
  }
  set.add(connection);
  return connection;
}

/** Runs `work` on `connection`, counted as in flight until it settles; `what` names it in a warning. */
export function tracked<T>(connection: DuckDBConnection, what: string, work: () => Promise<T>): Promise<T> {
  let running = RUNNING.get(connection);
  if (running === undefined) {
    running = new Map();
    RUNNING.set(connection, running);
  }
  const promise = work();
  const map = running;
  map.set(promise, what);
  const done = () => {
    map.delete(promise);
  };
  promise.then(done, done);
  return promise;
}

/** What is in flight on `connection` (statements, briefly). */
function inFlight(connection: DuckDBConnection): string[] {
  return [...(RUNNING.get(connection)?.values() ?? [])];
}

/**
 * Waits until nothing runs on `connection`, interrupting what does when `interrupt` is set (again every 50 ms:
 * an interrupt sent before execution starts is not seen), for at most `waitMs`. True when it is idle.
 */
async function settle(connection: DuckDBConnection, interrupt: boolean, waitMs: number): Promise<boolean> {
  const running = RUNNING.get(connection);
  if (running === undefined || running.size === 0) return true;
  const until = Date.now() + waitMs;
  while (running.size > 0 && Date.now() < until) {
    if (interrupt) connection.interrupt();
    const left = [...running.keys()].map((p) => p.then(noop, noop));
    await Promise.race([Promise.all(left), new Promise((r) => setTimeout(r, 50))]);
  }
  return running.size === 0;
}

const noop = (): void => undefined;

/**
 * Closes `connection` once nothing runs on it. A statement still running after `waitMs` is left to the
 * process's end with its connection open (a warning says which): a leaked connection costs memory, closing
 * under a running statement costs a libuv thread forever or a crash.
 */
export async function closeConnection(
  instance: DuckDBInstance,
  connection: DuckDBConnection,
  options: { readonly interrupt?: boolean; readonly waitMs?: number } = {},
): Promise<boolean> {
  const idle = await settle(connection, options.interrupt ?? true, options.waitMs ?? CLOSE_WAIT_MS);
  if (!idle) {
    warnAbandoned(inFlight(connection));
    return false;
  }
  // Closed already (the database's close reached it first): closing twice is not safe either.
  if (OPEN.get(instance)?.delete(connection) !== true) return true;
  connection.closeSync();
  return true;
}

/**
 * Closes the database: interrupts every statement still running on any of its connections, waits for them
 * (at most `waitMs`), closes the connections and then the instance. When one will not stop, the instance
 * stays open (its file too) rather than be closed under it; the process's end releases it.
 */
export async function closeInstance(instance: DuckDBInstance, waitMs = CLOSE_WAIT_MS): Promise<void> {
  if (CLOSED.has(instance)) return;
  const connections = [...(OPEN.get(instance) ?? [])];
  const closed = await Promise.all(connections.map((c) => closeConnection(instance, c, { waitMs })));
  if (!closed.every(Boolean) || CLOSED.has(instance)) return;
  CLOSED.add(instance);
  instance.closeSync();
}

// Instances closed already: a second close is a no-op.
const CLOSED = new WeakSet<DuckDBInstance>();

/** How long a close waits for interrupted statements to end (a CHECKPOINT cannot be interrupted). */
export const CLOSE_WAIT_MS = 15_000;

function warnAbandoned(statements: readonly string[]): void {
  process.emitWarning(
    `a DuckDB connection was left open: ${statements.length} statement(s) still running after the close waited (${statements
      .map((s) => s.replace(/\s+/g, ' ').slice(0, 80))
      .join('; ')})`,
    { code: 'CLT_STORE_CLOSE_ABANDONED' },
  );
}
