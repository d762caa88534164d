import { KINDS } from '../domain/kinds.js';
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { encryptionEnabled, forgetFieldCrypto } from './fields.js';
import { databaseKey, keyFilePath } from './key.js';

/** What `clientele init` found or did. */
export interface EncryptionState {
  readonly database: string;
  readonly encrypted: boolean;
  /** Where the key comes from: `env` (CLIENTELE_KEY), the key file's path, or null without a key. */
  readonly keySource: string | null;
  /** Whether this call turned encryption on. */
  readonly changed: boolean;
}

/**
 * Turns on field encryption for a database that holds no imported records yet: the key (CLIENTELE_KEY, or a
 * key file made beside the database) is checked in, and a setting says personal fields are stored encrypted
 * from now on. There is no way back: once on, every writer seals and every reader needs the key.
 */
export async function enableEncryption(db: Warehouse): Promise<EncryptionState> {
  if (await encryptionEnabled(db)) {
    const key = await databaseKey(db);
    return { database: db.location, encrypted: true, keySource: key?.source ?? null, changed: false };
  }
  // Encrypting rows in place would leave their clear bytes in the file's freed blocks and its WAL.
  for (const spec of Object.values(KINDS)) {
    const [row] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${spec.table}`);
    if (row && row.n > 0) {
      throw new ClienteleError(
        'CLT_ERR_PRIVACY_ENCRYPT_NOT_EMPTY',
        `${db.location} already holds ${row.n} ${spec.table} rows in clear; encryption can only be turned on for a new database (clientele init --encrypt --db NEW, then import again)`,
      );
    }
  }
  const key = await databaseKey(db, { create: true });
  if (!key) throw new Error(`no key could be made for ${keyFilePath(db.location)}`);
  await db.run(
    "INSERT INTO privacy_settings VALUES ('encrypted', 'true') ON CONFLICT (name) DO UPDATE SET value = 'true'",
  );
  forgetFieldCrypto(db.location);
  return { database: db.location, encrypted: true, keySource: key.source, changed: true };
}

/** Whether a database is encrypted and where its key would come from, without changing anything. */
export async function encryptionState(db: Warehouse): Promise<EncryptionState> {
  const encrypted = await encryptionEnabled(db);
  const key = encrypted ? await databaseKey(db) : null;
  return { database: db.location, encrypted, keySource: key?.source ?? null, changed: false };
}
