import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import {
  DEFAULT_LIMITS,
  type EventLimits,
  type EventWriter,
  type Source,
  sourceFinder,
} from '../events/index.js';
import { fieldCrypto } from '../privacy/fields.js';
import type { SuppressionList } from '../privacy/index.js';
import type { Warehouse } from '../store/index.js';
import { registerAccess } from './access.js';
import { registerBodyParser } from './body.js';
import { registerCurrentReads } from './current.js';
import { registerRequestDeadline } from './deadline.js';
import { registerErrorHandler } from './errors.js';
import { registerSecurityHeaders } from './headers.js';
import { registerLocale } from './locale.js';
import { DEFAULT_QUERY_DEADLINES, type QueryDeadlines, registerQueryScopes } from './query-scope.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { campaignRoutes } from './routes/campaigns.js';
import { decideRoutes } from './routes/decide.js';
import { decideScriptRoutes } from './routes/decide-script.js';
import { destinationRoutes } from './routes/destinations.js';
import { engagementRoutes } from './routes/engagement.js';
import { experimentRoutes } from './routes/experiments.js';
import { healthRoutes } from './routes/health.js';
import { housekeepingRoutes } from './routes/housekeeping.js';
import { importRoutes } from './routes/imports.js';
import { journeyRoutes } from './routes/journeys.js';
import { localeRoutes } from './routes/locale.js';
import { miningRoutes } from './routes/mining.js';
import { modelRoutes } from './routes/models.js';
import { type OverviewService, overviewRoutes } from './routes/overview.js';
import { peopleRoutes } from './routes/people.js';
import { personaRoutes } from './routes/personas.js';
import { placementRoutes } from './routes/placements.js';
import { privacyRoutes } from './routes/privacy.js';
import { profileRoutes } from './routes/profiles.js';
import { reportRoutes } from './routes/reports.js';
import { resonanceRoutes } from './routes/resonance.js';
import { segmentValueRoutes } from './routes/segment-values.js';
import { segmentRoutes } from './routes/segments.js';
import { sessionRoutes } from './routes/session.js';
import { trackingRoutes } from './routes/tracking.js';
import { voiceRoutes } from './routes/voice.js';
import { webRoutes } from './routes/web.js';
import { SessionStore } from './sessions.js';

/** Time limits against slow or idle clients. */
export interface Timeouts {
  /** The whole request (headers and body) must arrive within this (Node answers 408 and closes). */
  readonly requestMs: number;
  /** A socket idle for this long is closed. */
  readonly idleMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveMs: number;
}

/** Defaults against slow clients: a 500 KB batch at 50 KB/s still arrives within the request limit. */
export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 15_000, idleMs: 30_000, keepAliveMs: 10_000 };

/** What the HTTP app is built from. */
export interface AppOptions {
  readonly db: Warehouse;
  readonly writer: EventWriter;
  /** Write-key hash → source; admin key creation adds to it. */
  readonly sources: Map<string, Source>;
  readonly adminToken: string;
  readonly limits?: EventLimits;
  readonly timeouts?: Timeouts;
  /** How long a request's queries may run, by kind of request, before they are interrupted. */
  readonly deadlines?: QueryDeadlines;
  readonly logger?: boolean;
  /** The overview's cache and pre-aggregate; `startServer` warms it. */
  readonly overview?: OverviewService;
  /**
   * Compute the default overview in the background once the server is ready, and the overviews, reports and
   * personas asked for recently again after every resolution (`clientele serve` does).
   */
  readonly warmOverview?: boolean;
  /** How long `GET /v1/personas` waits for a computation before answering 202 (default: 80% of the analytics deadline). */
  readonly personaWaitMs?: number;
  /** Erased people, whose events the tracking routes drop (`startServer` loads them from the database). */
  readonly suppressions?: SuppressionList;
  /** The built web app's folder (`null`: none); found beside the server by default. */
  readonly webRoot?: string | null;
  /** The web app's sessions (one store per server). */
  readonly sessions?: SessionStore;
  /**
   * Sees each answer before Fastify serializes it (the serializer keeps only what the response schema names),
   * so the OpenAPI test can check what the handler really returned against the declared schema.
   */
  readonly onAnswer?: (answer: Answer) => void;
}

/** One answer as its handler returned it, before serialization. */
export interface Answer {
  readonly method: string;
  /** The route as registered, e.g. `/v1/segments/:name`. */
  readonly url: string;
  readonly status: number;
  readonly payload: unknown;
}

/** A registered route's method, URL and schema (for the OpenAPI test). */
export interface RouteSchema {
  readonly method: string;
  readonly url: string;
  readonly schema: FastifySchema | undefined;
}

const ROUTES = new WeakMap<FastifyInstance, RouteSchema[]>();

