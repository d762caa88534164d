/**
 * A persona from measured figures, as a pure function: every statement is made from a figure, and the
 * figure goes into `evidence` beside it. docs/personas.md says how each one is computed.
 */

import { type Warning, warning } from '../../warnings/index.js';
import { lift, round } from '../stats.js';
import type { Measured } from '../summary.js';
import type { FunnelFacts, OrderFacts, Tally } from './facts.js';
import { TRIGGER_WINDOWS } from './facts.js';
import type { ActiveTimes, Evidence, MustHave, Persona, Stage } from './types.js';

/** Everything measured for one segment's persona. */
export interface PersonaFigures {
  readonly segment: string;
  readonly measured: Measured;
  readonly orders: Record<'a' | 'b', OrderFacts>;
  readonly acquisition: { cost: number; covered: number };
  readonly funnel: FunnelFacts;
  readonly complaints: { items: Tally[]; totalA: number; totalB: number };
  readonly objections: { items: Tally[]; notesA: number };
  readonly sources: { items: Tally[]; totalA: number; totalB: number };
  readonly times: { hours: Tally[]; days: Tally[]; totalA: number; totalB: number; timeZone: string };
  readonly decision: { known: number; yes: number; companies: number };
}

/** Thresholds of the statements (docs/personas.md). */
export const THRESHOLDS = {
  /** Below this share of members who ever bought, the segment is in the prospect stage. */
  prospectBuyers: 0.25,
  /** Below this, the persona is negative: it never buys. */
  neverBuys: 0.05,
  /** A mean churn risk (or median days since the last order) from which the stage is lapsing. */
  lapsingChurn: 0.5,
  lapsingDays: 180,
  /** Median orders at or above which buyers are loyal. */
  loyalOrders: 5,
  /** Orders of the segment below which no trigger is named (too few to say). */
  minOrders: 20,
  /** A trigger is named when at least this share of orders follows it. */
  trigger: 0.1,
  /** A funnel step is a holdback when at least this share of those who reach it go no further. */
  funnelDrop: 0.3,
  /** Decision-maker status is reported when known for at least this share of members. */
  b2bCoverage: 0.1,
  /** Messages sent before a channel's rates count. */
  minSends: 20,
  /** Lift for a demographic value to be shown. */
  demographicLift: 1.2,
  /** Members below which a persona states no findings, only its size, stage and value. */
  minMembers: 30,
  /** B2B contacts whose status is known below which no decision-maker share is stated. */
  minContacts: 20,
  /** Members reaching a funnel step below which its drop is not a holdback. */
  minReached: 20,
  /** Sourced visits (or activities) below which no information source (or active time) is named. */
  minTouchpoints: 20,
} as const;

/** How a must-have element the data cannot support begins, in its field and on the card. */
export const NOT_ENOUGH_DATA = 'Not enough data:';

