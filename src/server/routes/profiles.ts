import type { FastifyInstance } from 'fastify';
import {
  ProfileListQuery as ListQuery,
  Profile,
  ProfileList,
  ProfileParams,
  ProfileQuery,
  ProfileTimeline,
  ResolveBody,
  ResolveSummary,
  TimelineQuery,
} from '../../contracts/profiles.js';
import { replies } from '../../contracts/shared.js';
import { resolveIdentities } from '../../identity/index.js';
import { requireProfile, requireProfileTimeline, searchProfiles } from '../../profiles/index.js';
import type { Warehouse } from '../../store/index.js';

/** What the profile routes need. */
export interface ProfileDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

/**
 * Profiles behind the role matrix (src/security/routes.ts): one profile by any identifier (with its timeline), a filtered page
 * of profiles, and identity resolution on demand (the server owns the database, so the CLI asks here).
 */
export async function profileRoutes(app: FastifyInstance, deps: ProfileDeps): Promise<void> {
  const security = [{ adminToken: [] }];
  app.get(
    '/v1/profiles/:id',
    {
      schema: {
        summary: 'One profile, found by any identifier',
        tags: ['profiles'],
        security,
        params: ProfileParams,
        querystring: ProfileQuery,
        response: replies(Profile),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const q = request.query as { explain: boolean; timeline: number };
      return requireProfile(deps.db, id, { explain: q.explain, timeline: q.timeline });
    },
  );
  app.get(
    '/v1/profiles/:id/timeline',
    {
      schema: {
        summary: "A page of one profile's touchpoints over its whole history, newest first",
        tags: ['profiles'],
        security,
        params: ProfileParams,
        querystring: TimelineQuery,
        response: replies(ProfileTimeline),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const q = request.query as {
        limit?: number;
        timeline?: number;
        before?: string;
        kind?: string;
        from?: string;
        to?: string;
      };
      const page = await requireProfileTimeline(deps.db, id, {
        limit: q.limit ?? q.timeline ?? 50,
        ...(q.before !== undefined && { before: q.before }),
        ...(q.kind !== undefined && {
          kinds: q.kind
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        }),
        ...(q.from !== undefined && { from: q.from }),
        ...(q.to !== undefined && { to: q.to }),
      });
      return { profileId: page.profileId, timeline: page.entries, next: page.next };
    },
  );
  app.get(
    '/v1/profiles',
    {
      schema: {
        summary: 'Profiles, most valuable first, filtered and paginated',
        tags: ['profiles'],
        security,
        querystring: ListQuery,
        response: replies(ProfileList),
      },
    },
    async (request) => {
      const q = request.query as {
        limit: number;
        offset: number;
        q?: string;
        country?: string;
        minOrders?: number;
        isProspect?: boolean;
      };
      return searchProfiles(deps.db, q);
    },
  );
  app.post(
    '/v1/identity/resolve',
    {
      schema: {
        summary: 'Join new records (imports and events) into profiles',
        tags: ['profiles'],
        security,
        body: ResolveBody,
        response: replies(ResolveSummary),
      },
    },
    async (request) =>
      resolveIdentities(deps.db, { full: (request.body as { full?: boolean } | undefined)?.full ?? false }),
  );
}
