/**
 * The decision index: what `GET /v1/decide` reads of a person, kept in memory so that a decision is a few map
 * lookups instead of scans of identity_nodes and profiles (issue 16: p95 under 10 ms at 100,000 profiles).
 *
 * It holds every identifier's profile, and only the facts the compiled placements read (profile columns,
 * traits, scores, list-segment members), column by column: a number is 8 bytes a profile, a text or trait
 * 4 bytes (a code into a dictionary). Each part carries the state of the data it was read from
 * ({@link readState}: one query over small tables). That state is read again whenever a write ran on the
 * database since (Warehouse.changes), and only the parts whose piece of it moved are reloaded: identities
 * and facts when profiles were resolved or refreshed again, scores after a model run, a list segment's
 * members after its refresh. So an answer always reflects what the tables hold.
 *
 * Profiles are reloaded incrementally: only those refreshed since the last load (and those gone) are read
 * again (src/placements/facts-identities.ts), while decisions keep reading the index (the changes are
 * applied in one synchronous step, so no decision sees half of them). When a full reload is needed (many
 * profiles changed, or the first load) it is built beside the index in use, which keeps answering until the
 * new one replaces it; only the very first load, with nothing to answer from, is waited for.
 */
import { identifierCandidates, profileNumber } from '../profiles/index.js';
import { join, param, sql, type Warehouse } from '../store/index.js';
import {
  COLUMN_TYPES,
  type Column,
  columnBytes,
  growColumn,
  readColumns,
  readSlot,
  readTraits,
  type Scalar,
  writeColumns,
  writeSlot,
  writeTraits,
} from './facts-columns.js';
import { applyDelta, type Identities, identityBytes, loadIdentities, readDelta } from './facts-identities.js';

/** The state of the data the index was read from; a part is reloaded when its piece changes. */
export interface IndexState {
  /** Profiles and identities: the resolved signature, the profile count and the definitions' settings. */
  readonly data: string;
  /** Scores: the newest model run and the number of stored scores (they are keyed by profile number). */
  readonly scores: string;
  /** The saved segments' definitions (name, kind, rule): what compiled placements depend on. */
  readonly definitions: string;
  /** Each saved segment's refresh time and size: its members moved when they changed. */
  readonly versions: ReadonlyMap<string, string>;
}

/** Reads the current state in one query over small tables (a row per segment, one per setting). */
export async function readState(db: Warehouse): Promise<IndexState> {
  const [row] = await db.all<{ data: string | null; runs: string | null; segments: string | null }>(
    `SELECT concat_ws('#', (SELECT value FROM upkeep_state WHERE name = 'identity.resolved_from'),
         (SELECT count(*) FROM profiles),
         (SELECT string_agg(CAST(d AS VARCHAR), ';' ORDER BY CAST(d AS VARCHAR)) FROM definition_settings d)) AS data,
       concat_ws('#', (SELECT max(run_id) FROM model_runs), (SELECT count(*) FROM customer_scores)) AS runs,
       (SELECT ${db.dialect.jsonArrayAgg(
         {
           name: 'name',
           kind: "coalesce(kind, 'rule')",
           tree: 'CAST(tree AS VARCHAR)',
           at: 'CAST(refreshed_at AS VARCHAR)',
           size: 'CAST(size AS VARCHAR)',
         },
         'name',
       )} FROM segments) AS segments`,
  );
  const data = row?.data ?? '';
  type Seg = { name: string; kind: string; tree: string | null; at: string | null; size: string | null };
  const segments = (JSON.parse(row?.segments ?? '[]') as Seg[] | null)?.map((s) => [
    s.name,
    s.kind,
    s.tree,
    s.at,
    s.size,
  ]);
  return {
    data,
    scores: row?.runs ?? '',
    definitions: JSON.stringify((segments ?? []).map((s) => s.slice(0, 3))),
    versions: new Map((segments ?? []).map((s) => [s[0] ?? '', `${s[3]}|${s[4]}`])),
  };
}

const states = new WeakMap<Warehouse, { changes: number; state: IndexState }>();

/**
 * The current state, read again only when a write ran on the database since it was last read
 * (Warehouse.changes): a decision between writes reads nothing from the database.
 */
export async function currentState(db: Warehouse): Promise<IndexState> {
  const changes = db.changes?.();
  const known = states.get(db);
  if (changes !== undefined && known?.changes === changes) return known.state;
  const state = await readState(db);
  if (changes !== undefined) states.set(db, { changes, state });
  return state;
}