const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 1000) / 10}%`);
const times = (x: number | null) => (x === null ? '' : ` (×${round(x, 2)} vs others)`);
const money = (x: number) => `${Math.round(x).toLocaleString('en-US')}`;
const share = (k: number, n: number) => (n > 0 ? k / n : null);

/** The persona of one segment before its identity (name, avatar), playbook and edits are added. */
export type GeneratedPersona = Omit<Persona, 'name' | 'avatar' | 'actions' | 'notes' | 'edited' | 'voice'>;

/** Builds a persona's statements and figures. */
export function buildPersona(f: PersonaFigures): GeneratedPersona {
  const evidence: Evidence[] = [];
  const say = (field: string, statement: string, figures: Evidence['figures']) => {
    evidence.push({ field, statement, figures });
    return statement;
  };
  const { measured } = f;
  const size = measured.sizes.a;
  const oa = f.orders.a;
  const ob = f.orders.b;
  const buyerShare = share(measured.totals.a.buyers, size);
  const restBuyerShare = share(measured.totals.b.buyers, measured.sizes.b);
  const medianOrders = measured.numbers.orders?.median ?? 0;
  const medianDays = measured.numbers.days_since_last_order?.median ?? null;
  const churn = measured.numbers.churn_risk?.mean ?? null;
  const clv = measured.numbers.clv?.mean ?? null;
  // A segment this small supports no finding: every element says so instead of stating one.
  const small = size < THRESHOLDS.minMembers;
  const smallWhy = `the segment has ${size} members, fewer than the ${THRESHOLDS.minMembers} a finding needs`;
  const unsupported: MustHave[] = [];
  const thin = (field: MustHave, why: string, figures: Evidence['figures']) => {
    unsupported.push(field);
    return say(field, `${NOT_ENOUGH_DATA} ${small ? smallWhy : why}`, { members: size, ...figures });
  };

  // Stage of the sales cycle.
  const stage: Stage =
    (buyerShare ?? 0) < THRESHOLDS.prospectBuyers
      ? 'prospect'
      : (churn !== null && churn >= THRESHOLDS.lapsingChurn) ||
          (medianDays !== null && medianDays >= THRESHOLDS.lapsingDays)
        ? 'lapsing'
        : medianOrders <= 1
          ? 'first purchase'
          : medianOrders >= THRESHOLDS.loyalOrders
            ? 'loyal'
            : 'repeat';
  say(
    'stage',
    `${stage}: ${pct(buyerShare)} have bought, median ${medianOrders} orders, median ${medianDays ?? 'n/a'} days since the last order${churn === null ? '' : `, mean churn risk ${round(churn, 2)}`}`,
    {
      buyerShare: round(buyerShare),
      restBuyerShare: round(restBuyerShare),
      medianOrders,
      medianDaysSinceLastOrder: medianDays,
      churnRiskMean: round(churn),
    },
  );

  // Decision makers, where B2B contact data covers the segment.
  const covered = share(f.decision.known, size) ?? 0;
  const decisionMakerShare =
    !small && covered >= THRESHOLDS.b2bCoverage && f.decision.known >= THRESHOLDS.minContacts
      ? round(f.decision.yes / f.decision.known)
      : null;
  const decisionFigures = {
    decisionMakers: f.decision.yes,
    known: f.decision.known,
    companies: f.decision.companies,
    coverage: round(covered),
  };
  const decisionMaker =
    decisionMakerShare !== null
      ? say(
          'decisionMaker',
          `${decisionMakerShare >= 0.5 ? 'mostly decision makers' : 'mostly not decision makers'}: ${pct(decisionMakerShare)} of ${f.decision.known} B2B contacts decide`,
          decisionFigures,
        )
      : thin(
          'decisionMaker',
          `decision-maker status is known for ${f.decision.known} of ${size} members (it needs ${THRESHOLDS.minContacts} contacts and ${pct(THRESHOLDS.b2bCoverage)} of members; B2B contact data rarely covers consumers)`,
          decisionFigures,
        );

  // Preferred channel: among the channels they click at least as often as everyone else does, the one
  // with the highest lift (raw rates differ by channel for everybody: an SMS link is clicked more often
  // than an email's); when they click every channel less than others, simply their highest click rate.
  const channels = measured.engagement
    .filter((c) => !small && c.sent >= THRESHOLDS.minSends && c.clickRate !== null)
    .map((c) => ({ ...c, lift: lift(c.clickRate ?? 0, c.restClickRate ?? 0) }));
  const favoured = channels.filter((c) => (c.lift ?? 0) >= 1);
  const best = (
    favoured.length
      ? [...favoured].sort(
          (x, y) =>
            (y.lift ?? 0) - (x.lift ?? 0) ||
            (y.clickRate ?? 0) - (x.clickRate ?? 0) ||
            x.channel.localeCompare(y.channel),
        )
      : [...channels].sort(
          (x, y) => (y.clickRate ?? 0) - (x.clickRate ?? 0) || x.channel.localeCompare(y.channel),
        )
  )[0];
  const preferredChannel = best
    ? best.channel
    : thin(
        'preferredChannel',
        `no message channel sent ${THRESHOLDS.minSends} or more messages to members with clicks measured (${measured.engagement.map((c) => `${c.channel} ${c.sent}`).join(', ') || 'no messages at all'})`,
        Object.fromEntries(measured.engagement.map((c) => [`${c.channel}Sent`, c.sent])),
      );
  if (best) {
    say(
      'preferredChannel',
      `${best.channel}: ${pct(best.clickRate)} of ${best.channel} messages clicked${times(best.lift)}${best.openRate === null ? '' : `, ${pct(best.openRate)} opened`}`,
      Object.fromEntries(
        measured.engagement.flatMap((c) => [
          [`${c.channel}ClickRate`, c.clickRate],
          [`${c.channel}RestClickRate`, c.restClickRate],
          [`${c.channel}OpenRate`, c.openRate],
          [`${c.channel}Sent`, c.sent],
        ]),
      ),
    );
  }

  // Triggers: what precedes their orders.
  const candidates: [string, number, number, string][] = [
    [
      'afterClick',
      oa.afterClick,
      ob.afterClick,
      `a message click in the ${TRIGGER_WINDOWS.clickDays} days before`,
    ],
    ['campaign', oa.campaign, ob.campaign, 'a campaign named on the order'],
    ['discounted', oa.discounted, ob.discounted, 'a discount of 10% or more, or a coupon'],
    ['afterView', oa.afterView, ob.afterView, `a product view in the ${TRIGGER_WINDOWS.viewDays} day before`],
    [
      'afterLifeEvent',
      oa.afterLifeEvent,
      ob.afterLifeEvent,
      `a life event (move, marriage, birth) in the ${TRIGGER_WINDOWS.lifeEventDays} days before`,
    ],
  ];
  const enoughOrders = !small && oa.orders >= THRESHOLDS.minOrders;
  const found = candidates
    .map(([key, a, b, what]) => ({ key, what, a, sa: share(a, oa.orders), sb: share(b, ob.orders) }))
    .filter((t) => enoughOrders && (t.sa ?? 0) >= THRESHOLDS.trigger)
    .sort((x, y) => (y.sa ?? 0) - (x.sa ?? 0) || x.key.localeCompare(y.key))
    .map((t) =>
      say('triggers', `${what(t.what)}: ${pct(t.sa)} of their orders${times(lift(t.sa ?? 0, t.sb ?? 0))}`, {
        orders: oa.orders,
        [t.key]: t.a,
        share: round(t.sa),
        restShare: round(t.sb),
      }),
    );
  const triggers = found.length
    ? found
    : enoughOrders
      ? [
          say(
            'triggers',
            `No single trigger: none of message clicks, campaigns, discounts, product views or life events precedes ${pct(THRESHOLDS.trigger)} of their ${oa.orders} orders`,
            { orders: oa.orders, ...Object.fromEntries(candidates.map(([key, a]) => [key, a])) },
          ),
        ]
      : [
          thin(
            'triggers',
            oa.orders === 0
              ? 'they have placed no order, so nothing shows what would precede one'
              : `${oa.orders} orders, fewer than the ${THRESHOLDS.minOrders} needed to say what precedes them`,
            { orders: oa.orders },
          ),
        ];

  // Holdbacks: where they stop, what they complain about, price and returns.
  const holdbacks: string[] = [];
  if (!small && (buyerShare ?? 0) < THRESHOLDS.prospectBuyers) {
    holdbacks.push(
      say('holdbacks', `${pct(1 - (buyerShare ?? 0))} never bought`, {
        members: size,
        buyers: measured.totals.a.buyers,
        restBuyerShare: round(restBuyerShare),
      }),
    );
  }
  const steps = f.funnel.steps;
  let worst: { from: string; to: string; drop: number; restDrop: number | null; reached: number } | null =
    null;
  for (let i = 1; i < steps.length; i++) {
    const prev = steps[i - 1];
    const next = steps[i];
    if (small || !prev || !next || prev.a < THRESHOLDS.minReached) continue;
    const drop = 1 - Math.min(1, next.a / prev.a);
    const restDrop = prev.b > 0 ? 1 - Math.min(1, next.b / prev.b) : null;
    if (!worst || drop > worst.drop)
      worst = { from: prev.step, to: next.step, drop, restDrop, reached: prev.a };
  }
  if (worst && worst.drop >= THRESHOLDS.funnelDrop) {
    holdbacks.push(
      say(
        'holdbacks',
        `${pct(worst.drop)} of those with '${worst.from}' never reach '${worst.to}' (others: ${pct(worst.restDrop)})`,
        {
          reached: worst.reached,
          drop: round(worst.drop),
          restDrop: round(worst.restDrop),
        },
      ),
    );
  }
  const discountShare = share(oa.discounted, oa.orders);
  const discountLift = lift(discountShare ?? 0, share(ob.discounted, ob.orders) ?? 0);
  if (enoughOrders && (discountShare ?? 0) >= 0.25 && (discountLift ?? 0) >= 1.2) {
    holdbacks.push(
      say(
        'holdbacks',
        `price-sensitive: ${pct(discountShare)} of orders discounted 10% or more${times(discountLift)}`,
        {
          discounted: oa.discounted,
          orders: oa.orders,
          share: round(discountShare),
          lift: round(discountLift),
        },
      ),
    );
  }
  const returnRate = share(oa.returned, oa.orders);
  const returnLift = lift(returnRate ?? 0, share(ob.returned, ob.orders) ?? 0);
  if (enoughOrders && (returnRate ?? 0) >= 0.05 && (returnLift ?? 0) >= 1.2) {
    holdbacks.push(
      say('holdbacks', `returns ${pct(returnRate)} of orders${times(returnLift)}`, {
        returned: oa.returned,
        orders: oa.orders,
        rate: round(returnRate),
        lift: round(returnLift),
      }),
    );
  }
  for (const c of f.complaints.items.slice(0, 2)) {
    const s = share(c.a, f.complaints.totalA);
    if (small || (s ?? 0) < 0.1 || c.a < 3) continue;
    holdbacks.push(
      say('holdbacks', `complains about "${c.value}": ${pct(s)} of their complaints`, {
        complaints: c.a,
        ofAll: f.complaints.totalA,
        perMember: round(f.complaints.totalA / Math.max(1, size)),
        restPerMember: round(f.complaints.totalB / Math.max(1, measured.sizes.b)),
      }),
    );
  }
  const objection = f.objections.items[0];
  if (!small && objection && objection.a >= 3) {
    holdbacks.push(
      say(
        'holdbacks',
        `objects to ${objection.value} (${objection.a} of ${f.objections.notesA} sales notes)`,
        {
          notes: objection.a,
          ofNotes: f.objections.notesA,
        },
      ),
    );
  }

  if (holdbacks.length === 0) {
    // Nothing crossed a threshold: a finding when the checks had enough to look at, else a gap said in words.
    const reached = Math.max(0, ...steps.map((st) => st.a));
    const looked = !small && (enoughOrders || reached >= THRESHOLDS.minReached);
    const figures = {
      orders: oa.orders,
      funnelReached: reached,
      complaints: f.complaints.totalA,
      salesNotes: f.objections.notesA,
    };
    holdbacks.push(
      looked
        ? say(
            'holdbacks',
            `No holdback stands out: no funnel step loses ${pct(THRESHOLDS.funnelDrop)} of them, discounts and returns are not above others', no complaint or objection recurs`,
            figures,
          )
        : thin(
            'holdbacks',
            `${oa.orders} orders and ${reached} members in the funnel, fewer than the ${THRESHOLDS.minOrders} needed to say what holds them back`,
            figures,
          ),
    );
  }

  // Information sources: where their visits come from, and how they were acquired.
  const sourced = !small && f.sources.totalA >= THRESHOLDS.minTouchpoints;
  const infoSources = (sourced ? f.sources.items.slice(0, 4) : []).map((s) => {
    const sa = share(s.a, f.sources.totalA);
    const sb = share(s.b, f.sources.totalB);
    return say(
      'infoSources',
      `${s.value}: ${pct(sa)} of their sourced touchpoints${times(lift(sa ?? 0, sb ?? 0))}`,
      {
        visits: s.a,
        share: round(sa),
        restShare: round(sb),
      },
    );
  });
  const acquired = small ? undefined : measured.distributions.channels?.acquisition_source?.[0];
  if (acquired) {
    infoSources.push(
      say('infoSources', `acquired via ${acquired.value}: ${pct(acquired.share)}${times(acquired.lift)}`, {
        share: acquired.share,
        restShare: acquired.restShare,
      }),
    );
  }

  // Active times.
  const timed = !small && f.times.totalA >= THRESHOLDS.minTouchpoints;
  const hours = timed ? f.times.hours.slice(0, 3) : [];
  const days = timed ? f.times.days.slice(0, 2) : [];
  const activeTimes: ActiveTimes = {
    timeZone: f.times.timeZone,
    hours: hours.map((h) => Number(h.value)),
    days: days.map((d) => d.value),
  };
  if (timed) {
    const hourShare = share(
      hours.reduce((t, h) => t + h.a, 0),
      f.times.totalA,
    );
    const restHourShare = share(
      hours.reduce((t, h) => t + h.b, 0),
      f.times.totalB,
    );
    say(
      'activeTimes',
      `busiest at ${activeTimes.hours.map((h) => `${h}:00`).join(', ')} (${f.times.timeZone}) and on ${activeTimes.days.join(' and ')}: ${pct(hourShare)} of their activity in those hours (others: ${pct(restHourShare)})`,
      { activities: f.times.totalA, hourShare: round(hourShare), restHourShare: round(restHourShare) },
    );
  }

  // Value, and whether they cost more than they bring.
  const net = oa.revenue - oa.goodsCost - oa.returnedRevenue - f.acquisition.cost;
  const negative = (buyerShare ?? 0) < THRESHOLDS.neverBuys || net < 0;
  say(
    'negative',
    negative
      ? (buyerShare ?? 0) < THRESHOLDS.neverBuys
        ? `negative persona: ${pct(buyerShare)} have ever bought`
        : `negative persona: costs ${money(-net)} more than it brings`
      : `brings ${money(net)} net of goods cost, returns and acquisition cost`,
    {
      revenue: cents(oa.revenue),
      goodsCost: cents(oa.goodsCost),
      returnedRevenue: cents(oa.returnedRevenue),
      acquisitionCost: cents(f.acquisition.cost),
      net: cents(net),
      buyerShare: round(buyerShare),
    },
  );
  const value = {
    revenue: measured.totals.a.revenue,
    revenueShare: measured.totals.all ? round(measured.totals.a.revenue / measured.totals.all) : null,
    revenuePerMember: size ? round(measured.totals.a.revenue / size) : null,
    ordersPerMember: size ? round(measured.totals.a.orders / size) : null,
    buyerShare: round(buyerShare),
    clvMean: round(clv),
    churnRiskMean: round(churn),
    net: cents(net),
  };

  const demographics = measured.contrasts.contrasts
    .filter(
      (c) =>
        !small &&
        (c.family === 'demographics' || c.family === 'geography') &&
        c.value !== null &&
        (c.qValue ?? 1) < 0.05 &&
        (c.lift ?? 0) >= THRESHOLDS.demographicLift &&
        (c.a ?? 0) >= 0.1,
    )
    .slice(0, 4)
    .map((c) => ({
      feature: c.feature,
      value: c.value as string,
      share: c.a,
      lift: c.lift,
      qValue: c.qValue,
    }));
  for (const d of demographics) {
    say('demographics', `${d.feature} ${d.value}: ${pct(d.share)}${times(d.lift)}`, {
      share: d.share,
      lift: d.lift,
      qValue: d.qValue,
    });
  }
  const topProducts = (small ? [] : measured.productsA)
    .slice(0, 5)
    .map((p) => ({ product: p.product, category: p.category, share: p.share, lift: p.lift }));

  const who = demographics.length ? demographics.slice(0, 2).map(phrase).join(', ') : null;
  const summary = [
    `${negative ? 'Negative persona: ' : ''}${stageWords(stage)}${who ? ` (${who})` : ''}`,
    `${round(value.ordersPerMember ?? 0, 2)} orders and ${money(value.revenuePerMember ?? 0)} revenue per person`,
    best ? `best reached by ${preferredChannel}` : null,
    small ? `only ${size} members: too few for findings` : null,
  ]
    .filter(Boolean)
    .join('; ');

  const warnings: Warning[] = [];
  if (small) {
    warnings.push(
      warning(
        'CLT_WARN_PERSONA_SMALL_SEGMENT',
        `${f.segment} has ${size} members (fewer than ${THRESHOLDS.minMembers}): the persona states its size, stage and value, and no finding`,
      ),
    );
  } else if (unsupported.length) {
    warnings.push(
      warning(
        'CLT_WARN_PERSONA_NOT_ENOUGH_DATA',
        `${f.segment}: not enough data for ${unsupported.join(', ')}; the persona says so in each of them`,
      ),
    );
  }

  return {
    segment: f.segment,
    size,
    summary,
    stage,
    decisionMaker,
    preferredChannel,
    triggers,
    holdbacks,
    infoSources,
    activeTimes,
    negative,
    evidence,
    topProducts,
    value,
    demographics,
    decisionMakerShare,
    unsupported,
    warnings,
  };
}

// A demographic value as a few words of a summary: "aged 35-44", "2 children", "occupation nurse".
function phrase(d: { feature: string; value: string }): string {
  switch (d.feature) {
    case 'age_band':
      return `aged ${d.value}`;
    case 'children':
      return `${d.value} children`;
    case 'gender':
    case 'country':
    case 'region':
    case 'city':
      return d.value;
    default:
      return `${d.feature.replaceAll('_', ' ')} ${d.value}`;
  }
}

const cents = (x: number) => Math.round(x * 100) / 100;

function what(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function stageWords(stage: Stage): string {
  switch (stage) {
    case 'prospect':
      return 'Prospects who have not bought yet';
    case 'first purchase':
      return 'New customers after a first purchase';
    case 'repeat':
      return 'Repeat buyers';
    case 'loyal':
      return 'Loyal frequent buyers';
    case 'lapsing':
      return 'Lapsing customers';
    default:
      return assertUnreachable(stage);
  }
}

function assertUnreachable(x: never): never {
  throw new Error(`unexpected stage: ${String(x)}`);
}
