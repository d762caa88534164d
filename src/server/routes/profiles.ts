import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { resolveIdentities } from '../../identity/index.js';
import { requireProfile, requireProfileTimeline, searchProfiles } from '../../profiles/index.js';
import type { Warehouse } from '../../store/index.js';

/** What the profile routes need. */
export interface ProfileDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

const ProfileParams = Type.Object({
  id: Type.String({
    description: 'A profile id, or any identifier: user or customer id, email, phone, anonymous id',
  }),
});
const ProfileQuery = Type.Object({
  explain: Type.Boolean({ default: false, description: 'Which identifier joined which records' }),
  timeline: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
});
const TimelineQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, description: 'Entries per page (default 50)' }),
  ),
  timeline: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'The same as limit' })),
  before: Type.Optional(
    Type.String({ description: 'The `next` cursor of the previous page: older entries only' }),
  ),
  kind: Type.Optional(
    Type.String({ description: 'Only these kinds, comma-separated: order, message, track, page, ticket …' }),
  ),
  from: Type.Optional(Type.String({ description: 'Only entries at or after this date or time (ISO 8601)' })),
  to: Type.Optional(
    Type.String({ description: 'Only entries before this time; a date alone includes that day' }),
  ),
});
const ListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
  q: Type.Optional(
    Type.String({ description: 'Only profiles whose email, name or customer id contains this' }),
  ),
  country: Type.Optional(Type.String()),
  minOrders: Type.Optional(Type.Integer({ minimum: 0 })),
  isProspect: Type.Optional(Type.Boolean()),
});
const ResolveBody = Type.Object({ full: Type.Boolean({ default: false }) });

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
      },
    },
    async (request) =>
      resolveIdentities(deps.db, { full: (request.body as { full?: boolean } | undefined)?.full ?? false }),
  );
}
