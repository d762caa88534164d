import type { FastifyInstance } from 'fastify';
import { onResolved } from '../identity/index.js';
import { onSegmentsRefreshed } from '../segments/index.js';
import { createQueryScope, isCancelled, type Warehouse, withQueryScope } from '../store/index.js';

/**
 * Runs `work` in the background after every resolution of `db` (an import, events the upkeep caught up), so
 * a cache keyed on the database state is filled for the new state before the next visitor asks: one run at a
 * time (a resolution during a run starts one more after it), each in a query scope of its own that a stopping
 * server cancels. A failure is logged; the visitor then computes the answer as without the warm-up. With
 * `segments`, also after every segment refresh that moved anyone (the upkeep's, `POST /v1/segments/refresh`),
 * for a cache keyed on segments' members (personas).
 */
export function rewarmAfterResolution(
  app: FastifyInstance,
  db: Warehouse,
  label: string,
  work: () => Promise<unknown>,
  options: { readonly segments?: boolean } = {},
): void {
  let again = false;
  let closing = false;
  let running: { scope: ReturnType<typeof createQueryScope>; done: Promise<void> } | undefined;
  const run = (): void => {
    if (closing) return;
    if (running) {
      again = true;
      return;
    }
    const scope = createQueryScope({ timeoutMs: Number.POSITIVE_INFINITY, label });
    const done = withQueryScope(scope, work)
      .then(
        () => undefined,
        (error: unknown) => {
          // Cancelled: the server is stopping (the shared work it waited on is stopped before this scope is).
          if (!scope.signal.aborted && !isCancelled(error)) app.log.warn({ err: error }, `${label} failed`);
        },
      )
      .finally(() => {
        scope.end();
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
    running = { scope, done };
  };
  const stop = onResolved(db, run);
  const stopSegments = options.segments ? onSegmentsRefreshed(db, run) : () => undefined;
  app.addHook('onClose', async () => {
    closing = true;
    stop();
    stopSegments();
    running?.scope.abort('the server is stopping');
    await running?.done;
  });
}
