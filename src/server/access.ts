import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ClienteleError } from '../errors/index.js';
import type { FieldCrypto } from '../privacy/fields.js';
import {
  accessOf,
  activeUser,
  appendAudit,
  maskPersonal,
  type Principal,
  principalForToken,
  ROLE_SCOPES,
  type RouteAccess,
  SCOPES,
  safeEqual,
  seesPersonalData,
} from '../security/index.js';
import type { Warehouse } from '../store/index.js';
import { cookieValue, SESSION_COOKIE, type SessionStore } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who this request acts as, once the access hook has let it through (null on public routes). */
    principal: Principal | null;
    /** What the route needs, from the matrix in src/security/routes.ts. */
    access: RouteAccess | null;
  }
}

/** What the access hooks need. */
export interface AccessDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
  readonly sessions: SessionStore;
  /** The database's field encryption (null when stored in clear): answers are decrypted at this boundary. */
  readonly crypto?: FieldCrypto | null;
}

/** The principal of the server's admin token (the link `clientele serve` prints carries it). */
export const ADMIN_TOKEN_PRINCIPAL: Principal = {
  name: 'admin-token',
  role: 'admin',
  scopes: new Set(SCOPES),
  via: 'admin-token',
};

const registered = new WeakMap<FastifyInstance, string[]>();

/** Every `METHOD url` the app registered, in order (the role-matrix test walks them). */
export function registeredRoutes(app: FastifyInstance): readonly string[] {
  return registered.get(app) ?? [];
}

/**
 * Who a bearer token is: the admin token (compared in constant time) or a user's API token (looked up
 * by its hash); null with the reason when it is neither.
 */
export async function principalOfToken(
  token: string,
  deps: Pick<AccessDeps, 'db' | 'adminToken'>,
): Promise<{ principal: Principal } | { refused: string }> {
  if (safeEqual(token, deps.adminToken)) return { principal: ADMIN_TOKEN_PRINCIPAL };
  const found = await principalForToken(deps.db, token);
  return found.ok ? { principal: found.principal } : { refused: `token ${found.reason}` };
}

/** Who sent `request`: its bearer token, else its session cookie; null when neither names anyone. */
export async function identify(
  request: FastifyRequest,
  deps: AccessDeps,
): Promise<{ principal: Principal } | { refused: string } | null> {
  const header = request.headers.authorization;
  if (header) {
    const m = /^bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1]) return { refused: 'the Authorization header is not `Bearer <token>`' };
    return principalOfToken(m[1], deps);
  }
  const id = cookieValue(request.headers.cookie, SESSION_COOKIE);
  if (!id) return null;
  const session = deps.sessions.get(id);
  if (!session) return { refused: 'the session has ended; sign in again' };
  const p = session.principal;
  if (p.via === 'admin-token') return { principal: p };
  // A user disabled, or whose password changed, since signing in is signed out; a changed role applies now.
  const user = await activeUser(deps.db, p.name, session.createdAt);
  if (!user) {
    deps.sessions.delete(id);
    return { refused: 'the session has ended; sign in again' };
  }
  // The role and the language as they are now: a change applies to the next request.
  const { role, language } = user;
  const { language: _was, ...rest } = p;
  return {
    principal: { ...rest, role, scopes: new Set(ROLE_SCOPES[role]), ...(language && { language }) },
  };
}

/**
 * Authentication, authorization, masking and auditing for every route, by the matrix: a route missing
 * from it stops the server from starting; a request without the route's scope is refused before its body
 * is read; personal fields are masked for callers without `pii`; audited routes are logged before the
 * answer leaves. Register before the routes.
 */
/**
 * Whether a request is the browser's (the web app's): a session cookie, or the local admin token that `serve`
 * hands the page without an Authorization header. API clients send a bearer token.
 */
export function fromBrowser(principal: Principal | null, request: FastifyRequest): boolean {
  return principal?.via === 'session' || (principal?.via === 'admin-token' && !request.headers.authorization);
}

export function registerAccess(app: FastifyInstance, deps: AccessDeps): void {
  const routes: string[] = [];
  registered.set(app, routes);
  app.decorateRequest('principal', null);
  app.decorateRequest('access', null);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      if (!accessOf(method, route.url)) {
        throw new Error(`route ${method} ${route.url} is not in the access matrix (src/security/routes.ts)`);
      }
      routes.push(`${method} ${route.url}`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined) return;
    const access = accessOf(request.method, url);
    if (!access)
      throw new ClienteleError('CLT_ERR_INTERNAL', `route ${request.method} ${url} has no access rule`);
    request.access = access;
    if (access.need === 'public' || access.need === 'writeKey') return;
    const who = await identify(request, deps);
    if (!who || 'refused' in who) {
      throw new ClienteleError(
        'CLT_ERR_API_FORBIDDEN',
        who ? `refused: ${who.refused}` : 'this route needs a session or `Authorization: Bearer <token>`',
      );
    }
    const { principal } = who;
    if (!principal.scopes.has(access.need)) {
      throw new ClienteleError(
        'CLT_ERR_API_SCOPE',
        `${request.method} ${url} needs the ${access.need} scope; ${principal.name} (${principal.role}) has ${[...principal.scopes].join(', ') || 'none'}`,
        { need: access.need },
      );
    }
    // A session cookie rides along on any request the browser makes; SameSite=Strict keeps other sites'
    // requests from carrying it, and a foreign Origin on a change is refused as well.
    const origin = request.headers.origin;
    if (fromBrowser(principal, request)) {
      if (
        origin &&
        request.method !== 'GET' &&
        request.method !== 'HEAD' &&
        hostOf(origin) !== request.headers.host
      ) {
        throw new ClienteleError('CLT_ERR_API_FORBIDDEN', `refused: a change requested from ${origin}`);
      }
    }
    request.principal = principal;
  });
  app.addHook('preSerialization', async (request, _reply, payload) => {
    const access = request.access;
    const crypto = deps.crypto;
    if (crypto) {
      // Encrypted at rest: a caller with `pii` gets values in clear, others the masks of the clear values;
      // an answer not marked personal to a caller without `pii` keeps whatever ciphertext it holds.
      if (seesPersonalData(request.principal)) return crypto.revealDeep(payload);
      return access?.personal ? maskPersonal(crypto.revealDeep(payload), access.freeText) : payload;
    }
    if (!access?.personal || seesPersonalData(request.principal)) return payload;
    return maskPersonal(payload, access.freeText);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const { access, principal } = request;
    if (!access || !principal || reply.statusCode >= 400) return payload;
    const pii = seesPersonalData(principal);
    const action = access.audit ?? (access.personal && pii ? 'read-personal' : undefined);
    if (action) {
      await appendAudit(deps.db, {
        actor: principal.name,
        role: principal.role,
        action,
        target: auditTarget(request.url.split('?')[0] ?? request.url, request.routeOptions.url, deps.crypto),
        origin: request.ip,
        details: {
          method: request.method,
          route: request.routeOptions.url ?? null,
          status: reply.statusCode,
          ...(access.personal && { masked: !pii }),
          ...(principal.tokenId && { tokenId: principal.tokenId }),
        },
      });
    }
    return payload;
  });
}

// A path with parameters may name a person (`/v1/profiles/ann@example.org`): with encryption on, the audit
// log keeps it sealed like any personal value.
function auditTarget(
  path: string,
  route: string | undefined,
  crypto: FieldCrypto | null | undefined,
): string {
  return crypto && route?.includes(':') ? crypto.seal('text', path) : path;
}

// The host of an Origin header; `null` (a sandboxed frame) or garbage is nobody's host.
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
