/**
 * `clientele scale init --workers URL[,URL…]`: turns an empty Clientele database on PostgreSQL (the
 * coordinator) into a sharded one. Each per-person record table becomes hash-partitioned on the record's person
 * key (layout.ts), with one partition per worker, each a `postgres_fdw` foreign table over a real table on that
 * worker. Everything else stays on the coordinator. docs/scale.md says what this proves and what it does not.
 */

import { ClienteleError } from '../errors/index.js';
import { compileDefinitions } from '../semantics/compile.js';
import { engineName } from '../store/engine.js';
import { identifier, join, param, raw, sql } from '../store/sql.js';
import type { Warehouse } from '../store/warehouse.js';
import { personKey, SHARD_SCHEMA, SHARDED_TABLES, serverName, WORKER_SCHEMA } from './layout.js';
import { installCoordinatorLedger, workerLedgerSql } from './ledger.js';
import { type Worker, withWorker } from './workers.js';

/** A warning that belongs in the JSON and in the text. */
export interface ScaleWarning {
  readonly code: string;
  readonly message: string;
}

/** What `scale init` did (or found already done). */
export interface ScaleInitSummary {
  readonly mode: 'postgres_fdw';
  readonly coordinator: string;
  /** True when the database was already sharded over these workers: nothing was changed. */
  readonly already: boolean;
  readonly workers: readonly {
    readonly worker: number;
    readonly host: string;
    readonly port: number;
    readonly database: string;
  }[];
  readonly tables: readonly { readonly name: string; readonly partitionKey: string }[];
  /** Settings made the coordinator database's defaults. */
  readonly settings: readonly string[];
  readonly warnings: readonly ScaleWarning[];
}

interface Column {
  readonly name: string;
  /** The column's type, a domain spelt as its base type (a worker has no `double` domain). */
  readonly type: string;
  readonly notNull: boolean;
}

const SETTINGS = ['enable_partitionwise_aggregate', 'enable_partitionwise_join', 'enable_async_append'];

/** The tables of the current schema that are partitioned (already sharded). */
async function partitioned(db: Warehouse): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'p'`,
  );
  return new Set(rows.map((r) => r.name));
}

/** The worker servers already defined on the coordinator, by index: host, port and database. */
async function definedServers(db: Warehouse): Promise<Map<number, string>> {
  const rows = await db.all<{ name: string; options: string }>(
    `SELECT srvname AS name, array_to_string(srvoptions, ',') AS options FROM pg_foreign_server
      WHERE srvname LIKE 'clientele\\_worker\\_%'`,
  );
  const out = new Map<number, string>();
  for (const r of rows) {
    const o = Object.fromEntries(r.options.split(',').map((kv) => kv.split('=', 2) as [string, string]));
    out.set(Number(r.name.replace(/^clientele_worker_/, '')), `${o.host}:${o.port}/${o.dbname}`);
  }
  return out;
}

const where = (w: Worker) => `${w.target.host}:${w.target.port}/${w.target.database}`;

/** The columns of `table` in order, from the catalogue. */
async function columnsOf(db: Warehouse, table: string): Promise<Column[]> {
  const q = sql`SELECT a.attname AS name,
           CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod)
                ELSE format_type(a.atttypid, a.atttypmod) END AS type,
           a.attnotnull AS "notNull"
      FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
     WHERE a.attrelid = to_regclass(${param(table)}) AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`;
  return db.all<{ name: string; type: string; notNull: boolean }>(q.text, q.params);
}

/** Each table's partition key, read one after another (one connection takes one query at a time). */
async function keysOf(
  db: Warehouse,
  names: readonly string[],
): Promise<{ name: string; partitionKey: string }[]> {
  const out: { name: string; partitionKey: string }[] = [];
  for (const name of names)
    out.push({ name, partitionKey: personKey((await columnsOf(db, name)).map((c) => c.name)) });
  return out;
}

/** The indexes of `table`, as CREATE INDEX statements re-aimed at the worker's copy of the table. */
async function indexesOf(db: Warehouse, table: string): Promise<string[]> {
  const q = sql`SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
     WHERE i.indrelid = to_regclass(${param(table)})`;
  const rows = await db.all<{ def: string }>(q.text, q.params);
  // pg_get_indexdef names the table schema-qualified: `CREATE [UNIQUE] INDEX name ON public.t USING …`.
  return rows.map((r) =>
    r.def
      .replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')
      .replace(/ ON (?:\S+\.)?\S+ USING /, ` ON ${WORKER_SCHEMA}.${identifier(table).text} USING `),
  );
}

/** Rows in any of the record tables (the refusal names them). */
async function heldRows(db: Warehouse, tables: readonly string[]): Promise<string[]> {
  const held: string[] = [];
  for (const t of tables) {
    const q = sql`SELECT count(*)::bigint AS n FROM ${identifier(t)}`;
    const [row] = await db.all<{ n: number }>(q.text, q.params);
    if ((row?.n ?? 0) > 0) held.push(`${t} (${row?.n} rows)`);
  }
  return held;
}

/** Makes each worker's partition tables (and the coordinator's indexes on them); refuses a worker holding rows. */
async function prepareWorker(
  worker: Worker,
  tables: readonly { name: string; columns: readonly Column[]; indexes: readonly string[] }[],
): Promise<void> {
  await withWorker(worker, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${WORKER_SCHEMA}`);
      for (const t of tables) {
        const cols = join(
          t.columns.map((c) => sql`${identifier(c.name)} ${raw(c.type)}${raw(c.notNull ? ' NOT NULL' : '')}`),
          ', ',
        );
        const name = sql`${raw(WORKER_SCHEMA)}.${identifier(t.name)}`;
        await client.query(sql`CREATE TABLE IF NOT EXISTS ${name} (${cols})`.text);
        const { rows } = await client.query(sql`SELECT EXISTS (SELECT 1 FROM ${name}) AS held`.text);
        if (rows[0]?.held) {
          throw new ClienteleError(
            'CLT_ERR_SCALE_NOT_EMPTY',
            `worker ${worker.index + 1} (${where(worker)}) already holds rows in ${WORKER_SCHEMA}.${t.name}: name an empty worker database`,
            { worker: worker.index + 1, host: worker.target.host, port: worker.target.port, table: t.name },
          );
        }
        for (const index of t.indexes) await client.query(index);
      }
      for (const q of workerLedgerSql(tables.map((t) => t.name))) await client.query(q);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/** The worker side of the commit ledger on a worker already prepared (ledger.ts). */
