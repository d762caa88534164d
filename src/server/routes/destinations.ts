import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  ActDeleted,
  ActNameParams,
  AudienceCreate,
  AudienceList,
  AudienceSynced,
  DestinationCreate,
  DestinationList,
  DestinationTested,
  OutboxView,
} from '../../contracts/activation.js';
import { replies } from '../../contracts/shared.js';
import {
  audienceLastSyncs,
  createAudience,
  createDestination,
  deleteAudience,
  deleteDestination,
  deliveryOutcome,
  destinationHealth,
  getAudience,
  getDestination,
  healthOf,
  listAudiences,
  listDestinations,
  syncAudience,
  testDestination,
} from '../../destinations/index.js';
import { ClienteleError } from '../../errors/index.js';
import { flushOutbox, outboxStatus } from '../../outbox/index.js';
import type { Warehouse } from '../../store/index.js';
import { warning } from '../../warnings/index.js';
import { typeBoxValidator } from '../validate.js';

/** Scheme, host and path of a URL: a query string or a user part may carry a credential. */
export function safeUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return null;
  }
}

/**
 * Destinations, audiences and the outbox behind the role matrix (src/security/routes.ts): lists with
 * delivery health, create, test and delete; audiences synced on demand, with what the sync delivered.
 */
export async function destinationRoutes(fastify: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(typeBoxValidator);
  const { db } = deps;
  const tags = ['activation'];
  const security = [{ adminToken: [] }];
  const view = async (name: string, health: Awaited<ReturnType<typeof destinationHealth>>) => {
    const d = await getDestination(db, name);
    return { ...d, url: safeUrl(d.url), health: healthOf(health, name) };
  };

  app.get(
    '/v1/destinations',
    {
      schema: {
        summary: 'Destinations with how their deliveries went (never their credentials)',
        tags,
        security,
        response: replies(DestinationList),
      },
    },
    async () => {
      const health = await destinationHealth(db);
      const list = await listDestinations(db);
      return {
        destinations: list.map((d) => ({ ...d, url: safeUrl(d.url), health: healthOf(health, d.name) })),
      };
    },
  );
  app.post(
    '/v1/destinations',
    {
      schema: {
        summary: 'Add a webhook, Segment-compatible or file destination',
        tags,
        security,
        body: DestinationCreate,
        response: replies(DestinationList.properties.destinations.items, 201),
      },
    },
    async (request, reply) => {
      const body = request.body;
      // A file destination writes a path on the server's disk: only an admin may name one.
      if (body.type === 'file' && !request.principal?.scopes.has('admin'))
        throw new ClienteleError(
          'CLT_ERR_API_SCOPE',
          'a file destination writes on the server: it needs the admin scope',
        );
      const d = await createDestination(db, body);
      reply.code(201);
      return view(d.name, await destinationHealth(db));
    },
  );
  app.post(
    '/v1/destinations/:name/test',
    {
      schema: {
        summary: 'Send one test message to a destination and say whether it arrived',
        tags,
        security,
        params: ActNameParams,
        response: replies(DestinationTested),
      },
    },
    async (request) => testDestination(db, request.params.name),
  );
  app.delete(
    '/v1/destinations/:name',
    {
      schema: {
        summary: 'Delete a destination (refused while an audience sends to it)',
        tags,
        security,
        params: ActNameParams,
        response: replies(ActDeleted),
      },
    },
    async (request) => deleteDestination(db, request.params.name),
  );

  app.get(
    '/v1/audiences',
    {
      schema: {
        summary: 'Audiences with their members and what the last sync moved and delivered',
        tags,
        security,
        response: replies(AudienceList),
      },
    },
    async () => {
      const last = await audienceLastSyncs(db);
      const list = await listAudiences(db);
      return {
        audiences: list.map((a) => ({
          ...a,
          fields: [...a.fields],
          lastSync: a.syncedAt === null ? null : (last.get(a.name)?.last ?? zeroSync),
          delivered: last.get(a.name)?.total ?? { sent: 0, failed: 0, pending: 0 },
        })),
      };
    },
  );
  app.post(
    '/v1/audiences',
    {
      schema: {
        summary: 'Add an audience: a saved segment sent to a destination',
        tags,
        security,
        body: AudienceCreate,
        response: replies(AudienceList.properties.audiences.items, 201),
      },
    },
    async (request, reply) => {
      const a = await createAudience(db, request.body);
      reply.code(201);
      return {
        ...(await getAudience(db, a.name)),
        fields: [...a.fields],
        lastSync: null,
        delivered: { sent: 0, failed: 0, pending: 0 },
      };
    },
  );
  app.post(
    '/v1/audiences/:name/sync',
    {
      schema: {
        summary: 'Send who entered and exited since the last sync, and try to deliver it now',
        tags,
        security,
        params: ActNameParams,
        response: replies(AudienceSynced),
      },
    },
    async (request) => {
      const s = await syncAudience(db, request.params.name);
      // The outbox flushed until this sync's deliveries are done, within ten seconds: a slow receiver leaves
      // the rest to retries, never a hung request. The server's own loop may be delivering some of them at
      // the same time (they are claimed by it): their outcome is waited for, not counted as failed at once.
      const until = Date.now() + 10_000;
      let o = await deliveryOutcome(db, s.deliveries);
      while (o.pending > 0 && Date.now() < until) {
        const flushed = await flushOutbox(db, { budgetMs: until - Date.now(), timeoutMs: 5_000 });
        o = await deliveryOutcome(db, s.deliveries);
        if (o.pending > 0 && flushed.delivered + flushed.retried + flushed.dead === 0)
          await new Promise((r) => setTimeout(r, 100));
      }
      return {
        name: s.name,
        entered: s.entered,
        exited: s.exited,
        sent: o.sent + s.written,
        failed: o.failed,
        warnings: o.failed
          ? [
              warning(
                'CLT_WARN_DELIVERY_PENDING',
                `${o.failed} moves were not delivered yet; they stay in the outbox and are retried with backoff`,
              ),
            ]
          : [],
      };
    },
  );
  app.delete(
    '/v1/audiences/:name',
    {
      schema: {
        summary: 'Delete an audience (the destination is not told)',
        tags,
        security,
        params: ActNameParams,
        response: replies(ActDeleted),
      },
    },
    async (request) => deleteAudience(db, request.params.name),
  );

  app.get(
    '/v1/outbox',
    {
      schema: {
        summary: 'The delivery outbox: pending, delivered and dead, with the latest dead letters',
        tags,
        security,
        response: replies(OutboxView),
      },
    },
    async () => {
      const s = await outboxStatus(db, 20);
      return {
        ...s,
        deadLetters: s.deadLetters.map((d) => ({ ...d, url: safeUrl(d.url) ?? '' })),
      };
    },
  );
}

const zeroSync = { entered: 0, exited: 0, sent: 0, failed: 0, pending: 0 };
