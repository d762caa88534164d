/**
 * Web and app journeys as Segment events: anonymous visits before sign-up, the identify call that ties
 * the device to the customer, a purchase session (views, adds, checkout, Order Completed) for every web
 * or app order, and browse sessions that drop out of the funnel at the rates in FUNNEL.
 */
import { productNear } from './basket.js';
import { DAY_MS, iso } from './calendar.js';
import { UTM } from './campaigns.js';
import type { Device } from './devices.js';
import type { Order } from './orders.js';
import type { Out } from './out.js';
import { FUNNEL } from './params.js';
import type { Person } from './person.js';
import type { Rng } from './prng.js';
import { poisson, weightedIndex } from './samplers.js';
import { group, identify, type PageRef, type Session, track, type Utm, view } from './segment.js';
import type { World } from './world.js';

/** The identities a person's events may carry. */
export interface JourneyIds {
  readonly customerId: string;
  readonly duplicateId: string | null;
  readonly duplicateEmail: string;
  readonly signupMs: number;
  /** After this instant the person no longer browses (30 days after dropping out, or the window end). */
  readonly activeUntilMs: number;
}

type Plan =
  | {
      readonly ms: number;
      readonly kind: 'browse';
      readonly userId: string | null;
      readonly device: Device;
      readonly utm: Utm | null;
    }
  | { readonly ms: number; readonly kind: 'signup' }
  | { readonly ms: number; readonly kind: 'order'; readonly order: Order };

const REFERRERS: Readonly<Record<string, string>> = {
  cpc: 'https://www.google.com/',
  organic: 'https://www.google.com/',
  paid_social: 'https://www.instagram.com/',
  affiliate: 'https://www.dealspotter.example/',
};

const step = (rng: Rng): number => (15 + rng.int(90)) * 1000;
const productProps = (p: { id: string; name: string; category: string; price: number }) => ({
  product_id: p.id,
  name: p.name,
  category: p.category,
  price: p.price,
});

function acquisitionUtm(person: Person): Utm | null {
  if (person.channel === 'organic' || !person.campaign) return null;
  return { ...UTM[person.channel], name: person.campaign };
}

function browse(world: World, person: Person, s: Session, ms: number): void {
  const weights = person.group.taste;
  const app = s.device.type === 'mobile' && person.group.orderChannel[1] !== 0 && s.rng.chance(0.5);
  const page: PageRef = { path: '/', referrer: s.utm ? (REFERRERS[s.utm.medium] ?? '') : '' };
  let t = ms;
  view(s, t, 'Home', page, app);
  if (!s.rng.chance(FUNNEL.viewed)) return;
  const n = 1 + poisson(s.rng, 1);
  let last = world.catalog.products[0];
  for (let i = 0; i < n; i++) {
    last = productNear(world, weightedIndex(s.rng, weights), 15 + s.rng.next() * 300, t, 'below');
    t += step(s.rng);
    track(s, t, 'Product Viewed', productProps(last), app ? null : { path: `/p/${last.id}`, referrer: '' });
  }
  if (!last || !s.rng.chance(FUNNEL.added)) return;
  t += step(s.rng);
  track(
    s,
    t,
    'Product Added',
    { ...productProps(last), quantity: 1 },
    app ? null : { path: `/p/${last.id}`, referrer: '' },
  );
  if (!s.rng.chance(FUNNEL.checkout)) return;
  t += step(s.rng);
  track(
    s,
    t,
    'Checkout Started',
    { revenue: last.price, currency: 'USD', products: 1 },
    app ? null : { path: '/checkout', referrer: '' },
  );
}

