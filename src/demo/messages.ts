/**
 * Email, SMS and push sends with engagement. Newsletters and promotions follow the calendar and reach a
 * sample of consenting customers; transactional messages follow orders; win-backs follow silences.
 * Opens, clicks and unsubscribes depend on category, channel, group and person, and fall after dropout.
 * Two plants: a clicked cart reminder precedes some orders (which then credit it), and some people
 * unsubscribe within weeks of the order after which they drop out.
 */
import { DAY_MS, HOUR_MS, iso } from './calendar.js';
import type { MessageCampaign } from './campaigns.js';
import { messageId } from './ids.js';
import type { Order } from './orders.js';
import type { Out } from './out.js';
import {
  CHURN,
  MESSAGE_CATEGORIES,
  MESSAGE_CHANNELS,
  MESSAGES,
  type MessageCategory,
  type MessageChannel,
} from './params.js';
import type { Person } from './person.js';
import type { Rng } from './prng.js';
import { exponential } from './samplers.js';
import type { World } from './world.js';

/** Who the messages go to. */
export interface Recipient {
  readonly customerId: string;
  readonly duplicateId: string | null;
  readonly duplicateEmail: string;
  readonly signupMs: number;
  /** The instant after which the person has dropped out, or null. */
  readonly droppedAfterMs: number | null;
}

/** What the messages did to the person. */
export interface MessageOutcome {
  readonly emailUnsubscribedMs: number | null;
  readonly smsUnsubscribedMs: number | null;
  readonly plantedUnsubscribe: boolean;
  readonly lastEngagementMs: number | null;
}

interface Send {
  readonly ms: number;
  readonly channel: MessageChannel;
  readonly category: MessageCategory;
  readonly campaign: string;
  readonly subject: string;
  readonly recordId: string;
  readonly email: string;
  readonly force: 'click' | 'unsubscribe' | null;
  readonly order: Order | null;
}

const CHANNEL_INDEX = new Map(MESSAGE_CHANNELS.map((c, i) => [c, i]));
const CATEGORY_INDEX = new Map(MESSAGE_CATEGORIES.map((c, i) => [c, i]));
const minutes = (rng: Rng, mean: number): number => Math.round(30 + exponential(rng, 1 / (mean * 60))) * 1000;

// The calendar split by audience share, so that a person's sends are drawn by geometric skips
// (each campaign reaches the person independently with probability `audience`) in time proportional
// to the sends rather than to the campaigns.
const LISTS = new WeakMap<World, { audience: number; campaigns: MessageCampaign[] }[]>();
function lists(world: World) {
  let l = LISTS.get(world);
  if (!l) {
    const by = new Map<number, MessageCampaign[]>();
    for (const c of world.calendar) by.set(c.audience, [...(by.get(c.audience) ?? []), c]);
    l = [...by].map(([audience, campaigns]) => ({ audience, campaigns }));
    LISTS.set(world, l);
  }
  return l;
}

function sampled(
  rng: Rng,
  campaigns: readonly MessageCampaign[],
  fromMs: number,
  share: number,
  visit: (c: MessageCampaign) => void,
): void {
  let lo = 0;
  let hi = campaigns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((campaigns[mid]?.sentMs ?? 0) < fromMs) lo = mid + 1;
    else hi = mid;
  }
  const log = Math.log(1 - share);
  for (
    let i = lo - 1 + Math.floor(Math.log(rng.next()) / log) + 1;
    i < campaigns.length;
    i += 1 + Math.floor(Math.log(rng.next()) / log)
  ) {
    const c = campaigns[i];
    if (c) visit(c);
  }
}

function plan(world: World, person: Person, rng: Rng, orders: readonly Order[], r: Recipient): Send[] {
  const sends: Send[] = [];
  const { endMs } = world.window;
  const c = person.consent;
  const id = r.customerId;
  const email = person.emailWritten;
  const send = (
    ms: number,
    channel: MessageChannel,
    category: MessageCategory,
    campaign: string,
    subject: string,
    recordId = id,
    to = email,
    force: Send['force'] = null,
    order: Order | null = null,
  ) => {
    if (ms >= world.window.startMs && ms <= endMs)
      sends.push({ ms, channel, category, campaign, subject, recordId, email: to, force, order });
  };
  for (const { audience, campaigns } of lists(world)) {
    if (c.email)
      sampled(rng, campaigns, r.signupMs, audience, (k) =>
        send(k.sentMs, 'email', k.category, k.name, k.subject),
      );
    const promotions = campaigns[0]?.category === 'promotion';
    if (promotions && c.sms)
      sampled(rng, campaigns, r.signupMs, audience, (k) =>
        send(k.sentMs + HOUR_MS, 'sms', k.category, k.name, k.subject),
      );
    if (promotions && c.push)
      sampled(rng, campaigns, r.signupMs, audience * MESSAGES.pushShare, (k) =>
        send(k.sentMs + 2 * HOUR_MS, 'push', k.category, k.name, k.subject),
      );
  }
  orders.forEach((order, i) => {
    const to = order.onDuplicate ? r.duplicateEmail : email;
    if (order.device || (order.channel === 'store' && rng.chance(0.3))) {
      const subject = order.device ? `Your order ${order.id} is confirmed` : 'Your Harbor & Pine receipt';
      send(order.ms + 60_000, 'email', 'transactional', 'order_confirmation', subject, order.recordId, to);
    }
    if (order.promisedMs !== null && order.channel !== 'marketplace' && (c.sms || c.push)) {
      const ms = order.ms + DAY_MS + rng.int(86_400) * 1000;
      send(
        ms,
        c.sms ? 'sms' : 'push',
        'transactional',
        'shipping_update',
        'Your order has shipped',
        order.recordId,
        to,
      );
    }
    if (c.email && rng.chance(MESSAGES.postPurchaseProbability)) {
      send(order.ms + (7 + rng.int(8)) * DAY_MS, 'email', 'promotion', 'post_purchase', POST_PURCHASE);
    }
    if (i > 0 && rng.chance(MESSAGES.attributedOrders) && (c.email || c.push || c.sms)) {
      const channel: MessageChannel = c.email ? 'email' : c.push ? 'push' : 'sms';
      const ms = order.ms - HOUR_MS - rng.int(23 * 3600) * 1000;
      send(ms, channel, 'promotion', 'cart_reminder', 'Still thinking it over?', id, email, 'click', order);
    }
    const next = orders[i + 1]?.ms ?? endMs;
    for (const days of MESSAGES.winbackAfterDays) {
      const ms = order.ms + days * DAY_MS;
      if (ms < next && c.email)
        send(ms, 'email', 'winback', `winback_${days}d`, 'We miss you: 20% off your next order');
    }
  });
  if (r.droppedAfterMs !== null && c.email && rng.chance(CHURN.unsubscribe.beforeDropout)) {
    const ms =
      r.droppedAfterMs + (1 + rng.int(CHURN.unsubscribe.withinDays)) * DAY_MS - rng.int(86_400) * 1000;
    send(ms, 'email', 'promotion', 'post_purchase', POST_PURCHASE, id, email, 'unsubscribe');
  }
  return sends.sort((a, b) => a.ms - b.ms);
}

