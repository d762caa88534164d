import {
  cancelledError,
  checkQueryScope,
  createQueryScope,
  currentQueryScope,
  outsideQueryScope,
  type QueryScope,
  type Warehouse,
  withQueryScope,
} from '../store/index.js';

/** What {@link sharedJobs} has done for one database, for tests and status. */
export interface SharedJobStats {
  /** Jobs started (each key once while it runs: later askers join it). */
  readonly started: number;
  /** Jobs that ended, either way. */
  readonly settled: number;
  /** Askers who joined a job already running or queued instead of starting their own. */
  readonly joined: number;
}

/**
 * Long work shared by every request that asks for the same thing (personas at 100,000 customers take
 * minutes, longer than a visitor waits): each key runs once, outside any request's query scope, so a
 * visitor who leaves does not cancel it and the result still reaches the cache; one job at a time, each in
 * a heavy scope without a deadline (it queues for the store's heavy slots like an analytics request).
 */
export class SharedJobs {
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly scopes = new Set<ReturnType<typeof createQueryScope>>();
  private queue: Promise<unknown> = Promise.resolve();
  private stopped: string | undefined;
  private counts = { started: 0, settled: 0, joined: 0 };

  constructor(private readonly label: string) {}

  /** The job of `key`: the one running or queued, else `work` started after the jobs before it. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) {
      this.counts.joined++;
      return existing as Promise<T>;
    }
    this.counts.started++;
    const job = outsideQueryScope(() => {
      const turn = this.queue.then(() => this.start(work));
      this.queue = turn.catch(() => undefined);
      return turn;
    });
    const done = job.finally(() => {
      this.running.delete(key);
      this.counts.settled++;
    });
    this.running.set(key, done);
    // An asker who gave up leaves nobody awaiting: the failure is theirs to read, not an unhandled one.
    done.catch(() => undefined);
    return done;
  }

  /**
   * Awaits the job of `key` (see {@link run}) until the asker's scope is aborted (the visitor left, the
   * server is stopping): then the asker stops waiting with the scope's error, and the job runs on.
   */
  join<T>(
    key: string,
    work: () => Promise<T>,
    asker: QueryScope | undefined = currentQueryScope(),
  ): Promise<T> {
    const job = this.run(key, work);
    if (!asker) return job;
    checkQueryScope(asker);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(cancelledError(asker, 'abort'));
      asker.signal.addEventListener('abort', onAbort, { once: true });
      job.then(resolve, reject).finally(() => asker.signal.removeEventListener('abort', onAbort));
    });
  }

  /** How many jobs started, ended and were joined. */
  stats(): SharedJobStats {
    return { ...this.counts };
  }

  /** Resolves once no job is running or queued. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Cancels the running job's queries and every later one (a stopping server). */
  async stop(reason: string): Promise<void> {
    this.stopped = reason;
    for (const scope of this.scopes) scope.abort(reason);
    await this.idle();
    // Shared by every app on this database: one that starts later may run jobs again.
    this.stopped = undefined;
  }

  private async start<T>(work: () => Promise<T>): Promise<T> {
    const scope = createQueryScope({ timeoutMs: Number.POSITIVE_INFINITY, heavy: true, label: this.label });
    if (this.stopped !== undefined) scope.abort(this.stopped);
    this.scopes.add(scope);
    try {
      return await withQueryScope(scope, work);
    } finally {
      this.scopes.delete(scope);
      scope.end();
    }
  }
}

const PER_DATABASE = new WeakMap<Warehouse, Map<string, SharedJobs>>();

/** The shared jobs named `label` of `db` (one runner per database and label, whichever app asks). */
export function sharedJobs(db: Warehouse, label: string): SharedJobs {
  let byLabel = PER_DATABASE.get(db);
  if (!byLabel) {
    byLabel = new Map();
    PER_DATABASE.set(db, byLabel);
  }
  let jobs = byLabel.get(label);
  if (!jobs) {
    jobs = new SharedJobs(label);
    byLabel.set(label, jobs);
  }
  return jobs;
}
