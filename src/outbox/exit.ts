import type { Warehouse } from '../store/index.js';
import { type FlushResult, flushOutbox } from './deliver.js';
import { enqueuedInto } from './enqueue.js';

/** How long a command may spend delivering before it exits: a dead receiver must not hang the CLI. */
export const CLI_FLUSH_BUDGET_MS = 5_000;

/**
 * Delivers what is due before a command exits, only when the command enqueued something, and within a
 * short budget; what is left stays pending for `clientele outbox flush` or `clientele serve`.
 */
export async function flushBeforeExit(db: Warehouse): Promise<FlushResult | null> {
  if (!enqueuedInto(db)) return null;
  const budget = Number(process.env.CLIENTELE_OUTBOX_BUDGET_MS ?? CLI_FLUSH_BUDGET_MS);
  return flushOutbox(db, {
    budgetMs: Number.isFinite(budget) && budget >= 0 ? budget : CLI_FLUSH_BUDGET_MS,
    timeoutMs: 3_000,
  });
}
