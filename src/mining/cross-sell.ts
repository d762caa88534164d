import { recommend } from '../analytics/basket/index.js';
import { ClienteleError } from '../errors/index.js';
import { findProfile } from '../profiles/index.js';
import type { Warehouse } from '../store/index.js';
import {
  type BasketOptions,
  type BasketParameters,
  basketParameters,
  mineRules,
  type RuleRow,
  ruleRow,
} from './basket-rules.js';
import { itemColumns } from './baskets.js';
import { orderLines } from './facts.js';
import { round } from './numbers.js';

/** One suggestion: an item the customer lacks and the rule that points to it. */
export interface CrossSell {
  readonly item: string;
  readonly key: string;
  /** The rule's lift. */
  readonly score: number | null;
  readonly because: RuleRow;
}

/** What `clientele basket recommend` prints. */
export interface CrossSellResult {
  readonly customer: string;
  readonly purchased: string[];
  readonly recommendations: CrossSell[];
  readonly ruleCount: number;
  readonly parameters: BasketParameters;
}

/**
 * Cross-sell for one customer: rules mined over every basket, applied to everything the customer bought
 * (all their orders together), best lift first, never an item they already have.
 */
export async function crossSell(
  db: Warehouse,
  customerId: string,
  options: BasketOptions = {},
): Promise<CrossSellResult> {
  const parameters = basketParameters({ minConfidence: 0.05, ...options, limit: options.limit ?? 10 });
  // Any identifier names the customer once identity has run (the key is then their profile).
  const profile = await findProfile(db, customerId);
  const ownKey = profile === null ? customerId : String(profile);
  const { key } = itemColumns(parameters.level);
  const owned = await db.all<{ key: string }>(
    `SELECT DISTINCT ${key} AS key FROM (${orderLines('UTC')}) ol WHERE customer_key = ? AND ${key} IS NOT NULL ORDER BY 1`,
    [ownKey],
  );
  if (owned.length === 0) {
    throw new ClienteleError('CLT_ERR_MINING_UNKNOWN_CUSTOMER', `no purchases of customer ${customerId}`, {
      customer: customerId,
    });
  }
  const mined = await mineRules(db, parameters);
  const idOf = new Map(mined.baskets.itemKeys.map((k, id) => [k, id]));
  const purchased = owned.map((r) => idOf.get(r.key)).filter((id): id is number => id !== undefined);
  const suggestions = recommend(mined.rules, purchased, { limit: parameters.limit ?? 10 });
  return {
    customer: customerId,
    purchased: purchased.map((id) => mined.baskets.itemNames[id] ?? String(id)),
    recommendations: suggestions.map((s) => ({
      item: mined.baskets.itemNames[s.item] ?? String(s.item),
      key: mined.baskets.itemKeys[s.item] ?? String(s.item),
      score: round(s.score),
      because: ruleRow(s.rule, mined.baskets),
    })),
    ruleCount: mined.rules.length,
    parameters,
  };
}
