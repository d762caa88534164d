/**
 * orders.csv and order_items.csv rows of a buyer, with the identifiers each channel really captures:
 * web and app orders carry the account and device, marketplace orders a relay email, store orders a
 * loyalty id or only a phone number; a cancelled attempt sometimes precedes an order.
 */
import { iso } from './calendar.js';
import { COLUMNS } from './columns.js';
import type { Cell } from './csv.js';
import { money } from './csv.js';
import { relayEmail } from './ids.js';
import type { Order } from './orders.js';
import type { Out } from './out.js';
import type { Person } from './person.js';
import type { Rng } from './prng.js';

/** How the duplicate record writes its contact points. */
export interface DuplicateContact {
  readonly email: string;
  readonly phone: string;
}

const ORDER_WIDTH = COLUMNS.orders.length;

/** Writes the orders (and their lines) of a person. */
export function writeOrderRows(
  seed: number,
  person: Person,
  rng: Rng,
  out: Out,
  orders: readonly Order[],
  dup: DuplicateContact | null,
): number {
  let revenue = 0;
  for (const o of orders) {
    const email = o.onDuplicate ? (dup?.email ?? '') : person.emailWritten;
    const phone = o.onDuplicate ? (dup?.phone ?? '') : person.phoneWritten;
    let customerId = o.recordId;
    let orderEmail = '';
    let orderPhone = '';
    let anonymousId = '';
    if (o.device) {
      orderEmail = email;
      anonymousId = o.device.anonymousId;
    } else if (o.channel === 'marketplace') {
      orderEmail = relayEmail(seed, person.index);
    } else {
      const loyalty = rng.chance(0.75) || !phone;
      if (!loyalty) customerId = '';
      orderPhone = phone;
      if (rng.chance(0.2)) orderEmail = email;
    }
    const basket = o.basket;
    const quantity = basket.lines.reduce((s, l) => s + l.quantity, 0);
    const cost = basket.lines.reduce((s, l) => s + l.cost, 0);
    const shipped = o.promisedMs !== null;
    const values: Cell[] = [
      o.id,
      customerId,
      orderEmail,
      orderPhone,
      anonymousId,
      iso(o.ms),
      money(basket.revenue),
      quantity,
      'USD',
      money(basket.discount),
      money(o.shipping),
      money(o.tax),
      money(cost),
      o.channel,
      o.store,
      o.status,
      o.payment,
      o.card,
      o.coupon,
      o.campaign,
      shipped ? person.city.name : '',
      shipped ? person.city.state : '',
      shipped ? 'US' : '',
      shipped ? person.postalCode : '',
      o.promisedMs === null ? '' : iso(o.promisedMs),
      o.deliveredMs === null ? '' : iso(o.deliveredMs),
    ];
    if (values.length !== ORDER_WIDTH) throw new Error('orders row does not match its columns');
    if (o.cancelledId) {
      const ms = o.ms - (2 + rng.int(28)) * 60_000;
      const cancelled = [...values];
      cancelled[0] = o.cancelledId;
      cancelled[5] = iso(ms);
      cancelled[15] = 'cancelled';
      cancelled[24] = '';
      cancelled[25] = '';
      out.row('orders', cancelled);
      writeLines(out, o, o.cancelledId, customerId, iso(ms));
    }
    out.row('orders', values);
    writeLines(out, o, o.id, customerId, iso(o.ms));
    revenue += basket.revenue;
  }
  return revenue;
}

function writeLines(out: Out, o: Order, orderId: string, customerId: string, ts: string): void {
  o.basket.lines.forEach((l, i) => {
    out.row('order_items', [
      orderId,
      i + 1,
      l.product.id,
      l.product.name,
      l.product.category,
      l.quantity,
      money(l.unitPrice),
      money(l.total),
      money(l.cost),
      customerId,
      ts,
      'US',
    ]);
  });
}
