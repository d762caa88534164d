import {
  associationRules,
  basketCount,
  fpGrowth,
  itemsetCount,
  type Rule,
} from '../analytics/basket/index.js';
import type { Warehouse } from '../store/index.js';
import { BASKET_LEVELS, type BasketLevel, readBaskets, type WarehouseBaskets } from './baskets.js';
import { round } from './numbers.js';
import { inRange, oneOf, wholeNumber } from './options.js';
import { requireSegment } from './segments.js';

/** Options of `basketRules` (the CLI's `clientele basket`). */
export interface BasketOptions {
  /** Share of baskets an itemset must be in, (0, 1]; default 0.001. */
  readonly minSupport?: number;
  /** Least confidence of a rule, [0, 1]; default 0.1. */
  readonly minConfidence?: number;
  readonly level?: string;
  /** Most items in an itemset; default 4. */
  readonly maxLength?: number;
  /** Most rules printed (all are counted); default all. */
  readonly limit?: number;
  /** Only the orders of this saved segment's current members. */
  readonly segment?: string;
}

/** The parameters a basket run used, defaults filled in. */
export interface BasketParameters {
  readonly minSupport: number;
  readonly minConfidence: number;
  readonly level: BasketLevel;
  readonly maxLength: number;
  readonly limit: number | null;
  readonly segment: string | null;
}

/** One association rule as printed: names, keys and measures. */
export interface RuleRow {
  readonly antecedent: string[];
  readonly consequent: string[];
  readonly antecedentKeys: string[];
  readonly consequentKeys: string[];
  readonly support: number | null;
  readonly confidence: number | null;
  readonly lift: number | null;
  readonly leverage: number | null;
  /** Null when confidence is 1 (infinite conviction). */
  readonly conviction: number | null;
  readonly count: number;
}

/** What `clientele basket` prints. */
export interface BasketResult {
  readonly itemsetCount: number;
  readonly ruleCount: number;
  readonly rules: RuleRow[];
  /** Baskets (placed orders with at least one line) mined. */
  readonly baskets: number;
  readonly parameters: BasketParameters;
}

/** Fills and checks basket options; a bad one is CLT_ERR_MINING_BAD_OPTION naming it. */
export function basketParameters(options: BasketOptions): BasketParameters {
  return {
    minSupport: inRange('--min-support', options.minSupport, 0.001, 0, 1, true),
    minConfidence: inRange('--min-confidence', options.minConfidence, 0.1, 0, 1),
    level: oneOf('--level', options.level, BASKET_LEVELS, 'product'),
    maxLength: wholeNumber('--max-length', options.maxLength, 4, 1),
    limit: options.limit === undefined ? null : wholeNumber('--limit', options.limit, 0, 0),
    segment: options.segment ?? null,
  };
}

/** Mined rules with the baskets they came from, for the services that build on them. */
export interface MinedRules {
  readonly baskets: WarehouseBaskets;
  readonly itemsetCount: number;
  readonly rules: Rule[];
}

/**
 * Reads the baskets (of a segment's members when `p.segment` names one, else CLT_ERR_SEGMENT_NOT_FOUND)
 * and mines frequent itemsets (FP-Growth) and association rules, best lift first.
 */
export async function mineRules(db: Warehouse, p: BasketParameters): Promise<MinedRules> {
  const segment = await requireSegment(db, p.segment ?? undefined);
  const baskets = await readBaskets(db, p.level, segment);
  if (basketCount(baskets) === 0) return { baskets, itemsetCount: 0, rules: [] };
  const itemsets = fpGrowth(baskets, { minSupport: p.minSupport, maxLength: p.maxLength });
  const rules = associationRules(itemsets, { minConfidence: p.minConfidence });
  return { baskets, itemsetCount: itemsetCount(itemsets), rules };
}

/** Turns a rule's item ids into names and keys and its measures into finite, rounded numbers. */
export function ruleRow(rule: Rule, baskets: WarehouseBaskets): RuleRow {
  const names = (ids: readonly number[]) => ids.map((id) => baskets.itemNames[id] ?? String(id));
  const keys = (ids: readonly number[]) => ids.map((id) => baskets.itemKeys[id] ?? String(id));
  return {
    antecedent: names(rule.antecedent),
    consequent: names(rule.consequent),
    antecedentKeys: keys(rule.antecedent),
    consequentKeys: keys(rule.consequent),
    support: round(rule.support),
    confidence: round(rule.confidence),
    lift: round(rule.lift),
    leverage: round(rule.leverage),
    conviction: round(rule.conviction),
    count: rule.count,
  };
}

/** `clientele basket`: frequent itemsets and association rules over the placed orders' lines. */
export async function basketRules(db: Warehouse, options: BasketOptions = {}): Promise<BasketResult> {
  const parameters = basketParameters(options);
  const mined = await mineRules(db, parameters);
  const shown = parameters.limit === null ? mined.rules : mined.rules.slice(0, parameters.limit);
  return {
    itemsetCount: mined.itemsetCount,
    ruleCount: mined.rules.length,
    rules: shown.map((r) => ruleRow(r, mined.baskets)),
    baskets: basketCount(mined.baskets),
    parameters,
  };
}
