/**
 * A persona from measured figures, as a pure function: every statement is made from a figure, and the
 * figure goes into `evidence` beside it. docs/personas.md says how each one is computed.
 */

import { channelWord } from '../../i18n/field.js';
import { type Speaker, saidWarning, speaker } from '../../i18n/index.js';
import type { Warning } from '../../warnings/index.js';
import { isDriver } from '../contrast.js';
import { benjaminiHochberg, lift, round, twoProportionZ } from '../stats.js';
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
  /** A trigger is named when at least this share of orders follows it (and it is a driver: `driverLift`). */
  trigger: 0.1,
  /**
   * A trigger or an information source is named only as a driver: its share at least this many times
   * everyone else's, and the difference beyond chance (two-proportion z, Benjamini–Hochberg q < `driverQ`
   * over the candidates of its list). A view before 67 % of orders is no trait when it precedes 61 % of
   * everyone else's (lift 1.1).
   */
  driverLift: 1.2,
  driverQ: 0.05,
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

/** How a must-have element the data cannot support begins, in its field and on the card (English). */
export const NOT_ENOUGH_DATA = 'Not enough data:';

const share = (k: number, n: number) => (n > 0 ? k / n : null);

/** The persona of one segment before its identity (name, avatar), playbook and edits are added. */
export type GeneratedPersona = Omit<Persona, 'name' | 'avatar' | 'actions' | 'notes' | 'edited' | 'voice'>;

/**
 * Builds a persona's statements and figures, its sentences in the speaker's language (numbers, shares and
 * plurals as the locale writes them); the figures and codes are the same in every language.
 */
