import { Type } from '@sinclair/typebox';
import { Nullable, Obj } from './shared.js';

const S = Type.String();

/** A user as `clientele users list` and `GET /v1/admin/users` show them (never a password). */
export const UserInfo = Obj({
  name: S,
  role: S,
  createdAt: S,
  disabledAt: Nullable(S),
  lastSignInAt: Nullable(S),
  activeTokens: Type.Number({ description: 'Tokens neither revoked nor expired' }),
});
export const UserList = Type.Array(UserInfo);

/** `users create`: the user and their first API token, shown once. */
export const CreatedUser = Obj({
  name: S,
  role: S,
  token: Type.String({ description: 'Shown once; stored hashed' }),
  tokenId: S,
  scopes: Type.Array(S),
  expiresAt: Nullable(S),
});

export const DisabledUser = Obj({ name: S, revokedTokens: Type.Number() });
export const ResetUser = Obj({ name: S });
/** A user's language as an admin set it (`POST /v1/admin/users/:name/language`); null follows each request. */
export const LanguageOfUser = Obj({
  name: S,
  language: Nullable(Type.Union([Type.Literal('en'), Type.Literal('pl')])),
});

/** An API token as listed (never the token itself). */
export const TokenInfo = Obj({
  id: S,
  user: S,
  scopes: Type.Array(S),
  createdAt: S,
  expiresAt: Nullable(S),
  revokedAt: Nullable(S),
});
export const TokenList = Type.Array(TokenInfo);

/** A new API token: the only time it is shown. */
export const CreatedToken = Obj({
  id: S,
  user: S,
  scopes: Type.Array(S),
  expiresAt: Nullable(S),
  token: Type.String({ description: 'Shown once; stored hashed' }),
});
export const RevokedToken = Obj({ id: S });
