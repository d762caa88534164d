/**
 * Audits kept by the state of the data they read, so the housekeeping screen draws the audit at once: the
 * audit scans every record table (distinct values per field, every contact, each person's latest
 * confirmation), minutes at 100,000 customers, while its inputs change only with the data. The key moves
 * when any input does: any row added to or removed from a record table (imports, the Event API, erasure),
 * a newer import (an import that updates rows in place logs one), identity resolution (profiles and their
 * records), engagement written into messages in place (opens and clicks), source owners, and the UTC day
 * (the shelf life's cutoff and the future-date checks are measured from now; the cutoff is shown as a date,
 * and an hourly key made the screen compute the audit again, minutes at 100,000 customers, every hour).
 * Never a stale answer: an audit is read only under the key of the state it was computed from.
 */
import { createHash } from 'node:crypto';
import { KINDS } from '../domain/kinds.js';
import { identifier, join, remember, sql, type Warehouse } from '../store/index.js';
import { type AuditOptions, type AuditResult, runAudit } from './audit.js';

const KEEP = 8;

/** The key of the audit with `options` over the data as it is now (one query of counters). */
export async function auditStateKey(db: Warehouse, options: AuditOptions, now = new Date()): Promise<string> {
  const tables = [...new Set(Object.values(KINDS).map((k) => k.table))].sort();
  const counts = tables.map((t) => sql`(SELECT count(*) FROM ${identifier(t)}) AS ${identifier(t)}`);
  const q = sql`SELECT ${join(counts, ', ')},
      (SELECT max(import_id) FROM imports) AS import, (SELECT sum(rows_rejected) FROM imports) AS rejected,
      (SELECT count(*) FROM record_profiles) AS records, (SELECT count(*) FROM profiles) AS profiles,
      (SELECT CAST(max(refreshed_at) AS VARCHAR) FROM profiles) AS refreshed,
      (SELECT concat_ws('/', CAST(count(opened_at) AS VARCHAR), CAST(count(clicked_at) AS VARCHAR)) FROM messages) AS engaged,
      (SELECT concat_ws('/', CAST(count(*) AS VARCHAR), CAST(max(set_at) AS VARCHAR)) FROM source_owners) AS owners`;
  const [state] = await db.all<Record<string, unknown>>(q.text, q.params);
  const day = now.toISOString().slice(0, 10);
  return createHash('sha256')
    .update(
      JSON.stringify([
        Object.values(state ?? {}).map(String),
        day,
        options.kind ?? null,
        options.staleAfter ?? null,
        options.limit ?? null,
        options.locale ?? 'en',
        options.asker ?? 'cli',
      ]),
    )
    .digest('hex');
}

/** Audits by state and options, the latest few. */
export class AuditCache {
  readonly #db: Warehouse;
  readonly #run: (key: string, audit: () => Promise<AuditResult>) => Promise<AuditResult>;
  readonly #answers = new Map<string, Promise<AuditResult>>();

  /**
   * `run` runs an audit (by default in the caller's scope; the server runs it as a shared job outside any
   * request, so an audit that outlasts its visitor still reaches the cache).
   */
  constructor(db: Warehouse, run?: (key: string, audit: () => Promise<AuditResult>) => Promise<AuditResult>) {
    this.#db = db;
    this.#run = run ?? ((_key, audit) => audit());
  }

  /** The audit with `options` for the data as it is now: from the cache, or computed and kept. */
  async get(options: Omit<AuditOptions, 'now'>): Promise<AuditResult> {
    const now = new Date();
    const key = await auditStateKey(this.#db, options, now);
    return remember(this.#answers, key, KEEP, () =>
      this.#run(key, () => runAudit(this.#db, { ...options, now })),
    );
  }
}
