import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserLanguage } from '../../contracts/admin.js';
import {
  CreatedToken,
  CreatedUser,
  DisabledUser,
  LanguageOfUser,
  ResetUser,
  RevokedToken,
  TokenList,
  UserList,
} from '../../contracts/people.js';
import { replies } from '../../contracts/shared.js';
import {
  type Actor,
  createTokenAudited,
  createUserWithToken,
  DEFAULT_TOKEN_DAYS,
  disableUserAudited,
  listTokens,
  listUsers,
  ROLES,
  resetPasswordAudited,
  revokeTokenAudited,
  setUserLanguageAudited,
} from '../../security/index.js';
import type { Warehouse } from '../../store/index.js';

const NewUser = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    scopes: Type.Optional(Type.String({ description: "The token's scopes, comma-separated" })),
    tokenDays: Type.Optional(Type.Integer({ minimum: 0, default: DEFAULT_TOKEN_DAYS })),
  },
  { additionalProperties: false },
);
const NewPassword = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
const NewToken = Type.Object(
  {
    user: Type.String({ minLength: 1, maxLength: 64 }),
    scopes: Type.Optional(Type.String()),
    days: Type.Optional(Type.Integer({ minimum: 0, default: DEFAULT_TOKEN_DAYS })),
  },
  { additionalProperties: false },
);
const Name = Type.Object({ name: Type.String() });
const Id = Type.Object({ id: Type.String() });
const TokensQuery = Type.Object({ user: Type.Optional(Type.String()) });

// The audit entry names the caller; the change itself is audited by the service, with its details.
const actorOf = (request: FastifyRequest): Actor => ({
  actor: request.principal?.name ?? 'unknown',
  role: request.principal?.role ?? null,
  origin: request.ip,
});

/**
 * Users and API tokens over the admin API, so that `clientele users` and `clientele tokens` work while
 * `clientele serve` holds the database (src/cli/held.ts). The same services as the CLI on the file.
 */
export async function peopleRoutes(app: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  const tags = ['admin'];
  const security = [{ adminToken: [] }];
  app.get(
    '/v1/admin/users',
    { schema: { summary: 'List users', tags, security, response: replies(UserList) } },
    async () => listUsers(deps.db),
  );
  app.post(
    '/v1/admin/users',
    {
      schema: {
        summary: 'Create a user and their API token (shown once)',
        tags,
        security,
        body: NewUser,
        response: replies(CreatedUser),
      },
    },
    async (request) => {
      const body = request.body as {
        name: string;
        role: string;
        password: string;
        scopes?: string;
        tokenDays?: number;
      };
      return createUserWithToken(deps.db, actorOf(request), body);
    },
  );
  app.post(
    '/v1/admin/users/:name/disable',
    {
      schema: {
        summary: 'Disable a user (sessions and tokens stop)',
        tags,
        security,
        params: Name,
        response: replies(DisabledUser),
      },
    },
    async (request) =>
      disableUserAudited(deps.db, actorOf(request), (request.params as { name: string }).name),
  );
  app.post(
    '/v1/admin/users/:name/reset',
    {
      schema: {
        summary: "Set a user's password",
        tags,
        security,
        params: Name,
        body: NewPassword,
        response: replies(ResetUser),
      },
    },
    async (request) =>
      resetPasswordAudited(
        deps.db,
        actorOf(request),
        (request.params as { name: string }).name,
        (request.body as { password: string }).password,
      ),
  );
  app.post(
    '/v1/admin/users/:name/language',
    {
      schema: {
        summary: "Set a user's language (en, pl; null follows each request)",
        tags,
        security,
        params: Name,
        body: UserLanguage,
        response: replies(LanguageOfUser),
      },
    },
    async (request) =>
      setUserLanguageAudited(
        deps.db,
        actorOf(request),
        (request.params as { name: string }).name,
        (request.body as UserLanguage).language,
      ),
  );
  app.get(
    '/v1/admin/tokens',
    {
      schema: {
        summary: 'List API tokens (never the tokens)',
        tags,
        security,
        querystring: TokensQuery,
        response: replies(TokenList),
      },
    },
    async (request) => listTokens(deps.db, (request.query as { user?: string }).user),
  );
  app.post(
    '/v1/admin/tokens',
    {
      schema: {
        summary: 'Create an API token (shown once)',
        tags,
        security,
        body: NewToken,
        response: replies(CreatedToken),
      },
    },
    async (request) =>
      createTokenAudited(
        deps.db,
        actorOf(request),
        request.body as { user: string; scopes?: string; days?: number },
      ),
  );
  app.post(
    '/v1/admin/tokens/:id/revoke',
    {
      schema: { summary: 'Revoke an API token', tags, security, params: Id, response: replies(RevokedToken) },
    },
    async (request) => revokeTokenAudited(deps.db, actorOf(request), (request.params as { id: string }).id),
  );
}
