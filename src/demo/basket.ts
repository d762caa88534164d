/**
 * What goes into one order. The order total z is drawn first (Gamma-Gamma); the basket is then filled
 * to reach it: sometimes a planted bundle, then lines from categories weighted by the person's taste,
 * regional and seasonal peaks and life events, each a product priced near the remaining budget. Line
 * prices are list price times one order-level factor z / list total (≤ 1), recorded as a discount,
 * so revenue equals z to the cent and the planted spend process is exact.
 */

import { DAY_MS, localMonth } from './calendar.js';
import type { Product } from './catalog.js';
import { CATEGORY_KEYS } from './catalog-data.js';
import { LIFE_EVENTS, ORDERS, REGIONAL_PEAKS } from './params.js';
import type { Person } from './person.js';
import type { Rng } from './prng.js';
import { poisson, weightedIndex } from './samplers.js';
import type { World } from './world.js';

/** One order line. */
export interface Line {
  readonly product: Product;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly total: number;
  readonly cost: number;
}

/** A filled basket. */
export interface Basket {
  readonly lines: readonly Line[];
  readonly revenue: number;
  readonly listTotal: number;
  readonly discount: number;
  readonly bundle: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const CATEGORY_INDEX = new Map<string, number>(CATEGORY_KEYS.map((k, i) => [k, i]));

function boost(weights: Float64Array, boosts: Readonly<Record<string, number>>): void {
  for (const [key, factor] of Object.entries(boosts)) {
    const c = CATEGORY_INDEX.get(key);
    if (c !== undefined) weights[c] = (weights[c] ?? 0) * factor;
  }
}

/** Category weights of a person at an instant: taste × regional peaks × life events. */
export function categoryWeights(person: Person, ms: number, into: Float64Array): Float64Array {
  const taste = person.group.taste;
  for (let c = 0; c < into.length; c++) into[c] = taste[c] ?? 0;
  const month = localMonth(ms);
  for (const peak of REGIONAL_PEAKS) {
    if (!peak.months.includes(month)) continue;
    if (peak.regions !== 'all' && !peak.regions.includes(person.city.state)) continue;
    boost(into, { [peak.category]: peak.factor });
  }
  const { movedMs, childBornMs, vacationMs } = person.life;
  if (movedMs !== null && ms >= movedMs && ms < movedMs + LIFE_EVENTS.moved.days * DAY_MS) {
    boost(into, LIFE_EVENTS.moved.boost);
  }
  if (childBornMs !== null && ms >= childBornMs && ms < childBornMs + LIFE_EVENTS.childBorn.days * DAY_MS) {
    boost(into, LIFE_EVENTS.childBorn.boost);
  }
  if (vacationMs !== null && ms < vacationMs && ms >= vacationMs - LIFE_EVENTS.vacation.days * DAY_MS) {
    boost(into, LIFE_EVENTS.vacation.boost);
  }
  return into;
}

/**
 * A product of category `c` already on sale at `ms`: the dearest priced at most `target` ('below'), or the
 * cheapest priced at least `target` ('above'); the nearest on the other side when there is none.
 */
export function productNear(
  world: World,
  c: number,
  target: number,
  ms: number,
  side: 'below' | 'above',
): Product {
  const list = world.catalog.byCategory[c] ?? [];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.price ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  // lo is the first product priced ≥ target.
  let i = side === 'above' ? Math.min(lo, list.length - 1) : Math.max(0, lo - 1);
  if (side === 'above') {
    while (i < list.length - 1 && (list[i]?.launchedMs ?? 0) > ms) i++;
  }
  // Step down to a product already on sale (each category's cheapest launched before the window).
  while (i > 0 && (list[i]?.launchedMs ?? 0) > ms) i--;
  return list[i] as Product;
}

const scratch = new Float64Array(CATEGORY_KEYS.length);
// Categories tried for a line; more candidates mean list totals closer to z (less discount).
const TOP_UP_CANDIDATES = 4;

/** A basket worth `z` dollars for `person` at `ms`. */
export function fillBasket(world: World, person: Person, rng: Rng, z: number, ms: number): Basket {
  const qty = new Map<Product, number>();
  const add = (p: Product, n: number) => qty.set(p, (qty.get(p) ?? 0) + n);
  const business = person.kind === 'b2b';
  let slots = 1 + poisson(rng, person.group.extraLines);
  let budget = z;
  let bundle = -1;
  if (rng.chance(ORDERS.bundleProbability)) {
    const bundles = world.catalog.bundles;
    const weights = bundles.map((b) =>
      b.total <= z * 1.25 ? b.weight * (person.group.taste[b.categoryIndex] ?? 0) : 0,
    );
    if (weights.some((w) => w > 0)) {
      bundle = weightedIndex(rng, weights);
      const chosen = bundles[bundle];
      for (const p of chosen?.products ?? []) add(p, 1);
      budget -= chosen?.total ?? 0;
      slots = Math.max(0, slots - (chosen?.products.length ?? 0));
    }
  }
  const weights = categoryWeights(person, ms, scratch);
  const cap = (p: Product) => (p.price > 200 ? 1 : business ? 60 : 6);
  // Planned lines, each priced under its share of the budget.
  for (let round = 0; round < 10 && slots > 1; round++) {
    const share = budget / slots;
    if (share < 5 && qty.size > 0) break;
    const target = share * rng.uniform(0.75, 1);
    // Small budgets go to categories that have something that small (up to four tries).
    let product = productNear(world, weightedIndex(rng, weights), target, ms, 'below');
    for (let k = 1; k < TOP_UP_CANDIDATES && product.price > target; k++) {
      product = productNear(world, weightedIndex(rng, weights), target, ms, 'below');
    }
    const n = Math.max(1, Math.min(cap(product), Math.floor(share / product.price)));
    add(product, n);
    budget -= n * product.price;
    slots--;
  }
  // The last line tops the basket up to at least z, with the smallest overshoot among a few new
  // products and more units of a line already in the basket.
  for (let round = 0; round < 6 && budget > 0; round++) {
    let best = productNear(world, weightedIndex(rng, weights), budget, ms, 'above');
    for (let k = 1; k < TOP_UP_CANDIDATES; k++) {
      const p = productNear(world, weightedIndex(rng, weights), budget, ms, 'above');
      if (p.price >= budget && (p.price < best.price || best.price < budget)) best = p;
    }
    let units = Math.max(1, Math.min(cap(best), Math.ceil(budget / best.price)));
    for (const p of qty.keys()) {
      const n = Math.ceil(budget / p.price);
      if (n * p.price < units * best.price && (qty.get(p) ?? 0) + n <= cap(p)) {
        best = p;
        units = n;
      }
    }
    add(best, units);
    budget -= units * best.price;
  }
  let listTotal = 0;
  for (const [p, n] of qty) listTotal += p.price * n;
  if (listTotal < z) {
    // Caps left it short (large orders): more units of the cheapest line, so that the price factor stays ≤ 1.
    let cheapest: Product | undefined;
    for (const p of qty.keys()) if (!cheapest || p.price < cheapest.price) cheapest = p;
    if (cheapest) {
      const extra = Math.ceil((z - listTotal) / cheapest.price);
      add(cheapest, extra);
      listTotal += extra * cheapest.price;
    }
  }
  const factor = Math.min(1, z / listTotal);
  const lines: Line[] = [];
  let revenue = 0;
  for (const [product, quantity] of qty) {
    const unitPrice = round2(product.price * factor);
    const total = round2(unitPrice * quantity);
    revenue += total;
    lines.push({ product, quantity, unitPrice, total, cost: round2(product.cost * quantity) });
  }
  revenue = round2(revenue);
  return {
    lines,
    revenue,
    listTotal: round2(listTotal),
    discount: round2(Math.max(0, listTotal - revenue)),
    bundle,
  };
}
