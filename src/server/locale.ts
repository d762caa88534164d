import type { FastifyInstance, FastifyRequest } from 'fastify';
import { asLocale, type Locale, localizeWarnings, pickLocale } from '../i18n/index.js';

/**
 * The language of a request's answer: `?lang=` first (a link to a file in a given language), then the
 * signed-in user's own setting (`PUT /v1/session/language`), then the Accept-Language header (the web app
 * sends the language its switch shows), else English. The one place routes read it from, so every service
 * that writes sentences is handed the same locale.
 */
export function requestLocale(request: FastifyRequest): Locale {
  const q = request.url.indexOf('?');
  const explicit = q < 0 ? null : new URLSearchParams(request.url.slice(q + 1)).get('lang');
  const chosen = (request as { principal?: { language?: string } | null }).principal?.language;
  return pickLocale({
    explicit: asLocale(explicit) ?? chosen,
    acceptLanguage: request.headers['accept-language'],
  });
}

/**
 * Every JSON answer's warnings in the request's language (codes unchanged; src/i18n/warnings.ts), and the
 * headers that say the answer depends on the language, so no cache in between serves one to the other.
 */
export function registerLocale(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload) => {
    const locale = requestLocale(request);
    reply.header('content-language', locale);
    reply.header('vary', 'Accept-Language');
    return localizeWarnings(payload, locale);
  });
}
