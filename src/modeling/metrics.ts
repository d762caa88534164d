import { measure, moneySumOrNull, moneyTotal } from '../semantics/index.js';
import type { Dialect } from '../store/dialect.js';
import { customerKey, hasCustomerKey } from './customer-key.js';
import { PURCHASE_FILTER } from './purchases.js';

/** A per-customer metric the engine computes from orders, feedback and messages. */
export interface MetricSpec {
  readonly name: string;
  readonly description: string;
}

/** The metrics every customer has beside their traits; days are counted to the last order day in the data. */
export const METRICS: readonly MetricSpec[] = [
  {
    name: 'orders',
    description: 'purchases (docs/definitions.md: placed orders of known, non-negative value)',
  },
  { name: 'revenue', description: 'revenue of the purchases' },
  { name: 'avg_order_value', description: 'revenue per purchase' },
  { name: 'margin', description: 'revenue minus cost, over the purchases whose cost is known' },
  {
    name: 'days_since_last_order',
    description: 'days from the last purchase to the last order day in the data',
  },
  {
    name: 'days_since_first_order',
    description: 'days from the first purchase to the last order day in the data',
  },
  { name: 'discount_share', description: 'discount / (revenue + discount)' },
  { name: 'late_delivery_share', description: 'share of delivered orders delivered after the promised time' },
  { name: 'returns', description: 'orders returned or with negative revenue' },
  { name: 'tickets', description: 'support tickets in feedback' },
  { name: 'unsubscribed', description: '1 when a message records an unsubscribe, else 0' },
];

/**
 * One row per customer key with every metric of {@link METRICS}; keys with no orders get 0 counts
 * and missing (NULL) days and ratios.
 */
export function metricsSql(d: Dialect): string {
  return `
    (SELECT k,
       coalesce(o.orders, 0) AS orders,
       coalesce(o.revenue, 0) AS revenue,
       o.revenue / nullif(o.orders, 0) AS avg_order_value,
       o.margin AS margin,
       ${measure('days_since_last_order', 'o', d)} AS days_since_last_order,
       ${measure('tenure_days', 'o', d)} AS days_since_first_order,
       o.discount / nullif(o.revenue + o.discount, 0) AS discount_share,
       CAST(o.late AS DOUBLE) / nullif(o.delivered, 0) AS late_delivery_share,
       coalesce(r.returns, 0) AS returns,
       coalesce(t.tickets, 0) AS tickets,
       coalesce(u.unsubscribed, 0) AS unsubscribed
     FROM (
       SELECT ${customerKey('customers')} AS k FROM customers WHERE ${hasCustomerKey('customers')}
       UNION SELECT customer_key FROM order_facts WHERE customer_key IS NOT NULL
     ) keys
     LEFT JOIN (
       SELECT customer_key AS k, count(*) AS orders, ${moneySumOrNull('revenue')} AS revenue,
         ${moneySumOrNull('revenue - cost', 'cost IS NOT NULL')} AS margin,
         max(order_ts) AS last_order_at, min(order_ts) AS first_order_at,
         ${moneyTotal('discount')} AS discount,
         count(*) FILTER (WHERE delivered_at > promised_at) AS late,
         count(*) FILTER (WHERE delivered_at IS NOT NULL AND promised_at IS NOT NULL) AS delivered
       FROM order_facts WHERE ${PURCHASE_FILTER} GROUP BY 1
     ) o USING (k)
     LEFT JOIN (
       SELECT customer_key AS k, count(*) AS returns FROM order_facts
       WHERE customer_key IS NOT NULL AND (refund OR returned) GROUP BY 1
     ) r USING (k)
     LEFT JOIN (
       SELECT ${customerKey('feedback')} AS k, count(*) AS tickets FROM feedback WHERE ${hasCustomerKey('feedback')} AND lower(kind) = 'ticket' GROUP BY 1
     ) t USING (k)
     LEFT JOIN (
       SELECT ${customerKey('messages')} AS k, 1 AS unsubscribed FROM messages
       WHERE ${hasCustomerKey('messages')} AND unsubscribed_at IS NOT NULL GROUP BY 1
     ) u USING (k))`;
}