/** Every route `buildApp` registered on `app`, with its schema (HEAD routes left out). */
export function routeSchemas(app: FastifyInstance): readonly RouteSchema[] {
  return ROUTES.get(app) ?? [];
}

/**
 * Builds the Fastify app: body parsing, access by the role matrix, security headers, the routes, and
 * OpenAPI at /docs.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    logger: options.logger ?? false,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node checks request timeouts on this interval (30 s by default), so a short limit needs a short interval.
    http: { connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.requestMs / 4))) },
    bodyLimit: limits.maxWireBytes,
    return503OnClosing: true,
    // Fastify's Ajv drops properties a schema does not name; a body with a misspelt or unknown field is
    // refused instead (400 naming it), as the docs say.
    ajv: { customOptions: { removeAdditional: false } },
  });
  const routes: RouteSchema[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, schema: route.schema });
    }
  });
  const onAnswer = options.onAnswer;
  if (onAnswer) {
    app.addHook('preSerialization', async (request, reply, payload) => {
      onAnswer({
        method: request.method,
        url: request.routeOptions.url ?? request.url,
        status: reply.statusCode,
        payload,
      });
      return payload;
    });
  }
  registerErrorHandler(app);
  registerBodyParser(app, limits);
  registerRequestDeadline(app, timeouts.requestMs);
  // Who may call what (src/security/routes.ts), masking and the audit log; before any route is added.
  // An encrypted database without its key refuses to serve (CLT_ERR_PRIVACY_ENCRYPTED_NO_KEY).
  const crypto = await fieldCrypto(options.db);
  const access = {
    db: options.db,
    adminToken: options.adminToken,
    sessions: options.sessions ?? new SessionStore(),
    crypto,
  };
  registerAccess(app, access);
  registerSecurityHeaders(app);
  // Warnings in the asker's language (Accept-Language, ?lang=): src/server/locale.ts.
  registerLocale(app);
  // Profiles catch up before the request's query deadline starts: waiting for a shared resolution is not the
  // request's own work.
  registerCurrentReads(app, options.db);
  registerQueryScopes(app, options.deadlines ?? DEFAULT_QUERY_DEADLINES);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Clientele Event API',
        description:
          'Segment-compatible HTTP tracking API. Authenticate with HTTP Basic, the write key as the user name.',
        version: '1',
      },
      components: {
        securitySchemes: {
          writeKey: { type: 'http', scheme: 'basic' },
          adminToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The admin token, or a user API token (docs/security.md)',
          },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'clientele_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // Keys made or revoked by another process (the CLI on PostgreSQL, a second server) count here too.
  const findSource = sourceFinder(options.db, options.sources);
  await app.register(trackingRoutes, {
    writer: options.writer,
    findSource,
    limits,
    ...(options.suppressions && { suppressions: options.suppressions }),
    ...(crypto && { sealer: crypto }),
  });
  await app.register(decideRoutes, { db: options.db, findSource });
  await app.register(decideScriptRoutes);
  await app.register(engagementRoutes, { db: options.db });
  await app.register(resonanceRoutes, { db: options.db });
  await app.register(adminRoutes, {
    db: options.db,
    sources: options.sources,
    adminToken: options.adminToken,
  });
  await app.register(peopleRoutes, { db: options.db });
  await app.register(privacyRoutes, {
    db: options.db,
    adminToken: options.adminToken,
    ...(options.suppressions && { suppressions: options.suppressions }),
  });
  await app.register(profileRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(modelRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(importRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(miningRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(voiceRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(personaRoutes, {
    db: options.db,
    adminToken: options.adminToken,
    warm: options.warmOverview ?? false,
    // A little under the analytics deadline: the visitor hears "still computing" before a proxy gives up.
    waitMs:
      options.personaWaitMs ?? Math.round((options.deadlines ?? DEFAULT_QUERY_DEADLINES).analyticsMs * 0.8),
  });
  await app.register(segmentRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(journeyRoutes, { db: options.db });
  await app.register(reportRoutes, { db: options.db, warm: options.warmOverview ?? false });
  await app.register(segmentValueRoutes, { db: options.db });
  await app.register(overviewRoutes, {
    db: options.db,
    adminToken: options.adminToken,
    ...(options.overview && { service: options.overview }),
    warm: options.warmOverview ?? false,
  });
  await app.register(localeRoutes, { db: options.db });
  await app.register(destinationRoutes, { db: options.db });
  await app.register(campaignRoutes, { db: options.db });
  await app.register(experimentRoutes, { db: options.db });
  await app.register(placementRoutes, { db: options.db });
  await app.register(housekeepingRoutes, { db: options.db });
  await app.register(sessionRoutes, access);
  await app.register(auditRoutes, { db: options.db });
  await app.register(healthRoutes, { writer: options.writer });
  await app.register(webRoutes, { ...(options.webRoot !== undefined && { root: options.webRoot }) });
  return app;
}
