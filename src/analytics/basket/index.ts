// Market basket analysis: frequent itemsets (FP-Growth), association rules, cross-sell.
export { type Baskets, basketCount, basketsFromLists, parseBasketText } from './baskets.js';
export { fpGrowth } from './fp-growth.js';
export { type FrequentItemsets, type ItemsetRow, itemsetCount, itemsetRows } from './itemsets.js';
export { formatRule, itemIds } from './names.js';
export type { ItemsetOptions } from './options.js';
export { type RankBy, type Recommendation, type RecommendOptions, recommend } from './recommend.js';
export { associationRules, type Rule, type RuleOptions } from './rules.js';
