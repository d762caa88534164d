/**
 * The figures behind the personas of many segments in one pass (the per-segment queries of facts.ts, each
 * once per segment over every order, event and message, made personas take minutes at 100,000 customers).
 * Orders, visits, feedback, notes and activity are aggregated once per profile (`pf_*` scratch tables);
 * side a of a segment sums its members' rows and side b is everyone's sum less side a, exact for the
 * counts these are. The answers equal facts.ts's per segment (the tests of both read the same demo).
 */
import { measure, moneySumOrNull, moneyTotal } from '../../semantics/index.js';
import { type Dialect, identifier, type Warehouse } from '../../store/index.js';
import { bySegment, stateOf } from '../many.js';
import { detach, part, partKept, partKey } from '../parts.js';
import { tempTable } from '../scratch.js';
import type { PersonaFigures } from './build.js';
import {
  FUNNEL,
  type FunnelFacts,
  NO_ORDERS,
  type OrderFacts,
  type Tally,
  TRIGGER_WINDOWS,
} from './facts.js';

/** The persona figures of facts.ts for one segment. */
export interface SegmentFacts extends Omit<PersonaFigures, 'segment' | 'measured' | 'times'> {
  readonly times: Omit<PersonaFigures['times'], 'timeZone'>;
}

// The data-only parts read here (src/portraits/parts.ts); pt_events, what they are built from, is a scratch
// table made only when one of them is missing (it copies every event).
const PARTS = ['pf_orders', 'pf_funnel', 'pf_complaints', 'pf_notes', 'pf_sources', 'pf_times'];
const EVENT_PARTS = ['pf_orders', 'pf_funnel', 'pf_sources'] as const;

/**
 * The facts of each of `segments` (members in `pt_members`, profiles in `pt_base`, orders in `pt_orders`:
 * features.ts), active times in time zone `tz`.
 */
export async function factsOfMany(
  s: Warehouse,
  segments: readonly string[],
  tz: string,
): Promise<Map<string, SegmentFacts>> {
  const state = stateOf(s);
  try {
    // Every event of a profile, read once with the columns the facts below count (four of them read events:
    // joining every event to its profile once instead of four times), when a part built from it is missing.
    const kept = await Promise.all([...EVENT_PARTS, timesPart(tz)].map((p) => partKept(s, state, p)));
    if (kept.some((k) => !k)) {
      await tempTable(
        s,
        'pt_events',
        `SELECT rp.profile_id, e.ts, lower(e.event) AS event, e.utm_source, e.referrer
         FROM events e JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = e.row_key
         WHERE rp.profile_id ${IN_PROFILES}`,
      );
    }
    const orders = await ordersOf(s, state);
    const acquisition = await acquisitionOf(s);
    const funnel = await funnelOf(s, state);
    const complaints = await tallyOf(s, state, 'pf_complaints', COMPLAINTS, 5);
    const notes = await tallyOf(s, state, 'pf_notes', NOTES, 3);
    const sources = await tallyOf(s, state, 'pf_sources', SOURCES, 5);
    const times = await timesOf(s, state, tz);
    const decision = await decisionOf(s);
    const out = new Map<string, SegmentFacts>();
    for (const name of segments) {
      const c = complaints(name);
      const n = notes(name);
      const src = sources(name);
      out.set(name, {
        orders: orders(name),
        acquisition: acquisition.get(name) ?? { cost: 0, covered: 0 },
        funnel: funnel(name),
        // As facts.ts: with no item of their own, no totals either.
        complaints: {
          items: c.items,
          totalA: c.items.length ? c.totalA : 0,
          totalB: c.items.length ? c.totalB : 0,
        },
        objections: { items: n.items, notesA: n.items.length ? n.totalA : 0 },
        sources: {
          items: src.items,
          totalA: src.items.length ? src.totalA : 0,
          totalB: src.items.length ? src.totalB : 0,
        },
        times: times(name),
        decision: decision.get(name) ?? { known: 0, yes: 0, companies: 0 },
      });
    }
    return out;
  } finally {
    await detach(s, PARTS);
    await s.run('DROP TABLE IF EXISTS pt_events');
  }
}

