import { randomBytes } from 'node:crypto';
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { secretHash } from './compare.js';
import { type Principal, parseScopes, ROLE_SCOPES, type Role, type Scope } from './roles.js';

// An instant as ISO text on either engine.
const iso = (db: Warehouse, e: string) => db.dialect.formatTime(e, '%Y-%m-%dT%H:%M:%SZ');

/** Days a token lasts unless told otherwise. */
export const DEFAULT_TOKEN_DAYS = 90;

/** A token as listed: never the token itself. */
export interface TokenInfo {
  readonly id: string;
  readonly user: string;
  readonly scopes: Scope[];
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/** A new token: the only time it is shown. */
export interface CreatedToken {
  readonly id: string;
  readonly user: string;
  readonly scopes: Scope[];
  readonly expiresAt: string | null;
  readonly token: string;
}

/**
 * Creates an API token for `user` with `scopes` (a subset of the role's; all of them by default) that
 * expires after `days` (0: never).
 */
export async function createToken(
  db: Warehouse,
  options: { user: string; scopes?: string; days?: number },
): Promise<CreatedToken> {
  const [row] = await db.all<{ role: Role; disabled: boolean }>(
    'SELECT role, disabled_at IS NOT NULL AS disabled FROM users WHERE name = ?',
    [options.user],
  );
  if (!row) throw new ClienteleError('CLT_ERR_USER_NOT_FOUND', `no user named ${options.user}`);
  if (row.disabled)
    throw new ClienteleError('CLT_ERR_USER_NOT_FOUND', `the user ${options.user} is disabled`);
  const scopes = parseScopes(options.scopes, row.role);
  const days = options.days ?? DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 0 || days > 3650) {
    throw new ClienteleError(
      'CLT_ERR_USAGE',
      `token lifetime ${days}: expected whole days from 0 (never) to 3650`,
    );
  }
  const id = randomBytes(6).toString('hex');
  // 24 random bytes: 192 bits; the prefix makes a leaked token recognisable to secret scanners.
  const token = `cltu_${randomBytes(24).toString('base64url')}`;
  const expiresAt = days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
  await db.run(
    'INSERT INTO api_tokens (token_id, user_name, token_sha256, scopes, expires_at) VALUES (?, ?, ?, ?, ?::TIMESTAMPTZ)',
    [id, options.user, secretHash(token), scopes.join(','), expiresAt],
  );
  return { id, user: options.user, scopes, expiresAt, token };
}

/** The tokens (of one user, or all), newest first. */
export async function listTokens(db: Warehouse, user?: string): Promise<TokenInfo[]> {
  const rows = await db.all<{
    id: string;
    user: string;
    scopes: string;
    created_at: string;
    expires_at: string | null;
    revoked_at: string | null;
  }>(
    `SELECT token_id AS id, user_name AS "user", scopes, ${iso(db, 'created_at')} AS created_at,
       ${iso(db, 'expires_at')} AS expires_at, ${iso(db, 'revoked_at')} AS revoked_at
     FROM api_tokens WHERE (CAST(? AS VARCHAR) IS NULL OR user_name = CAST(? AS VARCHAR)) ORDER BY created_at DESC, token_id`,
    [user ?? null, user ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    user: r.user,
    scopes: r.scopes.split(',') as Scope[],
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a token by its id; it stops working at the next request. */
export async function revokeToken(db: Warehouse, id: string): Promise<{ id: string }> {
  const [row] = await db.all('SELECT 1 FROM api_tokens WHERE token_id = ?', [id]);
  if (!row) throw new ClienteleError('CLT_ERR_TOKEN_NOT_FOUND', `no token with id ${id}`);
  await db.run(
    'UPDATE api_tokens SET revoked_at = coalesce(revoked_at, current_timestamp) WHERE token_id = ?',
    [id],
  );
  return { id };
}

/** Why a token was refused, for the answer's message. */
export type TokenRefusal = 'unknown' | 'revoked' | 'expired' | 'user disabled';

/**
 * The principal a user token acts as: the token's scopes, narrowed to what the user's role has now (a
 * role changed later narrows old tokens too). Looked up by hash, so no comparison of secrets happens here.
 */
export async function principalForToken(
  db: Warehouse,
  token: string,
): Promise<{ ok: true; principal: Principal } | { ok: false; reason: TokenRefusal }> {
  const [row] = await db.all<{
    id: string;
    user: string;
    scopes: string;
    revoked: boolean;
    expired: boolean;
    role: Role | null;
    disabled: boolean | null;
    language: string | null;
  }>(
    `SELECT t.token_id AS id, t.user_name AS user, t.scopes, t.revoked_at IS NOT NULL AS revoked,
       coalesce(t.expires_at <= current_timestamp, false) AS expired, u.role, u.disabled_at IS NOT NULL AS disabled,
       u.language
     FROM api_tokens t LEFT JOIN users u ON u.name = t.user_name WHERE t.token_sha256 = ?`,
    [secretHash(token)],
  );
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked) return { ok: false, reason: 'revoked' };
  if (row.expired) return { ok: false, reason: 'expired' };
  if (!row.role || row.disabled) return { ok: false, reason: 'user disabled' };
  const allowed = ROLE_SCOPES[row.role];
  const scopes = new Set((row.scopes.split(',') as Scope[]).filter((s) => allowed.includes(s)));
  return {
    ok: true,
    principal: {
      name: row.user,
      role: row.role,
      scopes,
      via: 'token',
      tokenId: row.id,
      ...(row.language && { language: row.language }),
    },
  };
}
