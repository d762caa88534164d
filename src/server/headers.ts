import type { FastifyInstance } from 'fastify';

/**
 * The web app's Content-Security-Policy: its own scripts and styles only, no plugins, no framing, API
 * calls to this server only; images may be data: or blob: URLs (persona cards are fetched, then shown).
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What an API answer (JSON, CSV, Parquet) needs: nothing may run from it, nothing may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Security headers on every answer (OWASP Secure Headers): no MIME sniffing, no referrer, no framing,
 * and a CSP by what is answered. A route that set its own CSP (a persona card) keeps it; the API
 * documentation's page brings inline scripts of its own, so it only gets the framing rule.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!reply.hasHeader('content-security-policy')) {
      const path = request.url.split('?')[0] ?? '';
      const type = String(reply.getHeader('content-type') ?? '');
      const csp = path.startsWith('/docs')
        ? "frame-ancestors 'none'"
        : type.startsWith('text/html')
          ? APP_CSP
          : API_CSP;
      reply.header('content-security-policy', csp);
    }
    return payload;
  });
}
