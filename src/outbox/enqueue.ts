import { randomUUID } from 'node:crypto';
import type { Warehouse } from '../store/index.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './policy.js';
import { signBody } from './sign.js';

/** One message to deliver: an HTTP POST of `body` to `url`. */
export interface Delivery {
  /** What made it, for people reading the outbox: `audience:NAME`, `alert:NAME`, `destination:NAME`. */
  readonly origin: string;
  /** Deliveries with the same key are delivered in the order they were enqueued (one person at one receiver). */
  readonly orderingKey: string;
  readonly url: string;
  /** The JSON body, exactly as it will be sent (and signed). */
  readonly body: string;
  /** Signs the body (X-Clientele-Signature) when given. */
  readonly secret?: string | null;
  /** More headers (a Segment write key's Authorization). */
  readonly headers?: Readonly<Record<string, string>>;
}

// Orders deliveries within this process even when two batches share a millisecond.
let lastSeq = 0;
function nextSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

// Whether this process enqueued anything, so that a command flushes before it exits only when it has to
// (a transaction's Warehouse is another object than the database's, so this is per process).
let enqueuedHere = false;

/** Whether anything was enqueued by this process. */
export function enqueuedInto(_db: Warehouse): boolean {
  return enqueuedHere;
}

/**
 * Adds deliveries to the durable outbox, in order, within the caller's transaction if it runs in one. The
 * signature is computed now, over the body that will be sent, so the secret is not stored beside it.
 * Returns the delivery ids (the `X-Clientele-Delivery` a receiver dedupes on).
 */
export async function enqueue(
  db: Warehouse,
  deliveries: readonly Delivery[],
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const rows = deliveries.map((d) => {
    const id = randomUUID();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'clientele-outbox',
      ...d.headers,
      'x-clientele-delivery': id,
    };
    if (d.secret) headers['x-clientele-signature'] = signBody(d.body, d.secret);
    return {
      id,
      seq: nextSeq(),
      origin: d.origin,
      key: d.orderingKey,
      url: d.url,
      headers: JSON.stringify(headers),
      body: d.body,
    };
  });
  // One statement for the whole batch: an audience's first sync may enqueue thousands.
  await db.run(
    `INSERT INTO outbox (id, seq, origin, ordering_key, url, headers, body, status, attempts, max_attempts, next_at)
     SELECT r.id, r.seq, r.origin, r.key, r.url, CAST(r.headers AS JSON), r.body, 'pending', 0, ?, current_timestamp
     FROM ${db.dialect.jsonRecords('?', { id: 'VARCHAR', seq: 'BIGINT', origin: 'VARCHAR', key: 'VARCHAR', url: 'VARCHAR', headers: 'VARCHAR', body: 'VARCHAR' }, 'r')}`,
    [policy.maxAttempts, JSON.stringify(rows)],
  );
  enqueuedHere = true;
  return rows.map((r) => r.id);
}