async function installWorkerLedger(worker: Worker, tables: readonly string[]): Promise<void> {
  await withWorker(worker, async (client) => {
    await client.query('BEGIN');
    try {
      for (const q of workerLedgerSql(tables)) await client.query(q);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Shards the (empty) Clientele database `db` over `workers` with postgres_fdw. Run twice with the same workers it
 * changes nothing (`already: true`); with other workers it refuses (CLT_ERR_SCALE_ALREADY). A database holding
 * records is refused (CLT_ERR_SCALE_NOT_EMPTY): shard an empty one, then `clientele db copy` into it.
 */
export async function scaleInit(db: Warehouse, workers: readonly Worker[]): Promise<ScaleInitSummary> {
  if (engineName(db) !== 'postgresql') {
    throw new ClienteleError(
      'CLT_ERR_SCALE_ENGINE',
      `scale init shards a PostgreSQL database; ${db.location} is a DuckDB file: copy it to PostgreSQL first (clientele db copy --to postgres://…)`,
    );
  }
  const warnings: ScaleWarning[] = [];
  const existing = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type IN ('BASE TABLE')`,
  );
  const present = new Set(existing.map((r) => r.name));
  const sharded = await partitioned(db);
  const names = SHARDED_TABLES.filter((t) => present.has(t) || sharded.has(t));
  const summary = async (already: boolean) => ({
    mode: 'postgres_fdw' as const,
    coordinator: db.location,
    already,
    workers: workers.map((w) => ({
      worker: w.index + 1,
      host: w.target.host,
      port: w.target.port,
      database: w.target.database,
    })),
    tables: await keysOf(db, names),
    settings: SETTINGS.map((s) => `${s} = on`),
    warnings,
  });

  if (names.some((t) => sharded.has(t))) {
    const servers = await definedServers(db);
    const same = servers.size === workers.length && workers.every((w) => servers.get(w.index) === where(w));
    if (!same) {
      throw new ClienteleError(
        'CLT_ERR_SCALE_ALREADY',
        `${db.location} is already sharded over ${[...servers.values()].join(', ')}; moving it to other workers is not supported: copy it into a new sharded database (clientele db copy)`,
      );
    }
    // A database sharded before the commit ledger existed gets it now (idempotent): see ledger.ts.
    for (const w of workers) await installWorkerLedger(w, names);
    await db.transaction((tx) => installCoordinatorLedger(tx, workers.length));
    return summary(true);
  }

  const held = await heldRows(db, names);
  if (held.length > 0) {
    throw new ClienteleError(
      'CLT_ERR_SCALE_NOT_EMPTY',
      `${db.location} already holds records (${held.join(', ')}); scale init shards only an empty database: run it on a new empty database, then clientele db copy --from ${db.location} --to <that database>`,
      { tables: held },
    );
  }
  const [fdw] = await db.all<{ fdw: boolean; citus: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgres_fdw') AS fdw,
            EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'citus') AS citus`,
  );
  if (!fdw?.fdw) {
    throw new ClienteleError(
      'CLT_ERR_SCALE_FDW',
      `the PostgreSQL server of ${db.location} has no postgres_fdw extension: install PostgreSQL's contrib package on it`,
    );
  }
  if (fdw.citus) {
    warnings.push({
      code: 'CITUS_NOT_USED',
      message:
        'the citus extension is available on this server, but this Clientele sets up only the postgres_fdw path; docs/scale.md says how to distribute the same tables with Citus by hand',
    });
  }

  const tables: { name: string; columns: Column[]; indexes: string[] }[] = [];
  for (const name of names) {
    tables.push({ name, columns: await columnsOf(db, name), indexes: await indexesOf(db, name) });
  }
  // Every worker is reached and prepared before the coordinator changes: a worker that is down or refuses the
  // credentials stops here, with nothing changed on the coordinator.
  for (const w of workers) await withWorker(w, async (c) => void (await c.query('SELECT 1')));
  for (const w of workers) await prepareWorker(w, tables);

  await db.transaction(async (tx) => {
    await tx.run('CREATE EXTENSION IF NOT EXISTS postgres_fdw');
    await tx.run(`CREATE SCHEMA IF NOT EXISTS ${SHARD_SCHEMA}`);
    for (const w of workers) {
      // OPTIONS take literals only: the server quotes the values (format %L), none is spliced here.
      const server = sql`SELECT format('CREATE SERVER %I FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host %L, port %L, dbname %L, async_capable ''true'', fetch_size ''10000'', batch_size ''1000'')',
                 ${param(serverName(w.index))}::text, ${param(w.target.host)}::text, ${param(String(w.target.port))}::text, ${param(w.target.database)}::text) AS ddl`;
      const mapping = sql`SELECT format('CREATE USER MAPPING FOR CURRENT_USER SERVER %I OPTIONS (user %L, password %L)',
                 ${param(serverName(w.index))}::text, ${param(w.target.user)}::text, ${param(w.password)}::text) AS ddl`;
      for (const q of [server, mapping]) {
        const [row] = await tx.all<{ ddl: string }>(q.text, q.params);
        if (row) await tx.run(row.ddl);
      }
    }
    for (const t of tables) {
      const name = identifier(t.name).text;
      const single = identifier(`${t.name}__single`).text;
      await tx.run(`ALTER TABLE ${name} RENAME TO ${single}`);
      await tx.run(
        `CREATE TABLE ${name} (LIKE ${single} INCLUDING DEFAULTS) PARTITION BY HASH ((${personKey(t.columns.map((c) => c.name))}))`,
      );
      for (const w of workers) {
        const q = sql`SELECT format('CREATE FOREIGN TABLE %I.%I PARTITION OF %I FOR VALUES WITH (MODULUS %s, REMAINDER %s) SERVER %I OPTIONS (schema_name %L, table_name %L)',
                   ${param(SHARD_SCHEMA)}::text, ${param(`${t.name}_${w.index}`)}::text, ${param(t.name)}::text, ${param(workers.length)}::text, ${param(w.index)}::text,
                   ${param(serverName(w.index))}::text, ${param(WORKER_SCHEMA)}::text, ${param(t.name)}::text) AS ddl`;
        const [row] = await tx.all<{ ddl: string }>(q.text, q.params);
        if (row) await tx.run(row.ddl);
      }
      // The business definitions' views read the old table: they go with it and are made again below.
      await tx.run(`DROP TABLE ${single} CASCADE`);
    }
    for (const s of SETTINGS) {
      const q = sql`SELECT format('ALTER DATABASE %I SET %I = on', current_database(), ${param(s)}::text) AS ddl`;
      const [row] = await tx.all<{ ddl: string }>(q.text, q.params);
      if (row) await tx.run(row.ddl);
    }
    await installCoordinatorLedger(tx, workers.length);
    await compileDefinitions(tx);
  });
  return summary(false);
}
