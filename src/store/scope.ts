/**
 * Query scopes: the deadline and cancellation signal of one unit of work (an HTTP request, a background
 * refresh), carried through async calls with AsyncLocalStorage so that every query the work runs, however
 * deep in a service, is interrupted when the deadline passes or the signal aborts. Code that needs no
 * deadline (the event writer's commits) runs outside any scope.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ClienteleError } from '../errors/index.js';

/** A unit of work's limits. */
export interface QueryScope {
  /** Epoch milliseconds after which its queries are interrupted (Infinity: none). */
  readonly deadline: number;
  /** Aborted when the work is no longer wanted (the client went away, the server is stopping). */
  readonly signal: AbortSignal;
  /** Heavy work waits for one of a few slots, so that it never takes every thread from light work. */
  readonly heavy: boolean;
  /** What the work is, for messages (`POST /v1/segments/preview`). */
  readonly label: string;
  /**
   * Its connections are its own, outside the pool (PostgreSQL): shared work that requests wait on while they
   * hold a pooled connection, so that it never waits for the same pool (a small pool would starve).
   */
  readonly dedicated: boolean;
  /**
   * Runs `cleanup` once the work has ended (the store gives the scope's connection back here), or at once
   * when it has ended already: work can outlive its scope (a request whose client left before its handler
   * ran), and a connection it takes then must not be kept forever.
   */
  onEnd(cleanup: () => void): void;
}

const storage = new AsyncLocalStorage<QueryScope | undefined>();

/** Runs `fn` (and everything it starts) under `scope`. */
export function withQueryScope<T>(scope: QueryScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** Runs `fn` outside any scope: for work shared by many requests that no single one may cancel. */
export function outsideQueryScope<T>(fn: () => T): T {
  return storage.run(undefined, fn);
}

/** The scope of the running work, if any. */
export function currentQueryScope(): QueryScope | undefined {
  return storage.getStore();
}

/** A new scope; call `end()` when the work is over, `abort()` to cancel it. */
export function createQueryScope(options: {
  readonly timeoutMs: number;
  readonly heavy?: boolean;
  readonly label: string;
  readonly dedicated?: boolean;
}): QueryScope & { abort(reason?: string): void; end(): void } {
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  let ended = false;
  return {
    deadline: Number.isFinite(options.timeoutMs) ? Date.now() + options.timeoutMs : Number.POSITIVE_INFINITY,
    signal: controller.signal,
    heavy: options.heavy ?? false,
    label: options.label,
    dedicated: options.dedicated ?? false,
    onEnd: (cleanup) => {
      if (ended) cleanup();
      else cleanups.push(cleanup);
    },
    abort: (reason = 'cancelled') => controller.abort(reason),
    end: () => {
      if (ended) return;
      ended = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

// Per owner (a warehouse): the shared work running by key, the scopes it runs in, and why it stopped.
interface SharedWork {
  readonly running: Map<string, Promise<unknown>>;
  readonly scopes: Set<ReturnType<typeof createQueryScope>>;
  stopped?: string;
}

const SHARED = new WeakMap<object, SharedWork>();

function sharedOf(owner: object): SharedWork {
  let shared = SHARED.get(owner);
  if (!shared) {
    shared = { running: new Map(), scopes: new Set() };
    SHARED.set(owner, shared);
  }
  return shared;
}

/**
 * Work that many callers share (an identity resolution, the profile index build): one run per owner (the
 * warehouse) and key at a time, joined by whoever asks meanwhile. It runs in a query scope of its own without
 * a deadline, so no one caller's deadline or departure cancels it, its queries take a connection of their own
 * (on PostgreSQL never the warehouse's root connection, which the event writer's commits and other
 * scope-less work need), and {@link stopSharedWork} can cancel it. A caller inside a scope stops waiting
 * when its scope is aborted (the visitor left, the server is stopping) or its deadline passes; the work runs
 * on for the others.
 */
export function sharedWork<T>(owner: object, key: string, label: string, work: () => Promise<T>): Promise<T> {
  const asker = currentQueryScope();
  if (asker?.signal.aborted) return Promise.reject(cancelledError(asker, 'abort'));
  const shared = sharedOf(owner);
  let job = shared.running.get(key) as Promise<T> | undefined;
  if (job === undefined) {
    const scope = createQueryScope({ timeoutMs: Number.POSITIVE_INFINITY, label, dedicated: true });
    if (shared.stopped !== undefined) {
      // Stopped: refused at once, nothing started.
      scope.abort(shared.stopped);
      return Promise.reject(cancelledError(scope, 'abort'));
    }
    shared.scopes.add(scope);
    // Async, so that a work that throws at once fails its callers instead of escaping with the scope open.
    const started = withQueryScope(scope, async () => work());
    job = started.finally(() => {
      shared.scopes.delete(scope);
      shared.running.delete(key);
      scope.end();
    });
    shared.running.set(key, job);
    // Every asker may have stopped waiting: the failure is theirs to read, not an unhandled one.
    job.catch(() => undefined);
  }
  if (asker === undefined) return job;
  const joined = job;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError(asker, 'abort'));
    asker.signal.addEventListener('abort', onAbort, { once: true });
    // Nor does it wait past its own deadline: it answers "timed out, retry" and the work runs on. The error
    // names the work it waited for (`waitingFor`): asked again, the answer may be ready, unlike a query of
    // its own that ran too long.
    const gaveUp = () =>
      reject(
        new ClienteleError(
          'CLT_ERR_QUERY_TIMEOUT',
          `${asker.label} reached its deadline waiting for ${label}, which goes on; ask again shortly`,
          { retryAfterSeconds: 5, waitingFor: label },
        ),
      );
    const timer = Number.isFinite(asker.deadline)
      ? setTimeout(gaveUp, Math.max(0, asker.deadline - Date.now()))
      : undefined;
    joined.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      asker.signal.removeEventListener('abort', onAbort);
    });
  });
}

