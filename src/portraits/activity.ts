import { lineValue, moneySumOrNull, moneyTotal } from '../semantics/index.js';
import type { Warehouse } from '../store/index.js';
import { lift, round } from './stats.js';

/**
 * Joins an order line `i` (with its order `o`) to profiles: the order's profile, else the line's own (lines
 * often carry no identifier of their own, and identity resolution then has not placed them).
 */
export const LINE_PROFILE = `LEFT JOIN record_profiles rpo ON rpo.record_table = 'orders' AND rpo.row_key = o.row_key
     LEFT JOIN record_profiles rpi ON rpi.record_table = 'order_items' AND rpi.row_key = i.row_key`;

/** How a side of a portrait answers messages on one channel. */
export interface ChannelEngagement {
  readonly channel: string;
  readonly sent: number;
  readonly recipients: number;
  readonly openRate: number | null;
  readonly clickRate: number | null;
  readonly restOpenRate: number | null;
  readonly restClickRate: number | null;
}

/** Message engagement per channel (email, sms, push…) of side a, beside side b's. */
export async function channelEngagement(s: Warehouse): Promise<ChannelEngagement[]> {
  const rows = await s.all<{
    channel: string;
    g: string;
    sent: number;
    recipients: number;
    opened: number;
    clicked: number;
    openable: number;
  }>(
    `SELECT lower(m.channel) AS channel, g.g, count(*) AS sent, count(DISTINCT g.profile_id) AS recipients,
       count(m.opened_at) AS opened, count(m.clicked_at) AS clicked,
       -- a channel that never reports opens (SMS) has no open rate, rather than 0
       CASE WHEN sum(count(m.opened_at)) OVER (PARTITION BY lower(m.channel)) > 0 THEN count(*) ELSE 0 END AS openable
     FROM messages m
     JOIN record_profiles rp ON rp.record_table = 'messages' AND rp.row_key = m.row_key
     JOIN pt_group g ON g.profile_id = rp.profile_id
     WHERE m.channel IS NOT NULL AND NOT coalesce(m.bounced, false)
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const channels = [...new Set(rows.map((r) => r.channel))];
  return channels.map((channel) => {
    const a = rows.find((r) => r.channel === channel && r.g === 'a');
    const b = rows.find((r) => r.channel === channel && r.g === 'b');
    const openRate = (r: typeof a) => (r && r.openable > 0 ? round(r.opened / r.openable) : null);
    const clickRate = (r: typeof a) => (r && r.sent > 0 ? round(r.clicked / r.sent) : null);
    return {
      channel,
      sent: a?.sent ?? 0,
      recipients: a?.recipients ?? 0,
      openRate: openRate(a),
      clickRate: clickRate(a),
      restOpenRate: openRate(b),
      restClickRate: clickRate(b),
    };
  });
}

/** A product bought by a side of a portrait. */
export interface ProductFigure {
  readonly product: string;
  readonly category: string | null;
  /** Share of the side's members who bought it, and of the other side's. */
  readonly buyers: number;
  readonly share: number | null;
  readonly restShare: number | null;
  readonly lift: number | null;
  readonly revenue: number;
}

/** The products most of one side's members bought (side a by default), with how much more often than the other side's. */
export async function topProducts(
  s: Warehouse,
  sizes: { a: number; b: number },
  limit = 10,
  side: 'a' | 'b' = 'a',
): Promise<ProductFigure[]> {
  const other = side === 'a' ? 'b' : 'a';
  const d = s.dialect;
  const mine = `count(DISTINCT g.profile_id) FILTER (WHERE g.g = ${d.literal(side)})`;
  const rows = await s.all<{
    product: string;
    category: string | null;
    a: number;
    b: number;
    revenue: number;
  }>(
    `SELECT coalesce(pr.name, i.product_name, i.product_id) AS product,
       min(coalesce(i.category, pr.category)) AS category,
       ${mine} AS a,
       count(DISTINCT g.profile_id) FILTER (WHERE g.g = ${d.literal(other)}) AS b,
       coalesce(sum(${lineValue('i')}) FILTER (WHERE g.g = ${d.literal(side)}), 0) AS revenue
     FROM order_items i
     LEFT JOIN order_facts o ON o.order_id = i.order_id
     ${LINE_PROFILE}
     JOIN pt_group g ON g.profile_id = coalesce(rpo.profile_id, rpi.profile_id)
     LEFT JOIN products pr ON pr.product_id = i.product_id
     WHERE coalesce(o.placed, true) AND coalesce(pr.name, i.product_name, i.product_id) IS NOT NULL
     GROUP BY 1 HAVING ${mine} > 0 ORDER BY a DESC, revenue DESC, product LIMIT ${Math.max(1, Math.floor(limit))}`,
  );
  const [own, rest] = side === 'a' ? [sizes.a, sizes.b] : [sizes.b, sizes.a];
  return rows.map((r) => {
    const share = own ? r.a / own : null;
    const restShare = rest ? r.b / rest : null;
    return {
      product: r.product,
      category: r.category,
      buyers: r.a,
      share: round(share),
      restShare: round(restShare),
      lift: share !== null && restShare !== null ? round(lift(share, restShare), 3) : null,
      revenue: Math.round(r.revenue * 100) / 100,
    };
  });
}

/** Money and purchases of one side. */
export interface SideTotals {
  readonly revenue: number;
  readonly buyers: number;
  readonly orders: number;
}

/** Revenue, buyers and orders of each side, and the revenue of every profile (as stored on profiles). */
export async function revenueTotals(s: Warehouse): Promise<{ a: SideTotals; b: SideTotals; all: number }> {
  const rows = await s.all<{ g: string; revenue: number; buyers: number; orders: number; all: number }>(
    `SELECT g.g, ${moneyTotal('b.revenue')} AS revenue, count(*) FILTER (WHERE b.orders > 0) AS buyers,
       coalesce(sum(b.orders), 0) AS orders, (SELECT ${moneyTotal('revenue')} FROM profiles) AS "all"
     FROM pt_base b JOIN pt_group g ON g.profile_id = b.profile_id GROUP BY g.g`,
  );
  const side = (g: string): SideTotals => {
    const r = rows.find((x) => x.g === g);
    return {
      revenue: Math.round((r?.revenue ?? 0) * 100) / 100,
      buyers: r?.buyers ?? 0,
      orders: r?.orders ?? 0,
    };
  };
  return { a: side('a'), b: side('b'), all: rows[0]?.all ?? 0 };
}

/** A segment's trend: its size at each refresh, and its current members' revenue month by month. */
export interface Trend {
  readonly sizes: readonly { measuredAt: string; size: number; entered: number; exited: number }[];
  readonly monthlyRevenue: readonly { month: string; revenue: number; orders: number; buyers: number }[];
}

/** The trend of segment `name` (sizes from segment_sizes, revenue from the members' placed orders). */
export async function segmentTrend(db: Warehouse, name: string): Promise<Trend> {
  const d = db.dialect;
  const sizes = await db.all<{ measuredAt: string; size: number; entered: number; exited: number }>(
    `SELECT ${d.formatTime('measured_at', '%Y-%m-%dT%H:%M:%SZ')} AS "measuredAt", size, entered, exited
     FROM segment_sizes WHERE segment = ? ORDER BY measured_at`,
    [name],
  );
  const monthlyRevenue = await db.all<{ month: string; revenue: number; orders: number; buyers: number }>(
    `SELECT ${d.formatTime(d.dateTrunc('month', 'o.order_ts'), '%Y-%m')} AS month, ${d.round(moneySumOrNull('o.revenue'), 2)} AS revenue,
       count(*) AS orders, count(DISTINCT rp.profile_id) AS buyers
     FROM placed_orders o
     JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = o.row_key
     WHERE o.order_ts IS NOT NULL AND rp.profile_id IN
       (SELECT profile_id FROM segment_membership WHERE segment = ? AND exited_at IS NULL)
     GROUP BY 1 ORDER BY 1`,
    [name],
  );
  return { sizes, monthlyRevenue };
}
