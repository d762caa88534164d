import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  Overview as OverviewContract,
  ProfileScores,
  ValueSummary as ValueSummaryContract,
} from '../../contracts/overview.js';
import { replies } from '../../contracts/shared.js';
import { onResolved } from '../../identity/index.js';
import { type OverviewParams, OverviewService, profileScores } from '../../overview/index.js';
import { createQueryScope, type Warehouse, withQueryScope } from '../../store/index.js';

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
    // After every resolution (an import, events caught up by the upkeep): the same again for the new state,
    // one run at a time; a change during a run starts one more after it.
    let again = false;
    let closing = false;
    let rewarming: { scope: ReturnType<typeof createQueryScope>; done: Promise<void> } | undefined;
    const rewarm = (): void => {
      if (closing) return;
      if (rewarming) {
        again = true;
        return;
      }
      const own = createQueryScope({ timeoutMs: Number.POSITIVE_INFINITY, label: 'the overview re-warm' });
      const done = withQueryScope(own, () => service.rewarm())
        .catch((error: unknown) => {
          if (!own.signal.aborted) app.log.warn({ err: error }, 'overview re-warm failed');
        })
        .finally(() => {
          own.end();
          rewarming = undefined;
          if (again) {
            again = false;
            rewarm();
          }
        });
      rewarming = { scope: own, done };
    };
    const stop = onResolved(deps.db, rewarm);
    app.addHook('onClose', async () => {
      closing = true;
      stop();
      scope.abort('the server is stopping');
      rewarming?.scope.abort('the server is stopping');
      await warming;
      await rewarming?.done;
    });
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