export function buildPersona(f: PersonaFigures, s: Speaker = speaker('en')): GeneratedPersona {
  const pct = (x: number | null) => s.pct(x);
  const times = (x: number | null) => (x === null ? '' : s.t('common.vsOthers', { lift: round(x, 2) }));
  const money = (x: number) => s.money(x);
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
  const smallWhy = s.t('persona.smallWhy', { size, min: THRESHOLDS.minMembers });
  const unsupported: MustHave[] = [];
  const thin = (field: MustHave, why: string, figures: Evidence['figures']) => {
    unsupported.push(field);
    return say(field, `${s.t('persona.notEnoughData')} ${small ? smallWhy : why}`, {
      members: size,
      ...figures,
    });
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
    s.t('persona.stage', {
      stage: s.t(`stage.${stage}`),
      buyers: pct(buyerShare),
      orders: medianOrders,
      days: medianDays,
    }) + (churn === null ? '' : s.t('persona.stageChurn', { churn: round(churn, 2) })),
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
          s.t(decisionMakerShare >= 0.5 ? 'persona.decision.mostly' : 'persona.decision.mostlyNot', {
            share: pct(decisionMakerShare),
            known: f.decision.known,
          }),
          decisionFigures,
        )
      : thin(
          'decisionMaker',
          s.t('persona.decision.thin', {
            known: f.decision.known,
            size,
            min: THRESHOLDS.minContacts,
            coverage: pct(THRESHOLDS.b2bCoverage),
          }),
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
        s.t('persona.channel.thin', {
          min: THRESHOLDS.minSends,
          sent:
            measured.engagement.map((c) => `${c.channel} ${s.num(c.sent)}`).join(', ') ||
            s.t('persona.channel.noMessages'),
        }),
        Object.fromEntries(measured.engagement.map((c) => [`${c.channel}Sent`, c.sent])),
      );
  if (best) {
    say(
      'preferredChannel',
      s.t('persona.channel', {
        channel: channelWord(s, best.channel),
        click: pct(best.clickRate),
        lift: times(best.lift),
      }) + (best.openRate === null ? '' : s.t('persona.channelOpened', { open: pct(best.openRate) })),
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
      s.t('persona.trigger.afterClick', { days: TRIGGER_WINDOWS.clickDays }),
    ],
    ['campaign', oa.campaign, ob.campaign, s.t('persona.trigger.campaign')],
    ['discounted', oa.discounted, ob.discounted, s.t('persona.trigger.discounted')],
    [
      'afterView',
      oa.afterView,
      ob.afterView,
      s.t('persona.trigger.afterView', { days: TRIGGER_WINDOWS.viewDays }),
    ],
    [
      'afterLifeEvent',
      oa.afterLifeEvent,
      ob.afterLifeEvent,
      s.t('persona.trigger.afterLifeEvent', { days: TRIGGER_WINDOWS.lifeEventDays }),
    ],
  ];
  const enoughOrders = !small && oa.orders >= THRESHOLDS.minOrders;
  const tested = drivers(
    candidates.map(([key, a, b, what]) => ({ key, what, a, b })),
    oa.orders,
    ob.orders,
  );
  const found = tested
    .filter((t) => enoughOrders && (t.sa ?? 0) >= THRESHOLDS.trigger && t.driver)
    .sort((x, y) => (y.sa ?? 0) - (x.sa ?? 0) || x.key.localeCompare(y.key))
    .map((t) =>
      say(
        'triggers',
        s.t('persona.trigger', {
          what: what(t.what),
          share: pct(t.sa),
          lift: times(lift(t.sa ?? 0, t.sb ?? 0)),
        }),
        {
          orders: oa.orders,
          [t.key]: t.a,
          share: round(t.sa),
          restShare: round(t.sb),
          qValue: round(t.q, 3),
        },
      ),
    );
  const triggers = found.length
    ? found
    : enoughOrders
      ? [
          say(
            'triggers',
            s.t('persona.trigger.none', { lift: round(THRESHOLDS.driverLift, 2), orders: oa.orders }),
            {
              orders: oa.orders,
              ...Object.fromEntries(
                tested.flatMap((t) => [
                  [t.key, t.a],
                  [`${t.key}Lift`, round(t.lift, 3)],
                ]),
              ),
            },
          ),
        ]
      : [
          thin(
            'triggers',
            oa.orders === 0
              ? s.t('persona.trigger.noOrders')
              : s.t('persona.trigger.fewOrders', { orders: oa.orders, min: THRESHOLDS.minOrders }),
            { orders: oa.orders },
          ),
        ];

  // Holdbacks: where they stop, what they complain about, price and returns.
  const holdbacks: string[] = [];
  if (!small && (buyerShare ?? 0) < THRESHOLDS.prospectBuyers) {
    holdbacks.push(
      say('holdbacks', s.t('persona.holdback.neverBought', { share: pct(1 - (buyerShare ?? 0)) }), {
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
        s.t('persona.holdback.funnel', {
          drop: pct(worst.drop),
          from: worst.from,
          to: worst.to,
          rest: pct(worst.restDrop),
        }),
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
        s.t('persona.holdback.price', { share: pct(discountShare), lift: times(discountLift) }),
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
      say('holdbacks', s.t('persona.holdback.returns', { rate: pct(returnRate), lift: times(returnLift) }), {
        returned: oa.returned,
        orders: oa.orders,
        rate: round(returnRate),
        lift: round(returnLift),
      }),
    );
  }
  for (const c of f.complaints.items.slice(0, 2)) {
    const cs = share(c.a, f.complaints.totalA);
    if (small || (cs ?? 0) < 0.1 || c.a < 3) continue;
    holdbacks.push(
      say('holdbacks', s.t('persona.holdback.complaint', { value: c.value, share: pct(cs) }), {
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
        s.t('persona.holdback.objection', {
          value: objection.value,
          count: objection.a,
          notes: f.objections.notesA,
        }),
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
        ? say('holdbacks', s.t('persona.holdback.none', { drop: pct(THRESHOLDS.funnelDrop) }), figures)
        : thin(
            'holdbacks',
            s.t('persona.holdback.thin', { orders: oa.orders, reached, min: THRESHOLDS.minOrders }),
            figures,
          ),
    );
  }

  // Information sources: where their visits come from, and how they were acquired.
  // Information sources: the sources their visits come from more than everyone else's (drivers), at most 4.
  const sourced = !small && f.sources.totalA >= THRESHOLDS.minTouchpoints;
  const infoSources = (sourced ? drivers(f.sources.items, f.sources.totalA, f.sources.totalB) : [])
    .filter((src) => src.driver)
    .slice(0, 4)
    .map((src) =>
      say(
        'infoSources',
        s.t('persona.source', { value: src.value, share: pct(src.sa), lift: times(src.lift) }),
        {
          visits: src.a,
          share: round(src.sa),
          restShare: round(src.sb),
          qValue: round(src.q, 3),
        },
      ),
    );
  // How they were acquired: the acquisition source that sets them apart most (a driver of the portrait's tests).
  const acquired = small
    ? undefined
    : measured.contrasts.contrasts.find(
        (c) =>
          c.feature === 'acquisition_source' &&
          c.value !== null &&
          isDriver(c) &&
          (c.lift === null || c.lift >= THRESHOLDS.driverLift),
      );
  if (acquired) {
    infoSources.push(
      say(
        'infoSources',
        s.t('persona.source.acquired', {
          value: acquired.value,
          share: pct(acquired.a),
          lift: times(acquired.lift),
        }),
        {
          share: acquired.a,
          restShare: acquired.b,
          qValue: acquired.qValue,
        },
      ),
    );
  }
  if (sourced && infoSources.length === 0) {
    const top = f.sources.items[0];
    infoSources.push(
      say(
        'infoSources',
        s.t('persona.source.none', {
          lift: round(THRESHOLDS.driverLift, 2),
          value: top?.value ?? '–',
          share: pct(share(top?.a ?? 0, f.sources.totalA)),
        }),
        { visits: f.sources.totalA, restVisits: f.sources.totalB },
      ),
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
      s.t('persona.times', {
        hours: activeTimes.hours.map((h) => `${h}:00`).join(', '),
        tz: f.times.timeZone,
        days: s.list(activeTimes.days.map((d) => dayWords(d, s))),
        share: pct(hourShare),
        rest: pct(restHourShare),
      }),
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
        ? s.t('persona.negative.never', { share: pct(buyerShare) })
        : s.t('persona.negative.costs', { money: money(-net) })
      : s.t('persona.positive', { money: money(net) }),
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
    currency: s.currency,
  };

  const demographics = measured.contrasts.contrasts
    .filter(
      (c) =>
        !small &&
        (c.family === 'demographics' || c.family === 'geography') &&
        c.value !== null &&
        isDriver(c) &&
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
    say(
      'demographics',
      s.t('persona.demographic', {
        feature: featureWords(d.feature, s),
        value: d.value,
        share: pct(d.share),
        lift: times(d.lift),
      }),
      {
        share: d.share,
        lift: d.lift,
        qValue: d.qValue,
      },
    );
  }
  const topProducts = (small ? [] : measured.productsA)
    .slice(0, 5)
    .map((p) => ({ product: p.product, category: p.category, share: p.share, lift: p.lift }));

  const who = demographics.length
    ? demographics
        .slice(0, 2)
        .map((d) => phrase(d, s))
        .join(', ')
    : null;
  const summary = [
    `${negative ? s.t('persona.summary.negative') : ''}${s.t(`stageWords.${stage}`)}${who ? ` (${who})` : ''}`,
    s.t('persona.summary.perPerson', {
      orders: round(value.ordersPerMember ?? 0, 2),
      revenue: money(value.revenuePerMember ?? 0),
    }),
    best ? s.t('persona.summary.reached', { channel: channelWord(s, preferredChannel) }) : null,
    small ? s.t('persona.summary.small', { size }) : null,
  ]
    .filter(Boolean)
    .join('; ');

  const warnings: Warning[] = [];
  if (small) {
    warnings.push(
      saidWarning(
        'CLT_WARN_PERSONA_SMALL_SEGMENT',
        s.t('warn.personaSmall', { segment: f.segment, size, min: THRESHOLDS.minMembers }),
      ),
    );
  } else if (unsupported.length) {
    warnings.push(
      saidWarning(
        'CLT_WARN_PERSONA_NOT_ENOUGH_DATA',
        s.t('warn.personaThin', {
          segment: f.segment,
          fields: unsupported.map((u) => s.t(`mustHave.${u}`)).join(', '),
        }),
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

/**
 * Candidates counted on both sides (k of `nA` in the group, of `nB` elsewhere), each with its shares, lift and
 * Benjamini–Hochberg q over the list (two-proportion z), and whether it is a driver: lift ≥ driverLift and
 * q < driverQ.
 */
function drivers<T extends { a: number; b: number }>(
  items: readonly T[],
  nA: number,
  nB: number,
): (T & { sa: number | null; sb: number | null; lift: number | null; q: number; driver: boolean })[] {
  const p = items.map((x) => (nA > 0 && nB > 0 ? twoProportionZ(x.a, nA, x.b, nB).pValue : 1));
  const q = benjaminiHochberg(p);
  return items.map((x, i) => {
    const sa = share(x.a, nA);
    const sb = share(x.b, nB);
    const l = lift(sa ?? 0, sb ?? 0);
    const qi = q[i] ?? 1;
    // A share where everyone else has none (lift without meaning) is a driver when significant.
    const driver =
      qi < THRESHOLDS.driverQ && (sa ?? 0) > (sb ?? 0) && (l === null || l >= THRESHOLDS.driverLift);
    return { ...x, sa, sb, lift: l, q: qi, driver };
  });
}

// A demographic value as a few words of a summary: "aged 35-44", "2 children", "occupation nurse".
function phrase(d: { feature: string; value: string }, s: Speaker): string {
  switch (d.feature) {
    case 'age_band':
      return s.t('persona.phrase.age', { value: d.value });
    case 'children':
      return s.t('persona.phrase.children', { value: d.value });
    case 'gender':
    case 'country':
    case 'region':
    case 'city':
      return d.value;
    default:
      return `${featureWords(d.feature, s).toLowerCase()} ${d.value}`;
  }
}

// A day of the week (strftime's English name) in the speaker's language.
function dayWords(day: string, s: Speaker): string {
  const key = `day.${day}`;
  return s.has(key) ? s.t(key) : day;
}

// A profile feature's name in words: the catalogue's, else the name with its separators as spaces.
function featureWords(feature: string, s: Speaker): string {
  const key = `feature.${feature}`;
  return s.has(key) ? s.t(key) : feature.replaceAll('_', ' ');
}

const cents = (x: number) => Math.round(x * 100) / 100;

function what(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
