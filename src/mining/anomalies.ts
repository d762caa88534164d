import { type Speaker, speaker } from '../i18n/index.js';
import { withShopCurrency } from '../reports/currency.js';
import { moneySumOrNull } from '../semantics/definitions.js';
import type { Warehouse } from '../store/index.js';
import { type Window, whereAll, windowConditions } from './dimensions.js';
import { parseWindow } from './events.js';
import { placedOrders } from './facts.js';
import { num, round } from './numbers.js';
import { inRange, wholeNumber } from './options.js';

/** Options of `anomalies` (the CLI's `clientele anomalies`). */
export interface AnomalyOptions extends Window {
  /** Robust z of log revenue from which an order or a customer is extreme; default 4. */
  readonly threshold?: number;
  /** Distinct customers on one card from which the card is flagged; default 3. */
  readonly cardCustomers?: number;
  /** Orders by one customer within `burstWindow` that make a burst; default 3. */
  readonly burstOrders?: number;
  readonly burstWindow?: string;
  /** Rows printed per list; default 50. */
  readonly limit?: number;
}

/** An order flagged, with why. */
export interface FlaggedOrder {
  readonly orderId: string;
  readonly customer: string | null;
  readonly ts: string;
  readonly revenue: number | null;
  readonly reasons: string[];
}

/** A customer flagged, with why. */
export interface FlaggedCustomer {
  readonly customer: string;
  readonly orders: number;
  readonly revenue: number | null;
  readonly reasons: string[];
}

/** A payment card used by many customers. */
export interface SharedCard {
  readonly cardHash: string;
  readonly customers: string[];
  readonly orders: number;
}

/** What `clientele anomalies` prints. */
export interface AnomalyResult {
  readonly orders: FlaggedOrder[];
  readonly customers: FlaggedCustomer[];
  readonly cards: SharedCard[];
  readonly parameters: {
    threshold: number;
    cardCustomers: number;
    burstOrders: number;
    burstWindowSeconds: number;
  };
}

/**
 * `clientele anomalies`: fraud-like patterns, each with its reason — orders and customers whose log revenue
 * lies `threshold` robust sd from the median (median and MAD computed by the engine), cards shared by
 * many customers, and bursts of orders by one customer in a short window. Placed orders only.
 */
