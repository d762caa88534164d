import { KINDS } from '../domain/kinds.js';
import { DEFAULT_NORMALIZE } from '../identity/normalize.js';
import { effectiveRules, normalizeIdentifier } from '../identity/rules.js';
import { identifierColumns } from '../identity/sources.js';
import type { IdentifierType } from '../identity/types.js';
import { type ConsentState, type Purpose, profileConsent } from '../privacy/consent.js';
import {
  AS_OF,
  asOfSql,
  type DefinitionSettings,
  measure,
  profileOrderFactsSql,
  readSettings,
} from '../semantics/index.js';
import { identifier, remember, type SqlValue, type Warehouse } from '../store/index.js';
import {
  copyProfileRecords,
  dropProfileRecords,
  ensureProfileRows,
  ensureProfileRowsWith,
  ORDER_LINES,
  profileRecordTables,
  rebuildProfileRows,
} from './rows.js';
import { type TimelineEntry, type TimelinePage, type TimelineQuery, timelinePage } from './timeline.js';

/** One profile as `clientele profile` and `GET /v1/profiles/:id` show it. */
export interface Profile {
  id: number;
  identities: { type: string; value: string }[];
  customerIds: string[];
  traits: Record<string, unknown>;
  metrics: ProfileMetrics;
  channels: string[];
  devices: { deviceType: string | null; os: string | null; events: number }[];
  records: Record<string, number>;
  /** The latest touchpoints, newest first. */
  timeline: TimelineEntry[];
  /** The cursor of the next (older) page of the timeline (`before=`), null when there is none. */
  timelineNext: string | null;
  /** Consent per purpose with its source and time; null where nothing was stated (docs/privacy.md). */
  consent: Record<Purpose, ConsentState | null>;
  explain?: ProfileExplanation;
}

/** Computed figures of one profile. */
export interface ProfileMetrics {
  orders: number;
  revenue: number;
  averageOrderValue: number | null;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  tenureDays: number | null;
  favouriteCategories: { category: string; units: number }[];
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  events: number;
  email: {
    sent: number;
    opened: number;
    clicked: number;
    bounced: number;
    unsubscribed: number;
    openRate: number | null;
    clickRate: number | null;
    respondsTo: string[];
  };
  supportTickets: number;
  reviews: number;
  acquisitionSource: string | null;
}

/** Why the profile's records are together: each identifier with the records that carried it. */
export interface ProfileExplanation {
  identifiers: {
    type: string;
    value: string;
    records: { table: string; rowKey: string; file: string | null; importedAt: string | null }[];
  }[];
  refused: {
    table: string;
    rowKey: string;
    type: string;
    value: string;
    otherProfile: number | null;
    at: string;
  }[];
  /** Manual links in force that join this person's records (accepted probable duplicates, `clientele dedupe`). */
  links: { a: string; b: string; probability: number | null; decidedBy: string; at: string }[];
}

const ISO = '%Y-%m-%dT%H:%M:%SZ';
const nz = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

/**
 * The record tables a profile's page reads, each copied once per request (src/profiles/rows.ts), and the
 * lines of the profile's orders.
 */
const PAGE_TABLES = [
  'customers',
  'events',
  'messages',
  'orders',
  'feedback',
  'sales_notes',
  ORDER_LINES,
] as const;

// The columns of the wide record tables that the page reads (the others are copied whole: traits read every
// customer field, the order facts every order column). Every table's `row_key` is among them.
const PAGE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  events: ['row_key', 'ts', 'type', 'event', 'properties', 'page_url', 'traits', 'device_type', 'os'],
  messages: [
    'row_key',
    'channel',
    'campaign',
    'category',
    'sent_at',
    'opened_at',
    'clicked_at',
    'bounced',
    'unsubscribed_at',
  ],
  feedback: ['row_key', 'kind', 'rating', 'subject', 'text', 'created_at'],
};

// What a timeline page alone reads: the tables of touchpoints, and of orders only what an entry says.
const TIMELINE_READ = {
  tables: ['events', 'messages', 'orders', 'feedback', 'sales_notes'],
  columns: {
    ...PAGE_COLUMNS,
    orders: ['row_key', 'order_ts', 'order_id', 'revenue', 'currency', 'status', 'channel'],
  },
};

