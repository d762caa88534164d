import type { FastifyInstance, FastifyReply } from 'fastify';
import { ClienteleError } from '../../errors/index.js';
import {
  AcceptedReply,
  BatchBody,
  ErrorReply,
  EVENT_TYPES,
  type EventLimits,
  type EventType,
  type EventWriter,
  type IngestOutcome,
  ingestEvents,
  type Sealer,
  SegmentEvent,
  type Source,
  type Suppressions,
} from '../../events/index.js';
import { requireWriteKey } from '../auth.js';
import { BodyError } from '../body.js';
import { asClienteleError, sendError } from '../errors.js';

/** What the tracking routes need. */
export interface TrackingDeps {
  readonly writer: EventWriter;
  /** The source a write key's hash names (sourceFinder: kept in step with the database). */
  readonly findSource: (keyHash: string) => Promise<Source | undefined>;
  readonly limits: EventLimits;
  /** Erased people, whose events are dropped. */
  readonly suppressions?: Suppressions;
  /** Field encryption: personal values are sealed before the event is queued (and spooled). */
  readonly sealer?: Sealer;
}

const replies = {
  200: AcceptedReply,
  400: ErrorReply,
  401: ErrorReply,
  413: ErrorReply,
  429: ErrorReply,
  503: ErrorReply,
};

// The schemas describe the bodies for OpenAPI; the events are checked one by one by normalizeEvent, so
// that one bad event is stored in `rejects` with its reason instead of failing the whole batch in Ajv.
const documentOnly = () => () => true;

/** `POST /v1/{track,identify,page,screen,group,alias,batch}`: the Segment HTTP tracking API. */
export async function trackingRoutes(app: FastifyInstance, deps: TrackingDeps): Promise<void> {
  app.decorateRequest('source', null);
  app.addHook('onRequest', requireWriteKey(deps.findSource));
  // Admission before the body is read: under overload, clients hear 429 with Retry-After (the official
  // libraries retry it) while the server's memory stays where it is, instead of buffering every body.
  let inFlight = 0;
  app.addHook('onRequest', async (_request, reply) => {
    const { writer, limits } = deps;
    if (inFlight >= limits.maxRequestsInFlight || writer.pending >= writer.options.maxQueue) {
      throw new ClienteleError(
        'CLT_ERR_API_OVERLOADED',
        inFlight >= limits.maxRequestsInFlight
          ? `${inFlight} requests are being written already (limit ${limits.maxRequestsInFlight})`
          : `the write queue is full (${writer.pending} rows waiting, limit ${writer.options.maxQueue})`,
        { retryAfterSeconds: 1 },
      );
    }
    inFlight++;
    let done = false;
    const release = () => {
      if (!done) inFlight--;
      done = true;
    };
    reply.raw.once('finish', release);
    reply.raw.once('close', release);
  });
  // A body that is not JSON or is too large is kept in `rejects` too, under the source that sent it.
  app.setErrorHandler(async (error, request, reply) => {
    const known = asClienteleError(error as Error & { code: string }, request);
    const body =
      error instanceof BodyError
        ? error
        : known.code === 'CLT_ERR_API_BATCH_TOO_LARGE'
          ? new BodyError(known.code, known.message, 'batch_too_large', null)
          : null;
    if (body && request.source) {
      const reject = {
        ok: false as const,
        messageId: null,
        code: body.reason,
        field: null,
        reason: body.message,
        raw: body.raw,
      };
      // Keeping the reject is best effort: a full queue or a failed write must not change the answer.
      try {
        await deps.writer.submit(request.source, [reject]);
      } catch (e) {
        request.log.warn(e);
      }
    }
    return sendError(known, reply);
  });
  for (const type of EVENT_TYPES) {
    app.post(
      `/v1/${type}`,
      {
        schema: {
          summary: `Record one ${type} call`,
          tags: ['tracking'],
          security: [{ writeKey: [] }],
          body: SegmentEvent,
          response: replies,
        },
        validatorCompiler: documentOnly,
      },
      async (request, reply) => {
        const outcome = await ingestEvents(deps.writer, {
          source: request.source!,
          events: [request.body],
          receivedAt: Date.now(),
          limits: deps.limits,
          type: type satisfies EventType,
          suppressions: deps.suppressions,
          sealer: deps.sealer,
        });
        return answer(reply, outcome);
      },
    );
  }
  app.post(
    '/v1/batch',
    {
      schema: {
        summary: 'Record many calls of any type (what the Segment and RudderStack libraries send)',
        tags: ['tracking'],
        security: [{ writeKey: [] }],
        body: BatchBody,
        response: replies,
      },
      validatorCompiler: documentOnly,
    },
    async (request, reply) => {
      const body = request.body as Partial<BatchBody> | null;
      if (!body || typeof body !== 'object' || !Array.isArray(body.batch)) {
        throw new ClienteleError(
          'CLT_ERR_API_INVALID_EVENT',
          'the body must be an object with a `batch` array',
        );
      }
      // ingestEvents normalizes every event before its first wait; the parsed body is not needed while the
      // group commit is awaited, so it is let go: held, its objects survived young-generation collections
      // and were copied (the HTTP path spent more time collecting garbage than normalizing, bench/ingest.ts).
      const outcome = ingestEvents(deps.writer, {
        source: request.source!,
        events: body.batch,
        receivedAt: Date.now(),
        limits: deps.limits,
        shared: { context: body.context, integrations: body.integrations },
        suppressions: deps.suppressions,
        sealer: deps.sealer,
      });
      request.body = undefined;
      return answer(reply, await outcome);
    },
  );
}

function answer(reply: FastifyReply, outcome: IngestOutcome) {
  if (outcome.kind === 'accepted') {
    return {
      success: true as const,
      accepted: outcome.accepted,
      duplicates: outcome.duplicates,
      flagged: outcome.flagged,
    };
  }
  const shown = outcome.problems
    .slice(0, 3)
    .map((p) => `event ${p.index}${p.messageId ? ` (messageId ${p.messageId})` : ''}: ${p.reason}`)
    .join('; ');
  const more = outcome.problems.length > 3 ? `; and ${outcome.problems.length - 3} more` : '';
  const error = new ClienteleError(
    outcome.tooLarge ? 'CLT_ERR_API_EVENT_TOO_LARGE' : 'CLT_ERR_API_INVALID_EVENT',
    `${outcome.problems.length} of ${outcome.total} events rejected (${outcome.accepted} stored): ${shown}${more}`,
    { accepted: outcome.accepted, duplicates: outcome.duplicates, rejected: outcome.problems },
  );
  return reply.status(error.status).send({ error: error.toJSON() });
}
