import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basketsFromLists } from './baskets.js';
import { fpGrowth } from './fp-growth.js';
import { formatRule, itemIds } from './names.js';
import { recommend } from './recommend.js';
import { associationRules } from './rules.js';

const SHOP = basketsFromLists([
  ['bread', 'milk'],
  ['bread', 'diapers', 'beer', 'eggs'],
  ['milk', 'diapers', 'beer', 'cola'],
  ['bread', 'milk', 'diapers', 'beer'],
  ['bread', 'milk', 'diapers', 'cola'],
]);
const RULES = associationRules(fpGrowth(SHOP, { minSupport: 0.4 }), { minConfidence: 0.6 });
const ids = (...names: string[]) => itemIds(SHOP.itemNames, names);

test('recommend() suggests what the rules point to, minus what the customer has, best lift first', () => {
  const suggestions = recommend(RULES, ids('beer'));
  const shown = suggestions.map((s) => [SHOP.itemNames[s.item], formatRule(s.rule, SHOP.itemNames)]);
  assert.deepEqual(shown[0], ['diapers', '{beer} => {diapers}']);
  assert.ok(suggestions.every((s) => s.item !== ids('beer')[0]));
  assert.ok(suggestions.every((s) => s.rule.antecedent.every((id) => id === ids('beer')[0])));
  for (let i = 1; i < suggestions.length; i++) assert.ok(suggestions[i - 1]!.score >= suggestions[i]!.score);
});

test('recommend() keeps one suggestion an item, with its best rule, and honours limit and rankBy', () => {
  const suggestions = recommend(RULES, ids('beer', 'diapers'), { rankBy: 'confidence' });
  const items = suggestions.map((s) => s.item);
  assert.equal(new Set(items).size, items.length);
  for (const s of suggestions) assert.equal(s.score, s.rule.confidence);
  assert.equal(recommend(RULES, ids('beer', 'diapers'), { limit: 1 }).length, 1);
});

test('recommend() skips rules with an empty antecedent and returns nothing for an unknown basket', () => {
  assert.ok(RULES.some((r) => r.antecedent.length === 0));
  assert.deepEqual(recommend(RULES, []), []);
});

test('recommend() rejects an unknown rankBy and a bad limit; itemIds() an unknown name', () => {
  assert.throws(() => recommend(RULES, [], { rankBy: 'wow' as never }), /^Error: invalid rankBy: wow$/);
  assert.throws(() => recommend(RULES, [], { limit: -1 }), /invalid limit: -1/);
  assert.throws(() => ids('caviar'), /unknown item: caviar/);
});
