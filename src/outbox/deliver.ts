import type { Warehouse } from '../store/index.js';
import { fetchCause } from './failure.js';
import { backoffMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from './policy.js';

/** How a flush runs. Defaults suit the CLI; `clientele serve` flushes every second with no budget. */
export interface FlushOptions {
  /**
   * Stop starting new deliveries after this long (ms). A request in flight is cut at the budget's end, and
   * such a cut is not the receiver's failure: it counts no try and the delivery is due again at once.
   */
  readonly budgetMs?: number;
  /** One request's longest wait (ms): a slow receiver counts as a failed try. */
  readonly timeoutMs?: number;
  /** Requests in flight at once (always one per ordering key). */
  readonly concurrency?: number;
  readonly policy?: RetryPolicy;
  /** The clock (ms since the epoch), for tests that move time on instead of waiting. */
  readonly now?: () => number;
  /** The jitter's source in [0, 1). */
  readonly random?: () => number;
}

/** What one flush did. */
export interface FlushResult {
  readonly delivered: number;
  /** Failed tries that will be tried again. */
  readonly retried: number;
  /** Deliveries that failed their last try in this flush. */
  readonly dead: number;
  /** Still pending after the flush (due later, or left when the budget ran out). */
  readonly pending: number;
}

type Due = {
  readonly id: string;
  readonly url: string;
  readonly headers: string;
  readonly body: string;
  readonly attempts: number;
  readonly max_attempts: number;
};

/**
 * Delivers what is due, at least once: each pending delivery whose time has come and that is the oldest
 * pending one of its ordering key (so one person's messages reach a receiver in order). A 2xx answer marks
 * it delivered; anything else (an error status, a refused connection, a timeout) counts a try and schedules
 * the next by backoff, or makes it a dead letter after the last try. Never throws for a receiver's failure.
 */
export async function flushOutbox(db: Warehouse, options: FlushOptions = {}): Promise<FlushResult> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const started = now();
  const deadline = started + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  const concurrency = options.concurrency ?? 8;
  const stamp = msAt(db);
  let delivered = 0;
  let retried = 0;
  let dead = 0;
  while (now() < deadline) {
    const due = await claimDue(db, now(), concurrency * 4, (options.timeoutMs ?? 10_000) + LEASE_MARGIN_MS);
    if (due.length === 0) break;
    const tried = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < due.length && now() < deadline) {
        const item = due[next++]!;
        const full = options.timeoutMs ?? 10_000;
        const timeout = Math.max(1, Math.min(full, deadline - now()));
        const outcome = await post(item, timeout);
        // Cut by our own budget, not by the receiver's slowness: left untried (due again below).
        if (outcome.timedOut && timeout < full) continue;
        tried.add(item.id);
        const attempts = item.attempts + 1;
        if (outcome.ok) {
          delivered++;
          await db.run(
            `UPDATE outbox SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL,
               delivered_at = ${stamp} WHERE id = ?`,
            [attempts, outcome.status, Math.floor(now()), item.id],
          );
        } else if (attempts >= item.max_attempts) {
          dead++;
          await db.run(
            `UPDATE outbox SET status = 'dead', attempts = ?, last_status = ?, last_error = ? WHERE id = ?`,
            [attempts, outcome.status, outcome.error, item.id],
          );
        } else {
          retried++;
          const at = now() + backoffMs(attempts, policy, random());
          await db.run(
            `UPDATE outbox SET attempts = ?, last_status = ?, last_error = ?,
               next_at = ${stamp} WHERE id = ?`,
            [attempts, outcome.status, outcome.error, Math.floor(at), item.id],
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    // Claimed but not tried (the budget ran out): due again at once rather than when the lease ends.
    for (const d of due.filter((x) => !tried.has(x.id)))
      await db.run(`UPDATE outbox SET next_at = ${stamp} WHERE id = ?`, [Math.floor(now()), d.id]);
  }
  const [left] = await db.all<{ n: number }>(
    "SELECT count(*)::INTEGER AS n FROM outbox WHERE status = 'pending'",
  );
  return { delivered, retried, dead, pending: left?.n ?? 0 };
}

// A bound whole number of milliseconds since the epoch as an instant, in the engine's spelling.
const msAt = (db: Warehouse): string => db.dialect.epochMsToTimestamp('?');

// A claim outlives the longest try by this much, so a delivery in flight is never claimed twice.
const LEASE_MARGIN_MS = 30_000;

/**
 * Claims what is due: one statement moves each row's `next_at` past the lease and returns it, so a concurrent
 * flush (the server's loop beside a request's sync or test) finds nothing to take twice. A flush that dies
 * mid-way leaves its rows due again when the lease ends: still at least once. Rows stay `pending`, so the
 * younger deliveries of their ordering key keep waiting behind them. The outer `next_at` test is what
 * PostgreSQL checks again on a row another flush moved meanwhile (its subquery is not), so that row is skipped.
 */
async function claimDue(db: Warehouse, nowMs: number, limit: number, leaseMs: number): Promise<Due[]> {
  const stamp = msAt(db);
  try {
    const rows = await db.all<Due & { seq: number }>(
      `UPDATE outbox SET next_at = ${stamp}
       WHERE id IN (
         SELECT o.id FROM outbox o
         WHERE o.status = 'pending' AND o.next_at <= ${stamp}
           AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.status = 'pending' AND e.ordering_key = o.ordering_key AND e.seq < o.seq)
         ORDER BY o.seq LIMIT ?)
         AND outbox.next_at <= ${stamp}
       RETURNING id, url, CAST(headers AS VARCHAR) AS headers, body, attempts, max_attempts, seq`,
      [Math.floor(nowMs + leaseMs), Math.floor(nowMs), limit, Math.floor(nowMs)],
    );
    return rows.sort((a, b) => a.seq - b.seq);
  } catch (error) {
    // Another connection claimed the same rows in the same instant (DuckDB's optimistic concurrency): they
    // are theirs; this flush finds the rest on its next round.
    if (error instanceof Error && /conflict/i.test(error.message)) return [];
    throw error;
  }
}

// One try. Redirects are not followed: a receiver that moved should be updated, not chased.
async function post(
  item: Due,
  timeoutMs: number,
): Promise<{ ok: boolean; status: number | null; error: string | null; timedOut?: boolean }> {
  try {
    const response = await fetch(item.url, {
      method: 'POST',
      headers: JSON.parse(item.headers) as Record<string, string>,
      body: item.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is read so that the connection is released.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status, error: null };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const e = error as Error;
    const timedOut = e.name === 'TimeoutError';
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : fetchCause(e);
    return { ok: false, status: null, error: reason, timedOut };
  }
}
