import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { isPostgresLocation } from '../store/location.js';
import { FILE_MODE } from './files.js';

/** The instance key's two uses, derived from it so that one secret serves both (RFC 5869 HKDF). */
export interface InstanceKey {
  /** HMAC-SHA256 key of the blind indexes (suppressions, encrypted-field lookups). */
  readonly index: Buffer;
  /** AES-256-GCM key of encrypted personal fields. */
  readonly data: Buffer;
  /** Where the key came from: `env` (CLIENTELE_KEY), a key file's path, or `memory`. */
  readonly source: string;
}

/** Where the key file of a database lives: beside it, readable by its owner only. */
export function keyFilePath(location: string): string {
  return `${location}.key`;
}

const HEX64 = /^[0-9a-fA-F]{64}$/;
// One key per in-memory database for the life of the process: nothing outlives it anyway.
const memoryKeys = new Map<string, Buffer>();

function parseKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!HEX64.test(hex)) {
    throw new ClienteleError(
      'CLT_ERR_PRIVACY_KEY_INVALID',
      `${where} does not hold a key of 64 hexadecimal characters`,
    );
  }
  return Buffer.from(hex, 'hex');
}

function derive(master: Buffer, source: string): InstanceKey {
  const part = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { index: part('clientele blind index v1'), data: part('clientele field encryption v1'), source };
}

/**
 * The instance key of the database at `location`: CLIENTELE_KEY when set, else the key file beside the
 * database. With `create`, a missing key file is made (32 random bytes, mode 0600); without it, a
 * missing key is null.
 */
export function loadInstanceKey(location: string, options: { create?: boolean } = {}): InstanceKey | null {
  const env = process.env.CLIENTELE_KEY;
  if (env !== undefined && env !== '') return derive(parseKey(env, 'CLIENTELE_KEY'), 'env');
  if (location === ':memory:' || location === '') {
    let key = memoryKeys.get(location);
    if (!key && options.create) {
      key = randomBytes(32);
      memoryKeys.set(location, key);
    }
    return key ? derive(key, 'memory') : null;
  }
  // A database server has no folder of ours to hold a key file, and every process that opens the database
  // (several servers, the CLI) must use the same key: it comes from CLIENTELE_KEY only.
  if (isPostgresLocation(location)) {
    if (!options.create) return null;
    throw new ClienteleError(
      'CLT_ERR_PRIVACY_KEY_MISSING',
      `a PostgreSQL database keeps no key file: set CLIENTELE_KEY to 64 hexadecimal characters (openssl rand -hex 32), the same for every process that opens ${location}`,
    );
  }
  const file = keyFilePath(location);
  if (existsSync(file)) return derive(parseKey(readFileSync(file, 'utf8'), file), file);
  if (!options.create) return null;
  const key = randomBytes(32);
  // `wx`: never overwrite a key another process just wrote; the blind indexes made under it would be lost.
  try {
    writeFileSync(file, `${key.toString('hex')}\n`, { mode: FILE_MODE, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return derive(parseKey(readFileSync(file, 'utf8'), file), file);
    throw error;
  }
  return derive(key, file);
}

/** A short public fingerprint of a key, stored in the database to recognise the key it was used with. */
export function keyCheck(key: InstanceKey): string {
  return createHmac('sha256', key.index).update('clientele key check').digest('hex').slice(0, 16);
}

/**
 * The database's key, checked against the fingerprint stored on first use, so that a wrong CLIENTELE_KEY
 * fails loudly instead of silently matching nothing. `create` makes a key file when there is no key.
 */
export async function databaseKey(
  db: Warehouse,
  options: { create?: boolean } = {},
): Promise<InstanceKey | null> {
  const key = loadInstanceKey(db.location, options);
  const [stored] = await db.all<{ value: string }>(
    "SELECT value FROM privacy_settings WHERE name = 'key_check'",
  );
  if (!key) {
    if (stored) {
      throw new ClienteleError(
        'CLT_ERR_PRIVACY_KEY_MISSING',
        `the database ${db.location} was used with an instance key, and neither CLIENTELE_KEY nor ${keyFilePath(db.location)} holds it`,
      );
    }
    return null;
  }
  const check = keyCheck(key);
  if (!stored) {
    await db.run("INSERT INTO privacy_settings VALUES ('key_check', ?) ON CONFLICT DO NOTHING", [check]);
  } else if (stored.value !== check) {
    throw new ClienteleError(
      'CLT_ERR_PRIVACY_KEY_MISMATCH',
      `the key from ${key.source === 'env' ? 'CLIENTELE_KEY' : key.source} is not the one ${db.location} was used with`,
    );
  }
  return key;
}

/** The key a database needs, or CLT_ERR_PRIVACY_KEY_MISSING naming where to put it. */
export async function requireDatabaseKey(db: Warehouse): Promise<InstanceKey> {
  const key = await databaseKey(db);
  if (key) return key;
  throw new ClienteleError(
    'CLT_ERR_PRIVACY_KEY_MISSING',
    `no instance key for ${db.location}: set CLIENTELE_KEY or restore ${keyFilePath(db.location)}`,
  );
}
