import { duckdbDialect } from '../store/dialect.js';

/** The tables whose rows the models attribute to a customer. */
export type KeyedTable = 'customers' | 'orders' | 'order_items' | 'feedback' | 'messages' | 'sales_notes';

/**
 * How Clientele names a customer, as a SQL expression over one row of `table` (named `alias` in the
 * query, else by the table's name): the profile identity resolution put the row in (docs/identity.md),
 * as text; else, for a row not resolved (identity never run, or the row imported since), the
 * `customer_id` the import gave. This is the only place that says so (docs/definitions.md, `customer_key`).
 */
export function customerKey(table: KeyedTable, alias?: string): string {
  const row = alias ?? table;
  // One record_profiles row per record; min() only makes the scalar subquery's single row explicit.
  return keyOf(
    `(SELECT min(rp.profile_id) FROM record_profiles rp WHERE rp.record_table = ${duckdbDialect.literal(table)} AND rp.row_key = ${row}.row_key)`,
    row,
  );
}

/** The customer key of row `row` given its profile id (NULL when identity resolution has not placed it). */
export function keyOf(profileId: string, row: string): string {
  return `coalesce(CAST(${profileId} AS VARCHAR), nullif(trim(${row}.customer_id), ''))`;
}

/** SQL condition that a row of `table` names a customer: it is in a profile, or has a non-blank customer_id. */
export function hasCustomerKey(table: KeyedTable, alias?: string): string {
  const row = alias ?? table;
  return `(coalesce(trim(${row}.customer_id), '') <> '' OR EXISTS (SELECT 1 FROM record_profiles rp
    WHERE rp.record_table = ${duckdbDialect.literal(table)} AND rp.row_key = ${row}.row_key))`;
}

/**
 * {@link customerKey} and {@link hasCustomerKey} through one join instead of a subquery per row: `join` follows
 * the row's table in FROM (its profile joined as `${row}_profile`), `key` and `has` read it. A record is in at
 * most one profile (one record_profiles row per record, as the order facts' profile join counts on too), so the
 * join adds no row. DuckDB plans each correlated subquery as a join and an aggregate of its own: on a cold start
 * the two subqueries cost `clientele status` more than everything else it counts (issue 13).
 */
export function customerKeyJoin(
  table: KeyedTable,
  alias?: string,
): { readonly join: string; readonly key: string; readonly has: string } {
  const row = alias ?? table;
  const profile = `${row}_profile`;
  return {
    join: `LEFT JOIN record_profiles ${profile} ON ${profile}.record_table = ${duckdbDialect.literal(table)} AND ${profile}.row_key = ${row}.row_key`,
    key: keyOf(`${profile}.profile_id`, row),
    has: `(coalesce(trim(${row}.customer_id), '') <> '' OR ${profile}.row_key IS NOT NULL)`,
  };
}
