import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One small shop for test/one-truth.test.ts, written as the CSV files a user would bring, with the figures
 * every surface must show worked out here by hand (in cents, from the rows as written, not through SQL):
 * cancelled orders in several spellings, a void and a failed payment, refunds as negative rows, returned
 * orders, orders without revenue whose lines carry prices, people with two customer records (the same
 * e-mail written differently), prospects without orders, people whose only order was cancelled, and one
 * guest order that names no customer.
 */

/** What a person should show everywhere. */
export interface PersonTruth {
  readonly email: string;
  readonly orders: number;
  readonly revenueCents: number;
  readonly grossCents: number;
  readonly returnsCents: number;
  /** Purchase days (placed orders of non-negative value, one per day). */
  readonly purchaseDays: number;
  readonly first: string | null;
  readonly last: string | null;
}

/** The shop's figures. */
export interface ShopTruth {
  readonly people: readonly PersonTruth[];
  readonly customers: number;
  readonly prospects: number;
  readonly placedOrders: number;
  readonly orderRows: number;
  /** Revenue of all placed orders, the guest order's included. */
  readonly revenueCents: number;
  /** Revenue of the placed orders of known customers (the guest order's left out). */
  readonly customerRevenueCents: number;
  readonly grossCents: number;
  readonly returnsCents: number;
  readonly files: { customers: string; orders: string; items: string };
}

// The statuses written in the orders file, and by hand which of them mean the order was never placed.
const NOT_PLACED = ['cancelled', 'canceled', 'CANCELED', 'void', 'Cancelled by customer', 'payment_failed'];
const RETURNED = 'returned';
const REFUNDED = 'refunded';

const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const money = (cents: number) => (cents / 100).toFixed(2);

/** Writes customers.csv, orders.csv and order_items.csv into `dir` and returns what they add up to. */
export async function writeShop(dir: string, size = 40): Promise<ShopTruth> {
  const customers = ['customer_id,email,first_name,country'];
  const orders = ['order_id,customer_id,order_ts,revenue,status,shipping_cost,tax'];
  const items = ['order_id,line_no,product_id,quantity,unit_price,discount,line_total'];
  const people: PersonTruth[] = [];
  let orderNo = 0;
  let orderRows = 0;
  for (let i = 0; i < size; i++) {
    const email = `p${i}@shop.test`;
    const ids = [`C${i}`];
    customers.push(`C${i},${email},Person${i},${i % 2 ? 'DE' : 'FR'}`);
    // Every eighth person has a second record: another id, the same e-mail in other case.
    if (i % 8 === 3) {
      ids.push(`D${i}`);
      customers.push(`D${i},P${i}@Shop.TEST,Person${i},${i % 2 ? 'DE' : 'FR'}`);
    }
    const placed: { ts: string; cents: number; returned: boolean }[] = [];
    const write = (id: string, ts: string, cents: number | null, status: string, lines?: string[]) => {
      orderNo++;
      orderRows++;
      const o = `O${orderNo}`;
      const extra = orderNo % 5 === 0 ? ',4.95,1.23' : ',,';
      orders.push(
        `${o},${id},${ts}T${String(8 + (orderNo % 10)).padStart(2, '0')}:15:00Z,${cents === null ? '' : money(cents)},${status}${extra}`,
      );
      for (const [n, line] of (lines ?? []).entries()) items.push(`${o},${n + 1},${line}`);
    };
    if (i % 10 === 9) {
      people.push(truth(email, placed));
      continue; // a prospect: no order at all
    }
    if (i % 10 === 7) {
      write(ids[0] as string, day(i * 3), 49900, 'cancelled');
      people.push(truth(email, placed));
      continue; // a prospect whose only order was cancelled
    }
    const n = 1 + (i % 4);
    for (let k = 0; k < n; k++) {
      const id = ids[k % ids.length] as string;
      const ts = day(i * 7 + k * 37);
      const returned = i % 7 === 4 && k === 0;
      const status = returned ? RETURNED : k % 2 ? 'shipped' : 'completed';
      if (k === 1 && i % 3 === 0) {
        // No revenue on the order: its lines say what it was worth (2 × unit − discount, 1 × unit).
        const unit = 1000 + i * 17;
        const cents = 2 * unit - 50 + 725;
        write(id, ts, null, status, [`A${i},2,${money(unit)},0.50,`, `B${i},1,7.25,,`]);
        placed.push({ ts, cents, returned });
      } else {
        const cents = 1000 + i * 113 + k * 235;
        write(id, ts, cents, status, [`A${i},1,${money(cents)},,${money(cents)}`]);
        placed.push({ ts, cents, returned });
      }
    }
    if (i % 5 === 1)
      write(
        ids[0] as string,
        day(i * 7 + 3),
        50000,
        NOT_PLACED[Math.floor(i / 5) % NOT_PLACED.length] as string,
      );
    if (i % 5 === 2)
      write(
        ids[0] as string,
        day(i * 7 + 4),
        12345,
        NOT_PLACED[(Math.floor(i / 5) + 3) % NOT_PLACED.length] as string,
      );
    if (i % 6 === 2) {
      // A refund written as its own negative row, after the first purchase.
      const first = placed[0] as { ts: string; cents: number };
      const cents = -Math.round(first.cents / 2);
      write(ids[0] as string, day(i * 7 + 5), cents, REFUNDED);
      placed.push({ ts: day(i * 7 + 5), cents, returned: false });
    }
    people.push(truth(email, placed));
  }
  // One guest order names no one: it counts in the shop's revenue, on no customer.
  const guestCents = 1234;
  orders.push(`G1,,2023-06-15T12:00:00Z,${money(guestCents)},completed,,`);
  orderRows++;
  const sum = (f: (p: PersonTruth) => number) => people.reduce((s, p) => s + f(p), 0);
  const files = {
    customers: join(dir, 'customers.csv'),
    orders: join(dir, 'orders.csv'),
    items: join(dir, 'order_items.csv'),
  };
  await writeFile(files.customers, `${customers.join('\n')}\n`);
  await writeFile(files.orders, `${orders.join('\n')}\n`);
  await writeFile(files.items, `${items.join('\n')}\n`);
  return {
    people,
    customers: people.filter((p) => p.orders > 0).length,
    prospects: people.filter((p) => p.orders === 0).length,
    placedOrders: sum((p) => p.orders) + 1,
    orderRows,
    revenueCents: sum((p) => p.revenueCents) + guestCents,
    customerRevenueCents: sum((p) => p.revenueCents),
    grossCents: sum((p) => p.grossCents) + guestCents,
    returnsCents: sum((p) => p.returnsCents),
    files,
  };
}

function truth(
  email: string,
  placed: readonly { ts: string; cents: number; returned: boolean }[],
): PersonTruth {
  const dates = placed.map((p) => p.ts).sort();
  const purchases = placed.filter((p) => p.cents >= 0);
  return {
    email,
    orders: placed.length,
    revenueCents: placed.reduce((s, p) => s + p.cents, 0),
    grossCents: purchases.reduce((s, p) => s + p.cents, 0),
    returnsCents: placed.reduce((s, p) => s + (p.cents < 0 ? -p.cents : p.returned ? p.cents : 0), 0),
    purchaseDays: new Set(purchases.map((p) => p.ts)).size,
    first: dates[0] ?? null,
    last: dates.at(-1) ?? null,
  };
}
