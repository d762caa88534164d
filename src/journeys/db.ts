import { construct, type Fragment, type JsonRecordType, type Row, type Warehouse } from '../store/index.js';

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

/** True when `column` is one of the values of a bound JSON list (`list` is its `param`), on either engine. */
export function inJsonList(
  db: Warehouse,
  list: Fragment,
  element: 'BIGINT' | 'VARCHAR',
  column: string,
): Fragment {
  return construct((l) => db.dialect.listContains(db.dialect.jsonList(l, element), column), list);
}

/** The values of a bound JSON list (`list` is its `param`) as rows, for a SELECT list (`unnest`). */
export function unnestJsonList(db: Warehouse, list: Fragment, element: 'BIGINT' | 'VARCHAR'): Fragment {
  return construct((l) => `unnest(${db.dialect.jsonList(l, element)})`, list);
}

/** A FROM item `alias`: one row per object of a bound JSON array (`list` is its `param`), with these columns. */
export function jsonRows(
  db: Warehouse,
  list: Fragment,
  columns: Readonly<Record<string, JsonRecordType>>,
  alias: string,
): Fragment {
  return construct((l) => db.dialect.jsonRecords(l, columns, alias), list);
}

/** The format of instants read back to compare and store again: ISO 8601 in UTC, to the microsecond. */
export const ISO_MICROS = '%Y-%m-%dT%H:%M:%S.%fZ';
