import { randomBytes } from 'node:crypto';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { type EventLimits, EventWriter, loadSources, type WriterOptions } from '../events/index.js';
import { startScheduler } from '../housekeeping/schedule/index.js';
import { ensureCurrent } from '../identity/index.js';
import { databaseFiles, restrictFiles, restrictUmask, SuppressionList } from '../privacy/index.js';
import { refreshSegments } from '../segments/index.js';
import {
  createQueryScope,
  exclusively,
  isCancelled,
  isPostgresLocation,
  openWarehouse,
  type RepeatingTask,
  repeatInScope,
  stopSharedWork,
  type Warehouse,
  withQueryScope,
} from '../store/index.js';
import { buildApp, type Timeouts } from './app.js';
import { collectGarbage, settleMemorySettings } from './memory.js';
import type { QueryDeadlines } from './query-scope.js';
import { rewarmAfterResolution } from './rewarm.js';

/**
 * DuckDB checkpoints when its WAL passes 16 MB by default; under a steady stream of small commits that
 * rewrites the last, partly filled row group again and again. A larger threshold writes each row group
 * about once: 30–40 % less CPU an event in bench/ingest.ts, for a longer WAL replay after a crash.
 */
export const SERVER_CHECKPOINT_THRESHOLD = '256MB';

/** Where a running server says how to reach it: beside the database file, readable by its owner only. */
export function serverFilePath(dbPath: string): string {
  return `${dbPath}.server.json`;
}

/** What a running server writes to its server file. */
export interface ServerFile {
  readonly pid: number;
  readonly url: string;
  readonly adminToken: string;
}

/** Options of `clientele serve`. */
export interface ServeOptions {
  readonly dbPath: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly logger?: boolean;
  readonly writer?: Partial<WriterOptions>;
  readonly limits?: EventLimits;
  readonly timeouts?: Timeouts;
  /** How long a request's queries may run before they are interrupted, by kind of request. */
  readonly deadlines?: QueryDeadlines;
  /**
   * Every this many seconds, resolve what arrived (events over the API), which refreshes the touched
   * profiles and the segments; rules with a time window are refreshed too. 0 turns it off.
   */
  readonly refreshEvery?: number;
  /** PostgreSQL: how long to keep trying while the server cannot be reached (30 s by default). */
  readonly waitForDbSeconds?: number;
}

