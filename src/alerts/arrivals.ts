import { isStale } from '../identity/index.js';
import { flushBeforeExit } from '../outbox/index.js';
import type { Warehouse } from '../store/index.js';
import { promoteSocialEvents } from '../voice/social-events.js';
import { type AlertEvaluation, evaluateAlerts } from './evaluate.js';

/**
 * After records arrived (an import, a group of API events): evaluates the alerts over them and, in the
 * CLI, delivers the hits' webhooks within the exit budget. While records are not yet joined into profiles
 * (`import --no-resolve`), alerts with a segment filter wait (their watermark does not move).
 */
export async function alertOnArrivals(
  db: Warehouse,
  options: { readonly deliver?: boolean } = {},
): Promise<AlertEvaluation[]> {
  // A file of events may carry social activity: it becomes social records before anything reads them.
  await promoteSocialEvents(db).catch((error: Error) =>
    process.stderr.write(`warning: social events were not read: ${error.message}\n`),
  );
  const [n] = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM alerts');
  if (!n?.n) return [];
  // The import is committed: a failing alert must not fail it. The watermark did not move, so the next
  // evaluation (the next import, or serve) looks at these records again.
  try {
    const found = await evaluateAlerts(db, (await isStale(db)) ? { withoutSegmentOnly: true } : {});
    if (options.deliver ?? true) await flushBeforeExit(db);
    return found;
  } catch (error) {
    process.stderr.write(`warning: alerts were not evaluated: ${(error as Error).message}\n`);
    return [];
  }
}
