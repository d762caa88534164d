import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { basketsFromLists } from './baskets.js';
import { bruteForceCounts, csr } from './brute-force.test.js';
import { fpGrowth } from './fp-growth.js';
import { type FrequentItemsets, itemsetRows } from './itemsets.js';

function asMap(itemsets: FrequentItemsets): Map<string, number> {
  const map = new Map<string, number>();
  const { offsets, items, counts } = itemsets;
  for (let k = 0; k < counts.length; k++) {
    const key = Array.from(items.subarray(offsets[k]!, offsets[k + 1]!)).join(',');
    assert.equal(map.has(key), false, `itemset ${key} mined twice`);
    map.set(key, counts[k]!);
  }
  return map;
}

function expected(lists: number[][], width: number, minCount: number, maxLength = Infinity) {
  const all = bruteForceCounts(lists, width);
  return new Map([...all].filter(([key, count]) => count >= minCount && key.split(',').length <= maxLength));
}

const WIDTH = 8;
const basketsArb = fc.array(fc.array(fc.integer({ min: 0, max: WIDTH - 1 }), { maxLength: 7 }), {
  maxLength: 40,
});

test('fpGrowth() finds the same itemsets and counts as brute-force enumeration', () => {
  fc.assert(
    fc.property(
      basketsArb,
      fc.integer({ min: 1, max: 6 }),
      fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      (lists, minCount, maxLength) => {
        const mined = fpGrowth(csr(lists, WIDTH), { minCount, maxLength });
        assert.deepEqual(asMap(mined), expected(lists, WIDTH, minCount, maxLength));
      },
    ),
    { numRuns: 500 },
  );
});

test('fpGrowth() with minSupport keeps itemsets with count >= minSupport * n', () => {
  fc.assert(
    fc.property(basketsArb, fc.double({ min: 0.01, max: 1, noNaN: true }), (lists, minSupport) => {
      const mined = fpGrowth(csr(lists, WIDTH), { minSupport });
      const all = bruteForceCounts(lists, WIDTH);
      const want = new Map([...all].filter(([, count]) => count / lists.length >= minSupport - 1e-12));
      assert.deepEqual(asMap(mined), want);
    }),
    { numRuns: 300 },
  );
});

test('fpGrowth() of no baskets finds nothing', () => {
  const mined = fpGrowth(basketsFromLists([]), { minSupport: 0.5 });
  assert.equal(mined.counts.length, 0);
  assert.equal(mined.basketCount, 0);
});

test('fpGrowth() counts empty baskets in the denominator', () => {
  const mined = fpGrowth(basketsFromLists([['a'], [], [], []]), { minSupport: 0.25 });
  assert.deepEqual(itemsetRows(mined), [{ items: ['a'], count: 1, support: 0.25 }]);
  assert.equal(fpGrowth(basketsFromLists([['a'], [], [], []]), { minSupport: 0.26 }).counts.length, 0);
});

test('fpGrowth() on a single basket finds every subset of it, capped by maxLength', () => {
  const one = basketsFromLists([['a', 'b', 'c', 'd']]);
  assert.equal(fpGrowth(one, { minSupport: 1 }).counts.length, 15);
  const capped = fpGrowth(one, { minSupport: 1, maxLength: 2 });
  assert.equal(capped.counts.length, 10);
  assert.ok(itemsetRows(capped).every((row) => row.support === 1));
});

test('fpGrowth() counts an item listed twice in one basket once', () => {
  const raw = csr([[0, 0, 1], [0], [1, 1, 1]], 2);
  assert.deepEqual(
    asMap(fpGrowth(raw, { minCount: 1 })),
    new Map([
      ['0', 2],
      ['1', 2],
      ['0,1', 1],
    ]),
  );
});

test('fpGrowth() rejects a support outside (0, 1], a bad count and a bad maxLength', () => {
  const baskets = basketsFromLists([['a', 'b']]);
  assert.throws(() => fpGrowth(baskets, { minSupport: 0 }), /^Error: invalid minSupport: 0$/);
  assert.throws(() => fpGrowth(baskets, { minSupport: 1.5 }), /^Error: invalid minSupport: 1.5$/);
  assert.throws(() => fpGrowth(baskets, { minSupport: Number.NaN }), /invalid minSupport: NaN/);
  assert.throws(() => fpGrowth(baskets, { minCount: 0 }), /invalid minCount: 0/);
  assert.throws(() => fpGrowth(baskets, { minCount: 2.5 }), /invalid minCount: 2.5/);
  assert.throws(
    () => fpGrowth(baskets, { minCount: 2, minSupport: 0.1 }),
    /minSupport and minCount together/,
  );
  assert.throws(() => fpGrowth(baskets, { minSupport: 0.5, maxLength: 0 }), /invalid maxLength: 0/);
});
