import type { FastifyInstance } from 'fastify';
import { ResonanceQuery, ResonanceReport } from '../../contracts/resonance.js';
import { replies } from '../../contracts/shared.js';
import { resonanceReport } from '../../resonance/index.js';
import type { Warehouse } from '../../store/index.js';

/** `GET /v1/resonance`: which e-mails resonate, for one person, a segment or everyone (reads only). */
export async function resonanceRoutes(app: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  app.get(
    '/v1/resonance',
    {
      schema: {
        summary: 'Open, click and reply rates by message type, subject word and send hour, with the evidence',
        tags: ['profiles'],
        security: [{ adminToken: [] }, { sessionCookie: [] }],
        querystring: ResonanceQuery,
        response: replies(ResonanceReport),
      },
    },
    async (request) => {
      const q = request.query as typeof ResonanceQuery.static;
      return resonanceReport(
        deps.db,
        { segment: q.segment, customer: q.customer },
        q.minSends === undefined ? {} : { minSends: q.minSends },
      );
    },
  );
}
