/**
 * The planted natural customer groups: who they are (demographics), how they arrive (acquisition
 * channel), where and on what they shop (order channel, device, taste), how much they spend and how
 * they answer messages. The group of a customer is written to the truth files only.
 */

/** Names of the planted groups; `business` holds the B2B contacts. */
export const GROUP_IDS = [
  'urban_young',
  'suburban_family',
  'affluent_pro',
  'bargain_hunter',
  'silver_traditional',
  'business',
] as const;
export type GroupId = (typeof GROUP_IDS)[number];

/** Income bands as the CRM writes them. */
export const INCOME_BANDS = ['<25k', '25k-50k', '50k-75k', '75k-100k', '100k-150k', '150k+'] as const;
/** Education levels as the CRM writes them. */
export const EDUCATION = ['high school', 'some college', 'bachelors', 'masters', 'doctorate'] as const;
/** Where an order is placed. */
export const ORDER_CHANNELS = ['web', 'app', 'store', 'marketplace'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

/** Everything planted about one group. Weight arrays follow the order of the constant they describe. */
export interface GroupSpec {
  readonly id: GroupId;
  /** Share among consumers (business contacts are drawn by `COMPOSITION.b2b`). */
  readonly weight: number;
  /** Age: mean, standard deviation, min, max. */
  readonly age: readonly [number, number, number, number];
  readonly female: number;
  readonly income: readonly number[];
  /** Probability of 0, 1, 2, 3, 4 children at home. */
  readonly children: readonly number[];
  readonly married: number;
  readonly education: readonly number[];
  readonly occupations: readonly string[];
  /** Primary device: iOS phone, Android phone, desktop. */
  readonly device: readonly [number, number, number];
  /** Acquisition channel weights, ACQUISITION_CHANNELS order. */
  readonly acquisition: readonly number[];
  /** Order channel weights, ORDER_CHANNELS order. */
  readonly orderChannel: readonly number[];
  /** Relative preference for each category, CATEGORY_KEYS order. */
  readonly taste: readonly number[];
  /** Gamma-Gamma spend scale: γ_g = γ · spend, so mean order value scales by `spend`. */
  readonly spend: number;
  /** Mean number of extra order lines beyond the first (Poisson). */
  readonly extraLines: number;
  readonly consent: {
    readonly email: number;
    readonly sms: number;
    readonly push: number;
    readonly ads: number;
  };
  /** Multipliers of open and click probabilities by MESSAGE_CHANNELS and by MESSAGE_CATEGORIES. */
  readonly channelEngagement: readonly number[];
  readonly categoryEngagement: readonly number[];
  /** Activity by hour of day (US Central time), 24 relative weights. */
  readonly hours: readonly number[];
  /** Activity by weekday, Monday first, 7 relative weights. */
  readonly weekdays: readonly number[];
  readonly interests: readonly string[];
  readonly values: readonly string[];
  readonly lifestyle: readonly string[];
  /** Words this group uses in reviews and survey answers (its planted distinctive terms). */
  readonly vocabulary: readonly string[];
}

// A day shape: a floor plus Gaussian bumps at the given hours.
function hours(floor: number, ...bumps: readonly [number, number][]): number[] {
  return Array.from({ length: 24 }, (_, h) => {
    let w = floor;
    for (const [at, height] of bumps) {
      const d = Math.min(Math.abs(h - at), 24 - Math.abs(h - at));
      w += height * Math.exp(-(d * d) / 4);
    }
    return w;
  });
}

const WEEK = [1, 1, 1, 1, 1.05, 1.1, 1.05];

/** The groups, business last. */
export const GROUPS: Readonly<Record<GroupId, GroupSpec>> = {
  urban_young: {
    id: 'urban_young',
    weight: 0.24,
    age: [25, 4, 18, 34],
    female: 0.56,
    income: [0.2, 0.4, 0.25, 0.1, 0.05, 0],
    children: [0.92, 0.06, 0.02, 0, 0],
    married: 0.12,
    education: [0.2, 0.35, 0.4, 0.05, 0],
    occupations: ['student', 'barista', 'graphic designer', 'software developer', 'sales associate', 'nurse'],
    device: [0.62, 0.3, 0.08],
    acquisition: [0.15, 0.45, 0.03, 0.12, 0.12, 0.1, 0.03],
    orderChannel: [0.25, 0.55, 0.05, 0.15],
    taste: [2, 3, 0.5, 0.8, 0.6, 4, 3, 3, 0.2, 1.5, 0.1, 1],
    spend: 0.7,
    extraLines: 0.4,
    consent: { email: 0.62, sms: 0.45, push: 0.7, ads: 0.7 },
    channelEngagement: [0.6, 1.2, 1.5],
    categoryEngagement: [1.1, 0.6, 1, 1],
    hours: hours(0.3, [21, 1.6], [0, 1.0], [13, 0.5]),
    weekdays: [0.9, 0.9, 0.95, 1, 1.1, 1.15, 1.1],
    interests: ['gaming', 'streetwear', 'music festivals', 'fitness', 'travel', 'photography', 'sneakers'],
    values: ['sustainability', 'self-expression', 'authenticity', 'convenience'],
    lifestyle: ['urban', 'night owl', 'social media native', 'renter', 'foodie'],
    vocabulary: ['obsessed', 'vibe', 'aesthetic', 'cute', 'literally'],
  },
  suburban_family: {
    id: 'suburban_family',
    weight: 0.26,
    age: [40, 6, 28, 56],
    female: 0.6,
    income: [0.02, 0.13, 0.3, 0.3, 0.2, 0.05],
    children: [0.02, 0.25, 0.45, 0.2, 0.08],
    married: 0.85,
    education: [0.2, 0.25, 0.4, 0.13, 0.02],
    occupations: [
      'teacher',
      'nurse',
      'engineer',
      'accountant',
      'project manager',
      'electrician',
      'homemaker',
    ],
    device: [0.38, 0.37, 0.25],
    acquisition: [0.22, 0.12, 0.12, 0.2, 0.14, 0.05, 0.15],
    orderChannel: [0.4, 0.25, 0.25, 0.1],
    taste: [1, 1, 0.6, 3, 1.5, 2, 1.5, 1.2, 5, 1.5, 1.5, 1],
    spend: 1.15,
    extraLines: 0.9,
    consent: { email: 0.75, sms: 0.35, push: 0.55, ads: 0.6 },
    channelEngagement: [1.3, 1, 0.9],
    categoryEngagement: [1.2, 1.1, 1, 1],
    hours: hours(0.25, [13, 0.9], [21, 1.4], [7, 0.4]),
    weekdays: [1, 1, 1, 1, 0.95, 1.15, 1.2],
    interests: ['cooking', 'DIY', 'gardening', 'camping', 'board games', 'youth sports', 'home decor'],
    values: ['family', 'safety', 'value for money', 'durability'],
    lifestyle: ['suburban', 'homeowner', 'pet owner', 'meal planner'],
    vocabulary: ['kids', 'family', 'durable', 'daughter', 'son'],
  },
  affluent_pro: {
    id: 'affluent_pro',
    weight: 0.16,
    age: [45, 8, 30, 66],
    female: 0.45,
    income: [0, 0.02, 0.08, 0.2, 0.35, 0.35],
    children: [0.45, 0.3, 0.2, 0.05, 0],
    married: 0.6,
    education: [0.02, 0.08, 0.4, 0.38, 0.12],
    occupations: ['attorney', 'physician', 'software architect', 'executive', 'consultant', 'dentist'],
    device: [0.55, 0.1, 0.35],
    acquisition: [0.3, 0.08, 0.08, 0.22, 0.22, 0.03, 0.07],
    orderChannel: [0.45, 0.35, 0.12, 0.08],
    taste: [3, 1.5, 1, 2, 2.5, 1.5, 1.2, 1, 0.5, 3, 1, 1.5],
    spend: 1.9,
    extraLines: 0.6,
    consent: { email: 0.6, sms: 0.15, push: 0.45, ads: 0.45 },
    channelEngagement: [1, 0.6, 1],
    categoryEngagement: [0.7, 1.2, 0.8, 1],
    hours: hours(0.2, [7, 0.8], [12, 0.9], [22, 1.3]),
    weekdays: WEEK,
    interests: ['golf', 'wine', 'travel', 'tech gadgets', 'skiing', 'art', 'fine dining'],
    values: ['quality', 'status', 'time-saving', 'innovation'],
    lifestyle: ['frequent traveler', 'homeowner', 'early adopter', 'fitness enthusiast'],
    vocabulary: ['premium', 'craftsmanship', 'elegant', 'investment', 'refined'],
  },
  bargain_hunter: {
    id: 'bargain_hunter',
    weight: 0.22,
    age: [38, 12, 18, 75],
    female: 0.5,
    income: [0.35, 0.4, 0.17, 0.06, 0.02, 0],
    children: [0.4, 0.25, 0.2, 0.1, 0.05],
    married: 0.45,
    education: [0.45, 0.3, 0.2, 0.05, 0],
    occupations: ['retail worker', 'driver', 'cashier', 'warehouse associate', 'student', 'cook'],
    device: [0.2, 0.65, 0.15],
    acquisition: [0.2, 0.12, 0.08, 0.05, 0.08, 0.4, 0.07],
    orderChannel: [0.3, 0.15, 0.15, 0.4],
    taste: [1.5, 2, 0.5, 2, 0.8, 2, 1.5, 2, 1.5, 1, 0.8, 0.6],
    spend: 0.6,
    extraLines: 0.7,
    consent: { email: 0.8, sms: 0.5, push: 0.65, ads: 0.8 },
    channelEngagement: [1.1, 1.3, 1.2],
    categoryEngagement: [1.7, 0.7, 1.5, 1],
    hours: hours(0.35, [19, 1.0], [22, 0.8], [12, 0.5]),
    weekdays: [1.05, 1, 1, 1, 1.1, 1.05, 0.95],
    interests: ['coupons', 'thrifting', 'DIY', 'video games', 'fishing', 'crafts'],
    values: ['value for money', 'practicality', 'frugality'],
    lifestyle: ['deal seeker', 'renter', 'budget conscious'],
    vocabulary: ['deal', 'cheap', 'coupon', 'bargain', 'sale'],
  },
  silver_traditional: {
    id: 'silver_traditional',
    weight: 0.12,
    age: [68, 6, 58, 90],
    female: 0.55,
    income: [0.1, 0.3, 0.3, 0.18, 0.08, 0.04],
    children: [0.97, 0.02, 0.01, 0, 0],
    married: 0.7,
    education: [0.4, 0.25, 0.25, 0.08, 0.02],
    occupations: ['retired', 'retired', 'retired', 'part-time consultant', 'volunteer'],
    device: [0.2, 0.2, 0.6],
    acquisition: [0.12, 0.05, 0.3, 0.1, 0.1, 0.03, 0.3],
    orderChannel: [0.45, 0.05, 0.45, 0.05],
    taste: [0.6, 0.5, 0.5, 3, 1.5, 1, 0.8, 1, 1, 0.6, 4, 4],
    spend: 1,
    extraLines: 0.5,
    consent: { email: 0.7, sms: 0.12, push: 0.3, ads: 0.5 },
    channelEngagement: [1.4, 0.5, 0.3],
    categoryEngagement: [0.9, 1.6, 1, 1],
    hours: hours(0.1, [10, 1.5], [15, 1.0]),
    weekdays: WEEK,
    interests: ['gardening', 'reading', 'bird watching', 'grandchildren', 'crosswords', 'history'],
    values: ['tradition', 'reliability', 'customer service', 'loyalty'],
    lifestyle: ['retired', 'homeowner', 'community volunteer'],
    vocabulary: ['grandchildren', 'sturdy', 'reliable', 'instructions', 'wonderful'],
  },
  business: {
    id: 'business',
    weight: 0,
    age: [43, 9, 25, 66],
    female: 0.45,
    income: [0, 0.05, 0.2, 0.3, 0.3, 0.15],
    children: [0.5, 0.2, 0.2, 0.1, 0],
    married: 0.6,
    education: [0.05, 0.15, 0.5, 0.27, 0.03],
    occupations: ['manager'],
    device: [0.2, 0.1, 0.7],
    acquisition: [0.3, 0.15, 0.15, 0.2, 0.1, 0, 0.1],
    orderChannel: [0.85, 0, 0.1, 0.05],
    taste: [2.5, 1.5, 6, 1.5, 3, 0.2, 0.1, 0.3, 0, 0.2, 0.3, 0.5],
    spend: 4.5,
    extraLines: 1.8,
    consent: { email: 0.85, sms: 0.05, push: 0.2, ads: 0.5 },
    channelEngagement: [0.9, 0.3, 0.2],
    categoryEngagement: [0.6, 1, 0.8, 1],
    hours: hours(0.05, [10, 1.5], [14, 1.4]),
    weekdays: [1.2, 1.2, 1.2, 1.2, 1.1, 0.15, 0.1],
    interests: ['productivity', 'leadership', 'logistics', 'workplace design'],
    values: ['reliability', 'efficiency', 'service level'],
    lifestyle: ['professional'],
    vocabulary: ['team', 'office', 'bulk', 'invoice', 'staff'],
  },
};
