/**
 * Phrase templates for reviews, survey answers, tickets and social posts. `{noun}` is the product,
 * `{order}` the order id, `{date}` the promised date. Words follow sentiment, product quality, delivery
 * and the writer's group (its distinctive terms), so text statistics have something real to find.
 */
import type { Quality } from './catalog.js';
import type { GroupId } from './groups.js';

/** Review openings by star rating (index 0 = one star). */
export const REVIEW_OPENINGS: readonly (readonly string[])[] = [
  ['Terrible {noun}.', 'Complete waste of money.', 'Do not buy this {noun}.', 'Worst purchase this year.'],
  ['Disappointed with this {noun}.', 'Not great.', 'Expected much better.', 'Would not buy again.'],
  ['It is okay.', 'Decent {noun}, nothing special.', 'Does the job.', 'Mixed feelings about this {noun}.'],
  ['Really good {noun}.', 'Very happy with this {noun}.', 'Solid {noun} for the money.', 'Works well.'],
  [
    'Love this {noun}!',
    'Absolutely fantastic {noun}.',
    'Exceeded my expectations.',
    'Best {noun} I have owned.',
  ],
];

/** Sentences about build quality by the product's latent quality. */
export const QUALITY_PHRASES: Readonly<Record<Quality, readonly string[]>> = {
  poor: [
    'It feels flimsy and cheap.',
    'Stopped working after a week.',
    'Poor stitching and loose parts.',
    'Broke the first time I used it.',
  ],
  ok: ['The materials feel a bit cheap.', 'Quality is average.', 'Fine for occasional use.'],
  good: ['Good build quality.', 'Feels well made.', 'Comfortable and easy to use.'],
  great: ['The quality is outstanding.', 'Beautifully made and sturdy.', 'Every detail is well finished.'],
};

/** Sentences about a late delivery. */
export const LATE_PHRASES = [
  'Delivery was late and nobody told me why.',
  'It arrived a week late.',
  'Shipping took forever and the tracking never updated.',
  'The package was delayed twice.',
  'Late delivery ruined the gift.',
];
/** Sentences about a delivery on time. */
export const ON_TIME_PHRASES = [
  'Arrived quickly.',
  'Fast shipping, well packaged.',
  'Delivered right on time.',
];

/** Each group's own positive and negative sentences: its distinctive terms in context. */
export const GROUP_PHRASES: Readonly<
  Record<GroupId, { readonly positive: readonly string[]; readonly negative: readonly string[] }>
> = {
  urban_young: {
    positive: [
      'Totally obsessed with it.',
      'The vibe is perfect.',
      'So aesthetic on my shelf.',
      'Literally use it every day.',
      'Super cute.',
    ],
    negative: ['Not the vibe I wanted.', 'Literally fell apart.', 'Looked cute online, not in person.'],
  },
  suburban_family: {
    positive: [
      'The kids love it.',
      'Great for the whole family.',
      'Durable enough for our kids.',
      'My daughter uses it daily.',
      'Bought one for my son too.',
    ],
    negative: ['Not durable enough for kids.', 'My son broke it in a day.', 'Not safe for the family.'],
  },
  affluent_pro: {
    positive: [
      'Premium feel throughout.',
      'The craftsmanship shows.',
      'Elegant design.',
      'A worthwhile investment.',
      'Refined details everywhere.',
    ],
    negative: ['Not premium at all.', 'The craftsmanship is lacking.', 'Not worth the investment.'],
  },
  bargain_hunter: {
    positive: [
      'Got it on a great deal.',
      'Cheap and does the job.',
      'Used a coupon, even better.',
      'A real bargain.',
      'Waited for the sale.',
    ],
    negative: ['Not worth it even on sale.', 'Cheap in the bad way.', 'The coupon did not work.'],
  },
  silver_traditional: {
    positive: [
      'My grandchildren enjoy it.',
      'Sturdy and reliable.',
      'The instructions were clear.',
      'Wonderful product.',
      'Reliable, like the old ones.',
    ],
    negative: ['The instructions were confusing.', 'Not as sturdy as I hoped.', 'Too complicated for me.'],
  },
  business: {
    positive: [
      'Our team uses it daily.',
      'Good fit for the office.',
      'Ordered in bulk for the staff.',
      'Invoice was handled smoothly.',
      'The staff likes it.',
    ],
    negative: ['Not suitable for our office.', 'The invoice was wrong.', 'Bulk order arrived incomplete.'],
  },
};

/** The Net Promoter Score question (0–10). */
export const NPS_QUESTION = 'How likely are you to recommend Harbor & Pine to a friend or colleague?';
/** NPS answers by class; `late` answers replace detractor ones after a late delivery. */
export const NPS_ANSWERS = {
  promoter: [
    'Always a great experience.',
    'Fast delivery and friendly service.',
    'Great selection and fair prices.',
    'Easy returns and helpful staff.',
  ],
  passive: [
    'Good overall, shipping could be faster.',
    'Fine, but prices went up.',
    'Decent selection, nothing special.',
  ],
  detractor: [
    'Too many problems with delivery.',
    'Quality has gone down.',
    'Support was slow to answer.',
    'Prices are too high for what you get.',
  ],
  late: [
    'My order arrived late and nobody apologised.',
    'Late delivery again, very frustrating.',
    'Delivery was late and support was slow.',
  ],
} as const;
/** The delivery satisfaction (CSAT, 1–5) question. */
export const CSAT_QUESTION = 'How satisfied were you with your delivery?';

/** Support ticket topics: subject and body templates. */
export const TICKETS = {
  late_delivery: {
    subject: 'Where is my order {order}?',
    texts: [
      'My order {order} was supposed to arrive on {date} and it still has not come.',
      'The delivery is late. I needed this by the weekend.',
      'Tracking has not updated in days. Please help, the order is late.',
    ],
  },
  damaged: {
    subject: 'Item arrived damaged',
    texts: [
      'The {noun} arrived with a cracked corner.',
      'The box was crushed and the {noun} is broken.',
      'The {noun} was damaged in shipping.',
    ],
  },
  wrong_item: {
    subject: 'Wrong item received',
    texts: [
      'I ordered the {noun} but received something else.',
      'Wrong color and wrong size in my order {order}.',
    ],
  },
  refund: {
    subject: 'Refund request',
    texts: [
      'I returned the {noun} two weeks ago and still have no refund.',
      'Please refund order {order}, the {noun} does not work.',
    ],
  },
  account: {
    subject: 'Cannot log in',
    texts: ['I cannot reset my password.', 'My account shows the wrong email address.'],
  },
  product_question: {
    subject: 'Question about {noun}',
    texts: [
      'Does the {noun} come with a warranty?',
      'Is the {noun} available in another size?',
      'How do I set up the {noun}?',
    ],
  },
} as const;
export type TicketTopic = keyof typeof TICKETS;

/** Social posts mentioning the shop. */
export const SOCIAL = {
  positive: [
    'Just got my {noun} from @harborpine and I love it!',
    'Shoutout to @harborpine for the fast delivery.',
    'New {noun} day, thanks @harborpine.',
  ],
  negative: [
    '@harborpine my order is late again. Not impressed.',
    'Still waiting on my {noun} @harborpine, where is it?',
    '@harborpine the {noun} broke already.',
  ],
} as const;

/** Fills `{noun}`, `{order}` and `{date}`. */
export function fill(template: string, values: { noun?: string; order?: string; date?: string }): string {
  return template
    .replace(/\{noun\}/g, values.noun ?? 'item')
    .replace(/\{order\}/g, values.order ?? '')
    .replace(/\{date\}/g, values.date ?? '');
}
