/**
 * Which tables the sharded set-up splits across workers, and on what. Per-person record tables are hash-
 * partitioned on the record's person key: its highest-priority identifier as it arrives (customer id, then
 * email, then phone, then anonymous id; the order identity resolution uses), else its own row key. The key is
 * a partition-key expression over the row's own columns, so no writer (import, the Event API, `db copy`) has to
 * compute or store it, and it never changes once written. Everything else stays on the coordinator.
 */

/** The record tables that hold one row per person's record, split across workers. */
export const SHARDED_TABLES = [
  'customers',
  'orders',
  'order_items',
  'events',
  'messages',
  'feedback',
  'sales_notes',
  'social',
] as const;

/** The identifier columns that place a record, highest priority first (events name the customer `user_id`). */
const PERSON_COLUMNS = ['customer_id', 'user_id', 'email', 'phone', 'anonymous_id'] as const;

/** Schema on the coordinator that holds the foreign partitions (kept out of `public`, which `db copy` reads). */
export const SHARD_SCHEMA = 'clientele_shards';
/** Schema on each worker that holds its partition of every sharded table (same table names). */
export const WORKER_SCHEMA = 'clientele_shard';
/** Foreign server name of worker `i`. */
export const serverName = (i: number): string => `clientele_worker_${i}`;

/**
 * The partition key expression of a table with `columns`: the first non-empty identifier, else `row_key`.
 * Email is trimmed and lower-cased so that one address spelt two ways lands once. Column names come from the
 * catalogue and the fixed list above, never from input.
 */
export function personKey(columns: readonly string[]): string {
  const have = new Set(columns);
  const parts = PERSON_COLUMNS.filter((c) => have.has(c)).map((c) =>
    c === 'email' ? `NULLIF(lower(btrim("email")), '')` : `NULLIF("${c}", '')`,
  );
  return `coalesce(${[...parts, '"row_key"'].join(', ')})`;
}
