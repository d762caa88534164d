/**
 * The portrait of many segments, each against everyone else, in one pass (issue 13: personas did every query
 * once per segment, each over every event and message). What a profile did is aggregated once per profile;
 * side a of a segment is the sum over its members, and side b — everyone else — the sum over all profiles
 * less side a, exact for the counts. Means, variances and medians are not sums: they come from the values of
 * every profile read once into typed arrays (moments.ts). The answers equal {@link measure}'s per segment.
 */
import { lineValue, moneyTotal } from '../semantics/index.js';
import { raw, sql, type Warehouse } from '../store/index.js';
import type { ChannelEngagement, ProductFigure, SideTotals } from './activity.js';
import { contrast, type KnownCount, type LevelCount, type NumberSummary } from './contrast.js';
import { type Family, LINE_PROFILE_OF_ORDERS } from './features.js';
import type { GroupSizes } from './groups.js';
import { sideMoments } from './moments.js';
import { attachedState, detach, part } from './parts.js';
import { tempTable } from './scratch.js';
import { lift, round } from './stats.js';
import { distributions, type Measured, numbers } from './summary.js';

/**
 * The segments of a pass: `pt_members(segment, si, profile_id)`, their current members who are profiles
 * (`si` is the segment's position in `segments`, from 0).
 */
export async function createMembers(s: Warehouse, segments: readonly string[]): Promise<void> {
  // The names and their positions travel as one JSON value (many values in one parameter).
  const q = sql`SELECT DISTINCT m.segment, CAST(sg.si AS INTEGER) AS si, m.profile_id
    FROM segment_membership m
    JOIN ${raw(s.dialect.jsonRecords('?', { segment: 'VARCHAR', si: 'BIGINT' }, 'sg'))} ON sg.segment = m.segment
    WHERE m.exited_at IS NULL AND m.profile_id IN (SELECT profile_id FROM profiles)`;
  await tempTable(s, 'pt_members', q.text, [
    JSON.stringify(segments.map((segment, si) => ({ segment, si }))),
  ]);
}

/** Drops what {@link createMembers} and {@link measureMany} made. */
export async function dropMany(s: Warehouse): Promise<void> {
  await s.run('DROP TABLE IF EXISTS pt_members');
  await detach(s, ['pf_msg', 'pf_prod', 'pt_pidx', 'pt_levels', 'pt_known']);
}

/** Each side's sizes, by segment. */
export async function sizesOf(s: Warehouse, segments: readonly string[]): Promise<Map<string, GroupSizes>> {
  const rows = await s.all<{ segment: string; a: number }>(
    'SELECT segment, count(*) AS a FROM pt_members GROUP BY segment',
  );
  const [all] = await s.all<{ n: number }>('SELECT count(*) AS n FROM profiles');
  const profiles = all?.n ?? 0;
  const a = new Map(rows.map((r) => [r.segment, r.a]));
  return new Map(
    segments.map((name) => {
      const n = a.get(name) ?? 0;
      return [name, { a: n, b: profiles - n, profiles }];
    }),
  );
}

/** The data state whose parts session `s` reads (inside withFeatures). */
export function stateOf(s: Warehouse): string {
  const state = attachedState(s);
  if (state === undefined) throw new Error('the portrait parts are read inside withFeatures only');
  return state;
}

/** Groups rows by their `segment`. */
export function bySegment<T extends { segment: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.segment) ?? [];
    list.push(r);
    out.set(r.segment, list);
  }
  return out;
}

/**
 * {@link Measured} of each of `segments` (their members in `pt_members`), from the scratch tables of
 * withFeatures, in one pass.
 */
export async function measureMany(
  s: Warehouse,
  segments: readonly string[],
  sizes: ReadonlyMap<string, GroupSizes>,
): Promise<Map<string, Measured>> {
  const levels = await levelCounts(s);
  const summaries = await numberSummaries(s, segments);
  const totals = await totalsOf(s);
  const engagement = await engagementOf(s);
  const products = await productsOf(s);
  const out = new Map<string, Measured>();
  for (const name of segments) {
    const size = sizes.get(name) ?? { a: 0, b: 0, profiles: 0 };
    const counts = {
      levels: levels.levels(name),
      known: levels.known(name),
      numbers: summaries.get(name) ?? [],
    };
    out.set(name, {
      sizes: size,
      totals: totals(name),
      distributions: distributions(counts.levels, counts.known, size),
      numbers: numbers(counts.numbers),
      engagement: engagement(name),
      productsA: products(name, size, 'a'),
      productsB: products(name, size, 'b'),
      contrasts: contrast(counts, size),
    });
  }
  return out;
}

