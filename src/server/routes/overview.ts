import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  Overview as OverviewContract,
  ProfileScores,
  ValueSummary as ValueSummaryContract,
} from '../../contracts/overview.js';
import { replies } from '../../contracts/shared.js';
import { type OverviewParams, OverviewService, profileScores } from '../../overview/index.js';
import { createQueryScope, type Warehouse, withQueryScope } from '../../store/index.js';
import { rewarmAfterResolution } from '../rewarm.js';

export {
  type Breakdown,
  type Overview,
  OverviewService,
  profileScores,
  type ValueSummary,
  valueSummary,
} from '../../overview/index.js';

/** What the overview route needs. */
export interface OverviewDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

const ProfileParams = Type.Object({
  id: Type.String({ description: 'A profile id, or any identifier (as for /v1/profiles/:id)' }),
});
const OverviewQuery = Type.Object({
  from: Type.Optional(
    Type.String({ format: 'date', description: 'First day (default: a year before `to`)' }),
  ),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day (default: the last order day)' })),
  segment: Type.Optional(
    Type.String({ minLength: 1, description: 'Only the current members of this segment' }),
  ),
});

/** `GET /v1/overview`: the figures of the web app's first screen, behind the role matrix (src/security/routes.ts). */
export async function overviewRoutes(
  app: FastifyInstance,
  deps: OverviewDeps & { service?: OverviewService; warm?: boolean },
): Promise<void> {
  const service = deps.service ?? new OverviewService(deps.db);
  if (deps.warm) {
    // In the background: the server answers at once, and the first overview waits only for what is left.
    // In a query scope of its own, so that a stopping server cancels it instead of waiting for it.
    let warming: Promise<void> | undefined;
    const scope = createQueryScope({ timeoutMs: Number.POSITIVE_INFINITY, label: 'the overview warm-up' });
    app.addHook('onReady', async () => {
      warming = withQueryScope(scope, () => service.warm())
        .catch((error: unknown) => {
          if (!scope.signal.aborted) app.log.warn({ err: error }, 'overview warm-up failed');
        })
        .finally(() => scope.end());
    });
    app.addHook('onClose', async () => {
      scope.abort('the server is stopping');
      await warming;
    });
    // After every resolution, the same again for the new state (the recently asked overviews, the value summary).
    rewarmAfterResolution(app, deps.db, 'the overview re-warm', () => service.rewarm());
  }
  app.get(
    '/v1/overview',
    {
      schema: {
        summary: 'Customers, activity, revenue and growth, value, geography, channels and devices',
        tags: ['overview'],
        security: [{ adminToken: [] }],
        querystring: OverviewQuery,
        response: replies(OverviewContract),
      },
    },
    async (request) => service.get(request.query as OverviewParams),
  );
  app.get(
    '/v1/value/summary',
    {
      schema: {
        summary: 'The RFM grid with counts and revenue per cell, and the CLV distribution (latest runs)',
        tags: ['models'],
        security: [{ adminToken: [] }],
        response: replies(ValueSummaryContract),
      },
    },
    async () => service.valueSummary(),
  );
  app.get(
    '/v1/profiles/:id/scores',
    {
      schema: {
        summary: "One profile's latest model scores and its current segments",
        tags: ['profiles'],
        security: [{ adminToken: [] }],
        params: ProfileParams,
        response: replies(ProfileScores),
      },
    },
    async (request) => profileScores(deps.db, (request.params as { id: string }).id),
  );
}
