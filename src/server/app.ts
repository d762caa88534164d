import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_LIMITS, type EventLimits, type EventWriter, type Source } from '../events/index.js';
import type { SuppressionList } from '../privacy/index.js';
import type { Warehouse } from '../store/index.js';
import { registerBodyParser } from './body.js';
import { registerRequestDeadline } from './deadline.js';
import { registerErrorHandler } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/imports.js';
import { miningRoutes } from './routes/mining.js';
import { modelRoutes } from './routes/models.js';
import { type OverviewService, overviewRoutes } from './routes/overview.js';
import { personaRoutes } from './routes/personas.js';
import { privacyRoutes } from './routes/privacy.js';
import { profileRoutes } from './routes/profiles.js';
import { segmentRoutes } from './routes/segments.js';
import { trackingRoutes } from './routes/tracking.js';
import { webRoutes } from './routes/web.js';

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
  readonly logger?: boolean;
  /** The overview's cache and pre-aggregate; `startServer` warms it. */
  readonly overview?: OverviewService;
  /** Compute the default overview in the background once the server is ready (`clientele serve` does). */
  readonly warmOverview?: boolean;
  /** Erased people, whose events the tracking routes drop (`startServer` loads them from the database). */
  readonly suppressions?: SuppressionList;
  /** The built web app's folder (`null`: none); found beside the server by default. */
  readonly webRoot?: string | null;
}

/** Builds the Fastify app: body parsing, auth, the tracking, admin and health routes, and OpenAPI at /docs. */
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
  });
  registerErrorHandler(app);
  registerBodyParser(app, limits);
  registerRequestDeadline(app, timeouts.requestMs);
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
          adminToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(trackingRoutes, {
    writer: options.writer,
    sources: options.sources,
    limits,
    ...(options.suppressions && { suppressions: options.suppressions }),
  });
  await app.register(adminRoutes, {
    db: options.db,
    sources: options.sources,
    adminToken: options.adminToken,
  });
  await app.register(privacyRoutes, {
    db: options.db,
    adminToken: options.adminToken,
    ...(options.suppressions && { suppressions: options.suppressions }),
  });
  await app.register(profileRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(modelRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(importRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(miningRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(personaRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(segmentRoutes, { db: options.db, adminToken: options.adminToken });
  await app.register(overviewRoutes, {
    db: options.db,
    adminToken: options.adminToken,
    ...(options.overview && { service: options.overview }),
    warm: options.warmOverview ?? false,
  });
  await app.register(healthRoutes, { writer: options.writer });
  await app.register(webRoutes, { ...(options.webRoot !== undefined && { root: options.webRoot }) });
  return app;
}
