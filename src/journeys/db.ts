import type { Fragment, Row, Warehouse } from '../store/index.js';

/** The rows of a statement built with the fragment builder (src/store/sql.ts). */
export function rows<T extends Row = Row>(db: Warehouse, q: Fragment): Promise<T[]> {
  return db.all<T>(q.text, q.params);
}

/** Runs a statement built with the fragment builder. */
export function exec(db: Warehouse, q: Fragment): Promise<void> {
  return db.run(q.text, q.params);
}

/** A list of values as one bound JSON parameter, unnested in SQL with `from_json` (one statement for many rows). */
export function jsonList(values: readonly unknown[]): string {
  return JSON.stringify(values);
}
