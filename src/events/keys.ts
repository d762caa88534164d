import { createHash, randomBytes } from 'node:crypto';
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';

/** A write key as listed: never the key itself, only its first characters. */
export interface KeyInfo {
  readonly name: string;
  readonly prefix: string;
  readonly importId: number;
  readonly createdAt: string;
  readonly events: number;
}

/** A source known to the server: the key's hash maps to it. */
export interface Source {
  readonly name: string;
  readonly importId: number;
}

/** A newly created key: the only time the key is shown. */
export interface CreatedKey extends Source {
  readonly key: string;
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The SHA-256 of a write key, as stored. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates a source-scoped write key and the `imports` row its events land under. */
export async function createKey(db: Warehouse, name: string): Promise<CreatedKey> {
  if (!NAME.test(name)) {
    throw new ClienteleError('CLT_ERR_API_KEY_NAME', `invalid key name: ${JSON.stringify(name)}`);
  }
  // 24 random bytes: 192 bits, beyond guessing; the prefix names the product so leaked keys are recognisable.
  const key = `clt_${randomBytes(24).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const taken = await tx.all('SELECT 1 FROM api_keys WHERE name = ?', [name]);
    if (taken.length) throw new ClienteleError('CLT_ERR_API_KEY_NAME', `a key named ${name} exists already`);
    const [row] = await tx.all<{ id: number }>("SELECT nextval('import_ids') AS id");
    const importId = row!.id;
    await tx.run(
      `INSERT INTO imports (import_id, kind, file, file_sha256, file_bytes, format, options, mapping, started_at,
         finished_at, rows_read, rows_accepted, rows_rejected, rows_duplicate, rows_updated, seconds)
       VALUES (?, 'events', ?, '', 0, 'segment-api', NULL, NULL, current_timestamp, current_timestamp, 0, 0, 0, 0, 0, 0)`,
      [importId, `api:${name}`],
    );
    await tx.run('INSERT INTO api_keys (name, key_sha256, key_prefix, import_id) VALUES (?, ?, ?, ?)', [
      name,
      hashKey(key),
      key.slice(0, 8),
      importId,
    ]);
    return { name, importId, key };
  });
}

/** Lists the write keys with the number of events each source has stored. */
export async function listKeys(db: Warehouse): Promise<KeyInfo[]> {
  const rows = await db.all<{
    name: string;
    prefix: string;
    import_id: number;
    created_at: Date;
    events: number;
  }>(
    `SELECT k.name, k.key_prefix AS prefix, k.import_id, k.created_at, i.rows_accepted AS events
     FROM api_keys k JOIN imports i USING (import_id) WHERE k.revoked_at IS NULL ORDER BY k.created_at, k.name`,
  );
  return rows.map((r) => ({
    name: r.name,
    prefix: r.prefix,
    importId: r.import_id,
    createdAt: new Date(r.created_at).toISOString(),
    events: r.events,
  }));
}

/** The sources by key hash, for the server's authentication. */
export async function loadSources(db: Warehouse): Promise<Map<string, Source>> {
  const rows = await db.all<{ name: string; key_sha256: string; import_id: number }>(
    'SELECT name, key_sha256, import_id FROM api_keys WHERE revoked_at IS NULL',
  );
  return new Map(rows.map((r) => [r.key_sha256, { name: r.name, importId: r.import_id }]));
}

/** How fresh the server's copy of the keys is kept (sourceFinder). */
export const SOURCES_MAX_AGE_MS = 5_000;
/** A key the copy does not know makes it read the keys again, at most this often. */
export const SOURCES_MISS_RELOAD_MS = 1_000;

/**
 * The source a key hash names, from `sources` (the server's copy, which its own admin routes update at once)
 * kept in step with the database: another process may create, rotate or revoke keys there (the CLI on
 * PostgreSQL, a second server on the same database). The copy is read again when it is older than
 * SOURCES_MAX_AGE_MS, so a revocation elsewhere takes effect within that time, and when a key it does not
 * know arrives, at most once per SOURCES_MISS_RELOAD_MS, so unknown keys cannot make every request a query.
 */
export function sourceFinder(
  db: Warehouse,
  sources: Map<string, Source>,
): (keyHash: string) => Promise<Source | undefined> {
  let loadedAt = Date.now();
  let loading: Promise<void> | undefined;
  const reload = (): Promise<void> => {
    loading ??= loadSources(db)
      .then((fresh) => {
        sources.clear();
        for (const [hash, source] of fresh) sources.set(hash, source);
      })
      // A database that cannot answer now keeps the last copy; the next request tries again.
      .catch(() => undefined)
      .finally(() => {
        loadedAt = Date.now();
        loading = undefined;
      });
    return loading;
  };
  return async (keyHash) => {
    if (Date.now() - loadedAt > SOURCES_MAX_AGE_MS) await reload();
    const known = sources.get(keyHash);
    if (known || Date.now() - loadedAt < SOURCES_MISS_RELOAD_MS) return known;
    await reload();
    return sources.get(keyHash);
  };
}

/** Revokes the write key of source `name`: its requests are refused from now on; its events stay. */
export async function revokeKey(db: Warehouse, name: string): Promise<{ name: string; keyHash: string }> {
  const [row] = await db.all<{ key_sha256: string }>(
    'SELECT key_sha256 FROM api_keys WHERE name = ? AND revoked_at IS NULL',
    [name],
  );
  if (!row) throw new ClienteleError('CLT_ERR_API_KEY_NOT_FOUND', `no write key named ${name} in use`);
  await db.run('UPDATE api_keys SET revoked_at = current_timestamp WHERE name = ?', [name]);
  return { name, keyHash: row.key_sha256 };
}

/**
 * Gives source `name` a new write key (shown once); the old one stops working at once. The source keeps
 * its name and its `imports` row, so its events stay together.
 */
export async function rotateKey(db: Warehouse, name: string): Promise<CreatedKey & { oldKeyHash: string }> {
  const [row] = await db.all<{ key_sha256: string; import_id: number }>(
    'SELECT key_sha256, import_id FROM api_keys WHERE name = ? AND revoked_at IS NULL',
    [name],
  );
  if (!row) throw new ClienteleError('CLT_ERR_API_KEY_NOT_FOUND', `no write key named ${name} in use`);
  const key = `clt_${randomBytes(24).toString('base64url')}`;
  await db.run(
    'UPDATE api_keys SET key_sha256 = ?, key_prefix = ?, created_at = current_timestamp WHERE name = ?',
    [hashKey(key), key.slice(0, 8), name],
  );
  return { name, importId: Number(row.import_id), key, oldKeyHash: row.key_sha256 };
}
