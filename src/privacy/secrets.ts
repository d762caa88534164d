import { ClienteleError } from '../errors/index.js';
import { identifier, param, sql, type Warehouse } from '../store/index.js';
import { decryptField, encryptField, isEncrypted } from './cipher.js';
import { databaseKey } from './key.js';

/** The columns that hold credentials: webhook secrets, write keys, SMTP URLs with a password. */
export const SECRET_COLUMNS = [
  { table: 'destinations', column: 'secret', key: 'name' },
  { table: 'destinations', column: 'write_key', key: 'name' },
  { table: 'campaigns', column: 'smtp', key: 'name' },
  { table: 'alerts', column: 'secret', key: 'name' },
] as const;

/** One of {@link SECRET_COLUMNS}, as `table.column` (also the encryption's additional data). */
export type SecretColumn =
  `${(typeof SECRET_COLUMNS)[number]['table']}.${(typeof SECRET_COLUMNS)[number]['column']}`;

/**
 * Seals a credential for storage: AES-256-GCM under the instance key (src/privacy/cipher.ts), bound to its
 * column. A database without a key gets one (the key file beside it), whether or not personal fields are
 * encrypted: credentials are sealed always, so a copy of the database file alone does not hand them out.
 */
export async function sealSecret(
  db: Warehouse,
  value: string | null | undefined,
  column: SecretColumn,
): Promise<string | null> {
  if (value === null || value === undefined) return null;
  if (isEncrypted(value)) return value;
  const key = await databaseKey(db, { create: true });
  if (!key) throw new Error(`no instance key for ${db.location}`);
  return encryptField(key, value, column);
}

/** A stored credential in clear, for delivering; a value stored before sealing existed is returned as is. */
export async function openSecret(
  db: Warehouse,
  stored: string | null,
  column: SecretColumn,
): Promise<string | null> {
  if (stored === null || !isEncrypted(stored)) return stored;
  const key = await databaseKey(db);
  if (!key)
    throw new ClienteleError(
      'CLT_ERR_PRIVACY_KEY_MISSING',
      `${column} is sealed under the instance key, and neither CLIENTELE_KEY nor the key file beside ${db.location} holds it`,
    );
  return decryptField(key, stored, column);
}

/**
 * Seals every credential still stored in clear (rows written before sealing existed); returns how many.
 * Readers call it when they meet a clear value, so old databases are re-sealed on first use.
 */
export async function resealSecrets(db: Warehouse): Promise<number> {
  let sealed = 0;
  for (const c of SECRET_COLUMNS) {
    const [t, col, k] = [identifier(c.table), identifier(c.column), identifier(c.key)];
    const select = sql`SELECT ${k} AS k, ${col} AS v FROM ${t}
      WHERE ${col} IS NOT NULL AND NOT starts_with(${col}, 'enc1:')`;
    for (const r of await db.all<{ k: string; v: string }>(select.text, select.params)) {
      const value = await sealSecret(db, r.v, `${c.table}.${c.column}`);
      const update = sql`UPDATE ${t} SET ${col} = ${param(value)} WHERE ${k} = ${param(r.k)}`;
      await db.run(update.text, update.params);
      sealed++;
    }
  }
  return sealed;
}

/** A credential as it may be shown: an SMTP URL keeps its user and host, never its password. */
export function maskSmtpUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}
