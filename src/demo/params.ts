/**
 * Every planted parameter of the demo business in one place. docs/demo-data.md states the same numbers
 * and truth.json repeats them, so that tests can check what analytics recover. Rates are per person
 * unless named otherwise; times are in weeks for the purchase process.
 */

/** Marketing channels that acquire customers (customers.acquisition_source, spend.channel). */
export const ACQUISITION_CHANNELS = [
  'paid_search',
  'social',
  'email',
  'referral',
  'organic',
  'affiliate',
  'retail',
] as const;
export type AcquisitionChannel = (typeof ACQUISITION_CHANNELS)[number];

/** Channels and categories of outbound messages. */
export const MESSAGE_CHANNELS = ['email', 'sms', 'push'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
/** Categories of outbound messages (messages.category). */
export const MESSAGE_CATEGORIES = ['promotion', 'newsletter', 'winback', 'transactional'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

/** Kinds of person: legacy (stale) records, B2B contacts, consumer prospects; the rest are buyers. */
export const COMPOSITION = { stale: 0.03, b2b: 0.05, prospect: 0.08 } as const;

/**
 * BG/NBD (Fader, Hardie & Lee 2005) for the baseline channel paid_search, in weeks: purchase rate
 * λ ~ Gamma(shape r, rate α), dropout p ~ Beta(a, b), drawn once per person. Repeat purchases arrive as a
 * Poisson process with rate λ in seasonal time (see calendar.ts); after each repeat purchase the person
 * drops out with probability p (not after the first purchase, as in the paper's likelihood).
 */
export const BGNBD = { r: 0.75, alpha: 12, a: 0.8, b: 4 } as const;

/**
 * Per acquisition channel: λ is multiplied by `lambda` (so λ ~ Gamma(r, α / lambda) within the channel),
 * `a` is multiplied by `dropoutA` (p ~ Beta(a · dropoutA, b), a higher mean dropout when above 1), and each
 * acquired contact (buyer, prospect or B2B lead) costs `cpa` dollars of that channel's spend.
 */
export const CHANNEL_EFFECTS: Readonly<
  Record<AcquisitionChannel, { readonly lambda: number; readonly dropoutA: number; readonly cpa: number }>
> = {
  paid_search: { lambda: 1, dropoutA: 1, cpa: 42 },
  social: { lambda: 0.85, dropoutA: 1.8, cpa: 28 },
  email: { lambda: 1.2, dropoutA: 0.8, cpa: 9 },
  referral: { lambda: 1.5, dropoutA: 0.6, cpa: 18 },
  organic: { lambda: 1.1, dropoutA: 0.9, cpa: 6 },
  affiliate: { lambda: 0.9, dropoutA: 1.3, cpa: 22 },
  retail: { lambda: 1, dropoutA: 0.85, cpa: 20 },
};

/**
 * Gamma-Gamma spend (Fader, Hardie & Lee 2005b; Colombo & Jiang 1999): each order's revenue
 * z ~ Gamma(shape p, rate ν) with ν ~ Gamma(shape q, rate γ · group.spend) per person, so the mean
 * order value of a group is p · γ · spend / (q − 1) dollars.
 */
export const GAMMA_GAMMA = { p: 6, q: 3.5, gamma: 40 } as const;

/** Orders per person are capped (a λ this high is a bot, not a customer). */
export const MAX_ORDERS = 400;

/** Relative order intensity by calendar month (January first), before normalisation to mean 1. */
export const MONTH_FACTORS = [0.85, 0.8, 0.9, 0.92, 0.95, 0.95, 0.9, 0.95, 0.92, 1, 1.35, 1.9] as const;
/** Relative acquisition intensity by month, times a linear growth from 1 at start to `ACQUISITION_GROWTH`. */
export const ACQUISITION_MONTHS = [1.1, 0.9, 0.95, 0.95, 1, 0.95, 0.9, 1, 0.95, 1, 1.3, 1.5] as const;
/** Acquisitions per day grow linearly from 1 at the window start to this at its end. */
export const ACQUISITION_GROWTH = 1.6;
/** Hour-of-day profiles are defined in US Central time: UTC minus this many hours. */
export const LOCAL_OFFSET_HOURS = 6;

/** A category sells `factor` times its usual share in these states and months (1 = January). */
export interface RegionalPeak {
  readonly category: string;
  readonly regions: readonly string[] | 'all';
  readonly months: readonly number[];
  readonly factor: number;
}
/** The planted regional and seasonal category peaks. */
export const REGIONAL_PEAKS: readonly RegionalPeak[] = [
  { category: 'sports_outdoors', regions: ['CO', 'UT'], months: [12, 1, 2], factor: 4 },
  { category: 'garden', regions: ['TX', 'FL', 'GA'], months: [3, 4, 5], factor: 3.5 },
  { category: 'apparel', regions: ['NY', 'MA', 'IL', 'MN'], months: [11, 12], factor: 3 },
  { category: 'beauty', regions: ['FL', 'CA', 'AZ'], months: [6, 7, 8], factor: 3 },
  { category: 'toys_baby', regions: 'all', months: [12], factor: 3 },
];

/**
 * Churn causes. The generator decides dropout after each repeat purchase first (so BG/NBD holds exactly)
 * and then makes the experience around the last order worse: a late delivery, a support ticket and an
 * unsubscribe are far more likely around the order after which a person drops out. Seen from the data,
 * each raises the odds of dropping out after that order (odds ratios in docs/demo-data.md).
 */
export const CHURN = {
  late: { base: 0.06, beforeDropout: 0.35 },
  ticket: { base: 0.03, whenLate: 0.25, beforeDropout: 0.35 },
  unsubscribe: { beforeDropout: 0.25, withinDays: 45 },
  /** Open and click probabilities of a person who has dropped out are multiplied by this. */
  engagementAfterDropout: 0.3,
} as const;

/** Order details. */
export const ORDERS = {
  bundleProbability: 0.08,
  cancelledExtra: 0.02,
  returnBase: 0.025,
  returnPoorQuality: 0.12,
  freeShippingFrom: 50,
  shippingFee: 5.99,
  marketplaceFee: 4.99,
  /** Share of orders after a duplicate record appears that name the duplicate record. */
  onDuplicateRecord: 0.5,
} as const;

/** Outbound messages: cadence, audiences and base engagement by category (email). */
export const MESSAGES = {
  newsletterEveryDays: 28,
  newsletterAudience: 0.35,
  promotionsPerMonth: 2,
  promotionAudience: 0.12,
  /** Push reaches this share of a promotion's audience (app users mute most pushes). */
  pushShare: 0.5,
  postPurchaseProbability: 0.3,
  winbackAfterDays: [120, 240],
  open: { promotion: 0.18, newsletter: 0.24, winback: 0.14, transactional: 0.62 },
  clickGivenOpen: { promotion: 0.14, newsletter: 0.08, winback: 0.2, transactional: 0.25 },
  unsubscribeGivenOpen: { promotion: 0.006, newsletter: 0.003, winback: 0.012, transactional: 0 },
  /** SMS is not opened-tracked; push opens are taps. Both scale the email rates. */
  channel: { email: 1, sms: 1.6, push: 0.5 },
  bounce: 0.015,
  complaintGivenOpen: 0.002,
  /** Share of orders preceded (within 72 hours) by a clicked promotion that gets the credit. */
  attributedOrders: 0.12,
} as const;

/** Web and app journeys. Browse sessions do not end in an order; purchase sessions always do. */
export const FUNNEL = {
  browsePerWebOrder: 0.5,
  browsePerYear: 0.4,
  anonymousBeforeSignup: 0.7,
  viewed: 0.7,
  added: 0.3,
  checkout: 0.45,
  secondDevice: 0.45,
} as const;

/** Reviews, surveys, tickets and social posts per order. */
export const FEEDBACK = { review: 0.1, survey: 0.04, social: 0.005 } as const;

/** Deliberately dirty data. Shares of persons unless named otherwise. */
export const DIRTY = {
  duplicate: 0.04,
  /** How the duplicate record differs from the first: email case and spaces, phone format, or both. */
  duplicateKinds: { email_case: 0.5, phone_format: 0.35, both: 0.15 },
  invalidEmail: 0.015,
  malformedPhone: 0.01,
  /** Share of ZIP codes starting with 0 written without it (a spreadsheet ate it). */
  zipLeadingZeroLost: 0.3,
  /** Share of records missing each field. */
  missing: {
    phone: 0.3,
    birth_date: 0.45,
    gender: 0.12,
    income_band: 0.35,
    occupation: 0.3,
    education: 0.4,
    marital_status: 0.3,
    children: 0.3,
    postal_code: 0.05,
    interests: 0.4,
  },
} as const;

/**
 * Life events and what they do to taste: for `days` after a move or a birth (or before a vacation) the
 * named categories are `boost` times as likely in that person's baskets.
 */
export const LIFE_EVENTS = {
  moved: { share: 0.12, days: 90, boost: { furniture: 3, home_kitchen: 2 } },
  childBorn: { share: 0.1, days: 180, boost: { toys_baby: 4 } },
  vacation: { share: 0.15, days: 30, boost: { apparel: 1.5, sports_outdoors: 2 } },
} as const;

/** B2B sales cycles: win probability by how the lead heard of us, times objection multipliers. */
export const SALES = {
  win: {
    referral: 0.55,
    'trade show': 0.45,
    webinar: 0.35,
    partner: 0.35,
    search: 0.3,
    linkedin: 0.22,
    'cold outreach': 0.1,
  },
  /** Probability that each objection is raised. */
  objectionEach: 0.12,
  objections: {
    price: 0.6,
    'existing supplier': 0.5,
    'delivery times': 0.8,
    'budget freeze': 0.5,
    'payment terms': 0.9,
  },
  decisionMakerBoost: 1.3,
  meanDaysBetweenNotes: 10,
} as const;