/**
 * Cancels the shared work of `owner` running now (its queries interrupted, its callers rejected with
 * CLT_ERR_QUERY_CANCELLED and `reason`), refuses any asked for later the same way (a stopping server, which
 * closes the warehouse next), and resolves once what ran has ended.
 */
export async function stopSharedWork(owner: object, reason: string): Promise<void> {
  const shared = sharedOf(owner);
  shared.stopped = reason;
  for (const scope of shared.scopes) scope.abort(reason);
  await Promise.allSettled([...shared.running.values()]);
}

/** A task repeated in the background by {@link repeatInScope}, stopped with the server. */
export interface RepeatingTask {
  /** Stops the repetition, cancels the queries of a run in progress and waits for it to end. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `seconds`, one run at a time (a tick while one runs is skipped), each run in a scope of
 * its own without a deadline, so that `stop()` cancels its queries. A failure that is not the stop itself
 * goes to `onError`, and the next tick tries again.
 */
export function repeatInScope(
  label: string,
  seconds: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): RepeatingTask {
  let running: Promise<void> | undefined;
  let scope: ReturnType<typeof createQueryScope> | undefined;
  const tick = () => {
    if (running) return;
    const current = createQueryScope({ timeoutMs: Number.POSITIVE_INFINITY, label });
    scope = current;
    running = withQueryScope(current, task)
      .then(
        () => undefined,
        (error: unknown) => {
          if (!current.signal.aborted) onError(error);
        },
      )
      .finally(() => {
        current.end();
        running = undefined;
      });
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      scope?.abort('the server is stopping');
      await running;
    },
  };
}

/** Whether `error` is the cancellation of a scope's work (its deadline, its abort, a stopping server). */
export function isCancelled(error: unknown): boolean {
  return error instanceof ClienteleError && error.code === 'CLT_ERR_QUERY_CANCELLED';
}

/** The error a cancelled query ends with: past its deadline, or no longer wanted. */
export function cancelledError(scope: QueryScope, why: 'deadline' | 'abort'): ClienteleError {
  if (why === 'deadline') {
    const seconds = Math.round((scope.deadline - Date.now()) / 1000);
    return new ClienteleError(
      'CLT_ERR_QUERY_TIMEOUT',
      `${scope.label} ran past its deadline${seconds < 0 ? ` (by ${-seconds} s)` : ''} and its query was cancelled`,
      { retryAfterSeconds: 5 },
    );
  }
  const reason = typeof scope.signal.reason === 'string' ? scope.signal.reason : 'cancelled';
  return new ClienteleError('CLT_ERR_QUERY_CANCELLED', `${scope.label} was cancelled: ${reason}`);
}

/** Throws when the scope has expired or been aborted, so that a loop of queries stops between them. */
export function checkQueryScope(scope: QueryScope | undefined): void {
  if (scope === undefined) return;
  if (scope.signal.aborted) throw cancelledError(scope, 'abort');
  if (Date.now() >= scope.deadline) throw cancelledError(scope, 'deadline');
}

/** A counting semaphore whose waiters give up at their scope's deadline or abort. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  /** Waits for a slot; resolves to its release function. */
  async acquire(scope: QueryScope): Promise<() => void> {
    checkQueryScope(scope);
    if (this.free > 0) {
      this.free--;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        cleanup();
        resolve();
      };
      const give = (why: 'deadline' | 'abort') => {
        cleanup();
        const at = this.waiting.indexOf(wake);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(cancelledError(scope, why));
      };
      const onAbort = () => give('abort');
      const timer = Number.isFinite(scope.deadline)
        ? setTimeout(() => give('deadline'), Math.max(0, scope.deadline - Date.now()))
        : undefined;
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        scope.signal.removeEventListener('abort', onAbort);
      };
      scope.signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(wake);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}
