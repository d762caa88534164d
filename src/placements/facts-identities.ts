/**
 * The decision index's identities (src/placements/facts.ts): every identifier's profile, the profiles that
 * have records, and each profile's slot in the fact columns. Loaded whole once; afterwards only the profiles
 * refreshed since the last load are read again ({@link readDelta}, by `profiles.refreshed_at`, which
 * `refreshProfiles` stamps on every row it writes) and applied ({@link applyDelta}).
 */
import { param, sql, type Warehouse } from '../store/index.js';

/** Identifier types stored sealed in an encrypted database: found by their blind index too. */
const SEALED = new Set(['email', 'phone', 'twitter', 'facebook', 'instagram', 'linkedin']);

/** The identities part of the index. Mutated only by {@link applyDelta}, synchronously. */
export interface Identities {
  /** `type \u0001 stored value` → profile; a person key also under `person_key \u0002 value after the colon`. */
  readonly byIdentifier: Map<string, number>;
  /** Derived keys (a person key's bare value, a blind index) that several identifiers give: the first wins. */
  readonly contested: Set<string>;
  /** The profiles that have records (a bare profile number finds them). */
  readonly recorded: Set<number>;
  /** Each profile's slot in the columns. */
  readonly slots: Map<number, number>;
  /** Slots freed by profiles that are gone, taken again first. */
  readonly free: number[];
  /** Slots the columns have room for. */
  capacity: number;
  /** The newest refresh of a profile read (seconds since the epoch): later ones are the next delta. */
  watermark: number;
}

type NodeRows = {
  id_type: string[];
  value: string[];
  value_index: (string | null)[];
  profile_id: unknown[];
};

// The keys one identity node is found by: its own, then those derived from it.
function keysOf(type: string, value: string, blind: string | null): { own: string; derived: string[] } {
  const derived: string[] = [];
  // An encrypted database finds sealed types by their blind index (identifierCandidates gives that).
  if (blind && SEALED.has(type)) derived.push(`${type}\u0001${blind}`);
  if (type === 'person_key') derived.push(`${type}\u0002${value.slice(value.indexOf(':') + 1)}`);
  return { own: `${type}\u0001${value}`, derived };
}

// Adds the nodes (in node order) to the map; a key taken by an earlier node stays its.
function addNodes(ids: Identities, nodes: NodeRows): void {
  for (let i = 0; i < nodes.id_type.length; i++) {
    const profile = Number(nodes.profile_id[i]);
    const { own, derived } = keysOf(nodes.id_type[i]!, nodes.value[i]!, nodes.value_index[i] ?? null);
    for (const key of [own, ...derived]) {
      if (!ids.byIdentifier.has(key)) ids.byIdentifier.set(key, profile);
      else if (key !== own) ids.contested.add(key);
    }
  }
}

const stampSql = (db: Warehouse) =>
  `SELECT profile_id, CAST(coalesce(${db.dialect.epochSeconds('refreshed_at')}, 0) AS DOUBLE) AS at FROM profiles`;

/** Reads every identity of the database. */
export async function loadIdentities(db: Warehouse): Promise<Identities> {
  // The stamps first: whatever is refreshed after this read is newer than the watermark, so it is read again.
  const stamps = await db.columns<{ profile_id: unknown[]; at: unknown[] }>(
    `${stampSql(db)} ORDER BY profile_id`,
  );
  const nodes = await db.columns<NodeRows>(
    'SELECT id_type, value, value_index, profile_id FROM identity_nodes WHERE profile_id IS NOT NULL ORDER BY node_id',
  );
  const rp = await db.numbers('SELECT DISTINCT profile_id FROM record_profiles');
  const ids: Identities = {
    byIdentifier: new Map(),
    contested: new Set(),
    recorded: new Set(),
    slots: new Map(),
    free: [],
    capacity: stamps.profile_id.length,
    watermark: 0,
  };
  addNodes(ids, nodes);
  const recordedIds = rp.profile_id as ArrayLike<number>;
  for (let i = 0; i < recordedIds.length; i++) ids.recorded.add(Number(recordedIds[i]));
  stamps.profile_id.forEach((p, i) => {
    ids.slots.set(Number(p), i);
    ids.watermark = Math.max(ids.watermark, Number(stamps.at[i]));
  });
  return ids;
}

/** The profiles refreshed or gone since the index's watermark, with what is needed to apply them. */
export interface Delta {
  /** Profiles with a row refreshed since the watermark (new ones among them). */
  readonly changed: readonly number[];
  /** Profiles the index holds that have no row any more (merged into another, erased). */
  readonly deleted: readonly number[];
  readonly watermark: number;
  readonly nodes: NodeRows;
  /** Which of the changed and deleted profiles have records. */
  readonly recorded: ReadonlySet<number>;
}

/** Beyond this share of the profiles changed, one full load is cheaper than patching them. */
const FULL_SHARE = 0.2;

/**
 * What changed since the index was loaded, or `'full'` when a full load is needed: many profiles changed
 * (a rebuild, new definitions), or a derived key several identifiers gave belongs to one that changed.
 */