// Profiles per value of each categorical feature, and per feature, for everyone and for each segment.
async function levelCounts(s: Warehouse): Promise<{
  levels: (segment: string) => LevelCount[];
  known: (segment: string) => KnownCount[];
}> {
  // Ordered as loadCounts orders them (by feature, then a + b — everyone — descending, then value): the
  // contrasts take the 30 commonest values of a feature in this order.
  // pt_cat holds a profile's value once (categoricalSql) and pt_members a profile once per segment: the
  // profiles per value are rows, counted without a DISTINCT (issue 13: it was most of these queries' work).
  // Everyone's counts depend on the data alone: kept with the parts (parts.ts), like the profiles with a value
  // of each feature (pt_known: one row per profile and feature, so that they are counted without a DISTINCT).
  const state = stateOf(s);
  await part(
    s,
    state,
    'pt_levels',
    'SELECT feature, min(family) AS family, value, count(*) AS n FROM pt_cat GROUP BY feature, value',
  );
  await part(s, state, 'pt_known', 'SELECT DISTINCT profile_id, feature FROM pt_cat');
  const all = await s.all<{ feature: string; family: Family; value: string; n: number }>(
    'SELECT feature, family, value, n FROM pt_levels ORDER BY feature, n DESC, value',
  );
  const mine = await s.all<{ segment: string; feature: string; value: string; n: number }>(
    `SELECT m.segment, c.feature, c.value, count(*) AS n
     FROM pt_cat c JOIN pt_members m ON m.profile_id = c.profile_id GROUP BY m.segment, c.feature, c.value`,
  );
  const allKnown = await s.all<{ feature: string; n: number }>(
    'SELECT feature, count(*) AS n FROM pt_known GROUP BY feature ORDER BY feature',
  );
  const mineKnown = await s.all<{ segment: string; feature: string; n: number }>(
    `SELECT m.segment, k.feature, count(*) AS n
     FROM pt_known k JOIN pt_members m ON m.profile_id = k.profile_id GROUP BY m.segment, k.feature`,
  );
  const key = (feature: string, value: string) => `${feature}\u0000${value}`;
  const levelsOf = new Map(
    [...bySegment(mine)].map(([segment, rows]) => [
      segment,
      new Map(rows.map((r) => [key(r.feature, r.value), r.n])),
    ]),
  );
  const knownOf = new Map(
    [...bySegment(mineKnown)].map(([segment, rows]) => [segment, new Map(rows.map((r) => [r.feature, r.n]))]),
  );
  return {
    levels: (segment) => {
      const a = levelsOf.get(segment);
      return all.map((l) => {
        const n = a?.get(key(l.feature, l.value)) ?? 0;
        return { feature: l.feature, family: l.family, value: l.value, a: n, b: l.n - n };
      });
    },
    known: (segment) => {
      const a = knownOf.get(segment);
      return allKnown.map((k) => {
        const n = a?.get(k.feature) ?? 0;
        return { feature: k.feature, a: n, b: k.n - n };
      });
    },
  };
}