const IN_PROFILES = 'IN (SELECT profile_id FROM profiles)';
const ORDER_COUNTS = [
  'orders',
  'afterClick',
  'campaign',
  'discounted',
  'afterView',
  'afterLifeEvent',
  'returned',
] as const;

// Each placed order flagged with what came before it (facts.ts's orderFacts), summed per profile.
async function ordersOf(
  s: Warehouse,
  state: string,
): Promise<(segment: string) => Record<'a' | 'b', OrderFacts>> {
  const d = s.dialect;
  await part(
    s,
    state,
    'pf_orders',
    `WITH po AS (
       SELECT o.profile_id, o.order_ts, o.campaign, o.discount, o.revenue, o.coupon_code, o.cost,
         o.placed, o.refund OR o.returned AS given_back, o.returned_value
       FROM pt_orders o
       WHERE o.placed AND o.order_ts IS NOT NULL AND o.profile_id ${IN_PROFILES}
     ), clicks AS (
       SELECT DISTINCT rp.profile_id, m.clicked_at AS ts FROM messages m
       JOIN record_profiles rp ON rp.record_table = 'messages' AND rp.row_key = m.row_key
       WHERE m.clicked_at IS NOT NULL AND rp.profile_id ${IN_PROFILES}
     ), views AS (
       SELECT DISTINCT profile_id, ts FROM pt_events WHERE event = 'product viewed' AND ts IS NOT NULL
     ), life AS (
       SELECT DISTINCT profile_id, CAST(d AS TIMESTAMPTZ) AS ts FROM (
         SELECT rp.profile_id, unnest(${d.list(['c.moved_date', 'c.married_date', 'c.child_born_date'])}) AS d FROM customers c
         JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
         WHERE rp.profile_id ${IN_PROFILES}) dates WHERE d IS NOT NULL
     ), flagged AS (
       -- The newest click (view, life event) at or before each order: within the window, the order follows
       -- one. An as-of join finds it (on DuckDB in one sorted pass), where a correlated EXISTS probed every pair.
       SELECT po.*,
         coalesce(c.ts > po.order_ts - ${d.days(TRIGGER_WINDOWS.clickDays)}, false) AS after_click,
         coalesce(v.ts > po.order_ts - ${d.days(TRIGGER_WINDOWS.viewDays)}, false) AS after_view,
         coalesce(l.ts > po.order_ts - ${d.days(TRIGGER_WINDOWS.lifeEventDays)}, false) AS after_life
       FROM po
       ${d.asOfLeftJoin('po', 'po', 'order_ts', 'clicks', 'c', 'profile_id', 'ts')}
       ${d.asOfLeftJoin('po', 'po', 'order_ts', 'views', 'v', 'profile_id', 'ts')}
       ${d.asOfLeftJoin('po', 'po', 'order_ts', 'life', 'l', 'profile_id', 'ts')}
     )
     SELECT profile_id, count(*) AS orders, count(*) FILTER (WHERE after_click) AS "afterClick",
       count(*) FILTER (WHERE campaign IS NOT NULL AND trim(campaign) <> '') AS campaign,
       count(*) FILTER (WHERE coalesce(trim(coupon_code), '') <> ''
         OR coalesce(discount, 0) >= 0.1 * (coalesce(revenue, 0) + coalesce(discount, 0))) AS discounted,
       count(*) FILTER (WHERE after_view) AS "afterView", count(*) FILTER (WHERE after_life) AS "afterLifeEvent",
       count(*) FILTER (WHERE given_back) AS returned,
       ${moneyTotal('revenue')} AS revenue, ${moneyTotal('cost')} AS "goodsCost",
       ${measure('returns', 'flagged', d)} AS "returnedRevenue"
     FROM flagged GROUP BY profile_id`,
  );
  const sums = [
    ...ORDER_COUNTS.map((c) => `coalesce(sum(${identifier(c).text}), 0) AS ${identifier(c).text}`),
    ...['revenue', 'goodsCost', 'returnedRevenue'].map(
      (c) => `${moneyTotal(identifier(c).text)} AS ${identifier(c).text}`,
    ),
  ].join(', ');
  const [all] = await s.all<OrderFacts>(`SELECT ${sums} FROM pf_orders`);
  const mine = await s.all<OrderFacts & { segment: string }>(
    `SELECT m.segment, ${sums} FROM pf_orders x JOIN pt_members m ON m.profile_id = x.profile_id GROUP BY m.segment`,
  );
  const of = new Map(mine.map((r) => [r.segment, r]));
  const empty = NO_ORDERS;
  const everyone = all ?? empty;
  return (segment) => {
    const { segment: _s, ...a } = of.get(segment) ?? { ...empty, segment };
    const b = Object.fromEntries(
      (Object.keys(empty) as (keyof OrderFacts)[]).map((k) => [k, everyone[k] - a[k]]),
    ) as OrderFacts;
    // A side without an order reads as none at all (facts.ts had no row for it).
    return { a: a.orders ? a : empty, b: b.orders ? b : empty };
  };
}

