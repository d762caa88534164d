/**
 * A buyer's orders. Times follow BG/NBD in the group's business time (first purchase at acquisition;
 * repeat purchases at rate λ; dropout with probability p after each repeat purchase); each order's
 * value follows Gamma-Gamma; then the channel, device, basket, payment, delivery promise and the
 * planted late delivery of the order after which the person drops out.
 */
import { type Basket, fillBasket } from './basket.js';
import { DAY_MS, HOUR_MS, localMonth } from './calendar.js';
import type { Device } from './devices.js';
import { storeFor, taxRate } from './geo.js';
import { ORDER_CHANNELS, type OrderChannel } from './groups.js';
import { orderId } from './ids.js';
import { CHURN, GAMMA_GAMMA, MAX_ORDERS, ORDERS } from './params.js';
import type { Person } from './person.js';
import type { Rng } from './prng.js';
import { exponential, gamma, weightedIndex } from './samplers.js';
import type { World } from './world.js';

/** One order (a purchase of the BG/NBD process). */
export interface Order {
  readonly id: string;
  readonly ms: number;
  readonly recordId: string;
  readonly onDuplicate: boolean;
  readonly channel: OrderChannel;
  readonly device: Device | null;
  readonly store: string;
  readonly basket: Basket;
  readonly shipping: number;
  readonly tax: number;
  readonly promisedMs: number | null;
  readonly deliveredMs: number | null;
  readonly late: boolean;
  readonly status: 'completed' | 'returned' | 'shipped';
  readonly payment: string;
  readonly card: string;
  coupon: string;
  /** Campaign credited with the order (set by the message module when a promotion click precedes it). */
  campaign: string;
  /** UTM medium of that campaign: the acquisition channel's for the first order, else the message channel. */
  campaignMedium: string;
  /** The person drops out right after this order. */
  readonly dropAfter: boolean;
  /** Id of a cancelled attempt placed minutes before, or null. */
  readonly cancelledId: string | null;
}

/** A buyer's purchase history and the BG/NBD summary the truth file records. */
export interface History {
  readonly orders: Order[];
  readonly dropped: boolean;
  /** Business-time weeks from the window start to the first and last purchase. */
  readonly firstWeeks: number;
  readonly lastWeeks: number;
}

