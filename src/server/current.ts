import type { FastifyInstance } from 'fastify';
import { ensureCurrent } from '../identity/index.js';
import type { Warehouse } from '../store/index.js';

// Routes that answer from profiles, segments or what is derived from them. Event intake, health, imports,
// rejects, keys and the app's files never wait for a resolution.
const READS = /^\/v1\/(profiles|segments|personas|models|overview|value|mining)(\/|$)/;

/**
 * Before a read that needs profiles, joins whatever arrived since the last resolution (events over the API,
 * an import) into them, so an answer never comes from profiles a resolution has not caught up with yet.
 * Runs after the routes' own authentication (a preHandler), so an unauthenticated request starts nothing;
 * concurrent reads share one resolution (ensureCurrent).
 */
export function registerCurrentReads(app: FastifyInstance, db: Warehouse): void {
  app.addHook('preHandler', async (request) => {
    const url = request.routeOptions.url;
    if (url && READS.test(url)) await ensureCurrent(db);
  });
}
