import { ClienteleError } from './registry.js';

// DuckDB's optimistic concurrency and PostgreSQL's serialization failures and deadlocks: the engine rolled
// the work back because another transaction changed the same rows first. Not a bug, and retrying succeeds.
const DUCKDB_CONFLICT = /write-write conflict|Conflict on (tuple|update)|TransactionContext Error.*conflict/i;
const PG_CONFLICT = new Set(['40001', '40P01']);

/**
 * The engine's refusal of a transaction that collided with another, as CLT_ERR_STORE_CONFLICT (409, retry
 * at once); undefined for every other error.
 */
export function engineConflict(error: unknown): ClienteleError | undefined {
  if (!(error instanceof Error) || error instanceof ClienteleError) return undefined;
  const code = (error as Error & { code?: unknown }).code;
  if (!(typeof code === 'string' && PG_CONFLICT.has(code)) && !DUCKDB_CONFLICT.test(error.message))
    return undefined;
  return new ClienteleError(
    'CLT_ERR_STORE_CONFLICT',
    `the database refused this change because another one touched the same rows at the same moment: ${error.message.split('\n')[0]}`,
    { retryAfterSeconds: 1 },
  );
}
