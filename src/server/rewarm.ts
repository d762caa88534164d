import type { FastifyInstance } from 'fastify';
import { onResolved } from '../identity/index.js';
import { createQueryScope, isCancelled, type Warehouse, withQueryScope } from '../store/index.js';

/**
 * Runs `work` in the background after every resolution of `db` (an import, events the upkeep caught up), so
 * a cache keyed on the database state is filled for the new state before the next visitor asks: one run at a
 * time (a resolution during a run starts one more after it), each in a query scope of its own that a stopping
 * server cancels. A failure is logged; the visitor then computes the answer as without the warm-up.
 */
export function rewarmAfterResolution(
  app: FastifyInstance,
  db: Warehouse,
  label: string,
  work: () => Promise<unknown>,
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
  app.addHook('onClose', async () => {
    closing = true;
    stop();
    running?.scope.abort('the server is stopping');
    await running?.done;
  });
}

// Per database, the warm-ups that go first (the overview, the first screen; the profile index build at
// start): the others start after them, so that the work a visitor waits for first does not share the cores
// with the rest.
const FIRST = new WeakMap<Warehouse, Promise<unknown>[]>();

/**
 * Holds the warm-ups of `db` started by {@link warmAtStart} (without `first`) until the returned function is
 * called: for start-up work that goes first, registered before the server is ready.
 */
export function holdWarmUps(db: Warehouse): () => void {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  FIRST.set(db, [...(FIRST.get(db) ?? []), held]);
  return release;
}

/**
 * Runs `work` once in the background when the server is ready (a cache filled for the state the server
 * starts on, before the first visitor asks), in a query scope of its own that a stopping server cancels and
 * waits for; with `first`, before the other warm-ups of `db`, which wait for it. A failure is logged; the
 * visitor then computes the answer as without the warm-up.
 */
export function warmAtStart(
  app: FastifyInstance,
  db: Warehouse,
  label: string,
  work: () => Promise<unknown>,
  options: { first?: boolean } = {},
): void {
  let warming: Promise<void> | undefined;
  const scope = createQueryScope({ timeoutMs: Number.POSITIVE_INFINITY, label });
  // Held from registration, so that the others wait whichever plugin's ready hook runs first.
  const release = options.first ? holdWarmUps(db) : undefined;
  app.addHook('onReady', async () => {
    const before = options.first ? [] : [...(FIRST.get(db) ?? [])];
    warming = Promise.allSettled(before)
      .then(() => {
        if (scope.signal.aborted) return undefined;
        return withQueryScope(scope, work);
      })
      .then(
        () => undefined,
        (error: unknown) => {
          if (!scope.signal.aborted && !isCancelled(error)) app.log.warn({ err: error }, `${label} failed`);
        },
      )
      .finally(() => {
        scope.end();
        release?.();
      });
  });
  app.addHook('onClose', async () => {
    scope.abort('the server is stopping');
    await warming;
  });
}
