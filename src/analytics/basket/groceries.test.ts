import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { basketCount, basketsFromLists, parseBasketText } from './baskets.js';
import { fpGrowth } from './fp-growth.js';
import { formatRule, itemIds } from './names.js';
import { recommend } from './recommend.js';
import { associationRules } from './rules.js';

// shared/ sits beside the project root, here and in CI.
const CSV = new URL('../../../test/fixtures/datasets/groceries/groceries.csv', import.meta.url);
const GROCERIES = basketsFromLists(parseBasketText(readFileSync(CSV, 'utf8')));
const ITEMSETS = fpGrowth(GROCERIES, { minSupport: 0.001 });

test('Groceries has 9,835 baskets over 169 products', () => {
  assert.equal(basketCount(GROCERIES), 9835);
  assert.equal(GROCERIES.itemNames.length, 169);
});

test('fpGrowth() reproduces arules: 13,492 frequent itemsets on Groceries at support 0.001', () => {
  assert.equal(ITEMSETS.minCount, 10);
  assert.equal(ITEMSETS.counts.length, 13492);
});

test('associationRules() reproduces arules: 410 rules at confidence 0.8, 5,668 at 0.5', () => {
  assert.equal(associationRules(ITEMSETS, { minConfidence: 0.8 }).length, 410);
  assert.equal(associationRules(ITEMSETS, { minConfidence: 0.5 }).length, 5668);
  // No single product is in half the baskets, so arules' {} => Y rules do not change these counts.
  assert.equal(associationRules(ITEMSETS, { minConfidence: 0.5, emptyAntecedent: false }).length, 5668);
});

test('the top rule by lift on Groceries is {liquor, red/blush wine} => {bottled beer}, as in arules', () => {
  const [top, second] = associationRules(ITEMSETS, { minConfidence: 0.8 });
  assert.ok(top && second);
  assert.deepEqual(
    new Set(top.antecedent.map((id) => GROCERIES.itemNames[id])),
    new Set(['liquor', 'red/blush wine']),
  );
  assert.deepEqual(top.consequent, itemIds(GROCERIES.itemNames, ['bottled beer']));
  assert.equal(top.count, 19);
  assert.equal(top.support.toFixed(5), '0.00193');
  assert.equal(top.confidence.toFixed(3), '0.905');
  assert.equal(top.lift.toFixed(3), '11.235');
  assert.ok(second.lift < 9, formatRule(second, GROCERIES.itemNames));
});

test('recommend() on Groceries suggests bottled beer to a buyer of liquor and red wine', () => {
  const rules = associationRules(ITEMSETS, { minConfidence: 0.5 });
  const [first] = recommend(rules, itemIds(GROCERIES.itemNames, ['liquor', 'red/blush wine']));
  assert.equal(first && GROCERIES.itemNames[first.item], 'bottled beer');
});
