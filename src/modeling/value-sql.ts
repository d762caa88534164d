import { moneySumOrNull, moneyTotal } from '../semantics/definitions.js';
import type { Dialect } from '../store/dialect.js';
import { customerKey, hasCustomerKey } from './customer-key.js';
import { PURCHASE_FILTER } from './purchases.js';

/**
 * Historic value per customer key: revenue, margin where costs are known, discounts given, the
 * acquisition channel and cohort month, the acquisition cost (the channel's marketing spend in the
 * cohort month divided by the customers the channel brought in that month), the order channel used
 * most and the product category bought most.
 */
export function historicValueSql(d: Dialect): string {
  return `
    WITH keys AS (
      SELECT ${customerKey('customers')} AS k FROM customers WHERE ${hasCustomerKey('customers')}
      UNION SELECT customer_key FROM order_facts WHERE customer_key IS NOT NULL
    ), c AS (
      SELECT ${customerKey('customers')} AS k, ${d.anyValue('acquisition_source')} AS channel, min(signup_at) AS signup
      FROM customers WHERE ${hasCustomerKey('customers')} GROUP BY 1
    ), o AS (
      SELECT customer_key AS k, count(*) AS orders, ${moneySumOrNull('revenue')} AS revenue,
        ${moneySumOrNull('revenue - cost', 'cost IS NOT NULL')} AS margin,
        count(*) FILTER (WHERE cost IS NOT NULL) AS costed,
        ${moneyTotal('discount')} AS discounts, min(order_ts) AS first_order, ${d.modeOf('channel')} AS main_channel
      FROM order_facts WHERE ${PURCHASE_FILTER} GROUP BY 1
    ), items AS (
      SELECT ${customerKey('order_items', 'i')} AS k, ${d.modeOf('i.category')} AS top_category FROM order_items i
      LEFT JOIN order_facts o ON o.order_id = i.order_id
      WHERE ${hasCustomerKey('order_items', 'i')} AND coalesce(o.placed, true) AND i.category IS NOT NULL GROUP BY 1
    ), base AS (
      SELECT keys.k, c.channel, o.orders, o.revenue, o.margin, o.costed, o.discounts, o.main_channel,
        items.top_category,
        ${d.formatTime(d.dateTrunc('month', 'coalesce(c.signup, o.first_order)'), '%Y-%m')} AS cohort
      FROM keys LEFT JOIN c USING (k) LEFT JOIN o USING (k) LEFT JOIN items USING (k)
    ), spend AS (
      SELECT channel, ${d.formatTime(d.dateTrunc('month', '"date"'), '%Y-%m')} AS cohort, ${moneySumOrNull('amount')} AS spend
      FROM marketing_spend WHERE channel IS NOT NULL AND amount IS NOT NULL GROUP BY 1, 2
    ), acquired AS (
      SELECT channel, cohort, count(*) AS acquired FROM base WHERE channel IS NOT NULL GROUP BY 1, 2
    )
    SELECT base.k AS customer, base.channel, base.cohort, coalesce(base.orders, 0) AS orders,
      coalesce(base.revenue, 0) AS revenue, base.margin, coalesce(base.costed, 0) AS costed,
      coalesce(base.discounts, 0) AS discounts, base.main_channel, base.top_category,
      spend.spend / acquired.acquired AS acquisition_cost
    FROM base
    LEFT JOIN acquired ON acquired.channel = base.channel AND acquired.cohort = base.cohort
    LEFT JOIN spend ON spend.channel = base.channel AND spend.cohort = base.cohort
    ORDER BY base.k`;
}
