import { checkChoice } from './options.js';
import type { Rule } from './rules.js';

/** A suggested item for one customer, with the rule that suggests it. */
export interface Recommendation {
  readonly item: number;
  /** The rule's value of the ranking measure. */
  readonly score: number;
  readonly rule: Rule;
}

/** The measure that ranks suggestions. */
export type RankBy = 'lift' | 'confidence' | 'leverage';

const RANK_BY: readonly RankBy[] = ['lift', 'confidence', 'leverage'];

/** Options of `recommend`. */
export interface RecommendOptions {
  /** Most suggestions returned, a non-negative integer; default 10. */
  readonly limit?: number;
  /** Default lift: how much more likely than by chance, which keeps staples off the top. */
  readonly rankBy?: RankBy;
}

/**
 * Cross-sell: the items a customer lacks that rules "bought X ⇒ likely Y" point to, where X is
 * within what they bought. Each item keeps its best rule; best first (ties: confidence, support,
 * item id). Rules with an empty antecedent say nothing about the customer and are skipped.
 */
export function recommend(
  rules: readonly Rule[],
  purchased: readonly number[] | Uint32Array,
  options: RecommendOptions = {},
): Recommendation[] {
  const rankBy = checkChoice('rankBy', options.rankBy ?? 'lift', RANK_BY);
  const limit = options.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`invalid limit: ${limit}`);
  const owned = new Set<number>(purchased);
  const best = new Map<number, Recommendation>();
  for (const rule of rules) {
    if (rule.antecedent.length === 0 || !rule.antecedent.every((id) => owned.has(id))) continue;
    const score = rule[rankBy];
    for (const item of rule.consequent) {
      if (owned.has(item)) continue;
      const held = best.get(item);
      const candidate = { item, score, rule };
      if (held === undefined || better(candidate, held) < 0) best.set(item, candidate);
    }
  }
  return [...best.values()].sort(better).slice(0, limit);
}

function better(x: Recommendation, y: Recommendation): number {
  return (
    y.score - x.score ||
    y.rule.confidence - x.rule.confidence ||
    y.rule.support - x.rule.support ||
    x.item - y.item
  );
}
