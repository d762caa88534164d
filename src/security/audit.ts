/**
 * The audit log: who did what, when and from where, appended to a hash chain. Each entry holds the hash
 * of the entry before it and a hash over its own content and that one, and `audit_head` holds the last
 * entry's number and hash, so editing, deleting or truncating entries shows in `verifyAudit`.
 */
import { createHash, createHmac } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { ClienteleError } from '../errors/index.js';
import { databaseKey } from '../privacy/key.js';
import type { Warehouse } from '../store/index.js';

/** What an entry records. */
export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'read-personal'
  | 'export'
  | 'key-change'
  | 'user-change'
  | 'token-change'
  | 'config-change'
  | 'data-change'
  | 'erasure'
  | 'subject-export';

/** One thing to record. */
export interface AuditEntry {
  /** Who: a user name, `admin` (the server's admin token) or `cli:<os user>`. */
  readonly actor: string;
  readonly role?: string | null;
  readonly action: AuditAction;
  /** What it touched: a route, a segment, a key or user name, an identifier's blind index. */
  readonly target?: string | null;
  /** From where: the client's IP address, or `cli@<host>`. */
  readonly origin?: string | null;
  readonly details?: Record<string, unknown> | null;
}

/** An entry as stored. */
export interface AuditRecord extends Required<AuditEntry> {
  readonly seq: number;
  readonly at: string;
  readonly hash: string;
}

/** What `verifyAudit` found. */
export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** The first entry that is not as written (or the first missing one), and why. */
  readonly firstBad: { readonly seq: number; readonly reason: string } | null;
}

const GENESIS = '0'.repeat(64);

// Entries are numbered and chained in the order they are appended; one process owns a database file, so
// a queue per file keeps appends in order.
const queues = new Map<string, Promise<unknown>>();

// Keyed entries carry this prefix: an HMAC under a key kept outside the database file (the instance key,
// docs/privacy.md), so whoever can write the file but not read the key cannot recompute the chain after
// editing it. Entries without it are plain SHA-256, written before the chain was keyed.
const KEYED = 'k1:';

// The PostgreSQL advisory lock held while an entry is appended ('CltA' as a number).
const AUDIT_LOCK = 0x436c7441;

function entryHash(
  prev: string,
  seq: number,
  atMs: number,
  e: Required<AuditEntry>,
  details: string | null,
  key: Buffer | null,
) {
  const content = JSON.stringify([seq, atMs, e.actor, e.role, e.action, e.target, e.origin, details]);
  if (key) return KEYED + createHmac('sha256', key).update(`${prev}\n${content}`).digest('hex');
  return createHash('sha256').update(`${prev}\n${content}`).digest('hex');
}

// The chain's key, derived from the instance key's blind-index key (HMAC as a PRF with its own label).
async function chainKey(db: Warehouse, create: boolean): Promise<Buffer | null> {
  const key = await databaseKey(db, { create });
  return key ? createHmac('sha256', key.index).update('clientele audit chain v1').digest() : null;
}

/** The actor and origin of a command run by the local user. */
export function cliActor(): { actor: string; origin: string; role: string } {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): keep 'unknown'.
  }
  return { actor: `cli:${user}`, origin: `cli@${hostname()}`, role: 'admin' };
}

