/**
 * Finds, and removes, the half-written rows of a sharded database: rows a worker committed for a coordinator
 * transaction that then rolled back (postgres_fdw commits the workers one after another, without two-phase
 * commit; a worker lost in that instant leaves the others' parts committed). ledger.ts says how a worker row is
 * tied to its coordinator transaction. Run by `clientele scale repair`, before every import, by the server's
 * upkeep, and (counting only) by `clientele status`.
 *
 * Correctness rests on one lock: writers hold it shared from their first sharded INSERT to their coordinator
 * transaction's end (commit or rollback), repair holds it exclusively. Under it no coordinator transaction is
 * between its workers' commits and its own, so a committed worker row whose transaction id the coordinator's
 * ledger lacks belongs to a rolled-back transaction, for good.
 */

import type pg from 'pg';
import { ClienteleError } from '../errors/index.js';
import { numberPlaceholders, parsePostgresUrl } from '../store/postgres/index.js';
import { type Fragment, identifier, param, raw, sql } from '../store/sql.js';
import type { Warehouse } from '../store/warehouse.js';
import { SHARDED_TABLES, WORKER_SCHEMA } from './layout.js';
import { COMMITS_TABLE, hasLedger, LEDGER_LOCK, SETTLED_TABLE, XACT_COLUMN } from './ledger.js';
import { type Worker, withWorker } from './workers.js';

/** What one worker held (and, unless a dry run, no longer holds) of rolled-back transactions. */
export interface WorkerRepair {
  readonly worker: number;
  readonly host: string;
  readonly port: number;
  /** Half-written rows per table (only tables that had some). */
  readonly tables: Readonly<Record<string, number>>;
  readonly rows: number;
  /** Rolled-back coordinator transactions these rows came from. */
  readonly transactions: number;
}

/** The answer of `clientele scale repair` (and what `status` and an import learn). */
export interface ShardRepair {
  /** False on a database that is not sharded with the ledger: nothing was looked at. */
  readonly sharded: boolean;
  /** False when writers held the lock and the caller chose not to wait: nothing was looked at. */
  readonly checked: boolean;
  /** True when the rows found were deleted; false on a dry run. */
  readonly removed: boolean;
  /** Half-written rows found, over all workers. */
  readonly rows: number;
  readonly workers: readonly WorkerRepair[];
}

/**
 * How long an automatic repair (before an import, before a resolution) waits for writing transactions to end
 * before it gives up for this time: a long import holds them off, and the next automatic repair tries again.
 */
export const AUTO_REPAIR_WAIT_MS = 15_000;

/** The automatic repair: removes half-written rows when the database is sharded; a no-op on any other. */
export async function autoRepair(db: Warehouse): Promise<ShardRepair | null> {
  if (db.dialect.name !== 'postgres') return null;
  return repairShards(db, { wait: AUTO_REPAIR_WAIT_MS });
}

export interface RepairOptions {
  /** Delete the rows found (default true); false only counts them. */
  readonly remove?: boolean;
  /**
   * Wait for writing transactions to end: true (default) as long as it takes, a number of milliseconds at most,
   * false not at all. When it gives up, nothing is looked at (`checked: false`).
   */
  readonly wait?: boolean | number;
}

/** The worker servers of the coordinator with the current user's credentials, from the catalogue. */
async function ledgerWorkers(db: Warehouse): Promise<Worker[]> {
  const rows = await db.all<{ server: string; kind: string; opt: string }>(
    `SELECT s.srvname AS server, 'server' AS kind, o AS opt
       FROM pg_foreign_server s, unnest(s.srvoptions) o WHERE s.srvname LIKE 'clientele\\_worker\\_%'
     UNION ALL
     SELECT m.srvname, 'mapping', o FROM pg_user_mappings m, unnest(m.umoptions) o
      WHERE m.srvname LIKE 'clientele\\_worker\\_%' AND m.usename IN (current_user, 'public')`,
  );
  const options = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const at = r.opt.indexOf('=');
    const o = options.get(r.server) ?? {};
    o[r.opt.slice(0, at)] = r.opt.slice(at + 1);
    options.set(r.server, o);
  }
  return [...options]
    .map(([server, o]) => {
      const index = Number(server.replace(/^clientele_worker_/, ''));
      const e = encodeURIComponent;
      const url = `postgres://${e(o.user ?? '')}:${e(o.password ?? '')}@${o.host}:${o.port ?? 5432}/${e(o.dbname ?? '')}`;
      return { index, target: parsePostgresUrl(url), password: o.password ?? '' };
    })
    .sort((a, b) => a.index - b.index);
}

/** Runs a fragment on a worker's own connection (`?` numbered as PostgreSQL wants). */
async function on<R extends pg.QueryResultRow = Record<string, unknown>>(
  client: pg.Client,
  q: Fragment,
): Promise<pg.QueryResult<R>> {
  return client.query<R>(numberPlaceholders(q.text), [...q.params]);
}

/** One worker: the rows of unknown transactions from `below` on; deleted when `remove`. Returns its snapshot xmin. */
async function repairWorker(
  worker: Worker,
  known: ReadonlySet<string>,
  below: string,
  remove: boolean,
): Promise<{ repair: WorkerRepair; xmin: string }> {
  return withWorker(worker, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    return checkWorker(client, worker, known, below, remove);
  }).catch((error: unknown) => {
    // A worker that is down is a lost worker here, as for any statement of the sharded database.
    if (error instanceof ClienteleError && error.code === 'CLT_ERR_SCALE_WORKER_UNREACHABLE') {
      throw new ClienteleError(
        'CLT_ERR_SCALE_WORKER_LOST',
        `worker ${worker.index + 1} at ${worker.target.host}:${worker.target.port} could not be reached while looking for half-written rows; nothing was removed: bring the worker back and run it again`,
        { worker: worker.index + 1, host: worker.target.host, port: worker.target.port },
      );
    }
    throw error;
  });
}