// The record tables that hold rows of profiles, by the resolved state they were read at: finding them scans
// record_profiles, which changes only when profiles are resolved again (ensureProfileRows answers that state).
const recordTables = new WeakMap<Warehouse, { state: string; tables: string[] }>();

async function presentTables(db: Warehouse, state: string): Promise<Set<string>> {
  let known = recordTables.get(db);
  if (known?.state !== state) {
    known = { state, tables: await profileRecordTables(db) };
    recordTables.set(db, known);
  }
  const present = new Set(known.tables);
  if (present.has('orders')) present.add(ORDER_LINES);
  return present;
}

/**
 * Runs `fn` on a session holding the profile's records in temporary tables named by {@link scratchNames}, or
 * returns null when the profile has no records. The rows come through the profile-sorted index
 * (src/profiles/rows.ts), never by scanning record tables; every value is bound, never written into the SQL.
 */
export async function withProfileRecords<T>(
  db: Warehouse,
  id: number,
  fn: (
    s: Warehouse,
    t: ScratchNames,
    counts: ReadonlyMap<string, number>,
    state: string,
    check: ProfileRowsCheck,
  ) => Promise<T>,
  read: { tables: readonly string[]; columns: Readonly<Record<string, readonly string[]>> } = {
    tables: PAGE_TABLES,
    columns: PAGE_COLUMNS,
  },
  known?: string,
): Promise<T | null> {
  // The index's state, when the caller has just read it ({@link readState}), is not asked again.
  let state = known ?? (await ensureProfileRows(db));
  const present = await presentTables(db, state);
  const tables = read.tables.filter((t) => present.has(t));
  const prefix = `profile_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  for (let attempt = 0; ; attempt++) {
    const result = await db.session(async (s) => {
      try {
        const copied = await copyProfileRecords(s, id, prefix, tables, read.columns, { deferCheck: true });
        if (!copied) return { stale: true as const };
        let records = 0;
        for (const [t, n] of copied.counts) if (t !== ORDER_LINES) records += n;
        if (!records) return { value: null };
        // The copies' row keys are checked in a statement of `fn`'s when it takes the check, else here, after
        // it: either way a read from copies that moved is thrown away.
        let taken = false;
        let moved = false;
        const check: ProfileRowsCheck = {
          take: () => {
            taken = true;
            return copied.check && { text: copied.check.text, params: copied.check.params };
          },
          verify: (row) => {
            if (copied.check && !copied.check.ok(row)) moved = true;
          },
        };
        const value = await fn(s, scratchNames(prefix, copied.copied), copied.counts, state, check);
        if (!taken && copied.check) {
          const [have] = await s.all<Record<string, unknown>>(copied.check.text, copied.check.params);
          check.verify(have);
        }
        return moved ? { stale: true as const } : { value };
      } finally {
        await dropProfileRecords(s, prefix, tables);
      }
    });
    if (!('stale' in result)) return result.value;
    // Row ids moved (DuckDB compacted a table): rebuild the index once and read again.
    if (attempt > 0) throw new Error(`profile_rows stays out of step with record_profiles for profile ${id}`);
    await rebuildProfileRows(db);
    state = await ensureProfileRows(db);
  }
}

/**
 * The check that a profile's copies hold its rows (src/profiles/rows.ts), for a reader of
 * {@link withProfileRecords} to make in one of its own statements: `take` gives a one-row subquery (null when
 * there is nothing to check) to cross join, `verify` is given the row read.
 */
export interface ProfileRowsCheck {
  take(): { text: string; params: readonly SqlValue[] } | null;
  verify(row: Record<string, unknown> | undefined): void;
}

/**
 * The relations of one profile's records (temporary tables; a table the profile has no rows in reads as an
 * empty subquery of its shape, so every use names an alias of its own).
 */
export interface ScratchNames {
  readonly customers: string;
  readonly events: string;
  readonly messages: string;
  readonly orders: string;
  readonly feedback: string;
  readonly sales_notes: string;
  /** The order_items rows of the profile's orders. */
  readonly order_lines: string;
}

function scratchNames(prefix: string, present: ReadonlySet<string>): ScratchNames {
  const name = (t: (typeof PAGE_TABLES)[number]) =>
    // A table the profile has no rows in: an empty relation of its shape.
    present.has(t)
      ? identifier(`${prefix}_${t}`).text
      : `(SELECT * FROM ${identifier(t === ORDER_LINES ? 'order_items' : t).text} WHERE false)`;
  return {
    customers: name('customers'),
    events: name('events'),
    messages: name('messages'),
    orders: name('orders'),
    feedback: name('feedback'),
    sales_notes: name('sales_notes'),
    order_lines: name(ORDER_LINES),
  };
}

// The last placed order's day (the definitions' AS_OF), by the data state and settings it was read at: every
// profile's tenure counts to it, and reading it scans every order.
const asOfDays = new WeakMap<Warehouse, { key: string; day: string | null }>();

async function lastPlacedOrderDay(
  db: Warehouse,
  state: string,
  settings: DefinitionSettings,
): Promise<string | null> {
  const key = `${state}\u0001${JSON.stringify(settings)}`;
  const known = asOfDays.get(db);
  if (known?.key === key) return known.day;
  const [row] = await db.all<{ day: string | null }>(
    `SELECT CAST(CAST(a.as_of AS DATE) AS VARCHAR) AS day FROM (${asOfSql(settings, db.dialect)}) a`,
  );
  const day = row?.day ?? null;
  asOfDays.set(db, { key, day });
  return day;
}

// The columns of `orders` in order, where the engine cannot replace a column inside `*` (PostgreSQL).
const orderColumnLists = new WeakMap<Warehouse, string[]>();

async function orderColumns(db: Warehouse): Promise<string[]> {
  if (db.dialect.name === 'duckdb') return [];
  let known = orderColumnLists.get(db);
  if (!known) {
    known = (
      await db.all<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns
         WHERE table_name = 'orders' AND table_schema = current_schema() ORDER BY ordinal_position`,
      )
    ).map((r) => r.c);
    orderColumnLists.set(db, known);
  }
  return known;
}

