/**
 * Social activity (issue 15) in social.csv, for buyers with a Twitter or Instagram handle in their customer
 * record: posts in their group's words (its planted praise and complaint themes, from GROUP_PHRASES), posts
 * with the planted keywords, and likes, shares and follows of the shop's planted post. Drawn from a stream
 * of its own, so the rest of the business is the same with or without it. SOCIAL_PLAN is in truth.json.
 */
import { DAY_MS, iso } from './calendar.js';
import { socialId } from './ids.js';
import type { Order } from './orders.js';
import type { Out } from './out.js';
import type { Person } from './person.js';
import { GROUP_PHRASES } from './phrases.js';
import { Rng, seedOf } from './prng.js';
import type { WrittenHandles } from './records.js';
import type { Stats } from './truth.js';
import type { World } from './world.js';

/** What the social activity plants, for tests to find. */
export const SOCIAL_PLAN = {
  /** Keywords planted in posts, with the share of handled buyers who post each once. */
  keywords: [
    { keyword: '#HarborHaul', share: 0.3, text: 'My #HarborHaul this month, so happy with it!' },
    {
      keyword: 'price match',
      share: 0.1,
      text: 'Does @harborpine do a price match? Found it cheaper elsewhere.',
    },
  ],
  /** The shop's post people like and share. */
  target: 'post:harborpine-spring-sale',
  like: 0.4,
  share: 0.1,
  follow: 0.25,
  /** Each post in the author's group's words: praise after a good order, complaint after a late or poor one. */
  groupPosts: 0.6,
} as const;

const SALT = 0x50c1a1;

/** Writes a buyer's social activity; returns how many rows. */
export function writeSocial(
  world: World,
  person: Person,
  handles: WrittenHandles,
  customerId: string,
  orders: readonly Order[],
  out: Out,
  stats: Stats,
): number {
  const accounts = (
    [
      ['twitter', handles.twitter],
      ['instagram', handles.instagram],
    ] as const
  ).filter((a): a is readonly ['twitter' | 'instagram', string] => a[1] !== undefined);
  const first = accounts[0];
  if (first === undefined || orders.length === 0) return 0;
  const rng = new Rng(seedOf(world.seed, person.index, SALT));
  const { endMs } = world.window;
  let k = 0;
  const row = (kind: string, text: string, target: string, ms: number): boolean => {
    if (ms > endMs || k >= 256) return false;
    const [platform, handle] = rng.pick(accounts);
    const id = socialId(world.seed, person.index, k++);
    out.row('social', [
      id,
      platform,
      handle,
      // Half the rows name the customer too; the other half reach the profile through the handle alone.
      rng.chance(0.5) ? customerId : '',
      kind,
      text,
      target,
      `https://${platform}.com/${handle.slice(1)}/status/${id}`,
      iso(ms),
    ]);
    stats.add(`social.${kind}`);
    return true;
  };
  const phrases = GROUP_PHRASES[person.group.id];
  for (const o of orders) {
    if (!rng.chance(SOCIAL_PLAN.groupPosts)) continue;
    const bad = o.late || o.basket.lines.some((l) => l.product.quality === 'poor');
    const text = rng.pick(bad ? phrases.negative : phrases.positive);
    if (row('post', `${text} @harborpine`, '', (o.deliveredMs ?? o.ms) + rng.int(5 * 86_400) * 1000)) {
      stats.add(bad ? 'social.group_complaint' : 'social.group_praise');
    }
  }
  const firstMs = orders[0]!.ms;
  const span = Math.max(DAY_MS, endMs - firstMs);
  for (const planted of SOCIAL_PLAN.keywords) {
    if (rng.chance(planted.share)) {
      if (row('mention', planted.text, '', firstMs + rng.int(Math.floor(span / 1000)) * 1000)) {
        stats.add(`social.keyword.${planted.keyword}`);
      }
    }
  }
  for (const kind of ['like', 'share', 'follow'] as const) {
    if (rng.chance(SOCIAL_PLAN[kind])) {
      row(
        kind,
        '',
        kind === 'follow' ? '@harborpine' : SOCIAL_PLAN.target,
        firstMs + rng.int(Math.floor(span / 1000)) * 1000,
      );
    }
  }
  return k;
}
