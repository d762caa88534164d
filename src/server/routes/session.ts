import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SessionState, SignIn, UserLanguage, UserLanguageSet } from '../../contracts/admin.js';
import { replies } from '../../contracts/shared.js';
import { ClienteleError } from '../../errors/index.js';
import {
  appendAudit,
  type Principal,
  SignInThrottle,
  setUserLanguage,
  signInUser,
} from '../../security/index.js';
import { type AccessDeps, identify, principalOfToken } from '../access.js';
import { cookieValue, SESSION_COOKIE, SESSION_MAX_MS } from '../sessions.js';

const who = (p: Principal) => ({
  signedIn: true,
  name: p.name,
  role: p.role,
  scopes: [...p.scopes],
  // Only when the user chose one: a session without it follows the browser.
  ...(p.language && { language: p.language }),
});

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  // HttpOnly: scripts cannot read it; SameSite=Strict: other sites' requests do not carry it.
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/**
 * The web app's sign-in: `POST /v1/session` with a user's name and password (or the admin token from the
 * link `clientele serve` prints) sets an httpOnly, SameSite=Strict session cookie; `GET` says who is
 * signed in; `DELETE` signs out. Every attempt is audited.
 */
export async function sessionRoutes(app: FastifyInstance, deps: AccessDeps): Promise<void> {
  const tags = ['session'];
  const throttle = new SignInThrottle();
  const audit = (
    request: FastifyRequest,
    actor: string,
    p: Principal | null,
    action: 'sign-in' | 'sign-in-failed' | 'sign-out',
  ) =>
    appendAudit(deps.db, {
      actor,
      role: p?.role ?? null,
      action,
      target: '/v1/session',
      origin: request.ip,
      details: p ? { via: p.via } : null,
    });
  app.post(
    '/v1/session',
    {
      schema: {
        summary: 'Sign in (sets the session cookie)',
        tags,
        body: SignIn,
        response: replies(SessionState),
      },
    },
    async (request, reply: FastifyReply) => {
      const body = (request.body ?? {}) as { name?: string; password?: string; token?: string };
      // Guessing is throttled per address and per user name (docs/security.md).
      const keys = [`ip:${request.ip}`, ...(body.name ? [`name:${body.name.toLowerCase()}`] : [])];
      const wait = throttle.waitFor(keys);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new ClienteleError(
          'CLT_ERR_API_SIGN_IN_THROTTLED',
          `too many failed sign-ins from here or for this user; try again in ${seconds} s`,
          { retryAfterSeconds: seconds },
        );
      }
      let principal: Principal | null = null;
      if (body.token) {
        const found = await principalOfToken(body.token.trim(), deps);
        principal = 'principal' in found ? found.principal : null;
      } else if (body.name && body.password) {
        principal = await signInUser(deps.db, body.name, body.password);
      } else {
        throw new ClienteleError('CLT_ERR_USAGE', 'send {"name", "password"} or {"token"}');
      }
      const actor = principal?.name ?? (body.token ? 'token' : (body.name ?? 'unknown'));
      if (!principal) {
        throttle.failed(keys);
        await audit(request, actor, null, 'sign-in-failed');
        throw new ClienteleError(
          'CLT_ERR_API_SIGN_IN',
          body.token ? 'that token was refused' : 'unknown user, wrong password, or a disabled user',
        );
      }
      // A session acts for the person, whatever a token it was opened with was limited to.
      const id = deps.sessions.create(
        principal.via === 'token' ? { ...principal, via: 'session' } : principal,
      );
      if (body.name) throttle.succeeded(`name:${body.name.toLowerCase()}`);
      await audit(request, actor, principal, 'sign-in');
      reply.header('set-cookie', cookie(request, id, SESSION_MAX_MS / 1000));
      return who(principal);
    },
  );
  app.get(
    '/v1/session',
    { schema: { summary: 'Who is signed in', tags, response: replies(SessionState) } },
    async (request) => {
      const found = await identify(request, deps);
      return found && 'principal' in found ? who(found.principal) : { signedIn: false };
    },
  );
  app.put(
    '/v1/session/language',
    {
      schema: {
        summary: "Sets the signed-in user's language (en, pl; null follows the browser); answers follow it",
        tags,
        body: UserLanguage,
        response: replies(UserLanguageSet),
      },
    },
    async (request) => {
      const { language } = request.body as UserLanguage;
      const principal = request.principal;
      // The access matrix lets only a signed-in caller here; the admin token is no user and keeps no setting.
      const saved =
        principal !== null && principal.via !== 'admin-token'
          ? await setUserLanguage(deps.db, principal.name, language)
          : false;
      return { language, saved };
    },
  );
  app.delete(
    '/v1/session',
    { schema: { summary: 'Sign out (ends the session)', tags, response: replies(SessionState) } },
    async (request, reply) => {
      const id = cookieValue(request.headers.cookie, SESSION_COOKIE);
      if (id) {
        const found = await identify(request, deps);
        deps.sessions.delete(id);
        if (found && 'principal' in found)
          await audit(request, found.principal.name, found.principal, 'sign-out');
      }
      reply.header('set-cookie', cookie(request, '', 0));
      return { signedIn: false };
    },
  );
}
