/**
 * The product catalog built from catalog-data.ts and the seed: ids, brands, jittered prices ending in .99,
 * costs, launch dates and a latent quality that drives ratings, review words and returns.
 */

import { DAY_MS, isoDate, type TimeWindow } from './calendar.js';
import { BUNDLES, CATEGORY_DATA, CATEGORY_KEYS, type CategoryKey } from './catalog-data.js';
import { Rng, seedOf } from './prng.js';
import { Categorical } from './samplers.js';

/** Latent product quality (truth only). */
export const QUALITIES = ['poor', 'ok', 'good', 'great'] as const;
export type Quality = (typeof QUALITIES)[number];
const QUALITY_CHOICE = new Categorical(QUALITIES, [0.1, 0.3, 0.4, 0.2]);

/** One product. */
export interface Product {
  readonly id: string;
  readonly name: string;
  readonly template: string;
  readonly categoryIndex: number;
  readonly categoryKey: CategoryKey;
  readonly category: string;
  readonly subcategory: string;
  readonly brand: string;
  readonly price: number;
  readonly cost: number;
  readonly launchedMs: number;
  readonly quality: Quality;
}

/** A planted bundle resolved to products. */
export interface Bundle {
  readonly products: readonly Product[];
  readonly weight: number;
  readonly categoryIndex: number;
  /** Sum of list prices. */
  readonly total: number;
}

/** Products by id order, by category sorted by price, and the bundles. */
export interface Catalog {
  readonly products: readonly Product[];
  readonly byCategory: readonly (readonly Product[])[];
  readonly bundles: readonly Bundle[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The catalog for a seed; products launched inside the window cannot be bought before launch. */
export function buildCatalog(seed: number, window: TimeWindow): Catalog {
  const rng = new Rng(seedOf(seed, 0xca7a106));
  const bundled = new Set(BUNDLES.flatMap((b) => b.items));
  const products: Product[] = [];
  CATEGORY_KEYS.forEach((key, categoryIndex) => {
    const data = CATEGORY_DATA[key];
    let subcategory = '';
    data.products.split('|').forEach((entry, i) => {
      const [sub = '', template = '', base = '0'] = entry.split(':');
      if (sub) subcategory = sub;
      const brand = data.brands[i % data.brands.length] ?? '';
      const price = Math.max(4.99, Math.round(Number(base) * rng.uniform(0.88, 1.15)) - 0.01);
      const cost = round2(price * data.costRatio * rng.uniform(0.9, 1.1));
      // Bundles and each category's first template exist from the start; 15 % of the rest launch later.
      const late = !bundled.has(template) && i > 0 && rng.chance(0.15);
      const launchedMs = late
        ? window.startMs + Math.floor((rng.next() * 0.8 * (window.endMs - window.startMs)) / DAY_MS) * DAY_MS
        : window.startMs - (1 + rng.int(4 * 365)) * DAY_MS;
      products.push({
        id: `P${1001 + products.length}`,
        name: `${brand} ${template}`,
        template,
        categoryIndex,
        categoryKey: key,
        category: data.name,
        subcategory,
        brand,
        price,
        cost,
        launchedMs,
        quality: QUALITY_CHOICE.sample(rng),
      });
    });
  });
  const byCategory = CATEGORY_KEYS.map((_, c) =>
    products
      .filter((p) => p.categoryIndex === c)
      .sort((a, b) => a.price - b.price || a.id.localeCompare(b.id)),
  );
  const byTemplate = new Map(products.map((p) => [p.template, p]));
  const bundles = BUNDLES.map((b) => {
    const items = b.items.map((t) => {
      const product = byTemplate.get(t);
      if (!product) throw new Error(`unknown bundle product: ${t}`);
      return product;
    });
    const total = items.reduce((s, p) => s + p.price, 0);
    return { products: items, weight: b.weight, categoryIndex: items[0]?.categoryIndex ?? 0, total };
  });
  return { products, byCategory, bundles };
}

/** The products.csv row values of a product, in PRODUCT_COLUMNS order. */
export function productRow(p: Product): (string | number)[] {
  return [
    p.id,
    p.name,
    p.category,
    p.subcategory,
    p.brand,
    p.price.toFixed(2),
    p.cost.toFixed(2),
    isoDate(p.launchedMs),
  ];
}
