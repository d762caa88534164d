/**
 * The measured figures behind a persona's statements, in SQL over the scratch tables of withGroups
 * (side a: the segment's members, side b: everyone else). Every figure comes for both sides, so that a
 * statement can say how unusual it is.
 */

import { measure, moneySumOrNull, moneyTotal } from '../../semantics/index.js';
import type { Warehouse } from '../../store/index.js';

/** Shares of a side's placed orders with something before them (the purchase triggers). */
export type OrderFacts = {
  readonly orders: number;
  /** A message of theirs clicked in the 7 days before the order. */
  readonly afterClick: number;
  /** The order names a campaign. */
  readonly campaign: number;
  /** 10 % off or more, or a coupon code. */
  readonly discounted: number;
  /** A product view of theirs in the day before the order. */
  readonly afterView: number;
  /** A life event (move, marriage, birth) of theirs in the 90 days before. */
  readonly afterLifeEvent: number;
  readonly returned: number;
  readonly revenue: number;
  readonly goodsCost: number;
  readonly returnedRevenue: number;
};

/** Days of the window that count as "before" an order, per trigger. */
/** The order figures of a group with no orders. */
export const NO_ORDERS: Readonly<OrderFacts> = {
  orders: 0,
  afterClick: 0,
  campaign: 0,
  discounted: 0,
  afterView: 0,
  afterLifeEvent: 0,
  returned: 0,
  revenue: 0,
  goodsCost: 0,
  returnedRevenue: 0,
};

export const TRIGGER_WINDOWS = { clickDays: 7, viewDays: 1, lifeEventDays: 90 } as const;

/** Order facts of both sides. */
export async function orderFacts(s: Warehouse): Promise<Record<'a' | 'b', OrderFacts>> {
  const rows = await s.all<OrderFacts & { g: string }>(
    `WITH po AS (
       SELECT g.g, rp.profile_id, o.order_ts, o.campaign, o.discount, o.revenue, o.coupon_code, o.cost,
         o.placed, o.refund OR o.returned AS given_back, o.returned_value
       FROM placed_orders o
       JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = o.row_key
       JOIN pt_group g ON g.profile_id = rp.profile_id
       WHERE o.order_ts IS NOT NULL
     ), clicks AS (
       SELECT DISTINCT rp.profile_id, m.clicked_at AS ts FROM messages m
       JOIN record_profiles rp ON rp.record_table = 'messages' AND rp.row_key = m.row_key
       WHERE m.clicked_at IS NOT NULL AND rp.profile_id IN (SELECT profile_id FROM pt_group)
     ), views AS (
       SELECT DISTINCT rp.profile_id, e.ts FROM events e
       JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = e.row_key
       WHERE lower(e.event) = 'product viewed' AND rp.profile_id IN (SELECT profile_id FROM pt_group)
     ), life AS (
       SELECT DISTINCT profile_id, CAST(d AS TIMESTAMPTZ) AS ts FROM (
         SELECT rp.profile_id, unnest([c.moved_date, c.married_date, c.child_born_date]) AS d FROM customers c
         JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
         WHERE rp.profile_id IN (SELECT profile_id FROM pt_group)) WHERE d IS NOT NULL
     ), flagged AS (
       SELECT po.*,
         EXISTS (SELECT 1 FROM clicks c WHERE c.profile_id = po.profile_id
           AND c.ts <= po.order_ts AND c.ts > po.order_ts - INTERVAL ${TRIGGER_WINDOWS.clickDays} DAY) AS after_click,
         EXISTS (SELECT 1 FROM views v WHERE v.profile_id = po.profile_id
           AND v.ts <= po.order_ts AND v.ts > po.order_ts - INTERVAL ${TRIGGER_WINDOWS.viewDays} DAY) AS after_view,
         EXISTS (SELECT 1 FROM life l WHERE l.profile_id = po.profile_id
           AND l.ts <= po.order_ts AND l.ts > po.order_ts - INTERVAL ${TRIGGER_WINDOWS.lifeEventDays} DAY) AS after_life
       FROM po
     )
     SELECT g, count(*) AS orders, count(*) FILTER (WHERE after_click) AS "afterClick",
       count(*) FILTER (WHERE campaign IS NOT NULL AND trim(campaign) <> '') AS campaign,
       count(*) FILTER (WHERE coalesce(trim(coupon_code), '') <> ''
         OR coalesce(discount, 0) >= 0.1 * (coalesce(revenue, 0) + coalesce(discount, 0))) AS discounted,
       count(*) FILTER (WHERE after_view) AS "afterView", count(*) FILTER (WHERE after_life) AS "afterLifeEvent",
       count(*) FILTER (WHERE given_back) AS returned,
       ${moneyTotal('revenue')} AS revenue, ${moneyTotal('cost')} AS "goodsCost",
       ${measure('returns', 'flagged')} AS "returnedRevenue"
     FROM flagged GROUP BY g`,
  );
  const empty = NO_ORDERS;
  const pick = (g: string) => {
    const { g: _g, ...rest } = rows.find((r) => r.g === g) ?? { ...empty, g };
    return rest;
  };
  return { a: pick('a'), b: pick('b') };
}