/** What a placement's rules read of a person, beyond the request's context. */
export interface Needs {
  /** Names read from the row itself: profile columns, and scores (a score of that name wins, as in decide). */
  readonly fields: ReadonlyMap<string, 'number' | 'string' | 'boolean'>;
  /** Trait keys read from the profile's `traits`. */
  readonly traits: ReadonlySet<string>;
  /** List segments whose members are read. */
  readonly lists: ReadonlySet<string>;
}

interface Loaded<T> {
  readonly state: string;
  readonly value: T;
}

// The profile facts: identities and the columns over their slots, all read at one data state.
interface Facts {
  state: string;
  readonly identities: Identities;
  readonly columns: Map<string, Column>;
  readonly traits: Map<string, Column>;
}

/** How often the index read its profiles, for tests and the benchmark (counts, never times). */
export interface IndexStats {
  /** Profiles held. */
  readonly profiles: number;
  /** Loads of every profile: the first, and the fallbacks. */
  readonly fullLoads: number;
  /** Loads of only the profiles changed since the one before. */
  readonly incrementalLoads: number;
  /** Profiles read again by incremental loads, in all (changed and gone). */
  readonly profilesReloaded: number;
  /** Profiles the latest load read: all of them for a full one, the changed and gone for an incremental. */
  readonly lastLoadProfiles: number;
}

type Task = { kind: 'load' | 'full'; promise: Promise<void> };

/** The in-memory index of one database. */
export class DecisionIndex {
  private facts: Facts | null = null;
  private readonly scores = new Map<string, Loaded<Map<number, Scalar>>>();
  private readonly members = new Map<string, Loaded<Set<number>>>();
  private loading: Task | null = null;
  private fullFailed = false;
  private counts = { fullLoads: 0, incrementalLoads: 0, profilesReloaded: 0, lastLoadProfiles: 0 };

  constructor(private readonly db: Warehouse) {}

  /**
   * Brings whatever `needs` reads up to `state`. Concurrent callers share a load; while a full reload is
   * built in the background, callers whose needs the index in use holds are answered from it.
   */
  async ensure(state: IndexState, needs: Needs): Promise<void> {
    for (;;) {
      if (this.current(state, needs)) return;
      const running = this.loading;
      if (running) {
        if (running.kind === 'full' && this.holds(needs)) return;
        await running.promise;
        continue;
      }
      const task: Task = { kind: 'load', promise: Promise.resolve() };
      this.loading = task;
      task.promise = this.load(state, needs).finally(() => {
        if (this.loading === task) this.loading = null;
      });
    }
  }

  /** Waits for a background reload, if one runs (tests and the benchmark). */
  async settled(): Promise<void> {
    while (this.loading) await this.loading.promise;
  }

  /** How often profiles were read, and how many. */
  stats(): IndexStats {
    return { profiles: this.facts?.identities.slots.size ?? 0, ...this.counts };
  }

  /** The profile an identifier names, as findProfile answers it, or null. */
  async find(text: string): Promise<number | null> {
    const candidates = await identifierCandidates(this.db, text);
    // Read after the await: a reload may have replaced the identities meanwhile.
    const ids = this.facts?.identities;
    if (!ids) throw new Error('the decision index is not loaded');
    for (const c of candidates) {
      const hit =
        ids.byIdentifier.get(`${c.type}\u0001${c.value}`) ??
        (c.type === 'person_key' ? ids.byIdentifier.get(`${c.type}\u0002${c.value}`) : undefined);
      if (hit !== undefined) return hit;
    }
    const number = profileNumber(text);
    return number !== null && ids.recorded.has(number) ? number : null;
  }

  /** Whether the profile has a `profiles` row. */
  hasRow(profileId: number): boolean {
    return this.facts?.identities.slots.has(profileId) ?? false;
  }

  /** The row fields `needs` reads of a profile (a score of the name wins over a column, as in decide). */
  fields(profileId: number, needs: Needs): Record<string, Scalar> {
    const slot = this.facts?.identities.slots.get(profileId);
    const out: Record<string, Scalar> = {};
    for (const name of needs.fields.keys()) {
      const scored = this.scores.get(name)?.value;
      if (scored?.has(profileId)) {
        out[name] = scored.get(profileId) ?? null;
        continue;
      }
      const column = this.facts?.columns.get(name);
      if (column && slot !== undefined) {
        const value = readSlot(column, slot);
        if (value !== null) out[name] = value;
      }
    }
    return out;
  }