// Every numeric feature's values, read once sorted, summarized per segment on both sides.
async function numberSummaries(
  s: Warehouse,
  segments: readonly string[],
): Promise<Map<string, NumberSummary[]>> {
  await part(
    s,
    stateOf(s),
    'pt_pidx',
    'SELECT profile_id, CAST(row_number() OVER (ORDER BY profile_id) - 1 AS INTEGER) AS i FROM profiles',
  );
  {
    const features = await s.all<{ feature: string; family: Family; rows: number }>(
      'SELECT feature, min(family) AS family, count(*) AS rows FROM pt_num GROUP BY feature ORDER BY feature',
    );
    const cols = await s.numbers(
      `SELECT p.i AS p, x.x FROM pt_num x JOIN pt_pidx p ON p.profile_id = x.profile_id ORDER BY x.feature, x.x`,
    );
    const owner = cols.p as Int32Array;
    const values = cols.x as Float64Array;
    const [count] = await s.all<{ n: number }>('SELECT count(*) AS n FROM pt_pidx');
    const members = await s.numbers(
      'SELECT m.si AS s, p.i AS p FROM pt_members m JOIN pt_pidx p ON p.profile_id = m.profile_id',
    );
    const ms = members.s as Int32Array;
    const mp = members.p as Int32Array;
    const out = new Map<string, NumberSummary[]>();
    segments.forEach((name, si) => {
      const inA = new Uint8Array(count?.n ?? 0);
      for (let i = 0; i < ms.length; i++) if (ms[i] === si) inA[mp[i] as number] = 1;
      const rows: NumberSummary[] = [];
      let lo = 0;
      for (const f of features) {
        const hi = lo + f.rows;
        const { a, b } = sideMoments(values, owner, inA, lo, hi);
        for (const [g, m] of [
          ['a', a],
          ['b', b],
        ] as const)
          if (m) rows.push({ feature: f.feature, family: f.family, g, ...m });
        lo = hi;
      }
      out.set(name, rows);
    });
    return out;
  }
}

// Revenue, buyers and orders per side (revenueTotals), from pt_base.
async function totalsOf(s: Warehouse): Promise<(segment: string) => Measured['totals']> {
  const [all] = await s.all<SideTotals & Record<string, unknown>>(
    `SELECT ${moneyTotal('revenue')} AS revenue, count(*) FILTER (WHERE orders > 0) AS buyers,
       coalesce(sum(orders), 0) AS orders FROM pt_base`,
  );
  const mine = await s.all<SideTotals & { segment: string } & Record<string, unknown>>(
    `SELECT m.segment, ${moneyTotal('b.revenue')} AS revenue, count(*) FILTER (WHERE b.orders > 0) AS buyers,
       coalesce(sum(b.orders), 0) AS orders
     FROM pt_base b JOIN pt_members m ON m.profile_id = b.profile_id GROUP BY m.segment`,
  );
  const bySeg = new Map(mine.map((r) => [r.segment, r]));
  const cents = (x: number) => Math.round(x * 100) / 100;
  const everyone = all ?? { revenue: 0, buyers: 0, orders: 0 };
  return (segment) => {
    const a = bySeg.get(segment) ?? { revenue: 0, buyers: 0, orders: 0 };
    return {
      a: { revenue: cents(a.revenue), buyers: a.buyers, orders: a.orders },
      b: {
        revenue: cents(everyone.revenue - a.revenue),
        buyers: everyone.buyers - a.buyers,
        orders: everyone.orders - a.orders,
      },
      all: everyone.revenue,
    };
  };
}

type Sends = { channel: string; sent: number; recipients: number; opened: number; clicked: number };

// Message engagement per channel (channelEngagement), from messages aggregated once per profile.
async function engagementOf(s: Warehouse): Promise<(segment: string) => ChannelEngagement[]> {
  await part(
    s,
    stateOf(s),
    'pf_msg',
    `SELECT rp.profile_id, lower(m.channel) AS channel, count(*) AS sent, count(m.opened_at) AS opened,
       count(m.clicked_at) AS clicked
     FROM messages m JOIN record_profiles rp ON rp.record_table = 'messages' AND rp.row_key = m.row_key
     WHERE m.channel IS NOT NULL AND NOT coalesce(m.bounced, false)
       AND rp.profile_id IN (SELECT profile_id FROM profiles)
     GROUP BY 1, 2`,
  );
  const sums = 'sum(sent) AS sent, count(*) AS recipients, sum(opened) AS opened, sum(clicked) AS clicked';
  const all = await s.all<Sends>(`SELECT channel, ${sums} FROM pf_msg GROUP BY channel ORDER BY channel`);
  const mine = await s.all<Sends & { segment: string }>(
    `SELECT m.segment, x.channel, ${sums} FROM pf_msg x JOIN pt_members m ON m.profile_id = x.profile_id GROUP BY m.segment, x.channel`,
  );
  const of = new Map([...bySegment(mine)].map(([k, rows]) => [k, new Map(rows.map((r) => [r.channel, r]))]));
  return (segment) =>
    all.map((everyone) => {
      const none = { sent: 0, recipients: 0, opened: 0, clicked: 0 };
      const a = of.get(segment)?.get(everyone.channel) ?? none;
      const b = {
        sent: everyone.sent - a.sent,
        opened: everyone.opened - a.opened,
        clicked: everyone.clicked - a.clicked,
      };
      // A channel that never reports opens (SMS) has no open rate, rather than 0; a side with no message
      // on the channel has no rates.
      const openable = everyone.opened > 0;
      const openRate = (r: { sent: number; opened: number }) =>
        r.sent > 0 && openable ? round(r.opened / r.sent) : null;
      const clickRate = (r: { sent: number; clicked: number }) =>
        r.sent > 0 ? round(r.clicked / r.sent) : null;
      return {
        channel: everyone.channel,
        sent: a.sent,
        recipients: a.recipients,
        openRate: openRate(a),
        clickRate: clickRate(a),
        restOpenRate: openRate(b),
        restClickRate: clickRate(b),
      };
    });
}

