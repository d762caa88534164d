import { outsideQueryScope } from './scope.js';
import type { Warehouse } from './warehouse.js';

/**
 * Something that happened to a database's data (profiles resolved, segments refreshed) that others start work
 * on, such as the server re-warming its caches. Listeners are kept by the database's location, since the work
 * that emits runs on the database, a session or a transaction of it: the same file.
 */
export interface Signal {
  /** Calls `listener` after every `emit` on `db`'s location; returns the function that stops it. */
  on(db: Warehouse, listener: () => void): () => void;
  /** Calls the listeners outside the running query scope: their work is their own, not the emitter's. */
  emit(db: Warehouse): void;
}

export function signal(): Signal {
  const listeners = new Map<string, Set<() => void>>();
  return {
    on(db, listener) {
      const set = listeners.get(db.location) ?? new Set<() => void>();
      listeners.set(db.location, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(db.location);
      };
    },
    emit(db) {
      const set = listeners.get(db.location);
      if (!set) return;
      outsideQueryScope(() => {
        for (const listener of [...set]) listener();
      });
    },
  };
}
