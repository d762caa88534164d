/**
 * Background work that must run on one server at a time when several share a PostgreSQL database
 * (identity, segments, syncs, schedules, journeys, the outbox): a session-level advisory lock per kind of
 * work. A server that finds the lock taken skips its turn, since another server is doing that work now; a
 * server that dies loses its connection, and PostgreSQL releases its locks with it. On DuckDB one process
 * holds the file, so the work simply runs.
 */
import type { Warehouse } from './warehouse.js';

// The first key of every lock Clientele takes for background work ('Clnt' + 1), the second names the work.
const LEASE_SPACE = 0x436c6e75;

/** The lock's second key for a kind of work: a stable 31-bit hash of its name (FNV-1a). */
export function leaseKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x7fffffff;
}

/**
 * Runs `fn` unless another process on the same PostgreSQL database is running work of the same `name`;
 * returns `{ ran: false }` then. `fn`'s queries run on `db` as usual, while a connection of its own holds the lock.
 */
export async function exclusively<T>(
  db: Warehouse,
  name: string,
  fn: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (db.dialect.name !== 'postgres') return { ran: true, value: await fn() };
  const key = leaseKey(name);
  return db.session(async (holder) => {
    const [got] = await holder.all<{ ok: boolean }>('SELECT pg_try_advisory_lock(?, ?) AS ok', [
      LEASE_SPACE,
      key,
    ]);
    if (!got?.ok) return { ran: false };
    try {
      return { ran: true, value: await fn() };
    } finally {
      await holder.run('SELECT pg_advisory_unlock(?, ?)', [LEASE_SPACE, key]).catch(() => undefined);
    }
  });
}

// Work waiting its turn in this process, per database handle and name.
const turns = new WeakMap<Warehouse, Map<string, Promise<unknown>>>();

/**
 * Runs `fn` in a transaction after every earlier call of the same `name` on the same database has finished,
 * in this process and, on PostgreSQL, in every process: work that reads a state and then writes what follows
 * from it (an audience sync reads who was sent and records who is sent now) must not run twice at once, or
 * both would send the same people. Unlike `exclusively`, nothing is skipped: the later call waits, then runs
 * and sees what the earlier one committed. On PostgreSQL the wait is a transaction-level advisory lock taken
 * on the transaction's own connection, so a request never holds a second pooled connection while it waits.
 */
export async function inTurn<T>(db: Warehouse, name: string, fn: (tx: Warehouse) => Promise<T>): Promise<T> {
  const queue = turns.get(db) ?? new Map<string, Promise<unknown>>();
  turns.set(db, queue);
  const before = queue.get(name) ?? Promise.resolve();
  const run = before.then(() =>
    db.transaction(async (tx) => {
      if (tx.dialect.name === 'postgres')
        await tx.run('SELECT pg_advisory_xact_lock(?, ?)', [LEASE_SPACE, leaseKey(`turn:${name}`)]);
      return fn(tx);
    }),
  );
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queue.set(name, settled);
  try {
    return await run;
  } finally {
    if (queue.get(name) === settled) queue.delete(name);
  }
}
