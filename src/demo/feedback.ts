/**
 * Reviews, survey answers, support tickets and social posts that follow experience: ratings and words
 * follow product quality and delivery, tickets follow late deliveries, and the order after which a person
 * drops out draws a ticket far more often (a planted churn cause).
 */
import { DAY_MS, iso, isoDate } from './calendar.js';
import { feedbackId } from './ids.js';
import type { Order } from './orders.js';
import type { Out } from './out.js';
import { CHURN, FEEDBACK } from './params.js';
import type { Person } from './person.js';
import {
  CSAT_QUESTION,
  fill,
  GROUP_PHRASES,
  LATE_PHRASES,
  NPS_ANSWERS,
  NPS_QUESTION,
  ON_TIME_PHRASES,
  QUALITY_PHRASES,
  REVIEW_OPENINGS,
  SOCIAL,
  TICKETS,
  type TicketTopic,
} from './phrases.js';
import type { Rng } from './prng.js';
import { Categorical, normal } from './samplers.js';
import type { World } from './world.js';

const QUALITY_MEAN = { poor: 2.1, ok: 3.4, good: 4.1, great: 4.6 } as const;
/** Stars lost to a late delivery. */
export const LATE_PENALTY = 1.2;
const TOPICS = new Categorical<TicketTopic>(
  ['damaged', 'wrong_item', 'refund', 'account', 'product_question', 'late_delivery'],
  [0.3, 0.15, 0.2, 0.1, 0.2, 0.05],
);

/** What the feedback did, for the truth file. */
export interface FeedbackOutcome {
  /** A ticket was opened about the order after which the person dropped out. */
  readonly ticketOnLastOrder: boolean;
  readonly lastMs: number | null;
}

/** Writes a buyer's feedback to `out`. */
export function writeFeedback(
  world: World,
  person: Person,
  rng: Rng,
  out: Out,
  orders: readonly Order[],
): FeedbackOutcome {
  const { endMs } = world.window;
  const email = person.emailWritten;
  const phrases = GROUP_PHRASES[person.group.id];
  let k = 0;
  let ticketOnLast = false;
  let lastMs: number | null = null;
  const row = (
    o: Order,
    ms: number,
    kind: string,
    channel: string,
    productId: string,
    rating: number | '',
    question: string,
    subject: string,
    text: string,
    status: string,
  ) => {
    if (ms > endMs || k >= 4096) return;
    lastMs = Math.max(lastMs ?? 0, ms);
    out.row('feedback', [
      feedbackId(world.seed, person.index, k++),
      o.recordId,
      o.onDuplicate ? '' : email,
      kind,
      channel,
      productId,
      rating,
      question,
      subject,
      text,
      status,
      iso(ms),
      o.id,
    ]);
  };
  for (const o of orders) {
    const after = o.deliveredMs ?? o.ms;
    const line = rng.pick(o.basket.lines);
    const product = line.product;
    const noun = product.template.toLowerCase();
    const poor = product.quality === 'poor';
    if (rng.chance(FEEDBACK.review + (o.late ? 0.07 : 0) + (poor ? 0.05 : 0))) {
      const stars = Math.min(
        5,
        Math.max(
          1,
          Math.round(normal(rng, QUALITY_MEAN[product.quality] - (o.late ? LATE_PENALTY : 0), 0.7)),
        ),
      );
      const parts = [
        fill(rng.pick(REVIEW_OPENINGS[stars - 1] ?? []), { noun }),
        rng.pick(QUALITY_PHRASES[product.quality]),
      ];
      if (o.late) parts.push(rng.pick(LATE_PHRASES));
      else if (o.promisedMs !== null && rng.chance(0.3)) parts.push(rng.pick(ON_TIME_PHRASES));
      if (rng.chance(0.6)) parts.push(rng.pick(stars >= 3 ? phrases.positive : phrases.negative));
      const title = stars >= 4 ? 'Great purchase' : stars === 3 ? 'Okay' : 'Disappointed';
      row(
        o,
        after + (1 + rng.int(14)) * DAY_MS + rng.int(86_400) * 1000,
        'review',
        o.device ? (o.channel === 'app' ? 'app' : 'web') : 'email',
        product.id,
        stars,
        '',
        title,
        parts.join(' '),
        '',
      );
    }
    if (rng.chance(FEEDBACK.survey)) {
      const ms = after + (2 + rng.int(8)) * DAY_MS + rng.int(86_400) * 1000;
      if (o.promisedMs !== null && rng.chance(0.3)) {
        const score = Math.min(5, Math.max(1, Math.round(normal(rng, o.late ? 2 : 4.3, 0.8))));
        const text = o.late ? rng.pick(LATE_PHRASES) : rng.pick(ON_TIME_PHRASES);
        row(o, ms, 'survey', 'email', '', score, CSAT_QUESTION, 'Delivery survey', text, '');
      } else {
        const score = Math.min(
          10,
          Math.max(0, Math.round(normal(rng, 8.3 - (o.late ? 3 : 0) - (poor ? 2 : 0), 1.6))),
        );
        const answers =
          o.late && score <= 6
            ? NPS_ANSWERS.late
            : score >= 9
              ? NPS_ANSWERS.promoter
              : score >= 7
                ? NPS_ANSWERS.passive
                : NPS_ANSWERS.detractor;
        const extra = rng.chance(0.4) ? ` ${rng.pick(score >= 7 ? phrases.positive : phrases.negative)}` : '';
        row(
          o,
          ms,
          'survey',
          'email',
          '',
          score,
          NPS_QUESTION,
          'Net Promoter Score',
          rng.pick(answers) + extra,
          '',
        );
      }
    }
    const pTicket = Math.max(
      o.dropAfter ? CHURN.ticket.beforeDropout : 0,
      o.late ? CHURN.ticket.whenLate : CHURN.ticket.base,
    );
    if (rng.chance(pTicket)) {
      const topic: TicketTopic =
        o.late && rng.chance(0.85)
          ? 'late_delivery'
          : poor && rng.chance(0.5)
            ? 'damaged'
            : TOPICS.sample(rng);
      const t = TICKETS[topic];
      const ms =
        topic === 'late_delivery' && o.promisedMs !== null
          ? o.promisedMs + (1 + rng.int(3)) * DAY_MS
          : after + (1 + rng.int(10)) * DAY_MS;
      const values = { noun, order: o.id, date: o.promisedMs === null ? '' : isoDate(o.promisedMs) };
      const status =
        endMs - ms < 14 * DAY_MS
          ? rng.chance(0.5)
            ? 'open'
            : 'pending'
          : rng.chance(0.92)
            ? 'closed'
            : 'pending';
      const channel = rng.pick(['email', 'email', 'chat', 'phone']);
      row(
        o,
        ms,
        'ticket',
        channel,
        topic === 'account' ? '' : product.id,
        '',
        '',
        fill(t.subject, values),
        fill(rng.pick(t.texts), values),
        status,
      );
      if (o.dropAfter && ms <= endMs) ticketOnLast = true;
    }
    if (rng.chance(FEEDBACK.social)) {
      const bad = o.late || poor;
      const channel = rng.chance(0.6) ? 'twitter' : 'instagram';
      row(
        o,
        after + rng.int(3 * 86_400) * 1000,
        'social',
        channel,
        product.id,
        '',
        '',
        '',
        fill(rng.pick(bad ? SOCIAL.negative : SOCIAL.positive), { noun }),
        '',
      );
    }
  }
  return { ticketOnLastOrder: ticketOnLast, lastMs };
}
