import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  ActNameParams,
  DecisionView,
  PlacementInput,
  PlacementList,
  PlacementTry,
  PlacementView,
} from '../../contracts/activation.js';
import { replies } from '../../contracts/shared.js';
import { ClienteleError } from '../../errors/index.js';
import { decide, getPlacement, listPlacements, localTime, savePlacement } from '../../placements/index.js';
import type { Warehouse } from '../../store/index.js';
import { typeBoxValidator } from '../validate.js';

/**
 * Placements behind the role matrix (src/security/routes.ts): their ordered rules, and a try-out that
 * decides as `GET /v1/decide` does for a visitor and a context the caller chooses (the web app has a
 * session, not a source's write key).
 */
export async function placementRoutes(fastify: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(typeBoxValidator);
  const { db } = deps;
  const tags = ['activation'];
  const security = [{ adminToken: [] }];

  app.get(
    '/v1/placements',
    {
      schema: {
        summary: 'Placements with their ordered rules',
        tags,
        security,
        response: replies(PlacementList),
      },
    },
    async () => ({ placements: await listPlacements(db) }),
  );
  app.post(
    '/v1/placements',
    {
      schema: {
        summary: 'Save a placement with its ordered rules, as `clientele placements create --rules`',
        tags,
        security,
        body: PlacementInput,
        response: replies(PlacementView, 201),
      },
    },
    async (request, reply) => {
      const { name, rules } = request.body;
      // The CLI replaces a placement of the same name on purpose; a form that creates one must not.
      if ((await listPlacements(db)).some((p) => p.name === name))
        throw new ClienteleError('CLT_ERR_ACTIVATION_EXISTS', `a placement named '${name}' exists`, { name });
      reply.code(201);
      return savePlacement(db, name, rules);
    },
  );
  app.post(
    '/v1/placements/:name/try',
    {
      schema: {
        summary: 'What a chosen visitor would see in a placement, in a chosen context, and why',
        tags,
        security,
        params: ActNameParams,
        body: PlacementTry,
        response: replies(DecisionView),
      },
    },
    async (request) => {
      const b = request.body;
      await getPlacement(db, request.params.name);
      const now = new Date();
      const utc = localTime(now, 'UTC');
      return decide(
        db,
        request.params.name,
        {
          userId: b.userId || undefined,
          email: b.email || undefined,
          anonymousId: b.anonymousId || undefined,
        },
        {
          local_hour: b.localHour ?? utc.hour,
          weekday: b.weekday ?? utc.weekday,
          device: b.device ?? null,
          last_viewed_category: b.category || null,
          country: b.country ? b.country.toUpperCase() : null,
        },
        now,
      );
    },
  );
}
