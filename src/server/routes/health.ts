import type { FastifyInstance } from 'fastify';
import { Health } from '../../contracts/admin.js';
import { replies } from '../../contracts/shared.js';
import type { EventWriter } from '../../events/index.js';

/** `GET /health`: liveness and the write queue's depth, without auth. */
export async function healthRoutes(app: FastifyInstance, deps: { writer: EventWriter }): Promise<void> {
  const started = Date.now();
  app.get(
    '/health',
    { schema: { summary: 'Liveness and queue depth', tags: ['admin'], response: replies(Health) } },
    async () => ({
      status: 'ok' as const,
      queue: deps.writer.pending,
      uptimeSeconds: (Date.now() - started) / 1000,
    }),
  );
}