function purchase(s: Session, order: Order): void {
  const app = order.channel === 'app';
  const lines = order.basket.lines;
  const steps = lines.length * 2 + 2;
  let t = order.ms - steps * 60_000;
  const first = lines[0]?.product;
  const landing: PageRef = {
    path: first ? `/p/${first.id}` : '/',
    referrer: s.utm ? (REFERRERS[s.utm.medium] ?? '') : '',
  };
  view(s, t, first ? first.name : 'Home', landing, app);
  for (const line of lines) {
    t += step(s.rng);
    const page = app ? null : { path: `/p/${line.product.id}`, referrer: '' };
    track(s, t, 'Product Viewed', productProps(line.product), page);
    t += step(s.rng);
    track(s, t, 'Product Added', { ...productProps(line.product), quantity: line.quantity }, page);
  }
  t += step(s.rng);
  const revenue = order.basket.revenue;
  track(
    s,
    Math.min(t, order.ms - 1000),
    'Checkout Started',
    { revenue, currency: 'USD', products: lines.length },
    app ? null : { path: '/checkout', referrer: '' },
  );
  const products = lines.map((l) => ({ product_id: l.product.id, quantity: l.quantity, price: l.unitPrice }));
  track(
    s,
    order.ms,
    'Order Completed',
    {
      order_id: order.id,
      revenue,
      tax: order.tax,
      shipping: order.shipping,
      discount: order.basket.discount,
      coupon: order.coupon || undefined,
      currency: 'USD',
      products,
    },
    app ? null : { path: '/checkout/complete', referrer: '' },
  );
}

/** Writes a person's events to `out`. */
export function writeJourneys(
  world: World,
  person: Person,
  rng: Rng,
  out: Out,
  ids: JourneyIds,
  orders: readonly Order[],
): void {
  const { startMs, endMs } = world.window;
  const clock = world.clocks[person.groupIndex];
  const primary = person.devices[0];
  if (!clock || !primary) return;
  const plans: Plan[] = [];
  const utm = acquisitionUtm(person);
  const before = poisson(rng, FUNNEL.anonymousBeforeSignup);
  for (let i = 0; i < before; i++) {
    const ms = ids.signupMs - 1000 - rng.int(30 * 86_400) * 1000;
    plans.push({ ms, kind: 'browse', userId: null, device: primary, utm: i === 0 ? utm : null });
  }
  plans.push({ ms: ids.signupMs, kind: 'signup' });
  let webOrders = 0;
  for (const order of orders) {
    if (order.device) {
      plans.push({ ms: order.ms, kind: 'order', order });
      webOrders++;
    }
  }
  const years = Math.max(0, ids.activeUntilMs - ids.signupMs) / (365.25 * DAY_MS);
  const sessions = poisson(rng, FUNNEL.browsePerWebOrder * webOrders + FUNNEL.browsePerYear * years);
  for (let i = 0; i < sessions; i++) {
    const ms = clock.between(rng, ids.signupMs, ids.activeUntilMs);
    const device = rng.pick(person.devices);
    plans.push({ ms, kind: 'browse', userId: rng.chance(0.8) ? ids.customerId : null, device, utm: null });
  }
  plans.sort((a, b) => a.ms - b.ms);
  const identified = new Set<string>();
  const traits = {
    email: person.email,
    firstName: person.firstName,
    lastName: person.lastName,
    createdAt: iso(ids.signupMs),
  };
  const known = (device: Device, userId: string, ms: number, email: string) => {
    const key = `${device.anonymousId}|${userId}`;
    if (identified.has(key) || ms < startMs) return;
    identified.add(key);
    identify({ out, rng, device, userId, utm: null }, ms - 2000, userId, { ...traits, email });
  };
  for (const plan of plans) {
    if (plan.ms < startMs || plan.ms > endMs) continue;
    if (plan.kind === 'signup') {
      known(primary, ids.customerId, plan.ms, person.email);
      if (person.company) {
        const c = person.company;
        group({ out, rng, device: primary, userId: ids.customerId, utm: null }, plan.ms, c.id, {
          name: c.name,
          industry: c.industry,
          employees: c.employees,
        });
      }
    } else if (plan.kind === 'order') {
      const { order } = plan;
      const device = order.device as Device;
      const email = order.onDuplicate ? ids.duplicateEmail : person.email;
      known(device, order.recordId, order.ms - steps(order), email);
      const via =
        order === orders[0]
          ? utm
          : order.campaign
            ? { source: 'harborpine', medium: order.campaignMedium, name: order.campaign }
            : null;
      purchase({ out, rng, device, userId: order.recordId, utm: via }, order);
    } else {
      if (plan.userId) known(plan.device, plan.userId, plan.ms, person.email);
      browse(world, person, { out, rng, device: plan.device, userId: plan.userId, utm: plan.utm }, plan.ms);
    }
  }
}

const steps = (order: Order): number => (order.basket.lines.length * 2 + 3) * 60_000;