/** Acquisition cost of side a's members: each member costs their source's spend over the profiles it brought. */
export async function acquisitionCost(s: Warehouse): Promise<{ cost: number; covered: number }> {
  const [row] = await s.all<{ cost: number; covered: number }>(
    `WITH spend AS (SELECT lower(channel) AS channel, ${moneySumOrNull('amount')} AS amount FROM marketing_spend GROUP BY 1),
     acquired AS (SELECT lower(acquisition_source) AS channel, count(*) AS n FROM profiles
       WHERE acquisition_source IS NOT NULL GROUP BY 1),
     per AS (SELECT a.channel, s.amount / a.n AS cost FROM acquired a JOIN spend s ON s.channel = a.channel)
     SELECT coalesce(sum(per.cost), 0) AS cost, count(per.cost) AS covered
     FROM pt_base b JOIN pt_group g ON g.profile_id = b.profile_id AND g.g = 'a'
     LEFT JOIN per ON per.channel = lower(b.acquisition_source)`,
  );
  return row ?? { cost: 0, covered: 0 };
}

/** Profiles of each side that reached each step of the Segment e-commerce funnel. */
export interface FunnelFacts {
  readonly steps: readonly { step: string; a: number; b: number }[];
}

/** The standard e-commerce funnel (Segment's spec event names). */
export const FUNNEL = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'] as const;

/** How many profiles of each side did each funnel event at least once. */
export async function funnelFacts(s: Warehouse): Promise<FunnelFacts> {
  const rows = await s.all<{ step: string; a: number; b: number }>(
    `SELECT lower(e.event) AS step, count(DISTINCT g.profile_id) FILTER (WHERE g.g = 'a') AS a,
       count(DISTINCT g.profile_id) FILTER (WHERE g.g = 'b') AS b
     FROM events e JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = e.row_key
     JOIN pt_group g ON g.profile_id = rp.profile_id
     WHERE lower(e.event) IN (${FUNNEL.map((f) => `'${f.toLowerCase()}'`).join(', ')}) GROUP BY 1`,
  );
  return {
    steps: FUNNEL.map((step) => {
      const r = rows.find((x) => x.step === step.toLowerCase());
      return { step, a: r?.a ?? 0, b: r?.b ?? 0 };
    }),
  };
}

/** A value counted on both sides (a topic, a source, an hour). */
export type Tally = {
  readonly value: string;
  readonly a: number;
  readonly b: number;
};

/** What side a complains about: support tickets' subjects and low-rated reviews' products (counts of feedback). */
export async function complaints(
  s: Warehouse,
  limit = 5,
): Promise<{ items: Tally[]; totalA: number; totalB: number }> {
  const rows = await s.all<Tally & { totalA: number; totalB: number }>(
    `WITH f AS (
       SELECT g.g, CASE WHEN lower(f.kind) = 'ticket' THEN f.subject
         ELSE 'low rating: ' || coalesce(p.name, f.product_id, 'service') END AS value
       FROM feedback f JOIN record_profiles rp ON rp.record_table = 'feedback' AND rp.row_key = f.row_key
       JOIN pt_group g ON g.profile_id = rp.profile_id
       LEFT JOIN products p ON p.product_id = f.product_id
       WHERE (lower(f.kind) = 'ticket' AND f.subject IS NOT NULL) OR f.rating <= 2
     )
     SELECT value, count(*) FILTER (WHERE g = 'a') AS a, count(*) FILTER (WHERE g = 'b') AS b,
       (SELECT count(*) FROM f WHERE g = 'a') AS "totalA", (SELECT count(*) FROM f WHERE g = 'b') AS "totalB"
     FROM f GROUP BY value HAVING a > 0 ORDER BY a DESC, value LIMIT ${limit}`,
  );
  return {
    items: rows.map(({ value, a, b }) => ({ value, a, b })),
    totalA: rows[0]?.totalA ?? 0,
    totalB: rows[0]?.totalB ?? 0,
  };
}

/** B2B objections raised in sales notes, counted per note. */
export async function objections(s: Warehouse, limit = 3): Promise<{ items: Tally[]; notesA: number }> {
  const rows = await s.all<Tally & { notesA: number }>(
    `WITH n AS (SELECT g.g, nullif(trim(sn.objections), '') AS value FROM sales_notes sn
       JOIN record_profiles rp ON rp.record_table = 'sales_notes' AND rp.row_key = sn.row_key
       JOIN pt_group g ON g.profile_id = rp.profile_id)
     SELECT value, count(*) FILTER (WHERE g = 'a') AS a, count(*) FILTER (WHERE g = 'b') AS b,
       (SELECT count(*) FROM n WHERE g = 'a') AS "notesA"
     FROM n WHERE value IS NOT NULL GROUP BY value HAVING a > 0 ORDER BY a DESC, value LIMIT ${limit}`,
  );
  return { items: rows.map(({ value, a, b }) => ({ value, a, b })), notesA: rows[0]?.notesA ?? 0 };
}