/** Where a duplicate record takes over some orders. */
export interface RecordSwitch {
  readonly duplicateId: string;
  readonly fromMs: number;
  /** The duplicate's email; without one it can only be named at the till. */
  readonly email: string;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function pickChannel(person: Person, rng: Rng): OrderChannel {
  const w = [...person.group.orderChannel];
  if (!person.devices.some((d) => d.type === 'mobile')) {
    w[0] = (w[0] ?? 0) + (w[1] ?? 0);
    w[1] = 0;
  }
  return ORDER_CHANNELS[weightedIndex(rng, w)] ?? 'web';
}

function pickDevice(person: Person, rng: Rng, channel: OrderChannel): Device | null {
  if (channel === 'store' || channel === 'marketplace') return null;
  const mobile = person.devices.find((d) => d.type === 'mobile');
  const desktop = person.devices.find((d) => d.type === 'desktop');
  if (channel === 'app') return mobile ?? null;
  if (desktop && mobile) return rng.chance(0.7) ? desktop : mobile;
  return desktop ?? mobile ?? null;
}

function payment(person: Person, rng: Rng, channel: OrderChannel, device: Device | null): string {
  if (channel === 'marketplace') return 'marketplace';
  if (person.kind === 'b2b' && channel !== 'store') return rng.chance(0.6) ? 'invoice' : 'card';
  const r = rng.next();
  const wallet = device?.os === 'iOS' ? 'apple_pay' : device?.os === 'Android' ? 'google_pay' : 'paypal';
  if (channel === 'store') return r < 0.65 ? 'card' : r < 0.85 ? 'cash' : wallet;
  return r < 0.5 ? 'card' : r < 0.7 ? 'paypal' : r < 0.88 ? wallet : r < 0.94 ? 'gift_card' : 'affirm';
}

/** The orders of a buyer whose first purchase is at `firstMs`. */
export function simulateOrders(
  world: World,
  person: Person,
  rng: Rng,
  firstMs: number,
  recordId: string,
  switchTo: RecordSwitch | null,
): History {
  const clock = world.clocks[person.groupIndex];
  if (!clock) throw new Error(`no clock for group ${person.groupIndex}`);
  const times = [firstMs];
  const firstWeeks = clock.toWeeks(firstMs);
  let weeks = firstWeeks;
  let dropped = false;
  while (times.length < MAX_ORDERS) {
    weeks += exponential(rng, person.lambda);
    if (weeks > clock.totalWeeks) break;
    times.push(clock.fromWeeks(weeks));
    if (rng.chance(person.p)) {
      dropped = true;
      break;
    }
  }
  const lastWeeks = times.length > 1 ? clock.toWeeks(times[times.length - 1] ?? firstMs) : firstWeeks;
  const orders: Order[] = [];
  let k = 0;
  const { endMs } = world.window;
  times.forEach((ms, i) => {
    const dropAfter = dropped && i === times.length - 1;
    const channel = pickChannel(person, rng);
    const device = pickDevice(person, rng, channel);
    const z = gamma(rng, GAMMA_GAMMA.p, person.nu);
    const basket = fillBasket(world, person, rng, z, ms);
    const shipped = channel !== 'store';
    const late = shipped && rng.chance(dropAfter ? CHURN.late.beforeDropout : CHURN.late.base);
    let promisedMs: number | null = null;
    let deliveredMs: number | null = null;
    if (shipped) {
      const days = channel === 'marketplace' ? rng.between(2, 5) : rng.between(3, 6);
      promisedMs = Math.floor(ms / DAY_MS) * DAY_MS + days * DAY_MS + 22 * HOUR_MS;
      deliveredMs = late
        ? promisedMs + Math.round((DAY_MS + exponential(rng, 1 / (2 * DAY_MS))) / 1000) * 1000
        : Math.max(ms + DAY_MS, promisedMs - rng.int(2 * 86_400) * 1000);
      if (deliveredMs > endMs) deliveredMs = null;
    }
    const poor = basket.lines.some((l) => l.product.quality === 'poor');
    const returned =
      deliveredMs !== null && rng.chance(ORDERS.returnBase + (poor ? ORDERS.returnPoorQuality : 0));
    const onDuplicate =
      switchTo !== null &&
      ms >= switchTo.fromMs &&
      (switchTo.email !== '' || channel === 'store') &&
      rng.chance(ORDERS.onDuplicateRecord);
    const pay = payment(person, rng, channel, device);
    const share = basket.discount / Math.max(1, basket.listTotal);
    const month = localMonth(ms);
    const coupon =
      share < 0.1
        ? ''
        : i === 0
          ? 'WELCOME10'
          : month >= 11
            ? 'HOLIDAY20'
            : share > 0.2
              ? 'FLASH25'
              : 'SAVE10';
    const cancelledId = rng.chance(ORDERS.cancelledExtra) ? orderId(world.seed, person.index, k++) : null;
    const free =
      channel === 'store' || (channel !== 'marketplace' && basket.revenue >= ORDERS.freeShippingFrom);
    orders.push({
      id: orderId(world.seed, person.index, k++),
      ms,
      recordId: onDuplicate && switchTo ? switchTo.duplicateId : recordId,
      onDuplicate,
      channel,
      device,
      store:
        channel === 'store'
          ? (storeFor(person.city) ?? '')
          : channel === 'marketplace'
            ? 'Marketplace'
            : channel,
      basket,
      shipping: free ? 0 : channel === 'marketplace' ? ORDERS.marketplaceFee : ORDERS.shippingFee,
      tax: round2(basket.revenue * taxRate(person.city.state)),
      promisedMs,
      deliveredMs,
      late,
      status: returned ? 'returned' : shipped && deliveredMs === null ? 'shipped' : 'completed',
      payment: pay,
      card: pay === 'card' || pay.endsWith('_pay') ? (rng.pick(person.cards) ?? '') : '',
      coupon,
      campaign: i === 0 ? person.campaign : '',
      campaignMedium: '',
      dropAfter,
      cancelledId,
    });
  });
  return { orders, dropped, firstWeeks, lastWeeks };
}
