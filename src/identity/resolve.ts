import type { PersonalKind } from '../domain/kinds.js';
import { refreshConsents } from '../privacy/consent.js';
import { fieldCrypto } from '../privacy/fields.js';
import { refreshProfiles } from '../profiles/refresh.js';
import { parseEventUserAgents } from '../profiles/user-agents.js';
import { refreshSegments } from '../segments/refresh.js';
import type { Warehouse } from '../store/index.js';
import {
  addRecords,
  type Conflict,
  emptyGraph,
  ensureNodes,
  type GraphRecord,
  type GraphState,
  joinProfiles,
  limitedOf,
  newProfile,
  settle,
} from './graph.js';
import { manualLinks } from './links.js';
import { DEFAULT_NORMALIZE, type NormalizeOptions } from './normalize.js';
import { effectiveRules, normalizeIdentifier } from './rules.js';
import { recordsRelation, tupleKey, tuplesQuery, unionColumns } from './sources.js';
import {
  dataSignature,
  markResolved,
  profilesWithNewLines,
  profilesWithUpdatedRecords,
  resolvedThroughImport,
} from './state.js';
import { IDENTIFIER_TYPES, type IdentifierType, type IdentityRules } from './types.js';

/** How to run identity resolution. */
export interface ResolveOptions {
  /** Rebuild every profile from scratch instead of adding the records not yet resolved. */
  readonly full?: boolean;
  readonly rules?: Partial<IdentityRules>;
  readonly normalize?: Partial<NormalizeOptions>;
}

/** What a run did. */
export interface ResolveSummary {
  readonly mode: 'full' | 'incremental';
  /** Records looked at in this run. */
  readonly records: number;
  /** Records with no usable identifier (guest orders with nothing to go on): left without a profile. */
  readonly unattributed: number;
  readonly profiles: number;
  readonly identifiers: number;
  readonly merges: number;
  readonly conflicts: number;
  /** Stored profiles computed again in this run. */
  readonly refreshed: number;
  /** Saved rule segments refreshed after the profiles. */
  readonly segments: number;
  readonly seconds: number;
}

// Tables a resolution rewrites in bulk, whose statistics the reads after it need (dialect.refreshStatistics);
// refreshed when at least STATISTICS_AFTER records were resolved, since the engine catches up on small changes.
const STATISTICS_TABLES = ['record_profiles', 'profiles', 'consents'];
const STATISTICS_AFTER = 10_000;
const TYPE_INDEX = new Map<IdentifierType, number>(IDENTIFIER_TYPES.map((t, i) => [t, i]));

// Identifier types that are personal data: encrypted at rest, found by their blind index.
const PERSONAL_TYPES: Partial<Record<IdentifierType, PersonalKind>> = {
  email: 'email',
  phone: 'phone',
  twitter: 'handle',
  facebook: 'handle',
  instagram: 'handle',
  linkedin: 'handle',
};

/**
 * Joins every record of every imported kind into profiles through the identifiers they share.
 * Incremental by default: records not yet resolved join the existing graph; `full` rebuilds it, and
 * gives the same profiles as the incremental runs did (records are taken in arrival order either way).
 */