/**
 * Where side a's visits come from: campaign sources (utm_source), referring sites and, for B2B, where the
 * sales notes say they heard of us; counted per event (or note), as "kind: value".
 */
export async function infoSources(
  s: Warehouse,
  limit = 5,
): Promise<{ items: Tally[]; totalA: number; totalB: number }> {
  const rows = await s.all<Tally & { totalA: number; totalB: number }>(
    `WITH src AS (
       SELECT g.g, CASE WHEN e.utm_source IS NOT NULL AND trim(e.utm_source) <> '' THEN 'utm_source: ' || lower(e.utm_source)
         ELSE 'referrer: ' || regexp_extract(lower(e.referrer), '^[a-z]+://(?:www\\.)?([^/:?#]+)', 1) END AS value
       FROM events e JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = e.row_key
       JOIN pt_group g ON g.profile_id = rp.profile_id
       WHERE coalesce(trim(e.utm_source), '') <> '' OR coalesce(trim(e.referrer), '') <> ''
       UNION ALL
       SELECT g.g, 'heard from: ' || lower(sn.heard_from) FROM sales_notes sn
       JOIN record_profiles rp ON rp.record_table = 'sales_notes' AND rp.row_key = sn.row_key
       JOIN pt_group g ON g.profile_id = rp.profile_id WHERE coalesce(trim(sn.heard_from), '') <> ''
     )
     SELECT value, count(*) FILTER (WHERE g = 'a') AS a, count(*) FILTER (WHERE g = 'b') AS b,
       (SELECT count(*) FROM src WHERE g = 'a') AS "totalA", (SELECT count(*) FROM src WHERE g = 'b') AS "totalB"
     FROM src WHERE value IS NOT NULL AND value NOT LIKE '%: ' GROUP BY value HAVING a > 0
     ORDER BY a DESC, value LIMIT ${limit}`,
  );
  return {
    items: rows.map(({ value, a, b }) => ({ value, a, b })),
    totalA: rows[0]?.totalA ?? 0,
    totalB: rows[0]?.totalB ?? 0,
  };
}

/** When side a is active: events and orders by hour of day and by day of week, in time zone `tz`. */
export async function activeTimes(
  s: Warehouse,
  tz: string,
): Promise<{ hours: Tally[]; days: Tally[]; totalA: number; totalB: number }> {
  await s.run(
    `CREATE OR REPLACE TEMP TABLE pt_times AS
       SELECT g.g, timezone(?, e.ts) AS ts FROM events e
       JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = e.row_key
       JOIN pt_group g ON g.profile_id = rp.profile_id WHERE e.ts IS NOT NULL
       UNION ALL
       SELECT g.g, timezone(?, o.order_ts) FROM placed_orders o
       JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = o.row_key
       JOIN pt_group g ON g.profile_id = rp.profile_id WHERE o.order_ts IS NOT NULL`,
    [tz, tz],
  );
  const tally = (expr: string) =>
    s.all<Tally & { totalA: number; totalB: number }>(
      `SELECT CAST(${expr} AS VARCHAR) AS value, count(*) FILTER (WHERE g = 'a') AS a,
         count(*) FILTER (WHERE g = 'b') AS b,
         (SELECT count(*) FROM pt_times WHERE g = 'a') AS "totalA", (SELECT count(*) FROM pt_times WHERE g = 'b') AS "totalB"
       FROM pt_times GROUP BY 1 ORDER BY a DESC, value`,
    );
  const hours = await tally('hour(ts)');
  const days = await tally("strftime(ts, '%A')");
  await s.run('DROP TABLE pt_times');
  return {
    hours: hours.map(({ value, a, b }) => ({ value, a, b })),
    days: days.map(({ value, a, b }) => ({ value, a, b })),
    totalA: hours[0]?.totalA ?? 0,
    totalB: hours[0]?.totalB ?? 0,
  };
}

/** Side a's decision-maker status where B2B contacts are known. */
export async function decisionMakers(
  s: Warehouse,
): Promise<{ known: number; yes: number; companies: number }> {
  const [row] = await s.all<{ known: number; yes: number; companies: number }>(
    `SELECT count(b.decision_maker) AS known, count(*) FILTER (WHERE b.decision_maker) AS yes,
       count(DISTINCT b.company) AS companies
     FROM pt_base b JOIN pt_group g ON g.profile_id = b.profile_id AND g.g = 'a'`,
  );
  return row ?? { known: 0, yes: 0, companies: 0 };
}
