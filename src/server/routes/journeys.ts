import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { plainly } from '../../contracts/agree.js';
import {
  JourneyDefinition,
  JourneyDeleted,
  JourneyList,
  JourneyParams,
  JourneySummary,
  JourneyUpdated,
} from '../../contracts/journeys.js';
import { replies } from '../../contracts/shared.js';
import {
  createJourney,
  deleteJourney,
  listJourneys,
  setJourneyState,
  updateJourney,
} from '../../journeys/index.js';
import type { Warehouse } from '../../store/index.js';

/**
 * Journeys (src/journeys): list, create from the JSON definition, replace it (people keep their places),
 * pause, resume, delete. `clientele serve`
 * advances them in its activation loop.
 */
export async function journeyRoutes(
  fastify: FastifyInstance,
  deps: { readonly db: Warehouse },
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const tags = ['journeys'];
  const security = [{ adminToken: [] }];
  app.get(
    '/v1/journeys',
    {
      schema: {
        summary: 'Journeys with their state and counts',
        tags,
        security,
        response: replies(JourneyList),
      },
    },
    () => plainly(listJourneys(db)),
  );
  app.post(
    '/v1/journeys',
    {
      schema: {
        summary: 'Check and save a journey (a cycle or an unknown name is refused with its JSON path)',
        tags,
        security,
        body: JourneyDefinition,
        response: replies(JourneySummary, 201),
      },
      // The journey's own check answers with its coded errors and the JSON path (CLT_ERR_JOURNEY_*), not the
      // generic validation error: the schema above documents the body.
      validatorCompiler: () => (value: unknown) => ({ value }),
    },
    async (request, reply) => {
      const journey = await createJourney(db, request.body);
      reply.code(201);
      return plainly(Promise.resolve(journey));
    },
  );
  app.put(
    '/v1/journeys/:name',
    {
      schema: {
        summary:
          'Replace a journey’s definition, keeping people where they are (those at a removed step move on; docs/journeys.md)',
        tags,
        security,
        params: JourneyParams,
        body: JourneyDefinition,
        response: replies(JourneyUpdated),
      },
      // As for create: the journey's own check answers with the JSON path (the name in the path always is one).
      validatorCompiler: () => (value: unknown) => ({ value }),
    },
    (request) => plainly(updateJourney(db, request.params.name, request.body)),
  );
  for (const [verb, state] of [
    ['pause', 'paused'],
    ['resume', 'active'],
  ] as const)
    app.post(
      `/v1/journeys/:name/${verb}`,
      {
        schema: {
          summary: verb === 'pause' ? 'Pause a journey: nobody enters or moves' : 'Resume a paused journey',
          tags,
          security,
          params: JourneyParams,
          response: replies(JourneySummary),
        },
      },
      (request) => plainly(setJourneyState(db, request.params.name, state)),
    );
  app.delete(
    '/v1/journeys/:name',
    {
      schema: {
        summary: 'Delete a journey and the positions in it (steps taken stay on the profiles)',
        tags,
        security,
        params: JourneyParams,
        response: replies(JourneyDeleted),
      },
    },
    (request) => deleteJourney(db, request.params.name),
  );
}
