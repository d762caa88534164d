import { type FailureReason, failureReason } from '../outbox/index.js';
import type { Warehouse } from '../store/index.js';

/** How deliveries to one destination went, from the outbox (its tests and its audiences' moves). */
export interface DestinationHealth {
  readonly delivered: number;
  readonly pending: number;
  /** Pending deliveries that failed at least once and wait for a retry. */
  readonly retrying: number;
  readonly dead: number;
  readonly lastDeliveredAt: string | null;
  /**
   * The latest failed attempt: the receiver's status, or the raw network error (for programs and support),
   * and why it failed in a word the screens say in sentences.
   */
  readonly lastFailure: {
    readonly status: number | null;
    readonly error: string | null;
    readonly reason: FailureReason;
  } | null;
}

const EMPTY: DestinationHealth = {
  delivered: 0,
  pending: 0,
  retrying: 0,
  dead: 0,
  lastDeliveredAt: null,
  lastFailure: null,
};

/**
 * Each destination's outbox figures by name. A delivery belongs to a destination by its origin: the
 * destination's own test (`destination:NAME`) or an audience that sends to it (`audience:NAME`).
 */
export async function destinationHealth(db: Warehouse): Promise<Map<string, DestinationHealth>> {
  const rows = await db.all<{
    name: string;
    delivered: number;
    pending: number;
    retrying: number;
    dead: number;
    last_delivered: string | null;
    last_status: number | null;
    last_error: string | null;
  }>(
    `WITH origins AS (
       SELECT name AS dest, 'destination:' || name AS origin FROM destinations
       UNION ALL SELECT destination, 'audience:' || name FROM audiences)
     SELECT g.dest AS name,
       count(*) FILTER (WHERE o.status = 'delivered')::INTEGER AS delivered,
       count(*) FILTER (WHERE o.status = 'pending')::INTEGER AS pending,
       count(*) FILTER (WHERE o.status = 'pending' AND o.attempts > 0)::INTEGER AS retrying,
       count(*) FILTER (WHERE o.status = 'dead')::INTEGER AS dead,
       ${db.dialect.formatTime('max(o.delivered_at)', '%Y-%m-%dT%H:%M:%SZ')} AS last_delivered,
       ${db.dialect.argMaxWhere('o.last_status', 'o.seq', "o.status <> 'delivered' AND o.attempts > 0")} AS last_status,
       ${db.dialect.argMaxWhere('o.last_error', 'o.seq', "o.status <> 'delivered' AND o.attempts > 0")} AS last_error
     FROM origins g JOIN outbox o ON o.origin = g.origin GROUP BY g.dest`,
  );
  const out = new Map<string, DestinationHealth>();
  for (const r of rows)
    out.set(r.name, {
      delivered: r.delivered,
      pending: r.pending,
      retrying: r.retrying,
      dead: r.dead,
      lastDeliveredAt: r.last_delivered,
      lastFailure:
        r.last_status === null && r.last_error === null
          ? null
          : {
              status: r.last_status === null ? null : Number(r.last_status),
              error: r.last_error,
              reason: failureReason(r.last_status === null ? null : Number(r.last_status), r.last_error),
            },
    });
  return out;
}

/** A destination's figures, zero when nothing was sent to it yet. */
export function healthOf(all: ReadonlyMap<string, DestinationHealth>, name: string): DestinationHealth {
  return all.get(name) ?? EMPTY;
}

/** What an audience's last sync moved and how its deliveries stand now. */
export interface AudienceLastSync {
  readonly entered: number;
  readonly exited: number;
  /** Moves in delivered deliveries. */
  readonly sent: number;
  /** Moves in dead deliveries (given up after the last retry). */
  readonly failed: number;
  /** Moves still waiting in the outbox. */
  readonly pending: number;
}

/** What moves an audience's deliveries carried, all told: delivered, dead and still waiting. */
export interface AudienceDeliveries {
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
}

/**
 * Each audience's last sync, read back from the outbox, and its deliveries all told. A sync enqueues its
 * deliveries in the transaction that stamps `synced_at`, so they carry the same timestamp. Moves are counted
 * in the bodies (a webhook's `"type":"audience.entered"`, a Segment batch's `"event":"Audience Entered"`). A
 * file audience has no deliveries: it shows zeros.
 */
export async function audienceLastSyncs(
  db: Warehouse,
): Promise<Map<string, { last: AudienceLastSync; total: AudienceDeliveries }>> {
  // Whole matches: the shared spelling of DuckDB's `//` (PostgreSQL has no such operator; docs/dialect.md).
  const count = (pattern: string) =>
    `CAST(floor((length(o.body) - length(replace(o.body, ${db.dialect.literal(pattern)}, ''))) / ${pattern.length}.0) AS INTEGER)`;
  const moves = `(${count('"type":"audience.entered"')} + ${count('"event":"Audience Entered"')})`;
  const exits = `(${count('"type":"audience.exited"')} + ${count('"event":"Audience Exited"')})`;
  const last = 'o.created_at = a.synced_at';
  const rows = await db.all<Record<string, number> & { name: string }>(
    `SELECT a.name,
       coalesce(sum(${moves}) FILTER (WHERE ${last}), 0)::INTEGER AS entered,
       coalesce(sum(${exits}) FILTER (WHERE ${last}), 0)::INTEGER AS exited,
       coalesce(sum(${moves} + ${exits}) FILTER (WHERE ${last} AND o.status = 'delivered'), 0)::INTEGER AS sent,
       coalesce(sum(${moves} + ${exits}) FILTER (WHERE ${last} AND o.status = 'dead'), 0)::INTEGER AS failed,
       coalesce(sum(${moves} + ${exits}) FILTER (WHERE ${last} AND o.status = 'pending'), 0)::INTEGER AS pending,
       coalesce(sum(${moves} + ${exits}) FILTER (WHERE o.status = 'delivered'), 0)::INTEGER AS all_sent,
       coalesce(sum(${moves} + ${exits}) FILTER (WHERE o.status = 'dead'), 0)::INTEGER AS all_failed,
       coalesce(sum(${moves} + ${exits}) FILTER (WHERE o.status = 'pending'), 0)::INTEGER AS all_pending
     FROM audiences a JOIN outbox o ON o.origin = 'audience:' || a.name
     GROUP BY a.name`,
  );
  return new Map(
    rows.map((r) => [
      r.name,
      {
        last: {
          entered: r.entered!,
          exited: r.exited!,
          sent: r.sent!,
          failed: r.failed!,
          pending: r.pending!,
        },
        total: { sent: r.all_sent!, failed: r.all_failed!, pending: r.all_pending! },
      },
    ]),
  );
}