// Acquisition cost of side a: each member costs their source's spend over the profiles it brought.
async function acquisitionOf(s: Warehouse): Promise<Map<string, { cost: number; covered: number }>> {
  const rows = await s.all<{ segment: string; cost: number; covered: number }>(
    `WITH spend AS (SELECT lower(channel) AS channel, ${moneySumOrNull('amount')} AS amount FROM marketing_spend GROUP BY 1),
     acquired AS (SELECT lower(acquisition_source) AS channel, count(*) AS n FROM profiles
       WHERE acquisition_source IS NOT NULL GROUP BY 1),
     per AS (SELECT a.channel, s.amount / a.n AS cost FROM acquired a JOIN spend s ON s.channel = a.channel)
     SELECT m.segment, coalesce(sum(per.cost), 0) AS cost, count(per.cost) AS covered
     FROM pt_base b JOIN pt_members m ON m.profile_id = b.profile_id
     LEFT JOIN per ON per.channel = lower(b.acquisition_source) GROUP BY m.segment`,
  );
  return new Map(rows.map((r) => [r.segment, { cost: r.cost, covered: r.covered }]));
}

// Profiles that reached each funnel step.
async function funnelOf(s: Warehouse, state: string): Promise<(segment: string) => FunnelFacts> {
  await part(
    s,
    state,
    'pf_funnel',
    `SELECT DISTINCT profile_id, event AS step FROM pt_events
     WHERE event IN (${FUNNEL.map((f) => `'${f.toLowerCase()}'`).join(', ')})`,
  );
  const all = await s.all<{ step: string; n: number }>(
    'SELECT step, count(*) AS n FROM pf_funnel GROUP BY step',
  );
  const mine = await s.all<{ segment: string; step: string; n: number }>(
    `SELECT m.segment, f.step, count(*) AS n FROM pf_funnel f JOIN pt_members m ON m.profile_id = f.profile_id
     GROUP BY m.segment, f.step`,
  );
  const everyone = new Map(all.map((r) => [r.step, r.n]));
  const of = new Map([...bySegment(mine)].map(([k, rows]) => [k, new Map(rows.map((r) => [r.step, r.n]))]));
  return (segment) => ({
    steps: FUNNEL.map((step) => {
      const key = step.toLowerCase();
      const a = of.get(segment)?.get(key) ?? 0;
      return { step, a, b: (everyone.get(key) ?? 0) - a };
    }),
  });
}

/**
 * What a tally counts: `rows` gives one row per item, `(profile_id, value)`; every row counts in its side's
 * total, and `listed` (over `value`) says which may be named.
 */
type TallySql = { readonly rows: string; readonly listed: string };
type TallyOf = (d: Dialect) => TallySql;

