import { ClienteleError } from '../errors/index.js';
import { DEFAULT_NORMALIZE, type NormalizeOptions } from '../identity/normalize.js';
import { normalizeIdentifier } from '../identity/rules.js';
import { IDENTIFIER_TYPES, type IdentifierType } from '../identity/types.js';
import { fieldCrypto } from '../privacy/fields.js';
import { type Fragment, join, identifier as name, param, sql, type Warehouse } from '../store/index.js';
import { getProfile, type Profile, profileTimeline } from './profile.js';
import type { TimelinePage, TimelineQuery } from './timeline.js';

// Identifier types stored sealed in an encrypted database (src/identity/resolve.ts).
const SEALED_TYPES = new Set(['email', 'phone', 'twitter', 'facebook', 'instagram', 'linkedin']);

/**
 * The identity nodes an identifier text could be, highest priority first: each type it normalizes under, with
 * the value as stored (the blind index of a sealed type in an encrypted database). `column` says which column
 * of identity_nodes holds it. Shared by {@link findProfile} and the decision index (src/placements/facts.ts).
 */
export async function identifierCandidates(
  db: Warehouse,
  identifier: string,
  options: NormalizeOptions = DEFAULT_NORMALIZE,
): Promise<{ type: IdentifierType; value: string; column: 'value' | 'value_index' }[]> {
  const text = identifier.trim();
  const candidates: { type: IdentifierType; value: string; column: 'value' | 'value_index' }[] = [];
  for (const type of IDENTIFIER_TYPES) {
    const value = normalizeIdentifier(type, text, options);
    if (value !== null) candidates.push({ type, value, column: 'value' });
  }
  if (candidates.length) {
    // With personal fields encrypted, an e-mail, phone or handle node is found by its blind index alone.
    const crypto = await fieldCrypto(db);
    if (crypto) {
      for (const c of candidates)
        if (SEALED_TYPES.has(c.type))
          Object.assign(c, { value: crypto.index(c.type, c.value), column: 'value_index' });
    }
  }
  return candidates;
}

/** Whether an identifier text may also be read as a profile's number (after no identifier matched). */
export function profileNumber(identifier: string): number | null {
  const text = identifier.trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * Finds the profile an identifier belongs to, whatever it is: a profile id, a user or customer id, an
 * email in any case, a phone in any format, an anonymous id or a social handle.
 */
export async function findProfile(
  db: Warehouse,
  identifier: string,
  options: NormalizeOptions = DEFAULT_NORMALIZE,
): Promise<number | null> {
  // Identifiers first: an all-digit customer id (CDNOW's 0004) must not be read as some profile's number.
  const candidates = await identifierCandidates(db, identifier, options);
  const number = profileNumber(identifier);
  // One branch per column and type, each led by an equality the engine can use: `value IN (…)` (a filter
  // pushed into DuckDB's scan, PostgreSQL's index), where one OR over every pair scanned every node. A
  // declared person key is stored as `name:value`; the value alone finds it, as does the whole.
  const branches: Fragment[] = [];
  for (const column of ['value', 'value_index'] as const) {
    const mine = candidates.filter((c) => c.column === column);
    if (!mine.length) continue;
    const pairs = mine.map((c) => sql`(id_type = ${param(c.type)} AND ${name(column)} = ${param(c.value)})`);
    branches.push(
      sql`SELECT profile_id AS p, id_type FROM identity_nodes
        WHERE ${name(column)} IN (${join([...new Set(mine.map((c) => c.value))].map(param), ', ')})
          AND profile_id IS NOT NULL AND (${join(pairs, ' OR ')})`,
    );
  }
  for (const c of candidates.filter((k) => k.type === 'person_key')) {
    branches.push(
      sql`SELECT profile_id AS p, id_type FROM identity_nodes
        WHERE id_type = 'person_key' AND profile_id IS NOT NULL AND substr(value, strpos(value, ':') + 1) = ${param(c.value)}`,
    );
  }
  // The text as a profile's number, in the same statement (a round trip less; issue 13), counted only when no
  // identifier matched: its row has no identifier type and sorts last.
  if (number !== null)
    branches.push(
      sql`SELECT n.profile_id AS p, CAST(NULL AS VARCHAR) AS id_type
        FROM (SELECT profile_id FROM record_profiles WHERE profile_id = ${param(number)} LIMIT 1) n`,
    );
  if (!branches.length) return null;
  const q = join(branches, ' UNION ALL ');
  const rows = await db.all<{ p: number; id_type: string | null }>(q.text, q.params);
  // The highest-priority type wins when the text matches several (an id that is also a handle).
  const rank = (t: string | null) => {
    const at = t === null ? -1 : IDENTIFIER_TYPES.indexOf(t as never);
    return at < 0 ? IDENTIFIER_TYPES.length : at;
  };
  rows.sort((a, b) => rank(a.id_type) - rank(b.id_type));
  return rows[0]?.p ?? null;
}

/** The profile any identifier names, or CLT_ERR_PROFILE_NOT_FOUND saying which identifier matched nothing. */
export async function requireProfile(
  db: Warehouse,
  identifier: string,
  options: { explain?: boolean; timeline?: number; filter?: Omit<TimelineQuery, 'limit'> } = {},
): Promise<Profile> {
  const id = await findProfile(db, identifier);
  const profile = id === null ? null : await getProfile(db, id, options);
  if (!profile) {
    throw new ClienteleError(
      'CLT_ERR_PROFILE_NOT_FOUND',
      `no profile has the identifier '${identifier}' (run identity resolution after an import)`,
      { identifier },
    );
  }
  return profile;
}

/** A page of the timeline of the profile any identifier names, or CLT_ERR_PROFILE_NOT_FOUND. */
export async function requireProfileTimeline(
  db: Warehouse,
  identifier: string,
  query: TimelineQuery,
): Promise<{ profileId: number } & TimelinePage> {
  const id = await findProfile(db, identifier);
  const page = id === null ? null : await profileTimeline(db, id, query);
  if (id === null || !page) {
    throw new ClienteleError(
      'CLT_ERR_PROFILE_NOT_FOUND',
      `no profile has the identifier '${identifier}' (run identity resolution after an import)`,
      { identifier },
    );
  }
  return { profileId: id, ...page };
}
