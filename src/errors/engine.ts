import { ClienteleError } from './registry.js';

// DuckDB's optimistic concurrency and PostgreSQL's serialization failures and deadlocks: the engine rolled
// the work back because another transaction changed the same rows first. Not a bug, and retrying succeeds.
const DUCKDB_CONFLICT = /write-write conflict|Conflict on (tuple|update)|TransactionContext Error.*conflict/i;
const PG_CONFLICT = new Set(['40001', '40P01']);

// The engine could not get the memory the work needed: DuckDB past its memory_limit (CLIENTELE_DB_MEMORY),
// PostgreSQL's out_of_memory. The work is rolled back; nothing was written.
const DUCKDB_MEMORY = /^Out of Memory Error/i;
const PG_MEMORY = '53200';

/**
 * The engine's refusal of work that is not a defect of ours: a transaction that collided with another, as
 * CLT_ERR_STORE_CONFLICT (409, retry at once), or work that needed more memory than the engine may use, as
 * CLT_ERR_STORE_MEMORY (503); undefined for every other error.
 */
export function engineConflict(error: unknown): ClienteleError | undefined {
  if (!(error instanceof Error) || error instanceof ClienteleError) return undefined;
  const code = (error as Error & { code?: unknown }).code;
  const first = error.message.split('\n')[0];
  if (code === PG_MEMORY || DUCKDB_MEMORY.test(error.message)) {
    const limit = /\(([^)]*used)\)/.exec(first ?? '')?.[1];
    return new ClienteleError(
      'CLT_ERR_STORE_MEMORY',
      `the database ran out of the memory it may use for this work${limit ? ` (${limit})` : ''}, so nothing of it was written`,
      // The engine's own words, for whoever tunes it (which limit, or a temporary folder's size).
      { retryAfterSeconds: 30, engine: first },
    );
  }
  if (!(typeof code === 'string' && PG_CONFLICT.has(code)) && !DUCKDB_CONFLICT.test(error.message))
    return undefined;
  return new ClienteleError(
    'CLT_ERR_STORE_CONFLICT',
    `the database refused this change because another one touched the same rows at the same moment: ${first}`,
    { retryAfterSeconds: 1 },
  );
}