// Complaints: support tickets' subjects and low-rated reviews' products, one row per item.
// A NULL subject (a ticket without one, rated 2 or less) is an item too, as in facts.ts.
const COMPLAINTS: TallyOf = () => ({
  listed: 'true',
  rows: `SELECT rp.profile_id, CASE WHEN lower(f.kind) = 'ticket' THEN f.subject
    ELSE 'low rating: ' || coalesce(p.name, f.product_id, 'service') END AS value
  FROM feedback f JOIN record_profiles rp ON rp.record_table = 'feedback' AND rp.row_key = f.row_key
  LEFT JOIN products p ON p.product_id = f.product_id
  WHERE ((lower(f.kind) = 'ticket' AND f.subject IS NOT NULL) OR f.rating <= 2) AND rp.profile_id ${IN_PROFILES}`,
});

// B2B objections in sales notes; every note counts in the total, one with no objection too.
const NOTES: TallyOf = () => ({
  listed: 'value IS NOT NULL',
  rows: `SELECT rp.profile_id, nullif(trim(sn.objections), '') AS value
  FROM sales_notes sn JOIN record_profiles rp ON rp.record_table = 'sales_notes' AND rp.row_key = sn.row_key
  WHERE rp.profile_id ${IN_PROFILES}`,
});

// Where visits come from (utm_source, else the referring site) and, for B2B, where notes say they heard of us.
// A referrer that names no site ('referrer: ') counts in the total, but is not named.
const SOURCES: TallyOf = (d) => ({
  listed: "value IS NOT NULL AND value NOT LIKE '%: '",
  rows: `SELECT e.profile_id, CASE WHEN e.utm_source IS NOT NULL AND trim(e.utm_source) <> ''
      THEN 'utm_source: ' || lower(e.utm_source)
      ELSE 'referrer: ' || ${d.regexpExtract('lower(e.referrer)', "'^[a-z]+://(?:www\\.)?([^/:?#]+)'", 1)} END AS value
  FROM pt_events e
  WHERE coalesce(trim(e.utm_source), '') <> '' OR coalesce(trim(e.referrer), '') <> ''
  UNION ALL
  SELECT rp.profile_id, 'heard from: ' || lower(sn.heard_from) FROM sales_notes sn
  JOIN record_profiles rp ON rp.record_table = 'sales_notes' AND rp.row_key = sn.row_key
  WHERE coalesce(trim(sn.heard_from), '') <> '' AND rp.profile_id ${IN_PROFILES}`,
});

/**
 * The `limit` commonest listed values of side a with side b's count beside (a > 0, by a descending, then
 * value), and each side's total rows.
 */
async function tallyOf(
  s: Warehouse,
  state: string,
  table: string,
  tallyOf: TallyOf,
  limit: number,
): Promise<(segment: string) => { items: Tally[]; totalA: number; totalB: number }> {
  const tally = tallyOf(s.dialect);
  await part(
    s,
    state,
    table,
    `SELECT profile_id, value, coalesce(${tally.listed}, false) AS listed, count(*) AS n
     FROM (${tally.rows}) t GROUP BY 1, 2, 3`,
  );
  const items = await s.all<Tally & { segment: string }>(
    `WITH mine AS (
       SELECT m.segment, t.value, sum(t.n) AS a FROM ${table} t JOIN pt_members m ON m.profile_id = t.profile_id
       WHERE t.listed GROUP BY m.segment, t.value
     ), everyone AS (SELECT value, sum(n) AS n FROM ${table} WHERE listed GROUP BY value),
     ranked AS (
       SELECT mine.segment, mine.value, mine.a, everyone.n - mine.a AS b,
         row_number() OVER (PARTITION BY mine.segment ORDER BY mine.a DESC, mine.value) AS r
       FROM mine JOIN everyone ON everyone.value IS NOT DISTINCT FROM mine.value WHERE mine.a > 0
     )
     SELECT segment, value, CAST(a AS BIGINT) AS a, CAST(b AS BIGINT) AS b FROM ranked WHERE r <= ${limit}
     ORDER BY segment, r`,
  );
  const [all] = await s.all<{ n: number }>(`SELECT coalesce(sum(n), 0) AS n FROM ${table}`);
  const totals = await s.all<{ segment: string; n: number }>(
    `SELECT m.segment, sum(t.n) AS n FROM ${table} t JOIN pt_members m ON m.profile_id = t.profile_id GROUP BY m.segment`,
  );
  const listed = bySegment(items);
  const totalOf = new Map(totals.map((r) => [r.segment, r.n]));
  return (segment) => {
    const totalA = totalOf.get(segment) ?? 0;
    return {
      items: (listed.get(segment) ?? []).map(({ value, a, b }) => ({ value, a, b })),
      totalA,
      totalB: (all?.n ?? 0) - totalA,
    };
  };
}

