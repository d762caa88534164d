import type { FastifyInstance } from 'fastify';
import {
  CreatedKey,
  EventList,
  EventsQuery,
  KeyList,
  KeyName,
  KeyParams,
  RevokedKey,
} from '../../contracts/admin.js';
import { replies } from '../../contracts/shared.js';
import {
  createKey,
  hashKey,
  latestEvents,
  listKeys,
  revokeKey,
  rotateKey,
  type Source,
} from '../../events/index.js';
import type { Warehouse } from '../../store/index.js';

/** What the admin routes need. */
export interface AdminDeps {
  readonly db: Warehouse;
  readonly sources: Map<string, Source>;
  readonly adminToken: string;
}

/**
 * Admin routes (the `admin` scope, src/security/routes.ts): write keys (so that `clientele keys` works
 * while the server holds the database) and the latest stored events.
 */
export async function adminRoutes(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  const security = [{ adminToken: [] }];
  app.post(
    '/v1/admin/keys',
    {
      schema: {
        summary: 'Create a write key (shown once)',
        tags: ['admin'],
        security,
        body: KeyName,
        response: replies(CreatedKey),
      },
    },
    async (request) => {
      const { name } = request.body as { name: string };
      const created = await createKey(deps.db, name);
      deps.sources.set(hashKey(created.key), { name: created.name, importId: created.importId });
      return created;
    },
  );
  app.post(
    '/v1/admin/keys/:name/revoke',
    {
      schema: {
        summary: 'Revoke a write key',
        tags: ['admin'],
        security,
        params: KeyParams,
        response: replies(RevokedKey),
      },
    },
    async (request) => {
      const revoked = await revokeKey(deps.db, (request.params as { name: string }).name);
      deps.sources.delete(revoked.keyHash);
      return { name: revoked.name, revoked: true };
    },
  );
  app.post(
    '/v1/admin/keys/:name/rotate',
    {
      schema: {
        summary: 'Replace a write key with a new one (shown once)',
        tags: ['admin'],
        security,
        params: KeyParams,
        response: replies(CreatedKey),
      },
    },
    async (request) => {
      const { oldKeyHash, ...created } = await rotateKey(deps.db, (request.params as { name: string }).name);
      deps.sources.delete(oldKeyHash);
      deps.sources.set(hashKey(created.key), { name: created.name, importId: created.importId });
      return created;
    },
  );
  app.get(
    '/v1/admin/keys',
    { schema: { summary: 'List write keys', tags: ['admin'], security, response: replies(KeyList) } },
    async () => listKeys(deps.db),
  );
  app.get(
    '/v1/events',
    {
      schema: {
        summary: 'The latest stored events',
        tags: ['admin'],
        security,
        querystring: EventsQuery,
        response: replies(EventList),
      },
    },
    async (request) => {
      const q = request.query as { limit: number; source?: string };
      const rows = await latestEvents(deps.db, {
        limit: q.limit,
        ...(q.source !== undefined && { source: q.source }),
      });
      return { events: rows };
    },
  );
}