export async function anomalies(
  db: Warehouse,
  options: AnomalyOptions = {},
  said: Speaker = speaker('en'),
): Promise<AnomalyResult> {
  // Revenue in the reasons is money: the shop's currency, as the locale writes it.
  const s = await withShopCurrency(db, said);
  const threshold = inRange('--threshold', options.threshold, 4, 0, 1e6, true);
  const cardCustomers = wholeNumber('--card-customers', options.cardCustomers, 3, 2);
  const burstOrders = wholeNumber('--burst-orders', options.burstOrders, 3, 2);
  const burstWindowSeconds = parseWindow('--burst-window', options.burstWindow, '1h');
  const limit = wholeNumber('--limit', options.limit, 50, 0);
  const where = whereAll(windowConditions('ts', { from: options.from, to: options.to }));
  // Each query below starts with this and binds `where.params` before its own.
  const base = `WITH o AS (SELECT * FROM (${placedOrders('UTC')}) p ${where.text})`;
  const d = db.dialect;
  const at = d.formatTime('ts_utc', '%Y-%m-%dT%H:%M:%SZ');
  // The median and the median absolute deviation of ln(revenue) over relation `r`, as one row (m, d):
  // percentile_cont is the median both engines spell alike, and the MAD is the median distance from it.
  const spread = (r: string) =>
    `s0 AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ln(revenue)) AS m FROM ${r} WHERE revenue > 0),
     s AS (SELECT s0.m, 1.4826 * percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(ln(revenue) - s0.m)) AS d FROM ${r}, s0 WHERE revenue > 0 GROUP BY s0.m)`;
  // 1.4826 · MAD estimates the sd of a normal (Iglewicz & Hoaglin 1993); revenue is compared on the log scale.
  const extremeOrders = await db.all<{
    order_id: string;
    customer_key: string | null;
    ts: string;
    revenue: number;
    z: number;
  }>(
    `${base},
     ${spread('o')}
     SELECT order_id, customer_key, ${at} AS ts, revenue, (ln(revenue) - s.m) / s.d AS z
     FROM o, s WHERE revenue > 0 AND s.d > 0 AND abs(ln(revenue) - s.m) / s.d >= ${threshold}
     ORDER BY abs((ln(revenue) - s.m) / s.d) DESC, order_id LIMIT ${limit}`,
    where.params,
  );
  const bursts = await db.all<{
    order_id: string;
    customer_key: string;
    ts: string;
    revenue: number;
    n: number;
  }>(
    `${base},
     w AS (SELECT order_id, customer_key, ts_utc, revenue,
             count(*) OVER (PARTITION BY customer_key ORDER BY ts_utc
                            RANGE BETWEEN ${d.seconds(String(burstWindowSeconds))} PRECEDING AND CURRENT ROW) AS n
           FROM o WHERE customer_key IS NOT NULL)
     SELECT order_id, customer_key, ${at} AS ts, revenue, n FROM w
     WHERE n >= ${burstOrders} ORDER BY n DESC, customer_key, ts LIMIT ${limit}`,
    where.params,
  );
  const cards = await db.all<{ card_hash: string; customers: string[]; orders: number }>(
    `${base}
     SELECT card_hash, ${d.listAgg('customer_key', { distinct: true, orderBy: 'customer_key' })} AS customers, count(*) AS orders
     FROM o WHERE card_hash IS NOT NULL AND customer_key IS NOT NULL GROUP BY card_hash
     HAVING count(DISTINCT customer_key) >= ${cardCustomers}
     ORDER BY count(DISTINCT customer_key) DESC, card_hash LIMIT ${limit}`,
    where.params,
  );
  const extremeCustomers = await db.all<{ customer_key: string; orders: number; revenue: number; z: number }>(
    `${base},
     c AS (SELECT customer_key, count(*) AS orders, ${moneySumOrNull('revenue')} AS revenue FROM o
           WHERE customer_key IS NOT NULL GROUP BY 1 HAVING ${moneySumOrNull('revenue')} > 0),
     ${spread('c')}
     SELECT customer_key, orders, revenue, (ln(revenue) - s.m) / s.d AS z FROM c, s
     WHERE s.d > 0 AND abs(ln(revenue) - s.m) / s.d >= ${threshold} ORDER BY abs((ln(revenue) - s.m) / s.d) DESC, customer_key LIMIT ${limit}`,
    where.params,
  );
  const orders = new Map<string, FlaggedOrder>();
  const flag = (
    r: { order_id: string; customer_key: string | null; ts: string; revenue: number },
    reason: string,
  ) => {
    const held = orders.get(r.order_id);
    if (held) held.reasons.push(reason);
    else
      orders.set(r.order_id, {
        orderId: r.order_id,
        customer: r.customer_key,
        ts: r.ts,
        revenue: round(num(r.revenue), 2),
        reasons: [reason],
      });
  };
  for (const r of extremeOrders) {
    const z = num(r.z);
    flag(
      r,
      s.t('mining.anomaly.order', {
        revenue: s.money(num(r.revenue)),
        z: s.fixed(Math.abs(z), 1),
        direction: s.t(z > 0 ? 'mining.above' : 'mining.below'),
      }),
    );
  }
  for (const r of bursts) {
    flag(
      r,
      s.t('mining.anomaly.burst', {
        n: num(r.n),
        customer: r.customer_key,
        window: options.burstWindow ?? '1h',
      }),
    );
  }
  const shared = cards.map((c) => ({
    cardHash: c.card_hash,
    customers: (c.customers as unknown[]).map(String),
    orders: num(c.orders),
  }));
  return {
    orders: [...orders.values()].slice(0, limit),
    customers: extremeCustomers.map((r) => {
      const z = num(r.z);
      return {
        customer: r.customer_key,
        orders: num(r.orders),
        revenue: round(num(r.revenue), 2),
        reasons: [
          s.t('mining.anomaly.customer', {
            revenue: s.money(num(r.revenue)),
            orders: num(r.orders),
            z: s.fixed(Math.abs(z), 1),
            direction: s.t(z > 0 ? 'mining.above' : 'mining.below'),
          }),
        ],
      };
    }),
    cards: shared,
    parameters: { threshold, cardCustomers, burstOrders, burstWindowSeconds },
  };
}