export async function resolveIdentities(
  db: Warehouse,
  options: ResolveOptions = {},
): Promise<ResolveSummary> {
  const t0 = performance.now();
  // Taken first: what arrives while this runs leaves the profiles stale for the next reader to resolve.
  const signature = await dataSignature(db);
  const since = await resolvedThroughImport(db);
  const rules = await effectiveRules(db, options.rules);
  const norm: NormalizeOptions = { ...DEFAULT_NORMALIZE, ...options.normalize };
  const blocked = new Set(rules.blocked.map((b) => b.toLowerCase()));
  const limits = IDENTIFIER_TYPES.map((t) => rules.limits[t] ?? Number.POSITIVE_INFINITY);
  // A person key declared since the last run must reach the records resolved before it: rebuild once.
  const [keys] = await db.all<{ n: number }>(
    'SELECT count(*)::INTEGER AS n FROM identity_keys WHERE NOT applied',
  );
  const full = (options.full ?? false) || (keys?.n ?? 0) > 0;
  // Encrypted records are decrypted here, normalized, and joined by the blind index of the normalized value;
  // the node keeps that value sealed again.
  const crypto = await fieldCrypto(db);

  // The graph so far (nothing when rebuilding).
  const nodeIds = new Map<string, number>();
  const nodeType: number[] = [];
  const nodeValue: string[] = [];
  const nodeIndex: (string | null)[] = [];
  const state = emptyGraph(1 << 16);
  let seq = 0;
  if (!full) {
    const existing = await db.columns<{
      node_id: number[];
      id_type: string[];
      value: string[];
      value_index: (string | null)[];
      profile_id: (number | null)[];
    }>('SELECT node_id, id_type, value, value_index, profile_id FROM identity_nodes ORDER BY node_id');
    const [{ maxProfile, maxSeq } = { maxProfile: -1, maxSeq: -1 }] = await db.all<{
      maxProfile: number;
      maxSeq: number;
    }>(
      'SELECT coalesce(max(profile_id), -1) AS "maxProfile", coalesce(max(seq), -1) AS "maxSeq" FROM record_profiles',
    );
    seq = maxSeq + 1;
    ensureNodes(state, existing.node_id.length + 1);
    for (let p = 0; p <= maxProfile; p++) newProfile(state);
    for (let i = 0; i < existing.node_id.length; i++) {
      const type = TYPE_INDEX.get(existing.id_type[i] as IdentifierType)!;
      const value = existing.value[i]!;
      const index = existing.value_index[i] ?? null;
      const id = nodeType.length;
      nodeIds.set(`${type}\u0001${index ?? value}`, id);
      nodeType.push(type);
      nodeValue.push(value);
      nodeIndex.push(index);
      const profile = existing.profile_id[i] ?? -1;
      state.profileOfNode[id] = profile;
      if (profile >= 0 && limits[type] !== Number.POSITIVE_INFINITY) trackLimited(state, profile, type, id);
    }
  }

  const columns = unionColumns(rules);
  const cache = IDENTIFIER_TYPES.map(() => new Map<string, string | null>());
  const conflicts: Conflict[] = [];
  const conflictRecords: { table: string; key: string }[] = [];
  const absorbed: number[] = [];
  // Per tuple: its key and the profile it joined (a root at the time; settled at the end).
  let tupleKeys = new Float64Array(1 << 16);
  let tupleProfiles = new Int32Array(1 << 16);
  let tuples = 0;
  const nodeOf = (t: number, value: string): number => {
    const kind = crypto ? PERSONAL_TYPES[IDENTIFIER_TYPES[t]!] : undefined;
    const index = kind ? crypto!.index(IDENTIFIER_TYPES[t]!, value) : null;
    const key = `${t}\u0001${index ?? value}`;
    let node = nodeIds.get(key);
    if (node === undefined) {
      node = nodeType.length;
      nodeIds.set(key, node);
      nodeType.push(t);
      nodeValue.push(kind ? crypto!.seal(kind, value) : value);
      nodeIndex.push(index);
    }
    return node;
  };
  await db.stream(tuplesQuery(rules, full, db.dialect), (data) => {
    const keys = data.tkey as number[];
    const records: GraphRecord[] = [];
    const at: number[] = [];
    for (let row = 0; row < keys.length; row++) {
      const found: { type: number; node: number }[] = [];
      for (const { name, type } of columns) {
        const stored = data[name]![row] as string | null;
        if (stored === null || stored === undefined) continue;
        const t = TYPE_INDEX.get(type)!;
        // A ciphertext is unique to its record (fresh IV): not worth caching.
        const sealed = crypto !== null && isSealed(stored);
        const raw = sealed ? crypto.reveal(stored, PERSONAL_TYPES[type]) : stored;
        let value = sealed ? undefined : cache[t]!.get(raw);
        if (value === undefined) {
          value = normalizeIdentifier(type, raw, norm);
          if (value !== null && blocked.has(bareValue(type, value).toLowerCase())) value = null;
          if (!sealed) cache[t]!.set(raw, value);
        }
        if (value === null) continue;
        const node = nodeOf(t, value);
        if (!found.some((f) => f.node === node)) found.push({ type: t, node });
      }
      if (tuples + row >= tupleKeys.length) {
        const grownKeys = new Float64Array(tupleKeys.length * 2);
        grownKeys.set(tupleKeys);
        tupleKeys = grownKeys;
        const grownProfiles = new Int32Array(tupleProfiles.length * 2);
        grownProfiles.set(tupleProfiles);
        tupleProfiles = grownProfiles;
      }
      tupleKeys[tuples + row] = keys[row]!;
      tupleProfiles[tuples + row] = -1;
      if (!found.length) continue;
      found.sort((x, y) => x.type - y.type);
      records.push({ nodes: found.map((f) => f.node), types: found.map((f) => f.type) });
      at.push(row);
    }
    ensureNodes(state, nodeType.length + 1);
    const before = conflicts.length;
    const joined = addRecords(state, records, limits, conflicts, (from) => absorbed.push(from));
    for (let i = 0; i < joined.length; i++) tupleProfiles[tuples + at[i]!] = joined[i]!;
    for (let c = before; c < conflicts.length; c++) {
      const row = at[conflicts[c]!.record]!;
      conflictRecords.push({
        table: (data.first_table as string[])[row]!,
        key: (data.first_key as string[])[row]!,
      });
    }
    tuples += keys.length;
  });
  // Manual links (accepted probable duplicates) join their two people on a rebuild; later incremental runs keep
  // the joined profile through the stored nodes. Undoing a link rebuilds, so it comes apart.
  if (full) {
    const t = TYPE_INDEX.get('customer_id')!;
    for (const { a, b } of await manualLinks(db)) {
      const na = nodeIds.get(`${t}\u0001${a}`);
      const nb = nodeIds.get(`${t}\u0001${b}`);
      if (na !== undefined && nb !== undefined) joinProfiles(state, na, nb);
    }
  }
  const profiles = settle(state, tupleProfiles.subarray(0, tuples));
  const nodeProfiles = settle(state, Int32Array.from(state.profileOfNode.subarray(0, nodeType.length)));

  let records = 0;
  let unattributed = 0;
  await db.transaction(async (tx) => {
    if (full) {
      await tx.run('DELETE FROM record_profiles; DELETE FROM identity_conflicts');
    } else if (absorbed.length) {
      // Profiles merged into older ones: their earlier records follow.
      const from = [...new Set(absorbed)];
      await tx.run('CREATE TEMP TABLE merged_profiles (from_id BIGINT, to_id BIGINT)');
      await tx.append('merged_profiles', [
        { kind: 'int', values: from },
        { kind: 'int', values: [...settle(state, Int32Array.from(from))] },
      ]);
      await tx.run(
        'UPDATE record_profiles SET profile_id = m.to_id FROM merged_profiles m WHERE record_profiles.profile_id = m.from_id',
      );
      await tx.run(
        'UPDATE identity_conflicts SET profile_id = m.to_id FROM merged_profiles m WHERE identity_conflicts.profile_id = m.from_id',
      );
      await tx.run('DROP TABLE merged_profiles');
    }
    await tx.run('UPDATE identity_keys SET applied = true WHERE NOT applied');
    await tx.run('DELETE FROM identity_nodes');
    await tx.append('identity_nodes', [
      { kind: 'int', values: nodeType.map((_, i) => i) },
      { kind: 'text', values: nodeType.map((t) => IDENTIFIER_TYPES[t]!) },
      { kind: 'text', values: nodeValue },
      { kind: 'int', values: [...nodeProfiles].map((p) => (p >= 0 ? p : null)) },
      { kind: 'text', values: nodeIndex },
    ]);
    // Every record follows its tuple: one join in the engine instead of a row at a time in JavaScript.
    await tx.run('CREATE TEMP TABLE tuple_profiles (tkey BIGINT, profile_id BIGINT)');
    await tx.append('tuple_profiles', [
      { kind: 'int', values: tupleKeys.subarray(0, tuples) },
      { kind: 'int', values: [...profiles].map((p) => (p >= 0 ? p : null)) },
    ]);
    const [counts] = await tx.all<{ records: number; unattributed: number }>(
      `SELECT count(*) AS records, count(*) FILTER (WHERE m.profile_id IS NULL) AS unattributed
       FROM (${recordsRelation(rules, full, db.dialect)}) r LEFT JOIN tuple_profiles m ON m.tkey = ${tupleKey(rules, 'r.', db.dialect)}`,
    );
    records = counts?.records ?? 0;
    unattributed = counts?.unattributed ?? 0;
    await tx.run(
      `INSERT INTO record_profiles
       SELECT r.record_table, r.row_key, m.profile_id, ${seq} + row_number() OVER (ORDER BY r.import_id, r.source_row, r.record_table, r.row_key)
       FROM (${recordsRelation(rules, full, db.dialect)}) r JOIN tuple_profiles m ON m.tkey = ${tupleKey(rules, 'r.', db.dialect)}
       WHERE m.profile_id IS NOT NULL`,
    );
    await tx.run('DROP TABLE tuple_profiles');
    if (conflicts.length) {
      await tx.run(
        'CREATE TEMP TABLE new_conflicts AS SELECT record_table, row_key, id_type, value, profile_id, other_profile_id FROM identity_conflicts LIMIT 0',
      );
      await tx.append('new_conflicts', [
        { kind: 'text', values: conflictRecords.map((c) => c.table) },
        { kind: 'text', values: conflictRecords.map((c) => c.key) },
        { kind: 'text', values: conflicts.map((c) => IDENTIFIER_TYPES[c.type]!) },
        { kind: 'text', values: conflicts.map((c) => nodeValue[c.node]!) },
        { kind: 'int', values: conflicts.map((c) => settle(state, Int32Array.of(c.profile))[0]!) },
        {
          kind: 'int',
          values: conflicts.map((c) => (c.other >= 0 ? settle(state, Int32Array.of(c.other))[0]! : null)),
        },
      ]);
      await tx.run(
        'INSERT INTO identity_conflicts (record_table, row_key, id_type, value, profile_id, other_profile_id) SELECT * FROM new_conflicts',
      );
      await tx.run('DROP TABLE new_conflicts');
    }
  });

  // The stored profiles that new records or merges touched are computed again; a rebuild redoes them all.
  // A database resolved before stored profiles existed (an upgrade) gets them all on its next run.
  const [stored] = await db.all<{ missing: boolean }>(
    'SELECT (SELECT count(*) FROM profiles) = 0 AND EXISTS (SELECT 1 FROM record_profiles) AS missing',
  );
  const touched =
    full || stored?.missing
      ? undefined
      : [...profiles]
          .filter((p) => p >= 0)
          .concat([...settle(state, Int32Array.from(absorbed))])
          .concat(await profilesWithNewLines(db, since))
          .concat(await profilesWithUpdatedRecords(db, since));
  await parseEventUserAgents(db);
  const profileCount = await refreshProfiles(db, touched);
  await refreshConsents(db, touched);
  // After a bulk change the engine's planner learns the new sizes before the reads that follow (PostgreSQL).
  const statistics = records >= STATISTICS_AFTER ? db.dialect.refreshStatistics(STATISTICS_TABLES) : null;
  if (statistics) await db.run(statistics);
  // Saved segments follow the profiles: only the touched ones are looked at, unless a rule counts back from now.
  const segments = await refreshSegments(db, touched ? { changed: touched } : {});
  await markResolved(db, signature);
  return {
    mode: full ? 'full' : 'incremental',
    records,
    unattributed,
    profiles: profileCount,
    identifiers: nodeType.length,
    merges: absorbed.length,
    conflicts: conflicts.length,
    refreshed: touched ? new Set(touched).size : profileCount,
    segments: segments.length,
    seconds: (performance.now() - t0) / 1000,
  };
}

const isSealed = (value: string) => value.startsWith('enc1:');

function trackLimited(state: GraphState, profile: number, type: number, node: number): void {
  const byType = limitedOf(state, profile);
  byType.set(type, (byType.get(type) ?? new Set<number>()).add(node));
}

// A declared person key is stored as `name:value`; placeholders are blocked by the value alone.
function bareValue(type: IdentifierType, value: string): string {
  return type === 'person_key' ? value.slice(value.indexOf(':') + 1) : value;
}