// Profiles and timeline pages read before, by the state they were read at ({@link readState}): a person's
// page is read again and again (a visitor going back, the history's first page), while copying their records
// costs a few hundred milliseconds at 100,000 customers. The promise is kept (a second asker waits for the
// first read); callers get a copy, so a change to an answer (masking) never reaches the cache.
const KEEP = 500;
const readCache = new WeakMap<Warehouse, Map<string, Promise<unknown>>>();

/** What {@link readState} read: the cache key's text, the profile index's state and the definitions' settings. */
interface ReadState {
  readonly key: string;
  readonly rows: string;
  readonly settings: DefinitionSettings;
}

/**
 * What a profile's page and timeline are read from, in a few counters: the resolved state the row index is
 * built for (identities, records, profiles), the last import (products, a file's priority, updated rows), the
 * profiles' number and refresh time (an erasure, an incremental refresh), the engagements recorded (an open or
 * click sets its message's times in place: src/campaigns/engagement.ts), and the definitions' settings. The
 * counters are read in the statement that asks whether the row index is current; the read that follows is
 * given both (issue 13: each statement a profile read runs costs a round trip).
 */
async function readState(db: Warehouse): Promise<ReadState> {
  const { state: rows, row } = await ensureProfileRowsWith(
    db,
    `(SELECT max(import_id) FROM imports) AS i, (SELECT count(*) FROM profiles) AS p,
       (SELECT CAST(max(refreshed_at) AS VARCHAR) FROM profiles) AS pr,
       (SELECT count(*) FROM message_engagement) AS me`,
  );
  const settings = await readSettings(db);
  return { key: JSON.stringify([rows, row, settings]), rows, settings };
}

async function cachedRead<T>(
  db: Warehouse,
  what: string,
  read: (state: ReadState) => Promise<T>,
): Promise<T> {
  const state = await readState(db);
  const key = `${state.key}\u0001${what}`;
  let cache = readCache.get(db);
  if (!cache) {
    cache = new Map();
    readCache.set(db, cache);
  }
  return structuredClone(await remember(cache as Map<string, Promise<T>>, key, KEEP, () => read(state)));
}