/** The work of {@link repairWorker} inside its worker transaction. */
async function checkWorker(
  client: pg.Client,
  worker: Worker,
  known: ReadonlySet<string>,
  below: string,
  remove: boolean,
): Promise<{ repair: WorkerRepair; xmin: string }> {
  try {
    // Every worker transaction below this id has ended: the next repair need look only from here on.
    const xmin = String(
      (await client.query('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x')).rows[0].x,
    );
    const tables: Record<string, number> = {};
    const orphanXacts = new Set<string>();
    let rows = 0;
    for (const t of SHARDED_TABLES) {
      const name = sql`${identifier(WORKER_SCHEMA)}.${identifier(t)}`;
      const e = sql`SELECT to_regclass(${param(`${WORKER_SCHEMA}.${t}`)}) IS NOT NULL AS ok`;
      const exists = await on(client, e);
      if (!exists.rows[0]?.ok) continue;
      const q = sql`SELECT ${identifier(XACT_COLUMN)}::text AS xact, count(*)::bigint AS n FROM ${name}
                       WHERE ${identifier(XACT_COLUMN)} >= ${param(below)}::bigint GROUP BY 1`;
      const found = await on<{ xact: string; n: string }>(client, q);
      const orphans = found.rows.filter((r) => !known.has(r.xact));
      if (orphans.length === 0) continue;
      const n = orphans.reduce((s, r) => s + Number(r.n), 0);
      tables[t] = n;
      rows += n;
      for (const r of orphans) orphanXacts.add(r.xact);
      if (remove) {
        // The ids are digits the worker gave back, bound as one array literal.
        const ids = `{${orphans.map((r) => r.xact).join(',')}}`;
        await on(
          client,
          sql`DELETE FROM ${name} WHERE ${identifier(XACT_COLUMN)} = ANY(${param(ids)}::bigint[])`,
        );
      }
    }
    await client.query('COMMIT');
    return {
      xmin,
      repair: {
        worker: worker.index + 1,
        host: worker.target.host,
        port: worker.target.port,
        tables,
        rows,
        transactions: orphanXacts.size,
      },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Looks for half-written rows on every worker and, unless `remove` is false, deletes them. Holds the ledger's lock
 * exclusively while it looks, so a transaction still committing is never mistaken for a rolled-back one.
 */
export async function repairShards(db: Warehouse, options: RepairOptions = {}): Promise<ShardRepair> {
  const remove = options.remove ?? true;
  const none = { sharded: false, checked: false, removed: false, rows: 0, workers: [] };
  if (!(await hasLedger(db))) return none;
  const wait = options.wait ?? true;
  try {
    return await repairLocked(db, remove, wait);
  } catch (error) {
    // lock_not_available: writers held the lock longer than the caller would wait.
    if ((error as { code?: string }).code === '55P03') return { ...none, sharded: true };
    throw error;
  }
}

async function repairLocked(db: Warehouse, remove: boolean, wait: boolean | number): Promise<ShardRepair> {
  const none = { sharded: true, checked: false, removed: false, rows: 0, workers: [] };
  return db.transaction(async (tx) => {
    if (typeof wait === 'number') {
      await tx.run(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(wait))}`);
      await tx.run(`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`);
      await tx.run('SET LOCAL lock_timeout = 0');
    } else if (wait) {
      await tx.run(`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`);
    } else {
      const [got] = await tx.all<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${LEDGER_LOCK}) AS ok`);
      if (!got?.ok) return none;
    }
    const workers = await ledgerWorkers(tx);
    if (workers.length === 0) {
      throw new ClienteleError(
        'CLT_ERR_SCALE_WORKER_AUTH',
        'the coordinator names its workers but holds no credentials for them for the current user: run clientele scale repair as the user who ran scale init',
      );
    }
    const out: WorkerRepair[] = [];
    for (const w of workers) {
      const k = sql`SELECT xact::text AS xact FROM ${raw(COMMITS_TABLE)} WHERE worker = ${param(w.index)}`;
      const known = new Set((await tx.all<{ xact: string }>(k.text, k.params)).map((r) => r.xact));
      const s = sql`SELECT below::text AS below FROM ${raw(SETTLED_TABLE)} WHERE worker = ${param(w.index)}`;
      const [settled] = await tx.all<{ below: string }>(s.text, s.params);
      const { repair, xmin } = await repairWorker(w, known, settled?.below ?? '0', remove);
      out.push(repair);
      // Only a repair that left nothing behind below xmin may move the mark past it (a dry run leaves rows).
      if (remove || repair.rows === 0) {
        const u = sql`INSERT INTO ${raw(SETTLED_TABLE)} (worker, below)
                       VALUES (${param(w.index)}, ${param(xmin)}::bigint)
                       ON CONFLICT (worker) DO UPDATE SET below = greatest(EXCLUDED.below, ${raw(SETTLED_TABLE)}.below)`;
        await tx.run(u.text, u.params);
        const p = sql`DELETE FROM ${raw(COMMITS_TABLE)} WHERE worker = ${param(w.index)} AND xact < ${param(xmin)}::bigint`;
        await tx.run(p.text, p.params);
      }
    }
    return {
      sharded: true,
      checked: true,
      removed: remove,
      rows: out.reduce((s, w) => s + w.rows, 0),
      workers: out,
    };
  });
}