  /** The trait values `needs` reads of a profile (absent keys left out, as the stored JSON has them). */
  traits(profileId: number, needs: Needs): Record<string, Scalar> {
    const slot = this.facts?.identities.slots.get(profileId);
    const out: Record<string, Scalar> = {};
    if (slot === undefined) return out;
    for (const key of needs.traits) {
      const column = this.facts?.traits.get(key);
      if (!column) continue;
      const value = readSlot(column, slot);
      if (value !== null) out[key] = value;
    }
    return out;
  }

  /** The current members of a list segment (empty when it is not loaded or has none). */
  listMembers(segment: string): ReadonlySet<number> {
    return this.members.get(segment)?.value ?? EMPTY;
  }

  /** Rough bytes held: identifiers (key text, map entry) and columns; for the benchmark and docs. */
  approximateBytes(): { identifiers: number; facts: number; profiles: number } {
    let facts = 0;
    for (const c of [...(this.facts?.columns.values() ?? []), ...(this.facts?.traits.values() ?? [])])
      facts += columnBytes(c);
    for (const s of this.scores.values()) facts += s.value.size * 40;
    for (const m of this.members.values()) facts += m.value.size * 20;
    return {
      identifiers: identityBytes(this.facts?.identities),
      facts,
      profiles: this.facts?.identities.slots.size ?? 0,
    };
  }

  private current(state: IndexState, needs: Needs): boolean {
    const facts = this.facts;
    if (facts?.state !== state.data) return false;
    for (const [name] of needs.fields) {
      if (this.scores.get(name)?.state !== state.scores) return false;
      if (Object.hasOwn(COLUMN_TYPES, name) && !facts.columns.has(name)) return false;
    }
    for (const key of needs.traits) if (!facts.traits.has(key)) return false;
    for (const s of needs.lists) if (this.members.get(s)?.state !== version(state, s)) return false;
    return true;
  }

  // Whether the index in use has every part `needs` reads, whatever state it was read at.
  private holds(needs: Needs): boolean {
    const facts = this.facts;
    if (!facts) return false;
    for (const [name] of needs.fields) {
      if (!this.scores.has(name)) return false;
      if (Object.hasOwn(COLUMN_TYPES, name) && !facts.columns.has(name)) return false;
    }
    for (const key of needs.traits) if (!facts.traits.has(key)) return false;
    for (const s of needs.lists) if (!this.members.has(s)) return false;
    return true;
  }

  private async load(state: IndexState, needs: Needs): Promise<void> {
    const facts = this.facts;
    if (!facts) await this.loadAll(state, needs);
    else if (facts.state !== state.data && !(await this.patch(facts, state))) {
      if (this.fullFailed) await this.loadAll(state, needs);
      else {
        // Built beside the index in use, which answers meanwhile; a failure is retried in the foreground.
        const task: Task = { kind: 'full', promise: Promise.resolve() };
        this.loading = task;
        task.promise = this.loadAll(state, needs)
          .catch(() => {
            this.fullFailed = true;
          })
          .finally(() => {
            if (this.loading === task) this.loading = null;
          });
      }
    }
    await this.loadParts(state, needs);
  }

  // Every profile, with the columns and traits the index held and those `needs` reads; swapped in at once.
  private async loadAll(state: IndexState, needs: Needs): Promise<void> {
    const identities = await loadIdentities(this.db);
    const old = this.facts;
    const names = [
      ...new Set([
        ...(old?.columns.keys() ?? []),
        ...[...needs.fields.keys()].filter((n) => Object.hasOwn(COLUMN_TYPES, n)),
      ]),
    ];
    const keys = [...new Set([...(old?.traits.keys() ?? []), ...needs.traits])];
    const columns = new Map<string, Column>();
    const traits = new Map<string, Column>();
    const rows = await readColumns(this.db, names);
    const documents = keys.length ? await readTraits(this.db) : null;
    writeColumns(rows, names, identities.slots, columns, identities.capacity);
    if (documents) writeTraits(documents, keys, identities.slots, traits, identities.capacity);
    this.facts = { state: state.data, identities, columns, traits };
    this.fullFailed = false;
    this.counts.fullLoads++;
    this.counts.lastLoadProfiles = identities.slots.size;
  }

