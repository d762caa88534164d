import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { linkKey, recordEngagement, verifyLink } from '../../campaigns/index.js';
import { ERRORS } from '../../contracts/shared.js';
import { ClienteleError } from '../../errors/index.js';
import type { Warehouse } from '../../store/index.js';
import { perAddressLimit, type RateLimit } from '../rate.js';

// The smallest transparent GIF (43 bytes): what mail clients load as the open pixel.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const TrackingId = Type.String({ minLength: 1, maxLength: 100, description: "the message's tracking id" });

const ClickQuery = Type.Object({
  u: Type.String({ minLength: 1, maxLength: 4000, description: 'the link the message held' }),
  s: Type.String({
    minLength: 1,
    maxLength: 100,
    description: "the link's signature (HMAC under the instance key)",
  }),
});

/** A public route's limit: generous for people, small for a script filling the database. */
export const TRACKING_LIMIT: RateLimit = { requests: 300, windowMs: 60_000 };

/**
 * `GET /v1/t/o/:trackingId.gif` (the open pixel) and `GET /v1/t/c/:trackingId?u=URL&s=SIG` (a tracked
 * link): public, as mail clients call them, and limited per address. A click redirects only to a URL
 * signed for that message, so the route is no open redirect.
 */
export async function engagementRoutes(
  app: FastifyInstance,
  deps: { db: Warehouse; limit?: RateLimit },
): Promise<void> {
  app.addHook('onRequest', perAddressLimit(deps.limit ?? TRACKING_LIMIT));
  app.get(
    '/v1/t/o/:trackingId.gif',
    {
      schema: {
        summary: 'The open pixel of a sent e-mail: records an open, answers a 1×1 GIF',
        tags: ['tracking'],
        params: Type.Object({ trackingId: TrackingId }),
        response: {
          200: {
            description: 'A transparent 1×1 GIF',
            content: { 'image/gif': { schema: { type: 'string', format: 'binary' } } },
          },
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { trackingId } = request.params as { trackingId: string };
      // Recorded or not (an unknown id), the answer is the same pixel: it tells nobody which ids exist.
      await recordEngagement(deps.db, trackingId, 'open');
      return reply
        .header('content-type', 'image/gif')
        .header('cache-control', 'no-store, max-age=0')
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(PIXEL);
    },
  );
  app.get(
    '/v1/t/c/:trackingId',
    {
      schema: {
        summary: 'A tracked link of a sent e-mail: records a click, redirects to the link',
        tags: ['tracking'],
        params: Type.Object({ trackingId: TrackingId }),
        querystring: ClickQuery,
        response: { 302: Type.Null({ description: 'To the link, in Location' }), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { trackingId } = request.params as { trackingId: string };
      const { u, s } = request.query as typeof ClickQuery.static;
      const key = await linkKey(deps.db);
      if (!verifyLink(key, trackingId, u, s) || !/^https?:\/\//i.test(u))
        throw new ClienteleError(
          'CLT_ERR_TRACKING_LINK_INVALID',
          'this link was not signed for this message; it is not followed',
        );
      await recordEngagement(deps.db, trackingId, 'click', { url: u });
      return reply.header('cache-control', 'no-store').redirect(u, 302);
    },
  );
}
