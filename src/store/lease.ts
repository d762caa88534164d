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