const POST_PURCHASE = 'Picked for you, based on your last order';

/** Writes a person's messages to `out` and credits clicked cart reminders to the orders that follow. */
export function writeMessages(
  world: World,
  person: Person,
  rng: Rng,
  out: Out,
  orders: readonly Order[],
  r: Recipient,
): MessageOutcome {
  const sends = plan(world, person, rng, orders, r);
  const g = person.group;
  let emailOff: number | null = null;
  let smsOff: number | null = null;
  let planted = false;
  let lastEngagement: number | null = null;
  let k = 0;
  for (const s of sends) {
    if (k >= 16_384) break;
    const marketing = s.category !== 'transactional';
    if (marketing && s.channel === 'email' && emailOff !== null) continue;
    if (marketing && s.channel === 'sms' && smsOff !== null) continue;
    const alive = r.droppedAfterMs === null || s.ms <= r.droppedAfterMs ? 1 : CHURN.engagementAfterDropout;
    const factor =
      (g.channelEngagement[CHANNEL_INDEX.get(s.channel) ?? 0] ?? 1) *
      (g.categoryEngagement[CATEGORY_INDEX.get(s.category) ?? 0] ?? 1) *
      person.engagement *
      alive;
    const bounced =
      s.channel === 'email' &&
      (person.emailInvalid && s.email === person.emailWritten ? true : rng.chance(MESSAGES.bounce));
    const delivered = bounced ? null : s.ms + (2 + rng.int(120)) * 1000;
    let opened: number | null = null;
    let clicked: number | null = null;
    let unsubscribed: number | null = null;
    let complained = false;
    if (delivered !== null) {
      const pOpen = Math.min(0.97, MESSAGES.open[s.category] * MESSAGES.channel[s.channel] * factor);
      const engaged = s.force !== null || rng.chance(pOpen);
      if (engaged && s.channel !== 'sms') opened = delivered + minutes(rng, s.channel === 'push' ? 20 : 300);
      const pClick = Math.min(
        0.9,
        MESSAGES.clickGivenOpen[s.category] *
          (g.categoryEngagement[CATEGORY_INDEX.get(s.category) ?? 0] ?? 1) *
          alive,
      );
      if (
        s.force === 'click' ||
        (engaged && s.channel !== 'push' && s.force === null && rng.chance(pClick))
      ) {
        clicked = (opened ?? delivered) + minutes(rng, 3);
      }
      const email = engaged && marketing && s.channel === 'email';
      complained = email && rng.chance(MESSAGES.complaintGivenOpen);
      if (
        s.force === 'unsubscribe' ||
        complained ||
        (email && rng.chance(MESSAGES.unsubscribeGivenOpen[s.category]))
      ) {
        unsubscribed = (opened ?? delivered) + minutes(rng, 2);
        emailOff = unsubscribed;
        planted = planted || s.force === 'unsubscribe';
      } else if (marketing && s.channel === 'sms' && rng.chance(0.004)) {
        unsubscribed = delivered + minutes(rng, 10);
        smsOff = unsubscribed;
      }
      if (opened !== null || clicked !== null)
        lastEngagement = Math.max(lastEngagement ?? 0, clicked ?? opened ?? 0);
    }
    if (s.order && clicked !== null) {
      s.order.campaign = s.campaign;
      s.order.campaignMedium = s.channel;
    }
    out.row('messages', [
      messageId(world.seed, person.index, k++),
      s.recordId,
      s.channel === 'email' ? s.email : '',
      s.channel === 'sms' ? person.phoneWritten : '',
      s.channel,
      s.campaign,
      s.category,
      s.subject,
      iso(s.ms),
      delivered === null ? '' : iso(delivered),
      opened === null ? '' : iso(opened),
      clicked === null ? '' : iso(clicked),
      bounced,
      unsubscribed === null ? '' : iso(unsubscribed),
      complained,
    ]);
  }
  return {
    emailUnsubscribedMs: emailOff,
    smsUnsubscribedMs: smsOff,
    plantedUnsubscribe: planted,
    lastEngagementMs: lastEngagement,
  };
}
