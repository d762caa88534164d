import type { FastifyError, FastifyInstance } from 'fastify';
import { ClienteleError, type ErrorCode } from '../errors/index.js';

// Fastify's own failures, answered in the registry's words.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'CLT_ERR_API_BATCH_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CLT_ERR_API_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'CLT_ERR_API_BAD_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'CLT_ERR_API_BAD_JSON',
};

/** Turns every failure into `{ error: { code, message, hint, details } }` with the registry's HTTP status. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ClienteleError, request, reply) => {
    let known: ClienteleError;
    if (error instanceof ClienteleError) known = error;
    else if (error.code && FASTIFY_CODES[error.code])
      known = new ClienteleError(FASTIFY_CODES[error.code]!, error.message);
    else if (error.validation) known = new ClienteleError('CLT_ERR_USAGE', error.message);
    else {
      request.log.error(error);
      known = new ClienteleError('CLT_ERR_INTERNAL', error.message);
    }
    const retry = known.details?.retryAfterSeconds;
    if (typeof retry === 'number') reply.header('Retry-After', String(retry));
    reply.status(known.status).send({ error: known.toJSON() });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: 'CLT_ERR_USAGE',
        message: `no route ${request.method} ${request.url}`,
        hint: 'See /docs.',
      },
    });
  });
}