// The active times' part of time zone `tz` (one kept per zone asked for).
const timesPart = (tz: string) => partKey('pf_times', tz);

// The weekdays' names as strftime's %A writes them, from Sunday (EXTRACT(DOW) 0).
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

// Events and orders by hour of day and day of week in `tz`, counted per profile.
async function timesOf(
  s: Warehouse,
  state: string,
  tz: string,
): Promise<(segment: string) => { hours: Tally[]; days: Tally[]; totalA: number; totalB: number }> {
  // Grouped by the hour and weekday as numbers, named after: formatting the day's name of every event
  // was most of this query's work (issue 13). EXTRACT(DOW) counts from Sunday, 0, on both engines.
  const dayName = `CASE dow ${DAYS.map((_, i) => `WHEN ${i} THEN CAST(? AS VARCHAR)`).join(' ')} END`;
  await part(
    s,
    state,
    'pf_times',
    `SELECT profile_id, CAST(hour AS VARCHAR) AS hour, ${dayName} AS day, n FROM (
       SELECT profile_id, CAST(EXTRACT(HOUR FROM ts) AS INTEGER) AS hour, CAST(EXTRACT(DOW FROM ts) AS INTEGER) AS dow,
         count(*) AS n FROM (
         SELECT profile_id, timezone(?, ts) AS ts FROM pt_events WHERE ts IS NOT NULL
         UNION ALL
         SELECT o.profile_id, timezone(?, o.order_ts) FROM pt_orders o
         WHERE o.placed AND o.order_ts IS NOT NULL AND o.profile_id ${IN_PROFILES}
       ) t GROUP BY 1, 2, 3
     ) g`,
    [...DAYS, tz, tz],
    tz,
  );
  const count = async (column: 'hour' | 'day') => {
    const all = await s.all<{ value: string; n: number }>(
      `SELECT ${column} AS value, sum(n) AS n FROM pf_times GROUP BY 1`,
    );
    const mine = await s.all<{ segment: string; value: string; n: number }>(
      `SELECT m.segment, t.${column} AS value, sum(t.n) AS n FROM pf_times t
       JOIN pt_members m ON m.profile_id = t.profile_id GROUP BY m.segment, t.${column}`,
    );
    const of = new Map(
      [...bySegment(mine)].map(([k, rows]) => [k, new Map(rows.map((r) => [r.value, r.n]))]),
    );
    return (segment: string): Tally[] =>
      all
        .map((r) => {
          const a = of.get(segment)?.get(r.value) ?? 0;
          return { value: r.value, a, b: r.n - a };
        })
        .sort((x, y) => y.a - x.a || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  };
  const hours = await count('hour');
  const days = await count('day');
  return (segment) => {
    const h = hours(segment);
    const totalA = h.reduce((sum, t) => sum + t.a, 0);
    const totalB = h.reduce((sum, t) => sum + t.b, 0);
    return { hours: h, days: days(segment), totalA, totalB };
  };
}

// Side a's decision-maker status where B2B contacts are known.
async function decisionOf(
  s: Warehouse,
): Promise<Map<string, { known: number; yes: number; companies: number }>> {
  const rows = await s.all<{ segment: string; known: number; yes: number; companies: number }>(
    `SELECT m.segment, count(b.decision_maker) AS known, count(*) FILTER (WHERE b.decision_maker) AS yes,
       count(DISTINCT b.company) AS companies
     FROM pt_base b JOIN pt_members m ON m.profile_id = b.profile_id GROUP BY m.segment`,
  );
  return new Map(rows.map((r) => [r.segment, { known: r.known, yes: r.yes, companies: r.companies }]));
}
