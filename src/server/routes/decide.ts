import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { replies } from '../../contracts/shared.js';
import type { Source } from '../../events/index.js';
import { decide, deviceOf, localTime } from '../../placements/index.js';
import type { Warehouse } from '../../store/index.js';
import { requireWriteKey } from '../auth.js';

const Query = Type.Object({
  placement: Type.String({ minLength: 1, description: 'the placement name' }),
  userId: Type.Optional(Type.String()),
  anonymousId: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  tz: Type.Optional(Type.String({ description: "the visitor's IANA time zone (default UTC)" })),
  category: Type.Optional(Type.String({ description: 'the category the visitor last viewed' })),
  hour: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 23, description: "the visitor's local hour by their own clock" }),
  ),
  device: Type.Optional(
    Type.Union([Type.Literal('mobile'), Type.Literal('tablet'), Type.Literal('desktop')], {
      description: 'the device kind the browser reports (else read from the User-Agent)',
    }),
  ),
  writeKey: Type.Optional(
    Type.String({ description: 'the write key, for browsers (`/v1/decide.js`); else HTTP Basic' }),
  ),
  country: Type.Optional(
    Type.String({ description: 'ISO country; else the X-Country or CF-IPCountry header' }),
  ),
});

const DecisionReply = Type.Object({
  variant: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  reason: Type.String(),
});

/** `GET /v1/decide`: what a visitor sees in a placement, with a source's write key (as the tracking API). */
export async function decideRoutes(
  app: FastifyInstance,
  deps: { db: Warehouse; findSource: (keyHash: string) => Promise<Source | undefined> },
): Promise<void> {
  app.decorateRequest('source', null);
  // Pages on any site call this from the browser script (`/v1/decide.js`); the answer holds no cookie-bound
  // data, so any origin may read it, errors included (the script reads their codes).
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
  });
  app.addHook('onRequest', requireWriteKey(deps.findSource, { query: true }));
  app.get(
    '/v1/decide',
    {
      schema: {
        summary: 'Decide the variant of a placement for a visitor (personalization)',
        tags: ['tracking'],
        security: [{ writeKey: [] }],
        querystring: Query,
        response: replies(DecisionReply),
      },
    },
    async (request) => {
      const q = request.query as typeof Query.static;
      const header = (name: string) => {
        const v = request.headers[name];
        return typeof v === 'string' && v ? v : undefined;
      };
      const now = new Date();
      const local = localTime(now, q.tz);
      return decide(
        deps.db,
        q.placement,
        { userId: q.userId, anonymousId: q.anonymousId, email: q.email },
        {
          local_hour: q.hour ?? local.hour,
          weekday: local.weekday,
          device: q.device ?? deviceOf(header('user-agent')),
          last_viewed_category: q.category ?? null,
          country:
            (q.country ?? header('x-country') ?? header('cf-ipcountry') ?? null)?.toUpperCase() ?? null,
        },
        now,
      );
    },
  );
}
