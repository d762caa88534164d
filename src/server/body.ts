import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ClienteleError } from '../errors/index.js';
import { cut, type EventLimits, toWellFormed } from '../events/index.js';

/** A body that could not be read as JSON, with what of it is worth keeping in `rejects`. */
export class BodyError extends ClienteleError {
  constructor(
    code: 'CLT_ERR_API_BAD_JSON' | 'CLT_ERR_API_BATCH_TOO_LARGE',
    message: string,
    readonly reason: 'bad_json' | 'batch_too_large',
    /** The first 10,000 characters of the body, when it was readable text. */
    readonly raw: string | null,
  ) {
    super(code, message);
  }
}

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/**
 * One body parser for every content type: @rudderstack/rudder-sdk-node sends gzip-compressed JSON labelled
 * `application/x-www-form-urlencoded`, @segment/analytics-node plain `application/json`. The decompressed
 * size is capped while inflating, so a small zip bomb cannot grow into memory.
 */
export function registerBodyParser(app: FastifyInstance, limits: EventLimits): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: limits.maxWireBytes },
    (request, body, done) => {
      parseBody(request, body as Buffer, limits).then(
        (value) => done(null, value),
        (error: Error) => done(error, undefined),
      );
    },
  );
}

async function parseBody(request: FastifyRequest, wire: Buffer, limits: EventLimits): Promise<unknown> {
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  let body = wire;
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') {
    const cap = { maxOutputLength: limits.maxBatchBytes + 1 };
    try {
      body = encoding === 'deflate' ? await inflateAsync(wire, cap) : await gunzipAsync(wire, cap);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw tooLarge(`over ${limits.maxBatchBytes}`, limits);
      throw new BodyError(
        'CLT_ERR_API_BAD_JSON',
        `the body says Content-Encoding: ${encoding} but does not decompress: ${(error as Error).message}`,
        'bad_json',
        null,
      );
    }
  } else if (encoding !== 'identity') {
    throw new ClienteleError('CLT_ERR_API_UNSUPPORTED_ENCODING', `unsupported Content-Encoding: ${encoding}`);
  }
  if (body.length > limits.maxBatchBytes) throw tooLarge(String(body.length), limits);
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyError(
      'CLT_ERR_API_BAD_JSON',
      `the body is not valid JSON: ${(error as Error).message}`,
      'bad_json',
      toWellFormed(cut(text, 10_000)),
    );
  }
}

function tooLarge(size: string, limits: EventLimits): BodyError {
  return new BodyError(
    'CLT_ERR_API_BATCH_TOO_LARGE',
    `the body is ${size} bytes once decompressed; the limit is ${limits.maxBatchBytes}`,
    'batch_too_large',
    null,
  );
}
