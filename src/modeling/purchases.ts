/**
 * Which orders count as purchases for the value models: purchases as docs/definitions.md defines them (placed,
 * value known and not negative) of a known customer at a known time, read from the view `order_facts`.
 * Refunds and orders not placed are counted separately and reported; they are not purchases of the
 * buy-till-you-die process.
 */

import { moneySumOrNull } from '../semantics/definitions.js';
import { type Dialect, duckdbDialect } from '../store/dialect.js';

export const PURCHASE_FILTER = 'customer_key IS NOT NULL AND order_ts IS NOT NULL AND purchase';

/** The UTC calendar day of an order as a day number since 1970-01-01 (dialect.epochDay). */
export const orderDay = (d: Dialect = duckdbDialect): string => d.epochDay('order_ts');

/**
 * One row per customer and purchase day (a day number) with the day's revenue summed: several orders on one day
 * are one purchase, as in the CDNOW data set and Fader, Hardie & Lee (2005).
 */
export function purchaseDaysSql(d: Dialect = duckdbDialect): string {
  return `SELECT customer_key AS k, ${orderDay(d)} AS d, ${moneySumOrNull('revenue')} AS v, count(*) AS orders
    FROM order_facts WHERE ${PURCHASE_FILTER} GROUP BY 1, 2`;
}

/** Counts of the orders that were left out of the purchases, and why. */
export function excludedOrdersSql(): string {
  return `SELECT
      count(*) FILTER (WHERE customer_key IS NULL) AS no_customer,
      count(*) FILTER (WHERE customer_key IS NOT NULL AND order_ts IS NULL) AS no_time,
      count(*) FILTER (WHERE customer_key IS NOT NULL AND order_ts IS NOT NULL AND placed AND revenue IS NULL) AS no_revenue,
      count(*) FILTER (WHERE customer_key IS NOT NULL AND refund) AS returns,
      count(*) FILTER (WHERE customer_key IS NOT NULL AND NOT placed) AS cancelled,
      count(*) FILTER (WHERE ${PURCHASE_FILTER} AND revenue = 0) AS zero_revenue,
      count(*) AS orders
    FROM order_facts`;
}
