import type { Warehouse } from '../store/index.js';

/** One dead letter, as `clientele outbox` shows it. */
export type DeadLetter = {
  readonly id: string;
  readonly origin: string;
  readonly url: string;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
};

/** The outbox at a glance: how many deliveries wait, were delivered, or died, and the dead letters. */
export interface OutboxStatus {
  readonly pending: number;
  readonly delivered: number;
  readonly dead: number;
  /** When the next pending delivery is due (ISO), null when none waits. */
  readonly nextAt: string | null;
  readonly deadLetters: readonly DeadLetter[];
}

/** Counts the outbox by state, with the latest dead letters (at most `limit`). */
export async function outboxStatus(db: Warehouse, limit = 50): Promise<OutboxStatus> {
  const [c] = await db.all<{ pending: number; delivered: number; dead: number; next_at: string | null }>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::INTEGER AS pending,
       count(*) FILTER (WHERE status = 'delivered')::INTEGER AS delivered,
       count(*) FILTER (WHERE status = 'dead')::INTEGER AS dead,
       ${db.dialect.formatTime("min(next_at) FILTER (WHERE status = 'pending')", '%Y-%m-%dT%H:%M:%SZ')} AS next_at
     FROM outbox`,
  );
  const deadLetters = await db.all<DeadLetter & { createdAt: string }>(
    `SELECT id, origin, url, attempts, last_status AS "lastStatus", last_error AS "lastError",
       ${db.dialect.formatTime('created_at', '%Y-%m-%dT%H:%M:%SZ')} AS "createdAt"
     FROM outbox WHERE status = 'dead' ORDER BY seq DESC LIMIT ?`,
    [limit],
  );
  return {
    pending: c?.pending ?? 0,
    delivered: c?.delivered ?? 0,
    dead: c?.dead ?? 0,
    nextAt: c?.next_at ?? null,
    deadLetters,
  };
}