/** Reads one profile with its identities, traits, metrics, channels, devices and latest touchpoints. */
export async function getProfile(
  db: Warehouse,
  id: number,
  options: { timeline?: number; filter?: Omit<TimelineQuery, 'limit'>; explain?: boolean } = {},
): Promise<Profile | null> {
  const { explain, ...read } = options;
  const found = await cachedRead(db, JSON.stringify(['profile', id, read]), (state) =>
    readProfile(db, id, read, state),
  );
  if (!found) return null;
  // Consent is read fresh: a consent change moves none of the counters above.
  const profile: Profile = { ...found, consent: await profileConsent(db, id) };
  if (explain) profile.explain = await explainProfile(db, id);
  return profile;
}

async function readProfile(
  db: Warehouse,
  id: number,
  options: { timeline?: number; filter?: Omit<TimelineQuery, 'limit'> },
  known: ReadState,
): Promise<Omit<Profile, 'consent'> | null> {
  const d = db.dialect;
  const settings = known.settings;
  const read = await withProfileRecords(
    db,
    id,
    async (s, T, counts, state, check) => {
      const records = [...counts]
        .filter(([t]) => t !== ORDER_LINES)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([record_table, n]) => ({ record_table, n }));
      // Traits: the CRM records, most recently updated first; the first non-empty value of each field wins.
      const customerRows = await s.all<Record<string, unknown>>(
        `SELECT c.*, CAST(c.extra AS VARCHAR) AS extra_text FROM ${T.customers} c
       ORDER BY coalesce((SELECT im.options->>'priority' FROM imports im WHERE im.import_id = c.import_id), 'normal') = 'low',
         coalesce(c.updated_at, c.signup_at, c.imported_at) DESC NULLS LAST, c.imported_at DESC`,
      );
      const traits: Record<string, unknown> = {};
      const skip = new Set(['row_key', 'imported_at', 'extra']);
      for (const row of customerRows) {
        for (const field of KINDS.customers.fields) {
          if (skip.has(field.name) || traits[field.name] !== undefined) continue;
          const v = row[field.name];
          if (v !== null && v !== undefined && v !== '')
            traits[field.name] = v instanceof Date ? v.toISOString() : v;
        }
        for (const [k, v] of Object.entries(
          row.extra_text ? (JSON.parse(row.extra_text as string) as Record<string, unknown>) : {},
        )) {
          if (traits[k] === undefined && v !== null && v !== '') traits[k] = v;
        }
      }
      const customerIds = [
        ...new Set(customerRows.map((r) => r.customer_id).filter((c): c is string => typeof c === 'string')),
      ];

      // Orders with their value and what they count as (docs/definitions.md), for this profile's orders only:
      // the view's rows of them, computed from the profile's copies (reading the view would join every order).
      const own = profileOrderFactsSql(settings, T.orders, T.order_lines, id, d, await orderColumns(db));
      const facts = `(${own.text})`;
      // Tenure counts to the last placed order in the data (the same for every profile: read once per state).
      const tenure = measure('tenure_days', 'x', d);
      if (!tenure.includes(AS_OF)) throw new Error('tenure_days no longer counts to AS_OF');
      const asOf = await lastPlacedOrderDay(db, state, settings);

      // The lists of the page in one statement, each part's rows numbered in its order (each a statement of its
      // own cost more in round trips than work; issue 13): the identities, the latest identify calls' traits,
      // the favourite categories, the devices, the categories of messages clicked, and the channels.
      const lists = await s.all<{ part: string; a: string | null; b: string | null; n: number | null }>(
        `SELECT part, a, b, n FROM (
         SELECT 'i' AS part, id_type AS a, value AS b, CAST(NULL AS BIGINT) AS n,
           row_number() OVER (ORDER BY node_id) AS ord
         FROM identity_nodes WHERE profile_id = ?
         UNION ALL SELECT 't', traits, CAST(NULL AS VARCHAR), CAST(NULL AS BIGINT), ord FROM (
           SELECT CAST(ev.traits AS VARCHAR) AS traits, row_number() OVER (ORDER BY ev.ts DESC) AS ord
           FROM ${T.events} ev WHERE ev.traits IS NOT NULL) t1 WHERE ord <= 50
         UNION ALL SELECT 'c', category, CAST(NULL AS VARCHAR), units, ord FROM (
           SELECT category, units, row_number() OVER (ORDER BY units DESC, category) AS ord FROM (
             SELECT coalesce(i.category, p.category) AS category, CAST(sum(i.quantity) AS BIGINT) AS units
             FROM ${T.order_lines} i LEFT JOIN products p ON p.product_id = i.product_id
             WHERE i.order_id IN (SELECT order_id FROM ${facts} f WHERE f.placed) AND coalesce(i.category, p.category) IS NOT NULL
             GROUP BY 1) c0) c1 WHERE ord <= 5
         UNION ALL SELECT 'd', ev.device_type, ev.os, count(*),
           row_number() OVER (ORDER BY count(*) DESC, ev.device_type, ev.os)
         FROM ${T.events} ev WHERE ev.device_type IS NOT NULL OR ev.os IS NOT NULL GROUP BY ev.device_type, ev.os
         UNION ALL SELECT 'r', ms.category, CAST(NULL AS VARCHAR), CAST(NULL AS BIGINT),
           row_number() OVER (ORDER BY count(ms.clicked_at) * 1.0 / count(*) DESC, ms.category)
         FROM ${T.messages} ms WHERE ms.category IS NOT NULL GROUP BY ms.category HAVING count(ms.clicked_at) > 0
         UNION ALL SELECT 'h', ch.channel, CAST(NULL AS VARCHAR), CAST(NULL AS BIGINT), row_number() OVER (ORDER BY ch.channel)
         FROM (SELECT DISTINCT ch0.channel FROM (
           SELECT coalesce(channel, 'email') AS channel FROM ${T.messages} m1
           UNION ALL SELECT CASE WHEN type = 'screen' OR os IN ('iOS', 'Android') AND type <> 'page' THEN 'app' ELSE 'web' END
             FROM ${T.events} e1 WHERE type IN ('page', 'screen', 'track')
           UNION ALL SELECT CASE WHEN channel IN ('store', 'retail') THEN 'store' WHEN channel = 'app' THEN 'app' ELSE 'web' END
             FROM ${T.orders} o1 WHERE channel IS NOT NULL
           UNION ALL SELECT 'whatsapp' FROM ${T.customers} c1 WHERE whatsapp IS NOT NULL
           UNION ALL SELECT 'social' FROM ${T.customers} c2
             WHERE coalesce(twitter, facebook, instagram, linkedin) IS NOT NULL) ch0) ch
       ) l ORDER BY part, ord`,
        [id, ...own.params],
      );
      const part = (p: string) => lists.filter((r) => r.part === p);
      const identities = part('i').map((r) => ({ type: r.a as string, value: r.b as string }));
      // identify calls fill what the CRM does not say.
      for (const e of part('t')) {
        for (const [k, v] of Object.entries(JSON.parse(e.a as string) as Record<string, unknown>)) {
          if (traits[k] === undefined && v !== null && v !== '' && typeof v !== 'object') traits[k] = v;
        }
      }
      const categories = part('c').map((r) => ({ category: r.a as string, units: r.n as number }));
      const devices = part('d').map((r) => ({ deviceType: r.a, os: r.b, events: r.n as number }));
      const respondsTo = part('r').map((r) => ({ category: r.a as string }));
      const channelRows = part('h').map((r) => ({ channel: r.a as string }));

      // The one-row figures in one statement: the orders' (with the tenure) and the touchpoints', and the check
      // that the copies hold the profile's rows.
      const rowsCheck = check.take();
      const [x] = await s.all<{
        orders: number | null;
        revenue: number | null;
        first: string | null;
        last: string | null;
        tenure: number | null;
        e_n: number;
        e_first: string | null;
        e_last: string | null;
        sent: number;
        opened: number;
        clicked: number;
        bounced: number;
        unsubscribed: number;
        tickets: number;
        reviews: number;
        seen_first: string | null;
        seen_last: string | null;
      }>(
        `SELECT ${rowsCheck ? 'rows_check.*, ' : ''}ox.*, e.n AS e_n, e.first AS e_first, e.last AS e_last, m.*, f.*, seen.first AS seen_first, seen.last AS seen_last
       FROM (SELECT x.orders, x.revenue, ${d.formatTime('x.first_order_at', ISO)} AS first, ${d.formatTime('x.last_order_at', ISO)} AS last,
         ${tenure.replace(AS_OF, 'CAST(? AS DATE)')} AS tenure
       FROM (SELECT ${measure('orders', 'o', d)} AS orders, ${measure('revenue', 'o', d)} AS revenue,
         ${measure('first_order_at', 'o', d)} AS first_order_at, ${measure('last_order_at', 'o', d)} AS last_order_at
         FROM ${facts} o) x) ox,
       (SELECT count(*) AS n, ${d.formatTime('min(ev.ts)', ISO)} AS first, ${d.formatTime('max(ev.ts)', ISO)} AS last FROM ${T.events} ev) e,
       (SELECT count(*) AS sent, count(opened_at) AS opened, count(clicked_at) AS clicked,
         count(*) FILTER (WHERE bounced) AS bounced, count(unsubscribed_at) AS unsubscribed
        FROM ${T.messages} ms WHERE coalesce(ms.channel, 'email') = 'email') m,
       (SELECT count(*) FILTER (WHERE kind = 'ticket') AS tickets, count(*) FILTER (WHERE kind = 'review') AS reviews
        FROM ${T.feedback} fb) f,
       (SELECT ${d.formatTime('min(a.t)', ISO)} AS first, ${d.formatTime('max(a.t)', ISO)} AS last FROM (
         SELECT order_ts AS t FROM ${T.orders} o1
         UNION ALL SELECT ts FROM ${T.events} e1
         UNION ALL SELECT sent_at FROM ${T.messages} m1
         UNION ALL SELECT created_at FROM ${T.feedback} f1
         UNION ALL SELECT signup_at FROM ${T.customers} c1) a) seen${rowsCheck ? `, (${rowsCheck.text}) rows_check` : ''}`,
        [asOf, ...own.params, ...(rowsCheck?.params ?? [])],
      );
      check.verify(x);
      const o = x && { orders: x.orders, revenue: x.revenue, first: x.first, last: x.last, tenure: x.tenure };
      const e = x && { n: x.e_n, first: x.e_first, last: x.e_last };
      const m = x && {
        sent: x.sent,
        opened: x.opened,
        clicked: x.clicked,
        bounced: x.bounced,
        unsubscribed: x.unsubscribed,
      };
      const f = x && { tickets: x.tickets, reviews: x.reviews };
      const seen = x && { first: x.seen_first, last: x.seen_last };
      const page = await timelinePage(s, T, { ...options.filter, limit: options.timeline ?? 50 });
      return {
        records,
        identities,
        customerIds,
        traits,
        o,
        categories,
        e,
        devices,
        m,
        respondsTo,
        f,
        seen,
        channelRows,
        page,
      };
    },
    { tables: PAGE_TABLES, columns: PAGE_COLUMNS },
    known.rows,
  );
  if (!read) return null;
  const {
    records,
    identities,
    customerIds,
    traits,
    o,
    categories,
    e,
    devices,
    m,
    respondsTo,
    f,
    seen,
    channelRows,
    page,
  } = read;
  const sent = nz(m?.sent);
  const orders = nz(o?.orders);
  const revenue = nz(o?.revenue);
  return {
    id,
    identities,
    customerIds,
    traits,
    metrics: {
      orders,
      revenue: Math.round(revenue * 100) / 100,
      averageOrderValue: orders ? Math.round((revenue / orders) * 100) / 100 : null,
      firstOrderAt: (o?.first as string | null) ?? null,
      lastOrderAt: (o?.last as string | null) ?? null,
      tenureDays: (o?.tenure as number | null) ?? null,
      favouriteCategories: categories,
      firstSeenAt: seen?.first ?? null,
      lastSeenAt: seen?.last ?? null,
      events: e?.n ?? 0,
      email: {
        sent,
        opened: nz(m?.opened),
        clicked: nz(m?.clicked),
        bounced: nz(m?.bounced),
        unsubscribed: nz(m?.unsubscribed),
        openRate: sent ? nz(m?.opened) / sent : null,
        clickRate: sent ? nz(m?.clicked) / sent : null,
        respondsTo: respondsTo.map((r) => r.category),
      },
      supportTickets: f?.tickets ?? 0,
      reviews: f?.reviews ?? 0,
      acquisitionSource: (traits.acquisition_source as string | undefined) ?? null,
    },
    channels: channelRows.map((c) => c.channel),
    devices,
    records: Object.fromEntries(records.map((r) => [r.record_table, r.n])),
    timeline: page.entries,
    timelineNext: page.next,
  };
}