export async function readDelta(db: Warehouse, ids: Identities): Promise<Delta | 'full'> {
  // Only the rows refreshed since the watermark cross to JavaScript, and only when they are few enough to
  // patch; the row count comes as a last row whose id is -1, the changed count as one whose id is -2. One
  // statement, so all of it sees the same rows.
  const at = db.dialect.epochSeconds('refreshed_at');
  const stamps = await db.columns<{ profile_id: unknown[]; at: unknown[] }>(
    `WITH c AS (SELECT profile_id, CAST(${at} AS DOUBLE) AS stamp FROM profiles WHERE ${at} > ?),
       t AS (SELECT count(*) AS total FROM profiles)
     SELECT profile_id, stamp AS at FROM c WHERE (SELECT count(*) FROM c) <= greatest(100, CAST(? AS DOUBLE) * (SELECT total FROM t))
     UNION ALL SELECT -1, CAST(total AS DOUBLE) FROM t
     UNION ALL SELECT -2, CAST(count(*) AS DOUBLE) FROM c`,
    [ids.watermark, FULL_SHARE],
  );
  const changed: number[] = [];
  let watermark = ids.watermark;
  let total = 0;
  let count = 0;
  stamps.profile_id.forEach((p, i) => {
    const id = Number(p);
    const value = Number(stamps.at[i]);
    if (id === -1) total = value;
    else if (id === -2) count = value;
    else {
      changed.push(id);
      if (value > watermark) watermark = value;
    }
  });
  if (count > Math.max(100, FULL_SHARE * total)) return 'full';
  const fresh = changed.filter((id) => !ids.slots.has(id)).length;
  let deleted: number[] = [];
  // Fewer rows than the index holds plus the new ones: some are gone (merged, erased); find which.
  if (ids.slots.size + fresh !== total) {
    const all = await db.numbers('SELECT profile_id FROM profiles');
    const present = new Set(Array.from(all.profile_id as ArrayLike<number>, Number));
    deleted = [...ids.slots.keys()].filter((id) => !present.has(id));
  }
  if (changed.length + deleted.length > Math.max(100, FULL_SHARE * total)) return 'full';
  const touched = new Set([...changed, ...deleted]);
  for (const key of ids.contested) if (touched.has(ids.byIdentifier.get(key) ?? -1)) return 'full';
  const list = param(db.dialect.listInput([...touched]));
  const nodesQ = sql`SELECT id_type, value, value_index, profile_id FROM identity_nodes
    WHERE profile_id IN (SELECT unnest(CAST(${param(db.dialect.listInput(changed))} AS BIGINT[]))) ORDER BY node_id`;
  const nodes = changed.length
    ? await db.columns<NodeRows>(nodesQ.text, nodesQ.params)
    : { id_type: [], value: [], value_index: [], profile_id: [] };
  const recordedQ = sql`SELECT DISTINCT profile_id FROM record_profiles WHERE profile_id IN (SELECT unnest(CAST(${list} AS BIGINT[])))`;
  const recorded = touched.size
    ? (await db.columns<{ profile_id: unknown[] }>(recordedQ.text, recordedQ.params)).profile_id.map(Number)
    : [];
  return { changed, deleted, watermark, nodes, recorded: new Set(recorded) };
}

/**
 * Applies a delta: the changed and deleted profiles' identifiers are dropped and the changed ones' read
 * again, slots are given to new profiles and taken from gone ones. Returns the slots freed (their facts are
 * to be emptied), or null, changing nothing, when an identifier of the delta is held by a profile outside
 * it (which only a full load settles).
 */
export function applyDelta(ids: Identities, delta: Delta): { freed: number[] } | null {
  const touched = new Set([...delta.changed, ...delta.deleted]);
  for (let i = 0; i < delta.nodes.id_type.length; i++) {
    const { own, derived } = keysOf(
      delta.nodes.id_type[i]!,
      delta.nodes.value[i]!,
      delta.nodes.value_index[i] ?? null,
    );
    for (const key of [own, ...derived]) {
      const holder = ids.byIdentifier.get(key);
      if (holder !== undefined && !touched.has(holder)) return null;
    }
  }
  if (touched.size) for (const [key, p] of ids.byIdentifier) if (touched.has(p)) ids.byIdentifier.delete(key);
  const freed: number[] = [];
  for (const id of delta.deleted) {
    const slot = ids.slots.get(id);
    if (slot !== undefined) {
      ids.slots.delete(id);
      ids.free.push(slot);
      freed.push(slot);
    }
  }
  for (const id of touched) {
    if (delta.recorded.has(id)) ids.recorded.add(id);
    else ids.recorded.delete(id);
  }
  for (const id of delta.changed) {
    if (ids.slots.has(id)) continue;
    ids.slots.set(id, ids.free.pop() ?? ids.capacity++);
  }
  addNodes(ids, delta.nodes);
  ids.watermark = delta.watermark;
  return { freed };
}

/** Rough bytes the identities hold (key text, map entries). */
export function identityBytes(ids: Identities | undefined): number {
  if (!ids) return 0;
  let bytes = 0;
  for (const key of ids.byIdentifier.keys()) bytes += 2 * key.length + 60;
  return bytes + ids.slots.size * 40 + ids.recorded.size * 20;
}