/** Appends `entry` to the audit log of `db`; resolves once it is committed. */
export async function appendAudit(db: Warehouse, entry: AuditEntry): Promise<AuditRecord> {
  const e: Required<AuditEntry> = {
    actor: entry.actor,
    role: entry.role ?? null,
    action: entry.action,
    target: entry.target ?? null,
    origin: entry.origin ?? null,
    details: entry.details ?? null,
  };
  const details = e.details === null ? null : JSON.stringify(e.details);
  const previous = queues.get(db.location) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      // Made on first use (a key file beside the database, owner-only) when there is none.
      const key = await chainKey(db, true);
      return db.transaction(async (tx) => {
        // Several processes on one PostgreSQL database append to one chain: one at a time, each after the last.
        if (tx.dialect.name === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(?)', [AUDIT_LOCK]);
        let [head] = await tx.all<{ seq: number; hash: string }>(
          'SELECT seq, hash FROM audit_head WHERE id = 1',
        );
        if (key && head && !head.hash.startsWith(KEYED)) {
          await resealLegacy(tx, key);
          [head] = await tx.all<{ seq: number; hash: string }>(
            'SELECT seq, hash FROM audit_head WHERE id = 1',
          );
        }
        const seq = Number(head?.seq ?? 0) + 1;
        const prev = head?.hash ?? GENESIS;
        const atMs = Date.now();
        const hash = entryHash(prev, seq, atMs, e, details, key);
        await tx.run(
          `INSERT INTO audit_log (seq, logged_at, actor, role, action, target, origin, details, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [seq, new Date(atMs), e.actor, e.role, e.action, e.target, e.origin, details, prev, hash],
        );
        await tx.run(
          'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
          [seq, hash],
        );
        return { ...e, seq, at: new Date(atMs).toISOString(), hash } satisfies AuditRecord;
      });
    });
  queues.set(db.location, next);
  try {
    return await next;
  } finally {
    if (queues.get(db.location) === next) queues.delete(db.location);
  }
}

interface StoredRow {
  seq: number;
  at_ms: number;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  origin: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

const selectSql = (db: Warehouse) =>
  `SELECT seq, CAST(${db.dialect.epochMs('logged_at')} AS BIGINT) AS at_ms, actor, role, action, target, origin, details, prev_hash, hash FROM audit_log`;

function toRecord(r: StoredRow): AuditRecord {
  return {
    seq: Number(r.seq),
    at: new Date(Number(r.at_ms)).toISOString(),
    actor: r.actor,
    role: r.role,
    action: r.action as AuditAction,
    target: r.target,
    origin: r.origin,
    details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    hash: r.hash,
  };
}

/** The entries since `since` (an ISO date or time), oldest first, at most `limit` (the newest ones). */
export async function listAudit(
  db: Warehouse,
  options: { since?: string; limit?: number } = {},
): Promise<AuditRecord[]> {
  if (options.since !== undefined && Number.isNaN(Date.parse(options.since))) {
    throw new ClienteleError(
      'CLT_ERR_USAGE',
      `since ${options.since}: expected a date or time such as 2026-01-31`,
      { option: 'since' },
    );
  }
  const rows = await db.all<StoredRow & Record<string, unknown>>(
    `SELECT * FROM (${selectSql(db)} WHERE (?::TIMESTAMPTZ IS NULL OR logged_at >= ?::TIMESTAMPTZ) ORDER BY seq DESC LIMIT ?) AS recent ORDER BY seq`,
    [options.since ?? null, options.since ?? null, options.limit ?? 1000],
  );
  return rows.map(toRecord);
}

// A stored row as the entry it was hashed from (its details are hashed as the stored text).
const storedEntry = (r: StoredRow): Required<AuditEntry> => ({
  actor: r.actor,
  role: r.role,
  action: r.action as AuditAction,
  target: r.target,
  origin: r.origin,
  details: null,
});

/** Walks the whole chain and names the first entry that was edited, deleted or cut off. */
export async function verifyAudit(db: Warehouse): Promise<AuditVerification> {
  const rows = await db.all<StoredRow & Record<string, unknown>>(`${selectSql(db)} ORDER BY seq`);
  const [head] = await db.all<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  return walkChain(rows, head, await chainKey(db, false));
}

// With a key, every entry must be keyed (older, unkeyed logs are re-signed by the first append once their
// plain chain checks out, see resealLegacy); without one, only a plain chain can be checked.
function walkChain(
  rows: readonly StoredRow[],
  head: { seq: number; hash: string } | undefined,
  key: Buffer | null,
): AuditVerification {
  let prev = GENESIS;
  let expected = 1;
  for (const r of rows) {
    const seq = Number(r.seq);
    const bad = (reason: string) => ({ ok: false, entries: rows.length, firstBad: { seq, reason } });
    if (seq !== expected) {
      return {
        ok: false,
        entries: rows.length,
        firstBad: { seq: expected, reason: `entry ${expected} is missing` },
      };
    }
    if (r.prev_hash !== prev) return bad('it does not follow the entry before it (prev_hash differs)');
    const e = storedEntry(r);
    const keyed = r.hash.startsWith(KEYED);
    if (key && !keyed) return bad('it is not signed with the instance key (written by someone without it)');
    if (!key && keyed)
      return bad(
        'it is signed with an instance key this run does not have (set CLIENTELE_KEY or restore the key file)',
      );
    if (entryHash(prev, seq, Number(r.at_ms), e, r.details, key) !== r.hash)
      return bad('its content was changed');
    prev = r.hash;
    expected += 1;
  }
  const last = expected - 1;
  if ((head ? Number(head.seq) : 0) !== last || (head && head.hash !== prev)) {
    return {
      ok: false,
      entries: rows.length,
      firstBad: { seq: last + 1, reason: `the log ends at entry ${last} but ${head?.seq ?? 0} were written` },
    };
  }
  return { ok: true, entries: rows.length, firstBad: null };
}

/**
 * A log written before the chain was keyed is re-signed under the key once, by the first append that has
 * one, and only when its plain chain is intact: a tampered log is left as it is, for verify to report.
 */
async function resealLegacy(tx: Warehouse, key: Buffer): Promise<void> {
  const rows = await tx.all<StoredRow & Record<string, unknown>>(`${selectSql(tx)} ORDER BY seq`);
  const [head] = await tx.all<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  if (!walkChain(rows, head, null).ok) return;
  let prev = GENESIS;
  for (const r of rows) {
    const hash = entryHash(prev, Number(r.seq), Number(r.at_ms), storedEntry(r), r.details, key);
    await tx.run('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?', [prev, hash, Number(r.seq)]);
    prev = hash;
  }
  if (rows.length) await tx.run('UPDATE audit_head SET hash = ? WHERE id = 1', [prev]);
}
