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
 */
import { identifierCandidates, profileNumber } from '../profiles/index.js';
import { PROFILE_COLUMNS } from '../segments/index.js';
import { identifier, join, param, sql, type Warehouse } from '../store/index.js';

/** The state of the data the index was read from; a part is reloaded when its piece changes. */
export interface IndexState {
  /** Profiles and identities: the resolved signature, the profile count and the definitions' settings. */
  readonly data: string;
  /** Scores: the newest model run and the number of stored scores, with the data state. */
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
       (SELECT CAST(to_json(list([name, coalesce(kind, 'rule'), CAST(tree AS VARCHAR), CAST(refreshed_at AS VARCHAR), CAST(size AS VARCHAR)] ORDER BY name)) AS VARCHAR)
          FROM segments) AS segments`,
  );
  const data = row?.data ?? '';
  const segments = JSON.parse(row?.segments ?? '[]') as (string | null)[][] | null;
  return {
    data,
    scores: `${data}/${row?.runs ?? ''}`,
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

type Scalar = string | number | boolean | null;

// One column of facts by slot: numbers as doubles (NaN is null), everything else as codes into a dictionary.
type Column =
  | { readonly kind: 'number'; readonly values: Float64Array }
  | { readonly kind: 'coded'; readonly codes: Int32Array; readonly dictionary: readonly Scalar[] };

interface Identities {
  readonly state: string;
  /** `type \u0001 stored value` → profile; a person key also under `person_key \u0002 value after the colon`. */
  readonly byIdentifier: Map<string, number>;
  /** The profiles that have records (a bare profile number finds them). */
  readonly recorded: Set<number>;
  /** Each profile's slot in the columns. */
  readonly slots: Map<number, number>;
  readonly size: number;
}

interface Loaded<T> {
  readonly state: string;
  readonly value: T;
}

/** The in-memory index of one database. */
export class DecisionIndex {
  private identities: Identities | null = null;
  private readonly columns = new Map<string, Loaded<Column>>();
  private readonly traitColumns = new Map<string, Loaded<Column>>();
  private readonly scores = new Map<string, Loaded<Map<number, Scalar>>>();
  private readonly members = new Map<string, Loaded<Set<number>>>();
  private loading: Promise<void> | null = null;

  constructor(private readonly db: Warehouse) {}

  /** Loads whatever `needs` reads that is missing or read from an older state. Concurrent callers share a load. */
  async ensure(state: IndexState, needs: Needs): Promise<void> {
    for (;;) {
      if (this.loading) {
        await this.loading;
        continue;
      }
      if (this.current(state, needs)) return;
      this.loading = this.load(state, needs).finally(() => {
        this.loading = null;
      });
    }
  }

  /** The profile an identifier names, as findProfile answers it, or null. */
  async find(text: string): Promise<number | null> {
    const ids = this.identities;
    if (!ids) throw new Error('the decision index is not loaded');
    let best: number | null = null;
    for (const c of await identifierCandidates(this.db, text)) {
      const hit =
        ids.byIdentifier.get(`${c.type}\u0001${c.value}`) ??
        (c.type === 'person_key' ? ids.byIdentifier.get(`${c.type}\u0002${c.value}`) : undefined);
      if (hit !== undefined) {
        best = hit;
        break;
      }
    }
    if (best !== null) return best;
    const number = profileNumber(text);
    return number !== null && ids.recorded.has(number) ? number : null;
  }

  /** Whether the profile has a `profiles` row. */
  hasRow(profileId: number): boolean {
    return this.identities?.slots.has(profileId) ?? false;
  }

  /** The row fields `needs` reads of a profile (a score of the name wins over a column, as in decide). */
  fields(profileId: number, needs: Needs): Record<string, Scalar> {
    const slot = this.identities?.slots.get(profileId);
    const out: Record<string, Scalar> = {};
    for (const name of needs.fields.keys()) {
      const scored = this.scores.get(name)?.value;
      if (scored?.has(profileId)) {
        out[name] = scored.get(profileId) ?? null;
        continue;
      }
      const column = this.columns.get(name)?.value;
      if (column && slot !== undefined) {
        const value = read(column, slot);
        if (value !== null) out[name] = value;
      }
    }
    return out;
  }

  /** The trait values `needs` reads of a profile (absent keys left out, as the stored JSON has them). */
  traits(profileId: number, needs: Needs): Record<string, Scalar> {
    const slot = this.identities?.slots.get(profileId);
    const out: Record<string, Scalar> = {};
    if (slot === undefined) return out;
    for (const key of needs.traits) {
      const column = this.traitColumns.get(key)?.value;
      if (!column) continue;
      const value = read(column, slot);
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
    let identifiers = 0;
    for (const key of this.identities?.byIdentifier.keys() ?? []) identifiers += 2 * key.length + 60;
    identifiers += (this.identities?.slots.size ?? 0) * 40 + (this.identities?.recorded.size ?? 0) * 20;
    let facts = 0;
    for (const c of [...this.columns.values(), ...this.traitColumns.values()])
      facts += c.value.kind === 'number' ? c.value.values.byteLength : c.value.codes.byteLength;
    for (const s of this.scores.values()) facts += s.value.size * 40;
    for (const m of this.members.values()) facts += m.value.size * 20;
    return { identifiers, facts, profiles: this.identities?.size ?? 0 };
  }

  private current(state: IndexState, needs: Needs): boolean {
    if (this.identities?.state !== state.data) return false;
    for (const [name] of needs.fields) {
      if (this.scores.get(name)?.state !== state.scores) return false;
      if (Object.hasOwn(COLUMN_TYPES, name) && this.columns.get(name)?.state !== state.data) return false;
    }
    for (const key of needs.traits) if (this.traitColumns.get(key)?.state !== state.data) return false;
    for (const s of needs.lists) if (this.members.get(s)?.state !== version(state, s)) return false;
    return true;
  }

  private async load(state: IndexState, needs: Needs): Promise<void> {
    if (this.identities?.state !== state.data) {
      // New profiles: every fact read from the old ones is dropped with them.
      this.columns.clear();
      this.traitColumns.clear();
      this.identities = await loadIdentities(this.db, state.data);
    }
    const ids = this.identities;
    const columns = [...needs.fields.keys()].filter(
      (n) => Object.hasOwn(COLUMN_TYPES, n) && this.columns.get(n)?.state !== state.data,
    );
    if (columns.length) {
      const loaded = await loadColumns(this.db, columns, ids);
      for (const [name, column] of loaded) this.columns.set(name, { state: state.data, value: column });
    }
    const traits = [...needs.traits].filter((k) => this.traitColumns.get(k)?.state !== state.data);
    if (traits.length) {
      const loaded = await loadTraits(this.db, traits, ids);
      for (const [key, column] of loaded) this.traitColumns.set(key, { state: state.data, value: column });
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

// The profile columns a rule can read (the segment schema's), with how decide reads them.
const COLUMN_TYPES: Readonly<Record<string, 'number' | 'string' | 'boolean'>> = PROFILE_COLUMNS;

function read(column: Column, slot: number): Scalar {
  if (column.kind === 'number') {
    const v = column.values[slot]!;
    return Number.isNaN(v) ? null : v;
  }
  const code = column.codes[slot]!;
  return code < 0 ? null : column.dictionary[code]!;
}

// Codes values into a dictionary shared by equal values (a country is stored once, not per person).
class Coder {
  private readonly codes = new Map<string, number>();
  readonly dictionary: Scalar[] = [];
  code(value: unknown): number {
    if (value === null || value === undefined) return -1;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return -1;
    const key = `${typeof value}:${String(value)}`;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.codes.set(key, code);
    }
    return code;
  }
}

async function loadIdentities(db: Warehouse, state: string): Promise<Identities> {
  const byIdentifier = new Map<string, number>();
  const nodes = await db.columns<{
    id_type: string[];
    value: string[];
    value_index: (string | null)[];
    profile_id: unknown[];
  }>(
    'SELECT id_type, value, value_index, profile_id FROM identity_nodes WHERE profile_id IS NOT NULL ORDER BY node_id',
  );
  const sealed = new Set(['email', 'phone', 'twitter', 'facebook', 'instagram', 'linkedin']);
  for (let i = 0; i < nodes.id_type.length; i++) {
    const type = nodes.id_type[i]!;
    const profile = Number(nodes.profile_id[i]);
    const value = nodes.value[i]!;
    const add = (key: string) => {
      if (!byIdentifier.has(key)) byIdentifier.set(key, profile);
    };
    add(`${type}\u0001${value}`);
    // An encrypted database finds sealed types by their blind index (identifierCandidates gives that).
    const blind = nodes.value_index[i];
    if (blind && sealed.has(type)) add(`${type}\u0001${blind}`);
    if (type === 'person_key') add(`${type}\u0002${value.slice(value.indexOf(':') + 1)}`);
  }
  const recorded = new Set<number>();
  const rp = await db.numbers('SELECT DISTINCT profile_id FROM record_profiles');
  const recordedIds = rp.profile_id as ArrayLike<number>;
  for (let i = 0; i < recordedIds.length; i++) recorded.add(Number(recordedIds[i]));
  const slots = new Map<number, number>();
  const ids = await db.numbers('SELECT profile_id FROM profiles ORDER BY profile_id');
  const list = ids.profile_id as ArrayLike<number>;
  for (let i = 0; i < list.length; i++) slots.set(Number(list[i]), i);
  return { state, byIdentifier, recorded, slots, size: list.length };
}

async function loadColumns(
  db: Warehouse,
  names: readonly string[],
  ids: Identities,
): Promise<Map<string, Column>> {
  // A text column is read as text (to_json, which decide read before, writes dates and times the same way).
  const parts = names.map((n) =>
    COLUMN_TYPES[n] === 'number'
      ? sql`CAST(${identifier(n)} AS DOUBLE) AS ${identifier(n)}`
      : COLUMN_TYPES[n] === 'string'
        ? sql`CAST(${identifier(n)} AS VARCHAR) AS ${identifier(n)}`
        : sql`${identifier(n)}`,
  );
  const q = sql`SELECT profile_id, ${join(parts, ', ')} FROM profiles`;
  const rows = await db.columns<Record<string, unknown[]>>(q.text, q.params);
  const slotsOf = (rows.profile_id ?? []).map((p) => ids.slots.get(Number(p)) ?? -1);
  const out = new Map<string, Column>();
  for (const n of names) {
    const values = rows[n] ?? [];
    if (COLUMN_TYPES[n] === 'number') {
      const column = new Float64Array(ids.size).fill(Number.NaN);
      values.forEach((v, i) => {
        const slot = slotsOf[i]!;
        if (slot >= 0 && v !== null && v !== undefined) column[slot] = Number(v);
      });
      out.set(n, { kind: 'number', values: column });
    } else {
      const coder = new Coder();
      const codes = new Int32Array(ids.size).fill(-1);
      values.forEach((v, i) => {
        const slot = slotsOf[i]!;
        if (slot >= 0) codes[slot] = coder.code(v);
      });
      out.set(n, { kind: 'coded', codes, dictionary: coder.dictionary });
    }
  }
  return out;
}

async function loadTraits(
  db: Warehouse,
  keys: readonly string[],
  ids: Identities,
): Promise<Map<string, Column>> {
  const coders = new Map(
    keys.map((k) => [k, { coder: new Coder(), codes: new Int32Array(ids.size).fill(-1) }]),
  );
  const rows = await db.columns<{ profile_id: unknown[]; traits: (string | null)[] }>(
    'SELECT profile_id, CAST(traits AS VARCHAR) AS traits FROM profiles WHERE traits IS NOT NULL',
  );
  rows.traits.forEach((text, i) => {
    const slot = ids.slots.get(Number(rows.profile_id[i]));
    if (slot === undefined || text === null) return;
    let document: unknown = JSON.parse(text);
    // A trait document stored as JSON text of JSON (decide parsed such a string once more).
    if (typeof document === 'string') document = JSON.parse(document);
    if (document === null || typeof document !== 'object') return;
    for (const [key, c] of coders) {
      if (Object.hasOwn(document, key))
        c.codes[slot] = c.coder.code((document as Record<string, unknown>)[key]);
    }
  });
  return new Map(
    [...coders].map(([k, c]) => [k, { kind: 'coded', codes: c.codes, dictionary: c.coder.dictionary }]),
  );
}

async function loadScores(
  db: Warehouse,
  names: readonly string[],
): Promise<Map<string, Map<number, Scalar>>> {
  const q = sql`SELECT customer_key, score, value, label FROM customer_scores
    WHERE score IN (${join(
      names.map((n) => param(n)),
      ', ',
    )})
    QUALIFY row_number() OVER (PARTITION BY customer_key, score ORDER BY run_id DESC) = 1`;
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
