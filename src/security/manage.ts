import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { appendAudit } from './audit.js';
import { type CreatedToken, createToken, revokeToken } from './tokens.js';
import { createUser, disableUser, resetPassword, setUserLanguage } from './users.js';

/** Who makes a change, for the audit log: the CLI's user on this machine, or the API caller. */
export interface Actor {
  readonly actor: string;
  readonly role: string | null;
  readonly origin: string | null;
}

/** What `users create` prints, once: the user and their API token. */
export interface CreatedUser {
  readonly name: string;
  readonly role: string;
  readonly token: string;
  readonly tokenId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: string | null;
}

/**
 * User and token changes with their audit entries, one function each, shared by the CLI on the file and
 * the admin routes the CLI calls while `clientele serve` holds it (src/cli/held.ts).
 */
export async function createUserWithToken(
  db: Warehouse,
  who: Actor,
  input: { name: string; role: string; password: string; scopes?: string; tokenDays?: number },
): Promise<CreatedUser> {
  const user = await createUser(db, { name: input.name, role: input.role, password: input.password });
  const token = await createToken(db, { user: input.name, scopes: input.scopes, days: input.tokenDays });
  await appendAudit(db, {
    ...who,
    action: 'user-change',
    target: `user:${input.name}`,
    details: { change: 'create', role: user.role, tokenId: token.id, scopes: token.scopes },
  });
  return {
    name: user.name,
    role: user.role,
    token: token.token,
    tokenId: token.id,
    scopes: token.scopes,
    expiresAt: token.expiresAt,
  };
}

export async function disableUserAudited(db: Warehouse, who: Actor, name: string) {
  const done = await disableUser(db, name);
  await appendAudit(db, {
    ...who,
    action: 'user-change',
    target: `user:${name}`,
    details: { change: 'disable', revokedTokens: done.revokedTokens },
  });
  return done;
}

export async function resetPasswordAudited(db: Warehouse, who: Actor, name: string, password: string) {
  const done = await resetPassword(db, name, password);
  await appendAudit(db, {
    ...who,
    action: 'user-change',
    target: `user:${name}`,
    details: { change: 'reset' },
  });
  return done;
}

/**
 * Sets the language a user is answered in (`en`, `pl`, or null to follow each request) for an admin, as
 * the user's own `PUT /v1/session/language` does for themselves.
 */
export async function setUserLanguageAudited(
  db: Warehouse,
  who: Actor,
  name: string,
  language: 'en' | 'pl' | null,
): Promise<{ name: string; language: 'en' | 'pl' | null }> {
  if (!(await setUserLanguage(db, name, language)))
    throw new ClienteleError('CLT_ERR_USER_NOT_FOUND', `no user named ${name}`);
  await appendAudit(db, {
    ...who,
    action: 'user-change',
    target: `user:${name}`,
    details: { change: 'language', language },
  });
  return { name, language };
}

export async function createTokenAudited(
  db: Warehouse,
  who: Actor,
  options: { user: string; scopes?: string; days?: number },
): Promise<CreatedToken> {
  const token = await createToken(db, options);
  await appendAudit(db, {
    ...who,
    action: 'token-change',
    target: `token:${token.id}`,
    details: { change: 'create', user: options.user, scopes: token.scopes, expiresAt: token.expiresAt },
  });
  return token;
}

export async function revokeTokenAudited(db: Warehouse, who: Actor, id: string) {
  const done = await revokeToken(db, id);
  await appendAudit(db, {
    ...who,
    action: 'token-change',
    target: `token:${id}`,
    details: { change: 'revoke' },
  });
  return done;
}
