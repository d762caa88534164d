import type { FastifyRequest } from 'fastify';
import { ClienteleError, type ErrorCode } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';

/**
 * A preValidation hook that refuses body properties the schema does not name. Fastify's validator would
 * silently drop them, and a misspelt option then does nothing without a word.
 */
export function rejectUnknownOptions(properties: Record<string, unknown>, code: ErrorCode) {
  return async (request: FastifyRequest): Promise<void> => {
    const body = request.body;
    if (body === null || typeof body !== 'object') return;
    const unknown = Object.keys(body).filter((k) => !Object.hasOwn(properties, k));
    if (unknown.length > 0) {
      const names = unknown.join(', ');
      const expected = Object.keys(properties).join(', ');
      throw new ClienteleError(
        code,
        `unknown option${unknown.length > 1 ? 's' : ''} ${names}: expected ${expected}`,
        undefined,
        phrase('error.unknownOptions', { n: unknown.length, names, expected }),
      );
    }
  };
}
