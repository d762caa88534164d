import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ClienteleError, type ErrorCode, engineConflict } from '../errors/index.js';
import { withoutPaths } from '../events/index.js';
import { errorBody } from '../i18n/errors.js';
import { phrase } from '../i18n/phrase.js';
import { requestLocale } from './locale.js';

// Fastify's own failures, answered in the registry's words.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'CLT_ERR_API_BATCH_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CLT_ERR_API_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'CLT_ERR_API_BAD_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'CLT_ERR_API_BAD_JSON',
};

/** The failure in the registry's words: a ClienteleError as is, Fastify's own codes mapped, the rest internal. */
export function asClienteleError(
  error: FastifyError | ClienteleError,
  request: FastifyRequest,
): ClienteleError {
  if (error instanceof ClienteleError) return error;
  if (error.code && FASTIFY_CODES[error.code])
    return new ClienteleError(FASTIFY_CODES[error.code]!, error.message);
  if (error.validation) {
    const extra = error.validation.find((v) => v.keyword === 'additionalProperties');
    const name = (extra?.params as { additionalProperty?: unknown } | undefined)?.additionalProperty;
    if (typeof name === 'string') {
      const where = error.validationContext ?? 'body';
      return new ClienteleError(
        'CLT_ERR_USAGE',
        `unknown field ${JSON.stringify(name)} in the ${where}`,
        { field: name },
        phrase('error.unknownBodyField', { name }),
      );
    }
    return new ClienteleError('CLT_ERR_USAGE', error.message);
  }
  const conflict = engineConflict(error);
  if (conflict) return conflict;
  request.log.error(error);
  // The log has the whole error; the client is not told where the server keeps its files.
  return new ClienteleError('CLT_ERR_INTERNAL', withoutPaths(error.message));
}

/** Answers `{ error: { code, message, hint, details } }` with the registry's HTTP status (and Retry-After). */
export function sendError(known: ClienteleError, reply: FastifyReply): FastifyReply {
  const retry = known.details?.retryAfterSeconds;
  if (typeof retry === 'number') reply.header('Retry-After', String(retry));
  // In the request's language (the code never changes); English is the registry's own words.
  return reply.status(known.status).send({ error: errorBody(known, requestLocale(reply.request)) });
}

/** Turns every failure into `{ error: { code, message, hint, details } }` with the registry's HTTP status. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ClienteleError, request, reply) =>
    sendError(asClienteleError(error, request), reply),
  );
  app.setNotFoundHandler((request, reply) => {
    // The path only: a query string may carry what the access log should not.
    const path = request.url.split('?')[0];
    sendError(
      new ClienteleError(
        'CLT_ERR_API_NOT_FOUND',
        `no route ${request.method} ${path}`,
        undefined,
        phrase('error.noRoute', { method: request.method, path: path ?? '' }),
      ),
      reply,
    );
  });
}
