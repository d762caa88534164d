import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { EventWriter } from '../../events/index.js';

const Health = Type.Object({
  status: Type.Literal('ok'),
  queue: Type.Integer({ description: 'Rows waiting to be written' }),
  uptimeSeconds: Type.Number(),
});

/** `GET /health`: liveness and the write queue's depth, without auth. */
export async function healthRoutes(app: FastifyInstance, deps: { writer: EventWriter }): Promise<void> {
  const started = Date.now();
  app.get(
    '/health',
    { schema: { summary: 'Liveness and queue depth', tags: ['admin'], response: { 200: Health } } },
    async () => ({
      status: 'ok' as const,
      queue: deps.writer.pending,
      uptimeSeconds: (Date.now() - started) / 1000,
    }),
  );
}