  // Reads again only the profiles refreshed (or gone) since the last load; false when a full load is needed.
  private async patch(facts: Facts, state: IndexState): Promise<boolean> {
    const delta = await readDelta(this.db, facts.identities);
    if (delta === 'full') return false;
    const names = [...facts.columns.keys()];
    const keys = [...facts.traits.keys()];
    const rows = await readColumns(this.db, names, delta.changed);
    const documents = keys.length ? await readTraits(this.db, delta.changed) : null;
    if (this.facts !== facts) return true; // replaced meanwhile; the caller checks the state again
    // From here on nothing waits: decisions see the index before or after the delta, never half of it.
    const applied = applyDelta(facts.identities, delta);
    if (!applied) return false;
    const { capacity, slots } = facts.identities;
    const all = [...facts.columns.values(), ...facts.traits.values()];
    for (const column of all) {
      growColumn(column, capacity);
      for (const slot of applied.freed) writeSlot(column, slot, null);
    }
    writeColumns(rows, names, slots, facts.columns, capacity);
    if (documents) writeTraits(documents, keys, slots, facts.traits, capacity);
    facts.state = state.data;
    const read = delta.changed.length + delta.deleted.length;
    this.counts.incrementalLoads++;
    this.counts.profilesReloaded += read;
    this.counts.lastLoadProfiles = read;
    return true;
  }

  // Columns and traits `needs` reads that the index lacks, scores and list members read at older states.
  private async loadParts(state: IndexState, needs: Needs): Promise<void> {
    const facts = this.facts;
    if (facts) {
      const names = [...needs.fields.keys()].filter(
        (n) => Object.hasOwn(COLUMN_TYPES, n) && !facts.columns.has(n),
      );
      const keys = [...needs.traits].filter((k) => !facts.traits.has(k));
      const rows = await readColumns(this.db, names);
      const documents = keys.length ? await readTraits(this.db) : null;
      const { slots, capacity } = facts.identities;
      writeColumns(rows, names, slots, facts.columns, capacity);
      if (documents) writeTraits(documents, keys, slots, facts.traits, capacity);
    }
    const scores = [...needs.fields.keys()].filter((n) => this.scores.get(n)?.state !== state.scores);
    if (scores.length) {
      const loaded = await loadScores(this.db, scores);
      for (const name of scores)
        this.scores.set(name, { state: state.scores, value: loaded.get(name) ?? new Map() });
    }
    const lists = [...needs.lists].filter((s) => this.members.get(s)?.state !== version(state, s));
    if (lists.length) {
      const q = sql`SELECT segment, profile_id FROM segment_membership
        WHERE exited_at IS NULL AND segment IN (${join(
          lists.map((s) => param(s)),
          ', ',
        )})`;
      const rows = await this.db.columns<{ segment: string[]; profile_id: unknown[] }>(q.text, q.params);
      const sets = new Map(lists.map((s) => [s, new Set<number>()]));
      rows.segment.forEach((s, i) => {
        sets.get(s)?.add(Number(rows.profile_id[i]));
      });
      for (const [s, set] of sets) this.members.set(s, { state: version(state, s), value: set });
    }
  }
}

const EMPTY: ReadonlySet<number> = new Set();

// The state a list segment's members were read at: the data's, and the segment's refresh and size.
const version = (state: IndexState, segment: string) => `${state.data}/${state.versions.get(segment) ?? ''}`;

async function loadScores(
  db: Warehouse,
  names: readonly string[],
): Promise<Map<string, Map<number, Scalar>>> {
  // The newest run's score of each customer: a numbered subquery (PostgreSQL has no QUALIFY).
  const q = sql`SELECT customer_key, score, value, label FROM (
      SELECT customer_key, score, value, label,
        row_number() OVER (PARTITION BY customer_key, score ORDER BY run_id DESC) AS rn
      FROM customer_scores WHERE score IN (${join(
        names.map((n) => param(n)),
        ', ',
      )})) s
    WHERE rn = 1`;
  const rows = await db.columns<{
    customer_key: string[];
    score: string[];
    value: (number | null)[];
    label: (string | null)[];
  }>(q.text, q.params);
  const out = new Map<string, Map<number, Scalar>>();
  rows.customer_key.forEach((key, i) => {
    // decide reads the scores whose key is the profile's number as text.
    const id = Number(key);
    if (!Number.isSafeInteger(id) || String(id) !== key) return;
    const score = rows.score[i]!;
    const map = out.get(score) ?? new Map<number, Scalar>();
    out.set(score, map);
    const value = rows.label[i] ?? rows.value[i] ?? null;
    map.set(id, value === null ? null : typeof value === 'bigint' ? Number(value) : value);
  });
  return out;
}

const indexes = new WeakMap<Warehouse, DecisionIndex>();

/** The decision index of a database (one per open warehouse). */
export function decisionIndex(db: Warehouse): DecisionIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new DecisionIndex(db);
    indexes.set(db, index);
  }
  return index;
}
