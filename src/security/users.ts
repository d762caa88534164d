import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { type Principal, parseRole, ROLE_SCOPES, type Role } from './roles.js';

// An instant as ISO text on either engine.
const iso = (db: Warehouse, e: string) => db.dialect.formatTime(e, '%Y-%m-%dT%H:%M:%SZ');

/** A user as listed: never the password hash. */
export interface UserInfo {
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly disabledAt: string | null;
  readonly lastSignInAt: string | null;
  /** Tokens neither revoked nor expired. */
  readonly activeTokens: number;
}

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

// A real hash of a random password: a sign-in with an unknown name still pays for one verification, so
// that the answer's timing does not tell which names exist.
let decoy: Promise<string> | undefined;

/** Checks a user name's form. */
export function checkUserName(name: string): void {
  if (!NAME.test(name) || name === 'admin-token' || name.startsWith('cli:')) {
    throw new ClienteleError('CLT_ERR_USER_NAME', `invalid user name: ${JSON.stringify(name)}`);
  }
}

/** Creates a user with an argon2id-hashed password. */
export async function createUser(
  db: Warehouse,
  user: { name: string; role: string; password: string },
): Promise<{ name: string; role: Role }> {
  checkUserName(user.name);
  const role = parseRole(user.role);
  const passwordHash = await hashPassword(user.password);
  const taken = await db.all('SELECT 1 FROM users WHERE name = ?', [user.name]);
  if (taken.length) throw new ClienteleError('CLT_ERR_USER_NAME', `a user named ${user.name} exists already`);
  await db.run('INSERT INTO users (name, role, password_hash) VALUES (?, ?, ?)', [
    user.name,
    role,
    passwordHash,
  ]);
  return { name: user.name, role };
}

/** Every user with their state, oldest first. */
export async function listUsers(db: Warehouse): Promise<UserInfo[]> {
  const rows = await db.all<{
    name: string;
    role: Role;
    created_at: string;
    disabled_at: string | null;
    last_sign_in_at: string | null;
    tokens: number;
  }>(
    `SELECT u.name, u.role, ${iso(db, 'u.created_at')} AS created_at,
       ${iso(db, 'u.disabled_at')} AS disabled_at,
       ${iso(db, 'u.last_sign_in_at')} AS last_sign_in_at,
       (SELECT count(*) FROM api_tokens t WHERE t.user_name = u.name AND t.revoked_at IS NULL
          AND (t.expires_at IS NULL OR t.expires_at > current_timestamp))::INTEGER AS tokens
     FROM users u ORDER BY u.created_at, u.name`,
  );
  return rows.map((r) => ({
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
    lastSignInAt: r.last_sign_in_at,
    activeTokens: r.tokens,
  }));
}

async function requireUser(db: Warehouse, name: string): Promise<{ role: Role; disabled: boolean }> {
  const [row] = await db.all<{ role: Role; disabled: boolean }>(
    'SELECT role, disabled_at IS NOT NULL AS disabled FROM users WHERE name = ?',
    [name],
  );
  if (!row) throw new ClienteleError('CLT_ERR_USER_NOT_FOUND', `no user named ${name}`);
  return row;
}

/** Disables a user: their sign-ins, sessions and tokens stop working at once. */
export async function disableUser(
  db: Warehouse,
  name: string,
): Promise<{ name: string; revokedTokens: number }> {
  await requireUser(db, name);
  return db.transaction(async (tx) => {
    await tx.run('UPDATE users SET disabled_at = coalesce(disabled_at, current_timestamp) WHERE name = ?', [
      name,
    ]);
    const [n] = await tx.all<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM api_tokens WHERE user_name = ? AND revoked_at IS NULL',
      [name],
    );
    await tx.run(
      'UPDATE api_tokens SET revoked_at = current_timestamp WHERE user_name = ? AND revoked_at IS NULL',
      [name],
    );
    return { name, revokedTokens: n?.n ?? 0 };
  });
}

/** Sets a new password (and enables the user again): sessions signed in before it stop working. */
export async function resetPassword(
  db: Warehouse,
  name: string,
  password: string,
): Promise<{ name: string }> {
  await requireUser(db, name);
  const passwordHash = await hashPassword(password);
  await db.run(
    'UPDATE users SET password_hash = ?, password_changed_at = current_timestamp, disabled_at = NULL WHERE name = ?',
    [passwordHash, name],
  );
  return { name };
}

/** The principal of a user signing in with a password, or null (unknown, disabled or a wrong password). */
export async function signInUser(db: Warehouse, name: string, password: string): Promise<Principal | null> {
  const [row] = await db.all<{
    role: Role;
    password_hash: string;
    disabled: boolean;
    language: string | null;
  }>('SELECT role, password_hash, disabled_at IS NOT NULL AS disabled, language FROM users WHERE name = ?', [
    name,
  ]);
  if (!row) {
    decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
    await verifyPassword(await decoy, password);
    return null;
  }
  const ok = await verifyPassword(row.password_hash, password);
  if (!ok || row.disabled) return null;
  await db.run('UPDATE users SET last_sign_in_at = current_timestamp WHERE name = ?', [name]);
  return {
    name,
    role: row.role,
    scopes: new Set(ROLE_SCOPES[row.role]),
    via: 'session',
    ...(row.language && { language: row.language }),
  };
}

/** The user's role if they may still act (exists, not disabled, password unchanged since `since`). */
export async function activeUserRole(db: Warehouse, name: string, since?: number): Promise<Role | null> {
  return (await activeUser(db, name, since))?.role ?? null;
}

/** The user's role and chosen language if they may still act (as {@link activeUserRole}). */
export async function activeUser(
  db: Warehouse,
  name: string,
  since?: number,
): Promise<{ role: Role; language: string | null } | null> {
  const [row] = await db.all<{ role: Role; disabled: boolean; changed: number; language: string | null }>(
    `SELECT role, disabled_at IS NOT NULL AS disabled, ${db.dialect.epochMs('password_changed_at')} AS changed, language FROM users WHERE name = ?`,
    [name],
  );
  if (!row || row.disabled) return null;
  if (since !== undefined && Number(row.changed) > since) return null;
  return { role: row.role, language: row.language };
}

/**
 * Sets the language a user is answered in (`en`, `pl`), or null for "as each request asks"; false when there
 * is no such user (the admin token is no user: its language is the browser's).
 */
export async function setUserLanguage(
  db: Warehouse,
  name: string,
  language: string | null,
): Promise<boolean> {
  const [row] = await db.all<{ n: number }>('SELECT count(*) AS n FROM users WHERE name = ?', [name]);
  if (!row || Number(row.n) === 0) return false;
  await db.run('UPDATE users SET language = ? WHERE name = ?', [language, name]);
  return true;
}
