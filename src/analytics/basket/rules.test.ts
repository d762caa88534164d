import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { basketsFromLists } from './baskets.js';
import { bruteForceCounts, csr } from './brute-force.test.js';
import { fpGrowth } from './fp-growth.js';
import { formatRule } from './names.js';
import { associationRules, type Rule } from './rules.js';

// Five baskets: bread and milk go together, beer only with diapers.
const SHOP = basketsFromLists([
  ['bread', 'milk'],
  ['bread', 'diapers', 'beer', 'eggs'],
  ['milk', 'diapers', 'beer', 'cola'],
  ['bread', 'milk', 'diapers', 'beer'],
  ['bread', 'milk', 'diapers', 'cola'],
]);

function find(rules: Rule[], text: string): Rule {
  const rule = rules.find((r) => formatRule(r, SHOP.itemNames) === text);
  assert.ok(rule, `no rule ${text}`);
  return rule;
}

test('associationRules() measures support, confidence, lift, leverage and conviction', () => {
  const rules = associationRules(fpGrowth(SHOP, { minSupport: 0.4 }), { minConfidence: 0.5 });
  const rule = find(rules, '{milk} => {bread}');
  assert.equal(rule.count, 3);
  assert.equal(rule.support, 0.6);
  assert.equal(rule.confidence, 0.75);
  assert.ok(Math.abs(rule.lift - 0.75 / 0.8) < 1e-12);
  assert.ok(Math.abs(rule.leverage - (0.6 - 0.8 * 0.8)) < 1e-12);
  assert.ok(Math.abs(rule.conviction! - (1 - 0.8) / (1 - 0.75)) < 1e-12);
});

test('associationRules() reports conviction null, not Infinity, at confidence 1', () => {
  const rules = associationRules(fpGrowth(SHOP, { minSupport: 0.4 }), { minConfidence: 1 });
  const rule = find(rules, '{beer} => {diapers}');
  assert.equal(rule.confidence, 1);
  assert.equal(rule.conviction, null);
  assert.ok(rules.every((r) => r.conviction === null));
});

test('associationRules() keeps a rule whose confidence equals the minimum', () => {
  const rules = associationRules(fpGrowth(SHOP, { minSupport: 0.4 }), { minConfidence: 0.75 });
  assert.equal(find(rules, '{milk} => {bread}').confidence, 0.75);
});

test('associationRules() makes {} => Y rules as arules does with minlen = 1, unless emptyAntecedent is false', () => {
  const itemsets = fpGrowth(SHOP, { minSupport: 0.4 });
  const rules = associationRules(itemsets, { minConfidence: 0.8 });
  const empty = rules.filter((r) => r.antecedent.length === 0).map((r) => formatRule(r, SHOP.itemNames));
  assert.deepEqual(empty.sort(), ['{} => {bread}', '{} => {diapers}', '{} => {milk}']);
  const none = associationRules(itemsets, { minConfidence: 0.8, emptyAntecedent: false });
  assert.equal(none.length, rules.length - 3);
  const { lift, leverage } = find(rules, '{} => {bread}');
  assert.equal(lift, 1);
  assert.equal(leverage, 0);
});

test('associationRules() sorts by lift, then confidence and support', () => {
  const rules = associationRules(fpGrowth(SHOP, { minSupport: 0.2 }), { minConfidence: 0.1 });
  for (let i = 1; i < rules.length; i++) {
    const [a, b] = [rules[i - 1]!, rules[i]!];
    assert.ok(a.lift > b.lift || (a.lift === b.lift && a.confidence >= b.confidence));
  }
});

test('associationRules() rejects a confidence outside [0, 1]', () => {
  const itemsets = fpGrowth(SHOP, { minSupport: 0.4 });
  assert.throws(
    () => associationRules(itemsets, { minConfidence: 1.2 }),
    /^Error: invalid minConfidence: 1.2$/,
  );
  assert.throws(() => associationRules(itemsets, { minConfidence: -0.1 }), /invalid minConfidence: -0.1/);
});

const WIDTH = 6;

test('associationRules() equals brute force over every split of every frequent itemset', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.integer({ min: 0, max: WIDTH - 1 }), { maxLength: 5 }), {
        minLength: 1,
        maxLength: 25,
      }),
      fc.integer({ min: 1, max: 4 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.boolean(),
      fc.boolean(),
      (lists, minCount, minConfidence, singleConsequent, emptyAntecedent) => {
        const rules = associationRules(fpGrowth(csr(lists, WIDTH), { minCount }), {
          minConfidence,
          singleConsequent,
          emptyAntecedent,
        });
        const counts = bruteForceCounts(lists, WIDTH);
        const want = new Map<string, number>();
        for (const [key, both] of counts) {
          if (both < minCount) continue;
          const ids = key.split(',').map(Number);
          for (let mask = 1; mask < 1 << ids.length; mask++) {
            const rhs = ids.filter((_, i) => mask & (1 << i));
            const lhs = ids.filter((_, i) => !(mask & (1 << i)));
            if ((singleConsequent && rhs.length !== 1) || (!emptyAntecedent && lhs.length === 0)) continue;
            const countX = lhs.length === 0 ? lists.length : counts.get(lhs.join(','))!;
            if (both / countX >= minConfidence) want.set(`${lhs}=>${rhs}`, both / countX);
          }
        }
        const got = new Map(rules.map((r) => [`${r.antecedent}=>${r.consequent}`, r.confidence]));
        assert.deepEqual(got, want);
      },
    ),
    { numRuns: 300 },
  );
});
