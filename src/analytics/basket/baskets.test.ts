import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basketCount, basketsFromLists, checkBaskets, parseBasketText } from './baskets.js';

test('basketsFromLists() builds CSR with ids by first appearance and one copy of a repeated item', () => {
  const baskets = basketsFromLists([['milk', 'bread', 'milk'], [], ['bread', 'eggs']]);
  assert.deepEqual(baskets.itemNames, ['milk', 'bread', 'eggs']);
  assert.deepEqual([...baskets.offsets], [0, 2, 2, 4]);
  assert.deepEqual([...baskets.items], [0, 1, 1, 2]);
  assert.equal(basketCount(baskets), 3);
});

test('basketsFromLists() of no baskets is an empty CSR', () => {
  const baskets = basketsFromLists([]);
  assert.deepEqual([...baskets.offsets], [0]);
  assert.equal(basketCount(baskets), 0);
});

test('parseBasketText() reads one basket a line, keeps names verbatim, blank lines are empty baskets', () => {
  assert.deepEqual(parseBasketText('a,b \r\n\nc\n'), [['a', 'b '], [], ['c']]);
  assert.deepEqual(parseBasketText(''), []);
  assert.deepEqual(parseBasketText('a;b', ';'), [['a', 'b']]);
});

test('checkBaskets() names the broken invariant', () => {
  const names = ['a', 'b'];
  assert.throws(
    () => checkBaskets({ offsets: new Uint32Array(0), items: new Uint32Array(0), itemNames: names }),
    /invalid baskets: offsets is empty/,
  );
  assert.throws(
    () => checkBaskets({ offsets: Uint32Array.of(0, 3), items: Uint32Array.of(0, 1), itemNames: names }),
    /invalid baskets: last offset 3 != 2 items/,
  );
  assert.throws(
    () =>
      checkBaskets({ offsets: Uint32Array.of(0, 2, 1, 2), items: Uint32Array.of(0, 1), itemNames: names }),
    /invalid baskets: offsets decrease at 2/,
  );
  assert.throws(
    () => checkBaskets({ offsets: Uint32Array.of(0, 1), items: Uint32Array.of(5), itemNames: names }),
    /invalid item id: 5/,
  );
});
