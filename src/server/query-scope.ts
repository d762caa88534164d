import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createQueryScope, withQueryScope } from '../store/index.js';

/** How long a request's queries may run before they are interrupted, by kind of request. */
export interface QueryDeadlines {
  /** Reads of single records and short lists (profiles, events, keys, a segment's members). */
  readonly readMs: number;
  /** Analytics (previews, overview, mining, exports, portraits): heavy work, a few at a time. */
  readonly analyticsMs: number;
  /** Work a person starts and waits for (imports, identity resolution, model fits, saving segments). */
  readonly longMs: number;
}

/** The defaults: under the 30 s after which clients and proxies usually give up, but long work may run on. */
export const DEFAULT_QUERY_DEADLINES: QueryDeadlines = {
  readMs: 15_000,
  analyticsMs: 25_000,
  longMs: 15 * 60_000,
};

type Kind = 'read' | 'analytics' | 'long';

// Routes by kind (Fastify's route pattern); the event intake, health, docs and the web app get no scope:
// the writer's commits must never be cancelled by one request, and they run no request queries.
const KINDS: readonly (readonly [string, RegExp, Kind])[] = [
  ['POST', /^\/v1\/(imports|identity\/resolve|segments\/refresh|models\/[a-z]+|personas.*)$/, 'long'],
  ['POST', /^\/v1\/segments$/, 'long'],
  // A sync reads every member's row and enqueues their deliveries in one transaction: an audience of a
  // hundred thousand people is a person's explicit order, not a read (it ran past 15 s under load).
  ['POST', /^\/v1\/audiences\/:name\/sync$/, 'long'],
  // The report reads every segment's portrait and persona: a document a person asks for and waits on.
  ['GET', /^\/v1\/report(\.html|\.pdf)?$/, 'long'],
  // Housekeeping: an audit and a dedupe fit read every record; a decision rebuilds profiles.
  ['POST', /^\/v1\/(housekeeping\/audit\/runs|dedupe\/decisions)$/, 'long'],
  ['GET', /^\/v1\/(housekeeping\/audit|dedupe)$/, 'long'],
  ['GET', /^\/v1\/(housekeeping\/audit\/history|map|models\/drift)$/, 'analytics'],
  // Topics fit NMF for each k tried, and a SWOT draft fits topics: as long as a model run.
  ['POST', /^\/v1\/(text\/topics|swot)$/, 'long'],
  ['POST', /^\/v1\/(segments\/preview|segments\/compare|mining\/.+|text\/.+|notes\/.+)$/, 'analytics'],
  [
    'GET',
    /^\/v1\/(overview|value\/summary|mining\/.+|personas.*|segments\/:name\/(export|profile)|segments\/compare)$/,
    'analytics',
  ],
  ['*', /^\/v1\/(?!track$|identify$|page$|screen$|group$|alias$|batch$)/, 'read'],
];

function kindOf(request: FastifyRequest): Kind | undefined {
  const url = request.routeOptions.url;
  if (url === undefined) return undefined;
  for (const [method, pattern, kind] of KINDS) {
    if ((method === '*' || method === request.method) && pattern.test(url)) return kind;
  }
  return undefined;
}

/**
 * Runs each API request's handler in a query scope: its queries are interrupted at the deadline of its kind
 * or as soon as the client goes away, and heavy ones wait for a slot instead of starving event intake and
 * profile reads. Decorates the app with `cancelQueries`, which a stopping server calls first.
 */
export function registerQueryScopes(app: FastifyInstance, deadlines: QueryDeadlines): void {
  const active = new Set<{ abort(reason?: string): void }>();
  // Set once the server stops: a request still in an earlier hook (profiles catching up) starts no query.
  let stopped: string | undefined;
  app.addHook('preHandler', (request, reply, done) => {
    const kind = kindOf(request);
    if (kind === undefined) {
      done();
      return;
    }
    const scope = createQueryScope({
      timeoutMs:
        kind === 'read' ? deadlines.readMs : kind === 'analytics' ? deadlines.analyticsMs : deadlines.longMs,
      heavy: kind !== 'read',
      label: `${request.method} ${request.routeOptions.url}`,
    });
    active.add(scope);
    const raw = reply.raw;
    const finish = () => {
      active.delete(scope);
      scope.end();
    };
    raw.once('finish', finish);
    raw.once('close', () => {
      // Closed before the answer was written: the client went away, and nobody wants the result.
      if (!raw.writableFinished) scope.abort('the client closed the connection');
      finish();
    });
    // Gone already, while an earlier hook waited (profiles catching up): 'close' will not fire again.
    if (raw.destroyed && !raw.writableFinished) {
      scope.abort('the client closed the connection');
      finish();
    } else if (stopped !== undefined) scope.abort(stopped);
    // Callback style, so that the handler and everything it awaits run inside the scope.
    withQueryScope(scope, done);
  });
  app.decorate('cancelQueries', (reason: string) => {
    stopped = reason;
    for (const scope of active) scope.abort(reason);
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Cancels the queries of every request in flight, and of any that start later (a stopping server calls it). */
    cancelQueries(reason: string): void;
  }
}
