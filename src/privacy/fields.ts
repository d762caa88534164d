import type { PersonalKind } from '../domain/kinds.js';
import { ClienteleError } from '../errors/index.js';
import { PERSONAL_FIELDS } from '../security/personal.js';
import type { Warehouse } from '../store/index.js';
import { blindIndex } from './blind-index.js';
import { decryptField, encryptField, isEncrypted } from './cipher.js';
import { databaseKey, type InstanceKey, keyFilePath } from './key.js';

const KINDS: readonly PersonalKind[] = [
  'email',
  'phone',
  'name',
  'date',
  'handle',
  'address',
  'network',
  'text',
];

// Personal keys of event traits (Segment's reserved traits) that are not field names of our kinds.
const TRAIT_KINDS: ReadonlyMap<string, PersonalKind> = new Map([
  ['name', 'name'],
  ['firstName', 'name'],
  ['lastName', 'name'],
  ['username', 'handle'],
  ['address', 'address'],
  ['street', 'address'],
  ['birthday', 'date'],
]);

// The context bound to a ciphertext is its kind of personal data, not its table and column: profiles are
// computed in SQL and copy a customer's name or an identifier's value from table to table, which the engine
// cannot re-encrypt; a value still does not decrypt as another kind (an e-mail moved into a phone column).
const context = (kind: PersonalKind) => `clientele personal ${kind}`;

/** A personal key of a JSON object (traits, context, extra), by name: the kind, or undefined. */
export function personalKey(key: string): PersonalKind | undefined {
  return PERSONAL_FIELDS.get(key) ?? TRAIT_KINDS.get(key);
}

const KEY_PATTERN = new RegExp(
  `"(${[...PERSONAL_FIELDS.keys(), ...TRAIT_KINDS.keys()].map((k) => k.replace(/[^A-Za-z0-9_]/g, '')).join('|')})"\\s*:`,
);

/** Whether a JSON document's text may hold a personal key (a cheap test before parsing it). */
export function holdsPersonalKey(json: string): boolean {
  return KEY_PATTERN.test(json);
}

/**
 * Field encryption of one database: seals personal values before they are written and reveals them at
 * the boundary (CLI, API, exports). Exists only for a database made with `clientele init --encrypt`.
 */
export class FieldCrypto {
  constructor(readonly key: InstanceKey) {}

  /** A personal value as stored: `enc1:` ciphertext; null and empty stay as they are. */
  seal(kind: PersonalKind, value: string): string;
  seal(kind: PersonalKind, value: string | null): string | null;
  seal(kind: PersonalKind, value: string | null): string | null {
    if (value === null || value === '' || isEncrypted(value)) return value;
    return encryptField(this.key, value, context(kind));
  }

  /** A stored value in clear: ciphertext is decrypted (trying `hint`'s kind first), anything else is returned as it is. */
  reveal(stored: string, hint?: PersonalKind): string {
    if (!isEncrypted(stored)) return stored;
    if (hint) {
      try {
        return decryptField(this.key, stored, context(hint));
      } catch {
        // Another kind's value (an order's e-mail under a column of another name): try them all.
      }
    }
    for (const kind of KINDS) {
      if (kind === hint) continue;
      try {
        return decryptField(this.key, stored, context(kind));
      } catch {}
    }
    throw new ClienteleError(
      'CLT_ERR_PRIVACY_DECRYPT',
      'a personal value does not decrypt under this database key (the value or the key was changed)',
    );
  }

  /** The keyed blind index of a normalized identifier (the same HMAC as suppressions). */
  index(type: string, normalized: string): string {
    return blindIndex(this.key, type, normalized);
  }

  /** A copy of a JSON value with every personal key's string (at any depth) sealed. */
  sealJson(value: unknown): unknown {
    const walk = (v: unknown, kind: PersonalKind | undefined): unknown => {
      if (typeof v === 'string') return kind ? this.seal(kind, v) : v;
      if (typeof v === 'number') return kind ? this.seal(kind, String(v)) : v;
      if (Array.isArray(v)) return v.map((x) => walk(x, kind));
      if (v === null || typeof v !== 'object') return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, kind ?? personalKey(k));
      return out;
    };
    return walk(value, undefined);
  }

  /** A copy of any value (an API answer, a CLI result) with every ciphertext string in it decrypted. */
  revealDeep(value: unknown): unknown {
    const walk = (v: unknown, hint: PersonalKind | undefined): unknown => {
      if (typeof v === 'string') return isEncrypted(v) ? this.reveal(v, hint) : revealInText(this, v);
      if (Array.isArray(v)) return v.map((x) => walk(x, hint));
      if (v === null || typeof v !== 'object' || v instanceof Date) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, personalKey(k) ?? hint);
      return out;
    };
    return walk(value, undefined);
  }
}

const EMBEDDED = /enc1:[A-Za-z0-9+/]+=*/g;

// Ciphertext inside text (a JSON document read as text, a reject's raw record): each is decrypted in place.
function revealInText(crypto: FieldCrypto, text: string): string {
  if (!text.includes('enc1:')) return text;
  return text.replace(EMBEDDED, (m) => {
    try {
      return crypto.reveal(m);
    } catch {
      return m;
    }
  });
}

/** Whether personal fields of this database are stored encrypted (`clientele init --encrypt`). */
export async function encryptionEnabled(db: Warehouse): Promise<boolean> {
  const [row] = await db.all<{ value: string }>(
    "SELECT value FROM privacy_settings WHERE name = 'encrypted'",
  );
  return row?.value === 'true';
}

const cache = new Map<string, FieldCrypto | null>();

/**
 * The field encryption of a database, or null when it is not encrypted. An encrypted database without its
 * key fails with CLT_ERR_PRIVACY_ENCRYPTED_NO_KEY: nothing may be read or written half-encrypted.
 */
export async function fieldCrypto(db: Warehouse): Promise<FieldCrypto | null> {
  const known = cache.get(db.location);
  if (known !== undefined && db.location !== ':memory:') return known;
  let crypto: FieldCrypto | null = null;
  if (await encryptionEnabled(db)) {
    const key = await databaseKey(db).catch((error: unknown) => {
      if (error instanceof ClienteleError && error.code === 'CLT_ERR_PRIVACY_KEY_MISSING') return null;
      throw error;
    });
    if (!key) {
      throw new ClienteleError(
        'CLT_ERR_PRIVACY_ENCRYPTED_NO_KEY',
        `the database ${db.location} stores personal data encrypted, and neither CLIENTELE_KEY nor ${keyFilePath(db.location)} holds its key`,
      );
    }
    crypto = new FieldCrypto(key);
  }
  cache.set(db.location, crypto);
  return crypto;
}

/** Forgets what `fieldCrypto` learnt of a database (after `init --encrypt` changed it). */
export function forgetFieldCrypto(location: string): void {
  cache.delete(location);
}
