/**
 * The commit ledger of a sharded database: how a worker row is tied to the coordinator transaction that wrote it,
 * so that rows of a transaction the coordinator rolled back after postgres_fdw had already committed them on a
 * worker (no two-phase commit) can be told apart and removed (repair.ts; docs/scale.md, "A worker that disappears").
 *
 * - On each worker, every sharded table has a column `clientele_xact` whose default is the worker transaction's
 *   id (64-bit, never wraps). The coordinator's foreign tables do not name it, so postgres_fdw's INSERT and COPY
 *   leave it to that default: every row carries the id of the worker transaction that inserted it.
 * - On the coordinator, a statement trigger on each sharded table (before INSERT, also COPY) records, in the same
 *   coordinator transaction, each worker's transaction id in `clientele_shards.commits`, read through a foreign
 *   table over a worker view (the same remote transaction postgres_fdw writes in). That record commits if and
 *   only if the coordinator commits.
 * - The trigger also takes a shared advisory lock held to the coordinator transaction's end; repair takes it
 *   exclusively, so it never looks while a transaction is between its workers' commits and its own.
 */

import { engineName } from '../store/engine.js';
import { identifier, param, sql } from '../store/sql.js';
import type { Warehouse } from '../store/warehouse.js';
import { SHARD_SCHEMA, SHARDED_TABLES, serverName, WORKER_SCHEMA } from './layout.js';

/** The worker-side column that holds the id of the worker transaction that inserted the row. */
export const XACT_COLUMN = 'clientele_xact';
/** Coordinator table of the worker transactions that belong to committed coordinator transactions. */
export const COMMITS_TABLE = `${SHARD_SCHEMA}.commits`;
/** Coordinator table, per worker: every worker transaction id below `below` has been checked by a repair. */
export const SETTLED_TABLE = `${SHARD_SCHEMA}.settled`;
/** The advisory lock writers hold shared (to their transaction's end) and repair exclusively. ('clsh') */
export const LEDGER_LOCK = 0x636c7368;

/** Statements run on each worker (in its set-up transaction): the stamp column, its index, the xact view. */
export function workerLedgerSql(tables: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tables) {
    const name = `${WORKER_SCHEMA}.${identifier(t).text}`;
    // Added without a default first, so rows already there keep NULL (unknown) instead of one ALTER's id.
    out.push(`ALTER TABLE ${name} ADD COLUMN IF NOT EXISTS ${XACT_COLUMN} bigint`);
    out.push(
      `ALTER TABLE ${name} ALTER COLUMN ${XACT_COLUMN} SET DEFAULT (pg_current_xact_id()::text::bigint)`,
    );
    // Ids grow with insertion order: a BRIN index finds the recent ones at almost no cost to inserts.
    out.push(
      `CREATE INDEX IF NOT EXISTS ${identifier(`${t}_${XACT_COLUMN}`).text} ON ${name} USING brin (${XACT_COLUMN})`,
    );
  }
  out.push(
    `CREATE OR REPLACE VIEW ${WORKER_SCHEMA}.current_xact AS SELECT pg_current_xact_id()::text::bigint AS xact`,
  );
  return out;
}

/** Installs (again: it is idempotent) the coordinator's side of the ledger for `workers` worker servers. */
export async function installCoordinatorLedger(tx: Warehouse, workers: number): Promise<void> {
  await tx.run(
    `CREATE TABLE IF NOT EXISTS ${COMMITS_TABLE} (worker integer NOT NULL, xact bigint NOT NULL, PRIMARY KEY (worker, xact))`,
  );
  await tx.run(
    `CREATE TABLE IF NOT EXISTS ${SETTLED_TABLE} (worker integer PRIMARY KEY, below bigint NOT NULL)`,
  );
  const registers: string[] = [];
  for (let i = 0; i < workers; i++) {
    const q = sql`SELECT format('CREATE FOREIGN TABLE IF NOT EXISTS %I.%I (xact bigint) SERVER %I OPTIONS (schema_name %L, table_name %L)',
               ${param(SHARD_SCHEMA)}::text, ${param(`xact_${i}`)}::text, ${param(serverName(i))}::text,
               ${param(WORKER_SCHEMA)}::text, 'current_xact'::text) AS ddl`;
    const [row] = await tx.all<{ ddl: string }>(q.text, q.params);
    if (row) await tx.run(row.ddl);
    registers.push(
      `INSERT INTO ${COMMITS_TABLE} SELECT ${i}, xact FROM ${SHARD_SCHEMA}.${identifier(`xact_${i}`).text} ON CONFLICT DO NOTHING;`,
    );
  }
  // Once per coordinator transaction (a transaction-local setting remembers it): lock, then record each worker's
  // transaction id. The numbers in the body are ours (worker indexes, the lock key), no input.
  await tx.run(`CREATE OR REPLACE FUNCTION ${SHARD_SCHEMA}.register_write() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF current_setting('clientele.shard_xact', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM pg_advisory_xact_lock_shared(${LEDGER_LOCK});
    ${registers.join('\n    ')}
    PERFORM set_config('clientele.shard_xact', txid_current()::text, true);
  END IF;
  RETURN NULL;
END
$fn$`);
  for (const t of SHARDED_TABLES) {
    const q = sql`SELECT to_regclass(${param(t)}) IS NOT NULL AS ok`;
    const [has] = await tx.all<{ ok: boolean }>(q.text, q.params);
    if (!has?.ok) continue;
    await tx.run(`DROP TRIGGER IF EXISTS clientele_register_write ON ${identifier(t).text}`);
    await tx.run(
      `CREATE TRIGGER clientele_register_write BEFORE INSERT ON ${identifier(t).text} FOR EACH STATEMENT EXECUTE FUNCTION ${SHARD_SCHEMA}.register_write()`,
    );
  }
}

/** True when `db` is a sharded database with the ledger installed. */
export async function hasLedger(db: Warehouse): Promise<boolean> {
  if (engineName(db) !== 'postgresql') return false;
  const q = sql`SELECT to_regclass(${param(COMMITS_TABLE)}) IS NOT NULL AS ok`;
  const [row] = await db.all<{ ok: boolean }>(q.text, q.params);
  return row?.ok === true;
}
