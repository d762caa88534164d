import type { Baskets } from '../analytics/basket/index.js';
import type { Warehouse } from '../store/index.js';
import { raw, sql } from '../store/sql.js';
import { orderLines } from './facts.js';
import { type SegmentRef, segmentKeys } from './segments.js';

/** The unit an item of a basket is: a product, or the product's category. */
export type BasketLevel = 'product' | 'category';

/** The levels `clientele basket --level` accepts. */
export const BASKET_LEVELS: readonly BasketLevel[] = ['product', 'category'];

/** Baskets read from the warehouse, with a label and a key for each item. */
export interface WarehouseBaskets extends Baskets {
  /** The item's key: the product id (or name when lines have no id), or the category. */
  readonly itemKeys: readonly string[];
}

/** The SQL of an item's key and label at a level, over ORDER_LINES. */
export function itemColumns(level: BasketLevel): { key: string; label: string } {
  return level === 'product'
    ? { key: 'coalesce(product_id, product)', label: 'coalesce(product, product_id)' }
    : { key: 'category', label: 'category' };
}

/**
 * Reads one basket per placed order from its lines (an item bought twice counts once), only the orders of
 * a segment's current members when one is given. The engine numbers the items and the baskets, so only
 * two integer columns cross into JavaScript.
 */
export async function readBaskets(
  db: Warehouse,
  level: BasketLevel,
  segment: SegmentRef | null = null,
): Promise<WarehouseBaskets> {
  const { key, label } = itemColumns(level);
  const lines = segment
    ? sql`(SELECT * FROM (${raw(orderLines('UTC'))}) ol WHERE customer_key IN (SELECT customer_key FROM (${segmentKeys(segment)}) k)) lines`
    : raw(`(${orderLines('UTC')}) lines`);
  const items = await db.all<{ id: number; key: string; label: string }>(
    `SELECT CAST(row_number() OVER (ORDER BY key) - 1 AS INTEGER) AS id, key, label
     FROM (SELECT ${key} AS key, min(${label}) AS label FROM ${lines.text} WHERE ${key} IS NOT NULL GROUP BY 1) k
     ORDER BY id`,
    lines.params,
  );
  const pairs = await db.all<{ b: number; i: number }>(
    `WITH l AS (SELECT DISTINCT order_id, ${key} AS key FROM ${lines.text} WHERE ${key} IS NOT NULL),
          items AS (SELECT key, CAST(row_number() OVER (ORDER BY key) - 1 AS INTEGER) AS i
                    FROM (SELECT DISTINCT key FROM l) k)
     SELECT CAST(dense_rank() OVER (ORDER BY order_id) - 1 AS INTEGER) AS b, i
     FROM l JOIN items USING (key) ORDER BY b, i`,
    lines.params,
  );
  const basketTotal = pairs.length === 0 ? 0 : (pairs[pairs.length - 1]?.b ?? 0) + 1;
  const offsets = new Uint32Array(basketTotal + 1);
  const ids = new Uint32Array(pairs.length);
  pairs.forEach((p, at) => {
    ids[at] = p.i;
    offsets[p.b + 1] = at + 1;
  });
  return {
    offsets,
    items: ids,
    itemNames: items.map((r) => r.label),
    itemKeys: items.map((r) => r.key),
  };
}
