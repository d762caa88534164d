/**
 * The relations every mining service reads, written once: placed orders with the customer's attributes,
 * and order lines with the product's. A customer is the person identity resolution put the order in
 * (docs/identity.md), else the `customer_id` the order names — the same rule the models follow.
 */
import { countrySql } from '../domain/countries.js';
import { customerKey } from '../modeling/index.js';
import { lineValue } from '../semantics/index.js';
import { duckdbDialect } from '../store/dialect.js';

/** The SQL expression that identifies a customer on a row of `orders` aliased `o` (or an order line `i`). */
export const CUSTOMER_KEY = `CASE WHEN o.order_id IS NOT NULL THEN ${customerKey('orders', 'o')} ELSE ${customerKey('order_items', 'i')} END`;

/**
 * One row per placed order (docs/definitions.md; revenue is the order's value): order_id, customer_key, ts (local time in zone `tz`), revenue, channel, region, country, city, acquisition_source, acquisition_campaign.
 * The order's shipping place wins; the customer's record fills the gaps (store orders ship nowhere).
 */
export function placedOrders(tz: string): string {
  return `
  SELECT o.order_id, o.customer_key, o.order_ts AS ts_utc,
    timezone(${zone(tz)}, o.order_ts) AS ts,
    CAST(o.revenue AS DOUBLE) AS revenue, o.channel, coalesce(o.ship_region, c.region) AS region,
    ${countrySql('coalesce(o.ship_country, c.country)')} AS country, coalesce(o.ship_city, c.city) AS city,
    c.acquisition_source, c.acquisition_campaign, o.card_hash, o.email, o.ship_postal_code
  FROM placed_orders o LEFT JOIN customers c ON c.customer_id = o.customer_id
  WHERE o.order_ts IS NOT NULL`;
}

/**
 * One row per order line of a placed order (or of an order only the lines know, which counts) with the line's value: the order's columns as in
 * PLACED_ORDERS, then product_id, product (the catalogue name, else the line's), category, line_revenue.
 */
export function orderLines(tz: string): string {
  return `
  SELECT i.order_id, ${CUSTOMER_KEY} AS customer_key, coalesce(o.order_ts, i.order_ts) AS ts_utc,
    timezone(${zone(tz)}, coalesce(o.order_ts, i.order_ts)) AS ts,
    CAST(${lineValue('i')} AS DOUBLE) AS revenue,
    o.channel, coalesce(o.ship_region, c.region) AS region,
    ${countrySql('coalesce(o.ship_country, c.country, i.country)')} AS country, coalesce(o.ship_city, c.city) AS city,
    c.acquisition_source, c.acquisition_campaign,
    i.product_id, coalesce(p.name, i.product_name, i.product_id) AS product,
    coalesce(i.category, p.category) AS category
  FROM order_items i
  LEFT JOIN order_facts o ON o.order_id = i.order_id
  LEFT JOIN customers c ON c.customer_id = coalesce(o.customer_id, i.customer_id)
  LEFT JOIN products p ON p.product_id = i.product_id
  WHERE coalesce(o.order_ts, i.order_ts) IS NOT NULL AND coalesce(o.placed, true)`;
}

// The zone is checked by checkTimeZone() (the engine knows it); these relations are composed as text into
// many statements, so it is written by the dialect's literal rather than bound.
function zone(tz: string): string {
  return duckdbDialect.literal(tz);
}
