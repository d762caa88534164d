/**
 * Campaign names shared by customers (acquisition_campaign), spend.csv, event UTM tags and messages:
 * the acquisition campaigns of each channel, and the calendar of newsletters and promotions.
 */
import { DAY_MS, HOUR_MS, type TimeWindow } from './calendar.js';
import { type AcquisitionChannel, MESSAGES } from './params.js';
import type { Rng } from './prng.js';

/** Campaigns of each acquisition channel with their share of its acquisitions and spend. */
export const ACQUISITION_CAMPAIGNS: Readonly<
  Record<AcquisitionChannel, readonly (readonly [string, number])[]>
> = {
  paid_search: [
    ['search_brand', 0.3],
    ['search_generic', 0.45],
    ['shopping_feed', 0.25],
  ],
  social: [
    ['social_prospecting', 0.6],
    ['social_retargeting', 0.4],
  ],
  email: [['newsletter_signup', 1]],
  referral: [['refer_a_friend', 1]],
  organic: [['seo_content', 1]],
  affiliate: [
    ['affiliate_network', 0.6],
    ['coupon_sites', 0.4],
  ],
  retail: [
    ['instore_signup', 0.7],
    ['local_events', 0.3],
  ],
};

/** In November and December this share of paid search and social goes to `holiday_<year>`. */
export const HOLIDAY_SHARE = 0.4;

/** UTM source and medium of each acquisition channel (organic traffic carries no campaign). */
export const UTM: Readonly<Record<AcquisitionChannel, { readonly source: string; readonly medium: string }>> =
  {
    paid_search: { source: 'google', medium: 'cpc' },
    social: { source: 'instagram', medium: 'paid_social' },
    email: { source: 'newsletter', medium: 'email' },
    referral: { source: 'friend', medium: 'referral' },
    organic: { source: 'google', medium: 'organic' },
    affiliate: { source: 'partner', medium: 'affiliate' },
    retail: { source: 'store', medium: 'qr' },
  };

/** Campaigns running on a channel at an instant, with their shares. */
export function campaignsAt(channel: AcquisitionChannel, ms: number): (readonly [string, number])[] {
  const base = ACQUISITION_CAMPAIGNS[channel];
  const d = new Date(ms);
  if ((channel === 'paid_search' || channel === 'social') && d.getUTCMonth() >= 10) {
    return [
      [`holiday_${d.getUTCFullYear()}`, HOLIDAY_SHARE],
      ...base.map(([n, s]) => [n, s * (1 - HOLIDAY_SHARE)] as const),
    ];
  }
  return [...base];
}

/** One campaign drawn for an acquisition on `channel` at `ms`. */
export function drawAcquisitionCampaign(rng: Rng, channel: AcquisitionChannel, ms: number): string {
  let u = rng.next();
  const list = campaignsAt(channel, ms);
  for (const [name, share] of list) {
    u -= share;
    if (u < 0) return name;
  }
  return list[list.length - 1]?.[0] ?? '';
}

/** A newsletter or promotion sent to a sample of the list. */
export interface MessageCampaign {
  readonly name: string;
  readonly category: 'newsletter' | 'promotion';
  readonly sentMs: number;
  readonly subject: string;
  readonly audience: number;
}

const NEWSLETTER_SUBJECTS = [
  'What is new at Harbor & Pine this month',
  'Our editors picked these for you',
  'Fresh arrivals and how to style them',
  'Stories from our makers',
];
const PROMO_SUBJECTS = [
  'Take 15% off this weekend',
  'Flash sale: 24 hours only',
  'Free shipping on everything',
  'Members save more this week',
];
const SEASONAL: readonly [string, number, number, string][] = [
  ['new_year_clearance', 1, 3, 'Clearance: up to 50% off'],
  ['spring_sale', 3, 20, 'The spring sale starts now'],
  ['summer_sale', 7, 10, 'Summer sale: our biggest of the season'],
  ['back_to_school', 8, 8, 'Back to school, sorted'],
  ['black_friday', 11, 0, 'Black Friday: doors open early'],
  ['cyber_monday', 11, 3, 'Cyber Monday deals end tonight'],
  ['holiday_gift_guide', 12, 4, 'The holiday gift guide is here'],
  ['last_minute_gifts', 12, 18, 'Last-minute gifts that still arrive in time'],
];

// Black Friday: the day after the fourth Thursday of November; the seasonal table's 0 and 3 are offsets from it.
function blackFriday(year: number): number {
  const nov1 = Date.UTC(year, 10, 1);
  const thursday = (4 - new Date(nov1).getUTCDay() + 7) % 7;
  return nov1 + (thursday + 21 + 1) * DAY_MS;
}

/** Every newsletter and promotion in the window, in time order. */
export function messageCalendar(window: TimeWindow): MessageCampaign[] {
  const out: MessageCampaign[] = [];
  let n = 0;
  for (
    let ms = window.startMs + 3 * DAY_MS + 15 * HOUR_MS;
    ms < window.endMs;
    ms += MESSAGES.newsletterEveryDays * DAY_MS
  ) {
    const d = new Date(ms);
    const name = `newsletter_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    out.push({
      name,
      category: 'newsletter',
      sentMs: ms,
      subject: NEWSLETTER_SUBJECTS[n++ % 4] ?? '',
      audience: MESSAGES.newsletterAudience,
    });
  }
  const first = new Date(window.startMs).getUTCFullYear();
  const last = new Date(window.endMs).getUTCFullYear();
  for (let year = first; year <= last; year++) {
    for (let month = 0; month < 12; month++) {
      for (const day of [6, 20].slice(0, MESSAGES.promotionsPerMonth)) {
        const ms = Date.UTC(year, month, day, 16);
        const name = `promo_${year}_${String(month + 1).padStart(2, '0')}_${day}`;
        out.push({
          name,
          category: 'promotion',
          sentMs: ms,
          subject: PROMO_SUBJECTS[(month + day) % 4] ?? '',
          audience: MESSAGES.promotionAudience,
        });
      }
    }
    for (const [name, month, day, subject] of SEASONAL) {
      const ms =
        month === 11 ? blackFriday(year) + day * DAY_MS + 13 * HOUR_MS : Date.UTC(year, month - 1, day, 13);
      out.push({
        name: `${name}_${year}`,
        category: 'promotion',
        sentMs: ms,
        subject,
        audience: 2 * MESSAGES.promotionAudience,
      });
    }
  }
  return out
    .filter((c) => c.sentMs >= window.startMs && c.sentMs <= window.endMs)
    .sort((a, b) => a.sentMs - b.sentMs);
}
