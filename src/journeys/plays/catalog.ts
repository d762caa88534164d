import type { Reentry, Step, Trigger } from '../schema.js';

/** The lift a play is measured against: the metric of `experiments report`, its window and the figure. */
export interface ExpectedLift {
  readonly metric: 'conversion' | 'revenue';
  readonly window: string;
  /** Relative lift over the holdout, e.g. 0.15 for +15 %. */
  readonly lift: number;
  /** Where the figure comes from: an assumption to be measured, not a promise. */
  readonly basis: string;
}

/** One ready play: a segment, a journey and an e-mail template, set up in one step by `plays enable`. */
export interface Play {
  readonly name: string;
  readonly title: string;
  /** The segment, in the segment language (docs/segments.md), saved as `play-NAME`. */
  readonly segment: string;
  /** What must have run for the segment to have members. */
  readonly needs: readonly string[];
  readonly trigger: (segment: string) => Trigger;
  readonly reentry: Reentry;
  readonly timing: string;
  /** The discount offered, in per cent (0 for none); `plays enable --discount` changes it. */
  readonly discount: number;
  readonly subject: string;
  /** The e-mail body (Liquid over the profile) for a discount in per cent (0: no offer paragraph). */
  readonly body: (discount: number) => string;
  readonly lift: ExpectedLift;
  /** The steps after the holdout branch, which `plays enable` puts first when there is a holdout. */
  readonly steps: (campaign: string, segment: string) => Step[];
}

const ASSUMED =
  'an assumption to be measured against the holdout with `clientele experiments report`, not a promise';

// A greeting, the offer with the person's code (when there is a discount) and a close.
const offer =
  (lead: string, close: string) =>
  (discount: number): string =>
    [
      '<p>Hi {{ first_name | default: "there" }},</p>',
      `<p>${lead}</p>`,
      discount > 0
        ? `<p>Here is <strong>${discount}% off</strong> your next order with the code <strong>{{ discount_code }}</strong>.</p>`
        : '',
      `<p>${close}</p>`,
      '<p>Harbor &amp; Pine</p>',
    ]
      .filter(Boolean)
      .join('\n');