/** A page of one profile's touchpoints over its whole history (src/profiles/timeline.ts); null when it has no records. */
export function profileTimeline(
  db: Warehouse,
  id: number,
  query: TimelineQuery,
): Promise<TimelinePage | null> {
  return cachedRead(db, JSON.stringify(['timeline', id, query]), (state) =>
    withProfileRecords(db, id, (s, T) => timelinePage(s, T, query), TIMELINE_READ, state.rows),
  );
}

/** Which identifier joined which records, from which file and when; and the merges the rules refused. */
export async function explainProfile(db: Warehouse, id: number): Promise<ProfileExplanation> {
  const rules = await effectiveRules(db);
  const byIdentifier = new Map<string, ProfileExplanation['identifiers'][number]>();
  for (const { table, from, columns } of identifierColumns(rules, db.dialect)) {
    const rows = await db.all<Record<string, string | null>>(
      `SELECT t.row_key, i.file, ${db.dialect.formatTime('t.imported_at', ISO)} AS imported_at,
         ${columns.map((c, n) => `CAST(${c.expr} AS VARCHAR) AS c${n}`).join(', ')}
       FROM ${from} JOIN record_profiles rp ON rp.record_table = ? AND rp.row_key = t.row_key
       LEFT JOIN imports i ON i.import_id = t.import_id
       WHERE rp.profile_id = ? ORDER BY t.row_key`,
      [table, id],
    );
    for (const row of rows) {
      columns.forEach((c, n) => {
        const raw = row[`c${n}`];
        if (!raw) return;
        const value = normalizeIdentifier(c.type as IdentifierType, raw, DEFAULT_NORMALIZE);
        if (value === null) return;
        const key = `${c.type}\u0001${value}`;
        const entry = byIdentifier.get(key) ?? { type: c.type, value, records: [] };
        if (!entry.records.some((r) => r.table === table && r.rowKey === row.row_key)) {
          entry.records.push({
            table,
            rowKey: row.row_key!,
            file: row.file ?? null,
            importedAt: row.imported_at ?? null,
          });
        }
        byIdentifier.set(key, entry);
      });
    }
  }
  const refused = await db.all<ProfileExplanation['refused'][number]>(
    `SELECT record_table AS "table", row_key AS "rowKey", id_type AS type, value, other_profile_id AS "otherProfile",
       ${db.dialect.formatTime('detected_at', ISO)} AS at
     FROM identity_conflicts WHERE profile_id = ? ORDER BY detected_at, row_key`,
    [id],
  );
  const links = await db.all<ProfileExplanation['links'][number]>(
    `SELECT d.a, d.b, d.probability, d.decided_by AS "decidedBy", ${db.dialect.formatTime('d.decided_at', ISO)} AS at
     FROM dedupe_decisions d
     WHERE d.decision = 'accepted' AND d.undone_at IS NULL AND d.a IN (
       SELECT c.customer_id FROM customers c JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
       WHERE rp.profile_id = ?)
     ORDER BY d.decided_at, d.a, d.b`,
    [id],
  );
  return { identifiers: [...byIdentifier.values()], refused, links };
}
