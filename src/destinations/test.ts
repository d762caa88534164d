import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { enqueue, type FailureReason, failureReason, flushOutbox } from '../outbox/index.js';
import type { Warehouse } from '../store/index.js';
import { deliveriesFor } from './messages.js';
import { destinationRow } from './store.js';

/** What `destinations test` found: whether one test message arrived, and the receiver's answer. */
export interface DestinationTest {
  readonly name: string;
  readonly ok: boolean;
  readonly status: number | null;
  readonly error: string | null;
  /** Why it failed, in a word (src/outbox/failure.ts); null when it arrived. */
  readonly reason: FailureReason | null;
}

/**
 * Sends one `destination.test` message through the outbox and tries it once now (a file destination is
 * written with a header line). A failure stays in the outbox to be retried like any other.
 */
export async function testDestination(db: Warehouse, name: string): Promise<DestinationTest> {
  const d = await destinationRow(db, name);
  if (d.type === 'file') {
    try {
      await writeFile(d.out ?? '', d.out?.endsWith('.csv') ? 'id\n' : '');
      return { name, ok: true, status: null, error: null, reason: null };
    } catch (e) {
      const error = (e as Error).message;
      return { name, ok: false, status: null, error, reason: failureReason(null, error) };
    }
  }
  const [planned] = deliveriesFor(
    d,
    `destination:${name}`,
    [
      {
        type: 'destination.test',
        profile: { id: 0, customerId: 'clientele-test', traits: {} },
        at: new Date().toISOString(),
      },
    ],
    () => randomUUID(),
  );
  const [id] = await enqueue(db, [planned!.delivery]);
  const read = async () =>
    (
      await db.all<{ status: string; last_status: number | null; last_error: string | null }>(
        'SELECT status, last_status, last_error FROM outbox WHERE id = ?',
        [id!],
      )
    )[0];
  // The server's own flush (every second) may claim the message first: then it is still pending, untried
  // here, and the answer waits for that flush's try (within the same budget) rather than saying it failed.
  const until = Date.now() + 10_000;
  let row: Awaited<ReturnType<typeof read>>;
  for (;;) {
    await flushOutbox(db, { budgetMs: Math.max(1, until - Date.now()), timeoutMs: 5_000 });
    row = await read();
    const untried = row?.status === 'pending' && row.last_status === null && row.last_error === null;
    if (!untried || Date.now() >= until) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const ok = row?.status === 'delivered';
  const status = row?.last_status ?? null;
  const error = row?.last_error ?? null;
  return { name, ok, status, error, reason: ok ? null : failureReason(status, error) };
}