/** A running server; `close()` stops taking requests, commits what is queued and releases the database. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly adminToken: string;
  close(): Promise<void>;
}

/** Opens the database (this process owns it from now on), starts the writer and listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  // The database, its WAL, the overview's Parquet copy and the server file are the owner's only.
  restrictUmask();
  // A database server may still be starting (containers, a reboot): keep trying for a while, saying so.
  const db = await openWarehouse(options.dbPath, {
    waitForServerMs: (options.waitForDbSeconds ?? 30) * 1000,
    onWait: (error, attempt) =>
      process.stderr.write(
        `clientele serve: waiting for the database (attempt ${attempt}): ${error.message}\n`,
      ),
  });
  const postgres = isPostgresLocation(options.dbPath);
  if (!postgres) restrictFiles(...databaseFiles(options.dbPath));
  let writer: EventWriter | undefined;
  try {
    // DuckDB's own settings; a PostgreSQL server is tuned by its administrator.
    if (!postgres) {
      await db.run(`SET checkpoint_threshold = '${SERVER_CHECKPOINT_THRESHOLD}'`);
      await settleMemorySettings(db);
    }
    writer = await EventWriter.create(db, options.writer);
    // Once the intake goes quiet after a burst, the memory it took goes back (docs/event-api.md).
    writer.onIdle = collectGarbage;
    const adminToken = randomBytes(24).toString('base64url');
    const app = await buildApp({
      db,
      writer,
      sources: await loadSources(db),
      adminToken,
      limits: options.limits,
      timeouts: options.timeouts,
      ...(options.deadlines && { deadlines: options.deadlines }),
      logger: options.logger,
      warmOverview: true,
      suppressions: await SuppressionList.load(db),
    });
    writer.onError = (error) => app.log.error({ err: error }, 'event write failed');
    // The index of each profile's rows (src/profiles/rows.ts) is built once per resolved state, by the first
    // read of a profile unless built before: at start and after every resolution, in the background, so the
    // first visitor of a profile does not wait for it.
    const { ensureProfileRows } = await import('../profiles/index.js');
    const profileRows = () => ensureProfileRows(db);
    rewarmAfterResolution(app, db, 'the profile index build', profileRows);
    // The build at start runs in a query scope of its own that a stopping server cancels and waits for, so
    // the database is never closed under a query still running (which kept a test process alive once).
    const startBuild = createQueryScope({
      timeoutMs: Number.POSITIVE_INFINITY,
      label: 'the profile index build',
    });
    let started: Promise<void> | undefined;
    app.addHook('onReady', async () => {
      started = withQueryScope(startBuild, profileRows)
        .then(
          () => undefined,
          (error: unknown) => {
            // Cancelled: the server is stopping (the shared build is stopped before this scope is).
            if (!startBuild.signal.aborted && !isCancelled(error))
              app.log.warn({ err: error }, 'profile index build failed');
          },
        )
        .finally(() => startBuild.end());
    });
    app.addHook('onClose', async () => {
      startBuild.abort('the server is stopping');
      await started;
    });
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8320 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host ?? '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    // A DuckDB file's server says where it listens, for the commands that must go through it; on PostgreSQL
    // every command opens the database itself, and several servers may share it.
    const file = postgres ? undefined : serverFilePath(options.dbPath);
    if (file) {
      await writeFile(file, JSON.stringify({ pid: process.pid, url, adminToken } satisfies ServerFile), {
        mode: 0o600,
      });
      await chmod(file, 0o600);
    }
    const w = writer;
    const upkeep = keepCurrent(db, options.refreshEvery ?? 300, app);
    // Alerts, audience syncs and the outbox's deliveries, continuously (src/activation).
    const activation = (await import('../activation/index.js')).startActivation(db, {
      onError: (error) => app.log.error({ err: error }, 'activation failed'),
    });
    // Scheduled tasks (`clientele schedule set`) run when due; each run is recorded in schedule_runs.
    const schedules = startScheduler(db, (error) => app.log.error({ err: error }, 'scheduled task failed'));
    let closing: Promise<void> | undefined;
    return {
      app,
      url,
      adminToken,
      close: () =>
        (closing ??= (async () => {
          try {
            // Stop within seconds: cancel the queries in flight (their transactions roll back, their
            // clients hear 503) rather than wait for them, then commit the events already accepted.
            app.cancelQueries(STOPPING);
            // The loops stop together, each waited for a bounded time: work that will not end is abandoned
            // (logged), and closing the database below interrupts its queries and waits for them. The work
            // requests share (a resolution, the profile index build: a request waiting for it has no query of
            // its own to cancel, and Fastify's close waits for that request) is cancelled with them, after
            // the loops' own scopes, so that they hear their stop rather than a failure.
            const stops = [
              bounded('the background refresh', upkeep.stop()),
              bounded('the activation loop', activation.stop()),
              bounded('the scheduled tasks', schedules.stop()),
            ];
            stops.push(bounded('the shared work (resolution, profile index)', stopSharedWork(db, STOPPING)));
            for (const abandoned of await Promise.all(stops))
              if (abandoned)
                app.log.warn(`${abandoned} did not stop in time; abandoned, its queries interrupted`);
            // Node closes the connections idle when closing starts; those that answer afterwards would
            // otherwise hold the close until their keep-alive timeout.
            const idle = setInterval(() => app.server.closeIdleConnections(), 100);
            try {
              const abandoned = await bounded('the HTTP server', app.close());
              if (abandoned) app.log.warn(`${abandoned} did not close in time; closing the database anyway`);
            } finally {
              clearInterval(idle);
            }
            const lost = await bounded('committing the accepted events', w.close(), WRITER_STOP_MS);
            if (lost) app.log.error(`${lost} did not end in time; events accepted last may not be stored`);
          } finally {
            await db.close();
            if (file) await rm(file, { force: true });
          }
        })()),
    };
  } catch (error) {
    await writer?.close().catch(() => undefined);
    await db.close();
    throw error;
  }
}

// Why the queries of a stopping server end (CLT_ERR_QUERY_CANCELLED's message).
const STOPPING = 'the server is stopping';

/** How long a stopping server waits for each of its loops (and the HTTP server) before abandoning it. */
export const STOP_WAIT_MS = 10_000;
// Commits of events already accepted (acknowledged to their senders) get longer.
const WRITER_STOP_MS = 30_000;

// Waits for `work` at most `ms`; resolves to `what` when it gave up waiting, else to undefined.
async function bounded(what: string, work: Promise<unknown>, ms = STOP_WAIT_MS): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(what), ms);
  });
  try {
    return await Promise.race([work.then(noop, noop), late]);
  } finally {
    clearTimeout(timer);
  }
}

const noop = (): undefined => undefined;

/** Reads the server file of the server holding `dbPath`, if there is one. */
export async function readServerFile(dbPath: string): Promise<ServerFile | null> {
  try {
    return JSON.parse(await readFile(serverFilePath(dbPath), 'utf8')) as ServerFile;
  } catch {
    return null;
  }
}

// The background upkeep: new records get profiles, and segments follow them and the clock. One run at a
// time; a failure is logged and the next tick tries again.
function keepCurrent(db: Warehouse, seconds: number, app: FastifyInstance): RepeatingTask {
  if (!(seconds > 0)) return { stop: async () => undefined };
  return repeatInScope(
    'the background refresh',
    seconds,
    // Several servers on one PostgreSQL database: one of them refreshes at a time (src/store/lease.ts).
    () =>
      exclusively(db, 'refresh', async () => {
        // Nothing new: only the rules that count back from now move.
        const resolved = await ensureCurrent(db);
        if (!resolved || resolved.segments === 0) await refreshSegments(db, { clockOnly: true });
      }),
    (error) => app.log.error({ err: error }, 'background refresh failed'),
  );
}
