import { sharedWork, signal, type Warehouse } from '../store/index.js';
import type { ResolveSummary } from './resolve.js';
import { dataSignature, resolvedSignature } from './state.js';

/** Whether records arrived (or changed) since profiles were last resolved. */
export async function isStale(db: Warehouse): Promise<boolean> {
  return (await resolvedSignature(db)) !== (await dataSignature(db));
}

const resolved = signal();

/**
 * Calls `listener` after every resolution of `db` that ran (profiles and segments moved), so that answers
 * computed from the data can be computed again before anyone asks (the server's caches). The listener starts
 * its work and returns; it runs outside any request's query scope. Returns the function that stops it.
 */
export function onResolved(db: Warehouse, listener: () => void): () => void {
  return resolved.on(db, listener);
}

/**
 * Brings profiles and saved segments up to date with every record imported or received so far, by an
 * incremental resolution, when anything changed since the last one; otherwise does nothing. Every read that
 * needs profiles calls it, so no command answers from a resolution the user forgot to run. Concurrent callers
 * on one database share one resolution, which runs in a query scope of its own (src/store/scope.ts
 * `sharedWork`): no one request's deadline or disconnect cancels it, a caller whose own scope is aborted stops
 * waiting, and a stopping server cancels it (`stopSharedWork`). Returns the resolution's summary, or null
 * when profiles were current.
 */
export function ensureCurrent(db: Warehouse): Promise<ResolveSummary | null> {
  // resolve.js (profiles, segments, consent) loads only when there is work, so a read of a current
  // database pays for none of it at start-up.
  return sharedWork(db, 'identity', 'the identity resolution', async () => {
    if (!(await isStale(db))) return null;
    // A sharded database first loses the half-written rows of rolled-back transactions (docs/scale.md), so
    // that no profile is built from them.
    if (db.dialect.name === 'postgres') await (await import('../scale/repair.js')).autoRepair(db);
    const summary = await (await import('./resolve.js')).resolveIdentities(db);
    if (summary) resolved.emit(db);
    return summary;
  });
}
