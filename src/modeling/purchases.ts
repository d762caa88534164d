import { customerKey, hasCustomerKey } from './customer-key.js';

/**
 * Which orders count as purchases for the value models: a customer, a time, a revenue, not a
 * cancelled attempt, and not a return (negative revenue). Returns and cancellations are counted
 * separately and reported; they are not purchases of the buy-till-you-die process.
 */
export const PURCHASE_FILTER = `${hasCustomerKey('orders')} AND order_ts IS NOT NULL AND revenue IS NOT NULL
  AND revenue >= 0 AND coalesce(lower(status), '') <> 'cancelled'`;

/**
 * The UTC calendar day of an order as a day number since 1970-01-01: integer arithmetic on the
 * instant, several times faster than a cast to DATE through the time-zone library.
 */
export const ORDER_DAY = 'CAST(epoch_ms(order_ts) // 86400000 AS INTEGER)';

/**
 * One row per customer and purchase day (a day number) with the day's revenue summed: several orders on one day
 * are one purchase, as in the CDNOW data set and Fader, Hardie & Lee (2005).
 */
export function purchaseDaysSql(): string {
  return `SELECT ${customerKey('orders')} AS k, ${ORDER_DAY} AS d, sum(revenue) AS v, count(*) AS orders
    FROM orders WHERE ${PURCHASE_FILTER} GROUP BY 1, 2`;
}

/** Counts of the orders that were left out of the purchases, and why. */
export function excludedOrdersSql(): string {
  return `SELECT
      count(*) FILTER (WHERE NOT (${hasCustomerKey('orders')})) AS no_customer,
      count(*) FILTER (WHERE ${hasCustomerKey('orders')} AND order_ts IS NULL) AS no_time,
      count(*) FILTER (WHERE ${hasCustomerKey('orders')} AND order_ts IS NOT NULL AND revenue IS NULL) AS no_revenue,
      count(*) FILTER (WHERE ${hasCustomerKey('orders')} AND revenue < 0) AS returns,
      count(*) FILTER (WHERE ${hasCustomerKey('orders')} AND lower(status) = 'cancelled') AS cancelled,
      count(*) FILTER (WHERE ${PURCHASE_FILTER} AND revenue = 0) AS zero_revenue,
      count(*) AS orders
    FROM orders`;
}
