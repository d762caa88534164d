/**
 * The route × scope matrix: every route the server registers, with what it needs. The server refuses to
 * start with a route that is not here (src/server/access.ts), and a test walks every route with every
 * role. A role may use a route when its scopes (roles.ts) include the route's `need`.
 */
import type { AuditAction } from './audit.js';
import type { Scope } from './roles.js';

/** What one route needs and what happens around it. */
export interface RouteAccess {
  /** `public`: anyone; `writeKey`: a source's write key (HTTP Basic); else a scope of the caller. */
  readonly need: 'public' | 'writeKey' | Scope;
  /** Answers with personal data: masked without `pii`, and each unmasked read is audited. */
  readonly personal?: boolean;
  /** Keys of the answer to mask as free text, beyond the personal fields (a reject's raw record). */
  readonly freeText?: readonly string[];
  /** Every successful call is written to the audit log as this action. */
  readonly audit?: AuditAction;
}

const p = (need: RouteAccess['need'], more: Omit<RouteAccess, 'need'> = {}): RouteAccess => ({
  need,
  ...more,
});
const TRACK = p('writeKey');

/** Every route by `METHOD url` as Fastify registers it (HEAD follows its GET). */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  // The web app, the API documentation, liveness, signing in and out.
  'GET /*': p('public'),
  'GET /health': p('public'),
  'GET /docs': p('public'),
  'GET /docs/': p('public'),
  'GET /docs/json': p('public'),
  'GET /docs/yaml': p('public'),
  'GET /docs/static/*': p('public'),
  'GET /docs/static/index.html': p('public'),
  'GET /docs/static/swagger-initializer.js': p('public'),
  'POST /v1/session': p('public'),
  'GET /v1/session': p('public'),
  'DELETE /v1/session': p('public'),
  // A signed-in person's own language (any role): answers to them are said in it.
  'PUT /v1/session/language': p('read'),
  // Event intake (Segment's HTTP API), with a source's write key.
  'POST /v1/track': TRACK,
  'POST /v1/identify': TRACK,
  'POST /v1/page': TRACK,
  'POST /v1/screen': TRACK,
  'POST /v1/group': TRACK,
  'POST /v1/alias': TRACK,
  'POST /v1/batch': TRACK,
  // Personalization (src/placements): what a visitor sees, with a write key like the tracking calls.
  'GET /v1/decide': TRACK,
  // The browser script that calls it: public, the embedding page passes its write key.
  'GET /v1/decide.js': p('public'),
  // E-mail opens and clicks (src/campaigns): mail clients call them; limited per address, links signed.
  'GET /v1/t/o/:trackingId.gif': p('public'),
  'GET /v1/t/c/:trackingId': p('public'),
  // Write keys, raw events and the audit log: admins only.
  'POST /v1/admin/keys': p('admin', { audit: 'key-change' }),
  'GET /v1/admin/keys': p('admin'),
  'POST /v1/admin/keys/:name/revoke': p('admin', { audit: 'key-change' }),
  'POST /v1/admin/keys/:name/rotate': p('admin', { audit: 'key-change' }),
  // Users and API tokens, so the CLI works while the server holds the file (their services audit them).
  'GET /v1/admin/users': p('admin'),
  'POST /v1/admin/users': p('admin'),
  'POST /v1/admin/users/:name/disable': p('admin'),
  'POST /v1/admin/users/:name/reset': p('admin'),
  'POST /v1/admin/users/:name/language': p('admin'),
  'GET /v1/admin/tokens': p('admin'),
  'POST /v1/admin/tokens': p('admin'),
  'POST /v1/admin/tokens/:id/revoke': p('admin'),
  'GET /v1/events': p('admin', { personal: true }),
  'GET /v1/audit': p('admin'),
  // Erasure and a person's own data (src/privacy): admins only, always audited.
  'POST /v1/admin/forget': p('admin', { audit: 'erasure' }),
  'POST /v1/admin/subject-export': p('admin', { audit: 'subject-export' }),
  // Profiles.
  'GET /v1/profiles': p('read', { personal: true }),
  'GET /v1/profiles/:id': p('read', { personal: true }),
  'GET /v1/profiles/:id/timeline': p('read', { personal: true }),
  'GET /v1/profiles/:id/scores': p('read'),
  // Which e-mails resonate (src/resonance): aggregates of a person, a segment or everyone.
  'GET /v1/resonance': p('read'),
  'POST /v1/identity/resolve': p('write'),
  // Overview and value.
  'GET /v1/overview': p('read'),
  'GET /v1/value/summary': p('read'),
  'GET /v1/locale': p('read'),
  // Imports and what they kept aside (raw records may hold anything).
  'POST /v1/imports': p('write', { audit: 'data-change' }),
  'GET /v1/rejects': p('read', { personal: true, freeText: ['raw'] }),
  // Segments.
  'GET /v1/segments': p('read'),
  'POST /v1/segments': p('write', { audit: 'config-change' }),
  'POST /v1/segments/preview': p('read'),
  'POST /v1/segments/refresh': p('write'),
  'GET /v1/segments/compare': p('read'),
  'GET /v1/segments/:name': p('read'),
  'DELETE /v1/segments/:name': p('write', { audit: 'config-change' }),
  'GET /v1/segments/:name/members': p('read', { personal: true }),
  'GET /v1/segments/:name/profile': p('read'),
  'GET /v1/segments/fields/:field/values': p('read'),
  'GET /v1/segments/:name/export': p('export', { personal: true, audit: 'export' }),
  // Journeys (src/journeys): reading them is reading; creating, pausing and deleting change what is sent.
  'GET /v1/journeys': p('read'),
  'POST /v1/journeys': p('write', { audit: 'config-change' }),
  'PUT /v1/journeys/:name': p('write', { audit: 'config-change' }),
  'POST /v1/journeys/:name/pause': p('write', { audit: 'config-change' }),
  'POST /v1/journeys/:name/resume': p('write', { audit: 'config-change' }),
  'DELETE /v1/journeys/:name': p('write', { audit: 'config-change' }),
  // Personas.
  'GET /v1/report': p('read'),
  'GET /v1/report.html': p('read'),
  'GET /v1/report.pdf': p('read'),
  'GET /v1/personas': p('read'),
  'PATCH /v1/personas/:segment': p('write', { audit: 'config-change' }),
  'GET /v1/personas/:segment/card.:format': p('read'),
  // Models: each run is recorded, so running one writes.
  'POST /v1/models/rfm': p('write'),
  'POST /v1/models/clv': p('write'),
  'POST /v1/models/churn': p('write'),
  'POST /v1/models/regress': p('write'),
  'POST /v1/models/lookalike': p('write'),
  'POST /v1/models/value': p('write'),
  'GET /v1/models/runs': p('read'),
  'GET /v1/models/runs/:id': p('read'),
  // Housekeeping (docs/housekeeping.md): the audit quotes invalid values and stale contacts, dedupe shows both
  // records of a pair; a decision on a pair changes who is one person, as an identity link does.
  'GET /v1/housekeeping/audit': p('read', { personal: true, freeText: ['examples'] }),
  'GET /v1/housekeeping/audit/history': p('read'),
  'POST /v1/housekeeping/audit/runs': p('write'),
  'GET /v1/dedupe': p('read', { personal: true }),
  'POST /v1/dedupe/decisions': p('write', { audit: 'data-change' }),
  'GET /v1/map': p('read'),
  'GET /v1/models/drift': p('read'),
  // Mining: analyses that record nothing.
  'POST /v1/mining/basket': p('read'),
  'POST /v1/mining/basket/recommend': p('read'),
  'POST /v1/mining/trend': p('read'),
  'POST /v1/mining/concentration': p('read'),
  'POST /v1/mining/scan': p('read'),
  'POST /v1/mining/cohorts': p('read'),
  'POST /v1/mining/funnel': p('read'),
  'POST /v1/mining/paths': p('read'),
  'POST /v1/mining/anomalies': p('read'),
  // The voice of the customer (docs/text.md): aggregates for readers; notes search quotes what was written.
  'POST /v1/text/words': p('read'),
  'POST /v1/text/sentiment': p('read'),
  'POST /v1/text/topics': p('read'),
  'POST /v1/swot': p('write'),
  'GET /v1/swot/:name': p('read'),
  'PUT /v1/swot/:name': p('write', { audit: 'config-change' }),
  'POST /v1/notes/search': p('read', { personal: true, freeText: ['snippet'] }),
  'POST /v1/notes/scenarios': p('read'),
  // Acting on the data (issue 16). Configuring where people go is writing; reaching people (an audience's
  // sync, a campaign's send) needs `pii` as contact details do, so an analyst may look and dry-run, not send.
  'GET /v1/destinations': p('read'),
  'POST /v1/destinations': p('write', { audit: 'config-change' }),
  'POST /v1/destinations/:name/test': p('write'),
  'DELETE /v1/destinations/:name': p('write', { audit: 'config-change' }),
  'GET /v1/audiences': p('read'),
  'POST /v1/audiences': p('write', { audit: 'config-change' }),
  'POST /v1/audiences/:name/sync': p('pii', { audit: 'export' }),
  'DELETE /v1/audiences/:name': p('write', { audit: 'config-change' }),
  'GET /v1/outbox': p('read'),
  'GET /v1/campaigns': p('read'),
  'POST /v1/campaigns': p('write', { audit: 'config-change' }),
  'POST /v1/campaigns/preview': p('read', { personal: true, freeText: ['subject', 'text'] }),
  'POST /v1/campaigns/:name/dry-run': p('read'),
  'POST /v1/campaigns/:name/send': p('pii', { audit: 'export' }),
  'GET /v1/experiments': p('read'),
  'POST /v1/experiments': p('write', { audit: 'config-change' }),
  'GET /v1/experiments/:name/report': p('read'),
  'GET /v1/placements': p('read'),
  'POST /v1/placements': p('write', { audit: 'config-change' }),
  'POST /v1/placements/:name/try': p('read'),
};

/** What `method url` needs (HEAD as its GET), or undefined for a route missing from the matrix. */
export function accessOf(method: string, url: string): RouteAccess | undefined {
  return ROUTE_ACCESS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}