/** The seeds' plays. */
export const PLAYS: readonly Play[] = [
  {
    name: 'at-risk',
    title: 'At-risk win-back with a discount',
    segment: "rfm_tier in ('At risk', 'Can''t lose them')",
    needs: ['clientele model rfm'],
    trigger: (segment) => ({ kind: 'segment', segment, existing: true }),
    reentry: { afterDays: 90 },
    timing: 'at 10:00 in their zone on entering; a reminder 7 days later if still at risk',
    discount: 15,
    subject: 'We miss you, {{ first_name | default: "friend" }}',
    body: offer(
      'It has been a while since your last order, and we would love to see you back.',
      'The code is yours for two weeks.',
    ),
    lift: { metric: 'conversion', window: '30d', lift: 0.2, basis: ASSUMED },
    steps: (campaign, segment) => [
      { id: 'morning', kind: 'wait', until: '10:00' },
      { id: 'offer', kind: 'email', campaign },
      { id: 'week', kind: 'wait', duration: '7d', until: '10:00' },
      { id: 'still-at-risk', kind: 'branch', if: `in segment '${segment}'`, goto: 'reminder', else: 'done' },
      { id: 'reminder', kind: 'email', campaign },
      { id: 'done', kind: 'exit' },
    ],
  },
  {
    name: 'first-purchase',
    title: 'First-purchase follow-up with a smaller discount',
    segment: 'orders = 1',
    needs: [],
    trigger: (segment) => ({ kind: 'segment', segment }),
    reentry: 'never',
    timing: '3 days after the first order, at 10:00 in their zone',
    discount: 10,
    subject: 'Thanks for your first order, {{ first_name | default: "friend" }}',
    body: offer(
      'Thank you for your first order with us. We hope you love it.',
      'See what goes well with it on our site.',
    ),
    lift: { metric: 'conversion', window: '60d', lift: 0.1, basis: ASSUMED },
    steps: (campaign) => [
      { id: 'three-days', kind: 'wait', duration: '3d', until: '10:00' },
      { id: 'thanks', kind: 'email', campaign },
      { id: 'done', kind: 'exit' },
    ],
  },
  {
    name: 'replenishment',
    title: 'Replenishment reminder',
    segment: 'orders >= 2',
    needs: [],
    trigger: () => ({ kind: 'event', event: 'Order Completed' }),
    reentry: 'always',
    timing: '30 days after an order, at 10:00 in their zone, unless they ordered again',
    discount: 0,
    subject: 'Time to restock, {{ first_name | default: "friend" }}?',
    body: offer(
      'It has been about a month since your last order: running low?',
      'Reorder in two clicks from your account.',
    ),
    lift: { metric: 'conversion', window: '30d', lift: 0.05, basis: ASSUMED },
    steps: (campaign) => [
      { id: 'month', kind: 'wait', duration: '30d', until: '10:00' },
      { id: 'ordered', kind: 'branch', if: "did 'Order Completed' in last 29 days", goto: 'done' },
      { id: 'remind', kind: 'email', campaign },
      { id: 'done', kind: 'exit' },
    ],
  },
  {
    name: 'abandoned-cart',
    title: 'Abandoned cart',
    segment: "did 'Checkout Started' in last 7 days",
    needs: [],
    trigger: () => ({ kind: 'event', event: 'Checkout Started' }),
    reentry: { afterDays: 7 },
    timing: '4 hours after a checkout without an order (held to the morning in quiet hours)',
    discount: 0,
    subject: 'You left something behind, {{ first_name | default: "friend" }}',
    body: offer('Your cart is still waiting for you.', 'Complete your order whenever you are ready.'),
    lift: { metric: 'conversion', window: '7d', lift: 0.1, basis: ASSUMED },
    steps: (campaign) => [
      { id: 'hours', kind: 'wait', duration: '4h' },
      { id: 'ordered', kind: 'branch', if: "did 'Order Completed' in last 1 days", goto: 'done' },
      { id: 'nudge', kind: 'email', campaign },
      { id: 'done', kind: 'exit' },
    ],
  },
  {
    name: 'vip-thanks',
    title: 'VIP thanks',
    segment: 'rfm_m = 5 and rfm_f >= 4',
    needs: ['clientele model rfm'],
    trigger: (segment) => ({ kind: 'segment', segment, existing: true }),
    reentry: { afterDays: 365 },
    timing: 'on entering the top spenders, at 11:00 in their zone; no discount',
    discount: 0,
    subject: 'Thank you, {{ first_name | default: "friend" }}',
    body: offer(
      'You are one of our best customers, and we wanted to say thank you.',
      'Reply to this e-mail any time: a person reads it.',
    ),
    lift: { metric: 'revenue', window: '90d', lift: 0.03, basis: ASSUMED },
    steps: (campaign) => [
      { id: 'late-morning', kind: 'wait', until: '11:00' },
      { id: 'thanks', kind: 'email', campaign },
      { id: 'vip', kind: 'tag', add: 'vip' },
      { id: 'done', kind: 'exit' },
    ],
  },
  {
    name: 'referral',
    title: 'Referral ask for champions',
    segment: "rfm_tier = 'Champions'",
    needs: ['clientele model rfm'],
    trigger: (segment) => ({ kind: 'segment', segment, existing: true }),
    reentry: { afterDays: 180 },
    timing: 'on becoming a champion, at 11:00 in their zone',
    discount: 10,
    subject: 'Share Harbor & Pine, {{ first_name | default: "friend" }}',
    body: offer(
      'You clearly like what we do. Would you tell a friend? They get the code below, and so do you when they order.',
      'Thank you for spreading the word.',
    ),
    lift: { metric: 'conversion', window: '60d', lift: 0.05, basis: ASSUMED },
    steps: (campaign) => [
      { id: 'late-morning', kind: 'wait', until: '11:00' },
      { id: 'ask', kind: 'email', campaign },
      { id: 'asked', kind: 'tag', add: 'referral-asked' },
      { id: 'done', kind: 'exit' },
    ],
  },
  {
    name: 'birthday',
    title: 'Birthday',
    segment: 'is_prospect = false',
    needs: [],
    trigger: () => ({ kind: 'date', field: 'birth_date' }),
    reentry: { afterDays: 300 },
    timing: 'on the birthday, at 09:00 in their zone (customers with a birth date)',
    discount: 15,
    subject: 'Happy birthday, {{ first_name | default: "friend" }}!',
    body: offer('Happy birthday from all of us.', 'Enjoy your day.'),
    lift: { metric: 'conversion', window: '14d', lift: 0.1, basis: ASSUMED },
    steps: (campaign) => [
      { id: 'morning', kind: 'wait', until: '09:00' },
      { id: 'gift', kind: 'email', campaign },
      { id: 'done', kind: 'exit' },
    ],
  },
];