type Bought = { product: string; category: string | null; buyers: number; revenue: number };

// The products each side's members bought most (topProducts), from order lines aggregated once per profile.
async function productsOf(
  s: Warehouse,
): Promise<(segment: string, sizes: GroupSizes, side: 'a' | 'b', limit?: number) => ProductFigure[]> {
  await part(
    s,
    stateOf(s),
    'pf_prod',
    `SELECT coalesce(o.profile_id, rpi.profile_id) AS profile_id,
       coalesce(pr.name, i.product_name, i.product_id) AS product,
       min(coalesce(i.category, pr.category)) AS category, ${moneyTotal(lineValue('i'))} AS revenue
     FROM order_items i
     ${LINE_PROFILE_OF_ORDERS}
     LEFT JOIN products pr ON pr.product_id = i.product_id
     WHERE coalesce(o.placed, true) AND coalesce(pr.name, i.product_name, i.product_id) IS NOT NULL
       AND coalesce(o.profile_id, rpi.profile_id) IN (SELECT profile_id FROM profiles)
     GROUP BY 1, 2`,
  );
  const all = await s.all<Bought>(
    `SELECT product, min(category) AS category, count(*) AS buyers, ${moneyTotal('revenue')} AS revenue
     FROM pf_prod GROUP BY product`,
  );
  const mine = await s.all<Bought & { segment: string }>(
    `SELECT m.segment, x.product, count(*) AS buyers, ${moneyTotal('x.revenue')} AS revenue
     FROM pf_prod x JOIN pt_members m ON m.profile_id = x.profile_id GROUP BY m.segment, x.product`,
  );
  const of = new Map([...bySegment(mine)].map(([k, rows]) => [k, new Map(rows.map((r) => [r.product, r]))]));
  return (segment, sizes, side, limit = 10) => {
    const a = of.get(segment);
    const rows = all.map((everyone) => {
      const inA = a?.get(everyone.product);
      const mineBuyers = inA?.buyers ?? 0;
      const mineRevenue = inA?.revenue ?? 0;
      const own = side === 'a' ? mineBuyers : everyone.buyers - mineBuyers;
      return {
        product: everyone.product,
        category: everyone.category,
        own,
        rest: side === 'a' ? everyone.buyers - mineBuyers : mineBuyers,
        revenue: side === 'a' ? mineRevenue : everyone.revenue - mineRevenue,
      };
    });
    const [ownSize, restSize] = side === 'a' ? [sizes.a, sizes.b] : [sizes.b, sizes.a];
    return rows
      .filter((r) => r.own > 0)
      .sort(
        (x, y) =>
          y.own - x.own ||
          y.revenue - x.revenue ||
          (x.product < y.product ? -1 : x.product > y.product ? 1 : 0),
      )
      .slice(0, Math.max(1, Math.floor(limit)))
      .map((r) => {
        const share = ownSize ? r.own / ownSize : null;
        const restShare = restSize ? r.rest / restSize : null;
        return {
          product: r.product,
          category: r.category,
          buyers: r.own,
          share: round(share),
          restShare: round(restShare),
          lift: share !== null && restShare !== null ? round(lift(share, restShare), 3) : null,
          revenue: Math.round(r.revenue * 100) / 100,
        };
      });
  };
}
