import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ERRORS } from '../../contracts/shared.js';
import { DECIDE_SCRIPT } from '../../placements/index.js';

const ETAG = `"${createHash('sha256').update(DECIDE_SCRIPT).digest('hex').slice(0, 16)}"`;

/**
 * `GET /v1/decide.js`: the browser script that fills placements (src/placements/script.ts). Public: the
 * page that embeds it passes its write key, and any site may load it.
 */
export async function decideScriptRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/v1/decide.js',
    {
      schema: {
        summary: 'The browser script that fills elements marked data-clientele-placement',
        tags: ['tracking'],
        response: {
          200: { description: 'The script', content: { 'text/javascript': { schema: { type: 'string' } } } },
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('etag', ETAG)
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin');
      if (request.headers['if-none-match'] === ETAG) return reply.code(304).send();
      return DECIDE_SCRIPT;
    },
  );
}
