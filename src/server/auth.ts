import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClienteleError } from '../errors/index.js';
import { hashKey, type Source } from '../events/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The source whose write key authenticated this request. */
    source: Source | null;
  }
}

/** The write key from `Authorization: Basic base64(key:)`, as the Segment and RudderStack clients send it. */
export function writeKeyOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header || !/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon < 0 ? decoded : decoded.slice(0, colon);
  return key || null;
}

// `?writeKey=` from the raw URL: onRequest runs before the query string is parsed by the route's schema.
function queryKeyOf(request: FastifyRequest): string | null {
  const i = request.url.indexOf('?');
  if (i < 0) return null;
  return new URLSearchParams(request.url.slice(i + 1)).get('writeKey') || null;
}

/**
 * A hook that answers 401 before the body is read unless the write key names a known source. With
 * `query`, a `writeKey` query parameter counts too (a browser script's GET carries no header, so that the
 * request stays simple and needs no CORS preflight).
 */
export function requireWriteKey(
  findSource: (keyHash: string) => Promise<Source | undefined>,
  options: { query?: boolean } = {},
) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const key = writeKeyOf(request) ?? (options.query ? queryKeyOf(request) : null);
    const source = key ? await findSource(hashKey(key)) : undefined;
    if (!source) {
      throw new ClienteleError(
        'CLT_ERR_API_UNAUTHORIZED',
        key ? 'unknown write key' : 'no write key: send it as the HTTP Basic user name',
      );
    }
    request.source = source;
  };
}
