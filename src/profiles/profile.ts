import { KINDS } from '../domain/kinds.js';
import { DEFAULT_NORMALIZE } from '../identity/normalize.js';
import { effectiveRules, normalizeIdentifier } from '../identity/rules.js';
import { identifierColumns } from '../identity/sources.js';
import type { IdentifierType } from '../identity/types.js';
import { type ConsentState, type Purpose, profileConsent } from '../privacy/consent.js';
import { measure } from '../semantics/index.js';
import { duckdbDialect, type Warehouse } from '../store/index.js';

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
  timeline: TimelineEntry[];
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

/** One touchpoint in time order. */
export type TimelineEntry = {
  at: string;
  kind: string;
  what: string;
  source: string;
};

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

const iso = "strftime(%s, '%Y-%m-%dT%H:%M:%SZ')";
const ts = (e: string) => iso.replace('%s', e);
const nz = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

/** Reads one profile with its identities, traits, metrics, channels, devices and timeline. */
export async function getProfile(
  db: Warehouse,
  id: number,
  options: { timeline?: number; explain?: boolean } = {},
): Promise<Profile | null> {
  // The profile's row keys, read once: each query below then filters its table by a list of constants
  // instead of joining record_profiles (tens of millions of rows at a million customers) again.
  const records = await db.all<{ record_table: string; n: number; keys: string[] }>(
    'SELECT record_table, count(*) AS n, list(row_key ORDER BY row_key) AS keys FROM record_profiles WHERE profile_id = ? GROUP BY 1',
    [id],
  );
  if (!records.length) return null;
  const keys = new Map(records.map((r) => [r.record_table, r.keys]));
  const mine = (table: string) => {
    const list = keys.get(table) ?? [];
    return list.length ? `(${list.map((k) => duckdbDialect.literal(String(k))).join(', ')})` : '(NULL)';
  };
  // The profile's events, messages, orders and feedback, copied once into temporary tables on a connection of its own: the
  // fifteen queries below then read a few hundred rows instead of scanning tens of millions each.
  const suffix = `${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const T = {
    events: `profile_events_${suffix}`,
    messages: `profile_messages_${suffix}`,
    orders: `profile_orders_${suffix}`,
    feedback: `profile_feedback_${suffix}`,
  } as const;
  const {
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
    timeline,
  } = await db.session(async (s) => {
    try {
      for (const table of ['events', 'messages', 'orders', 'feedback'] as const) {
        await s.run(
          // Orders come with their value and what they count as (docs/definitions.md).
          `CREATE TEMP TABLE ${T[table]} AS SELECT * FROM ${table === 'orders' ? 'order_facts' : table} WHERE row_key IN ${mine(table)}`,
        );
      }
      const identities = await s.all<{ type: string; value: string }>(
        'SELECT id_type AS type, value FROM identity_nodes WHERE profile_id = ? ORDER BY node_id',
        [id],
      );

      // Traits: the CRM records, most recently updated first; the first non-empty value of each field wins.
      const customerRows = await s.all<Record<string, unknown>>(
        `SELECT * EXCLUDE (row_hash, import_id, source_row), CAST(extra AS VARCHAR) AS extra FROM customers
         WHERE row_key IN ${mine('customers')}
         ORDER BY coalesce((SELECT im.options->>'priority' FROM imports im WHERE im.import_id = customers.import_id), 'normal') = 'low',
           coalesce(updated_at, signup_at, imported_at) DESC NULLS LAST, imported_at DESC`,
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
          row.extra ? (JSON.parse(row.extra as string) as Record<string, unknown>) : {},
        )) {
          if (traits[k] === undefined && v !== null && v !== '') traits[k] = v;
        }
      }
      // identify calls fill what the CRM does not say.
      const identify = await s.all<{ traits: string }>(
        `SELECT CAST(traits AS VARCHAR) AS traits FROM ${T.events} WHERE row_key IN ${mine('events')} AND traits IS NOT NULL ORDER BY ts DESC LIMIT 50`,
      );
      for (const e of identify) {
        for (const [k, v] of Object.entries(JSON.parse(e.traits) as Record<string, unknown>)) {
          if (traits[k] === undefined && v !== null && v !== '' && typeof v !== 'object') traits[k] = v;
        }
      }
      const customerIds = [
        ...new Set(customerRows.map((r) => r.customer_id).filter((c): c is string => typeof c === 'string')),
      ];

      const [o] = await s.all<Record<string, number | string | null>>(
        `SELECT x.orders, x.revenue, ${ts('x.first_order_at')} AS first, ${ts('x.last_order_at')} AS last,
           ${measure('tenure_days', 'x')} AS tenure
         FROM (SELECT ${measure('orders', 'o')} AS orders, ${measure('revenue', 'o')} AS revenue,
           ${measure('first_order_at', 'o')} AS first_order_at, ${measure('last_order_at', 'o')} AS last_order_at
           FROM ${T.orders} o WHERE row_key IN ${mine('orders')}) x`,
      );
      const categories = await s.all<{ category: string; units: number }>(
        `SELECT coalesce(i.category, p.category) AS category, CAST(sum(i.quantity) AS BIGINT) AS units
         FROM order_items i LEFT JOIN products p ON p.product_id = i.product_id
         WHERE i.order_id IN (SELECT order_id FROM ${T.orders} WHERE placed AND row_key IN ${mine('orders')}) AND coalesce(i.category, p.category) IS NOT NULL
         GROUP BY 1 ORDER BY units DESC, category LIMIT 5`,
      );
      const [e] = await s.all<{ n: number; first: string | null; last: string | null }>(
        `SELECT count(*) AS n, ${ts('min(ts)')} AS first, ${ts('max(ts)')} AS last FROM ${T.events} WHERE row_key IN ${mine('events')}`,
      );
      const devices = await s.all<{ deviceType: string | null; os: string | null; events: number }>(
        `SELECT device_type AS "deviceType", os, count(*) AS events FROM ${T.events} WHERE row_key IN ${mine('events')}
         AND (device_type IS NOT NULL OR os IS NOT NULL) GROUP BY 1, 2 ORDER BY events DESC`,
      );
      const [m] = await s.all<Record<string, number>>(
        `SELECT count(*) AS sent, count(opened_at) AS opened, count(clicked_at) AS clicked,
           count(*) FILTER (WHERE bounced) AS bounced, count(unsubscribed_at) AS unsubscribed
         FROM ${T.messages} WHERE row_key IN ${mine('messages')} AND coalesce(channel, 'email') = 'email'`,
      );
      const respondsTo = await s.all<{ category: string }>(
        `SELECT category FROM ${T.messages} WHERE row_key IN ${mine('messages')} AND category IS NOT NULL
         GROUP BY category HAVING count(clicked_at) > 0 ORDER BY count(clicked_at) * 1.0 / count(*) DESC`,
      );
      const [f] = await s.all<{ tickets: number; reviews: number }>(
        `SELECT count(*) FILTER (WHERE kind = 'ticket') AS tickets, count(*) FILTER (WHERE kind = 'review') AS reviews
         FROM ${T.feedback} WHERE row_key IN ${mine('feedback')}`,
      );
      const [seen] = await s.all<{ first: string | null; last: string | null }>(
        `SELECT ${ts('min(t)')} AS first, ${ts('max(t)')} AS last FROM (
           SELECT order_ts AS t FROM ${T.orders} WHERE row_key IN ${mine('orders')}
           UNION ALL SELECT ts FROM ${T.events} WHERE row_key IN ${mine('events')}
           UNION ALL SELECT sent_at FROM ${T.messages} WHERE row_key IN ${mine('messages')}
           UNION ALL SELECT created_at FROM ${T.feedback} WHERE row_key IN ${mine('feedback')}
           UNION ALL SELECT signup_at FROM customers WHERE row_key IN ${mine('customers')})`,
      );
      const channelRows = await s.all<{ channel: string }>(
        `SELECT DISTINCT channel FROM (
           SELECT coalesce(channel, 'email') AS channel FROM ${T.messages} WHERE row_key IN ${mine('messages')}
           UNION ALL SELECT CASE WHEN type = 'screen' OR os IN ('iOS', 'Android') AND type <> 'page' THEN 'app' ELSE 'web' END
             FROM ${T.events} WHERE row_key IN ${mine('events')} AND type IN ('page', 'screen', 'track')
           UNION ALL SELECT CASE WHEN channel IN ('store', 'retail') THEN 'store' WHEN channel = 'app' THEN 'app' ELSE 'web' END
             FROM ${T.orders} WHERE row_key IN ${mine('orders')} AND channel IS NOT NULL
           UNION ALL SELECT 'whatsapp' FROM customers WHERE row_key IN ${mine('customers')} AND whatsapp IS NOT NULL
           UNION ALL SELECT 'social' FROM customers WHERE row_key IN ${mine('customers')}
             AND coalesce(twitter, facebook, instagram, linkedin) IS NOT NULL) ORDER BY channel`,
      );
      const timeline = await s.all<TimelineEntry>(
        `SELECT ${ts('t')} AS at, kind, what, source FROM (
           SELECT order_ts AS t, 'order' AS kind, concat_ws(' ', order_id, CAST(round(revenue, 2) AS VARCHAR), currency, status, channel) AS what, 'orders' AS source
             FROM ${T.orders} WHERE row_key IN ${mine('orders')}
           UNION ALL SELECT ts, type, coalesce(event, json_extract_string(properties, '$.name'), page_url, type), 'events'
             FROM ${T.events} WHERE row_key IN ${mine('events')}
           UNION ALL SELECT sent_at, 'message', concat_ws(' ', channel, category, campaign,
               CASE WHEN clicked_at IS NOT NULL THEN 'clicked' WHEN opened_at IS NOT NULL THEN 'opened' WHEN bounced THEN 'bounced' ELSE 'sent' END), 'messages'
             FROM ${T.messages} WHERE row_key IN ${mine('messages')}
           UNION ALL SELECT created_at, coalesce(kind, 'feedback'),
               concat_ws(' · ', CASE WHEN rating IS NOT NULL THEN 'rating ' || rating END, nullif(left(concat_ws(': ', subject, text), 120), '')), 'feedback'
             FROM ${T.feedback} WHERE row_key IN ${mine('feedback')}
           UNION ALL SELECT created_at, 'sales note', concat_ws(' · ', stage, outcome, left(text, 80)), 'notes'
             FROM sales_notes WHERE row_key IN ${mine('sales_notes')}
         ) WHERE t IS NOT NULL ORDER BY t DESC LIMIT ${Math.max(1, Math.floor(options.timeline ?? 50))}`,
      );
      return {
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
        timeline,
      };
    } finally {
      for (const name of Object.values(T)) await s.run(`DROP TABLE IF EXISTS ${name}`);
    }
  });
  const sent = nz(m?.sent);
  const orders = nz(o?.orders);
  const revenue = nz(o?.revenue);
  const profile: Profile = {
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
    timeline,
    consent: await profileConsent(db, id),
  };
  if (options.explain) profile.explain = await explainProfile(db, id);
  return profile;
}

/** Which identifier joined which records, from which file and when; and the merges the rules refused. */
export async function explainProfile(db: Warehouse, id: number): Promise<ProfileExplanation> {
  const rules = await effectiveRules(db);
  const byIdentifier = new Map<string, ProfileExplanation['identifiers'][number]>();
  for (const { table, from, columns } of identifierColumns(rules)) {
    const rows = await db.all<Record<string, string | null>>(
      `SELECT t.row_key, i.file, strftime(t.imported_at, '%Y-%m-%dT%H:%M:%SZ') AS imported_at,
         ${columns.map((c, n) => `CAST(${c.expr} AS VARCHAR) AS c${n}`).join(', ')}
       FROM ${from} JOIN record_profiles rp ON rp.record_table = '${table}' AND rp.row_key = t.row_key
       LEFT JOIN imports i ON i.import_id = t.import_id
       WHERE rp.profile_id = ?`,
      [id],
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
       strftime(detected_at, '%Y-%m-%dT%H:%M:%SZ') AS at
     FROM identity_conflicts WHERE profile_id = ? ORDER BY detected_at, row_key`,
    [id],
  );
  const links = await db.all<ProfileExplanation['links'][number]>(
    `SELECT d.a, d.b, d.probability, d.decided_by AS "decidedBy", strftime(d.decided_at, '%Y-%m-%dT%H:%M:%SZ') AS at
     FROM dedupe_decisions d
     WHERE d.decision = 'accepted' AND d.undone_at IS NULL AND d.a IN (
       SELECT c.customer_id FROM customers c JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
       WHERE rp.profile_id = ?)
     ORDER BY d.decided_at, d.a, d.b`,
    [id],
  );
  return { identifiers: [...byIdentifier.values()], refused, links };
}
