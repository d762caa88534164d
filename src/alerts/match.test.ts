import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type MatchOptions, matchKeywords as textMatch } from '../text/index.js';

// Alerts fold diacritics unless an alert says --no-fold: the text module's matcher with that default.
const matchKeywords = (text: string, keywords: readonly string[], options: MatchOptions = {}) =>
  textMatch(text, keywords, { foldDiacritics: true, ...options });

test('matchKeywords() finds whole words and hashtags in any case, never inside a word', () => {
  assert.deepEqual(matchKeywords('Loved the SALE! #Refund please', ['sale', 'refund', 'fund']), [
    'sale',
    'refund',
  ]);
  assert.deepEqual(matchKeywords('wholesale prices', ['sale']), []);
  assert.deepEqual(matchKeywords('see #sale now', ['#sale']), ['#sale']);
  assert.deepEqual(matchKeywords('a sale now', ['#sale']), []);
  assert.deepEqual(matchKeywords('the customer   service was bad', ['customer service']), [
    'customer service',
  ]);
});

test('matchKeywords() folds diacritics, including Polish ł, unless told not to', () => {
  assert.deepEqual(matchKeywords('Zażółć gęślą jaźń — reklamacja!', ['zazolc', 'reklamacja']), [
    'zazolc',
    'reklamacja',
  ]);
  assert.deepEqual(matchKeywords('Zażółć', ['zazolc'], { foldDiacritics: false }), []);
  assert.deepEqual(matchKeywords('Zażółć', ['zażółć'], { foldDiacritics: false }), ['zażółć']);
  assert.deepEqual(matchKeywords('Der Kundenservice war schlecht, schlecht!', ['schlecht']), ['schlecht']);
  assert.deepEqual(matchKeywords('配送が遅い', ['配送が遅い']), ['配送が遅い']);
});

test('matchKeywords() reads regex metacharacters literally', () => {
  assert.deepEqual(matchKeywords('price (x+y)? is $5.00', ['(x+y)?', '$5.00', 'x.y']), ['(x+y)?', '$5.00']);
  assert.deepEqual(matchKeywords('anything', ['.*']), []);
  fc.assert(
    fc.property(fc.string(), fc.string({ minLength: 1 }), (text, keyword) => {
      // Never throws, whatever the keyword holds.
      matchKeywords(text, [keyword]);
    }),
  );
});

test('matchKeywords() handles empty, emoji-only and long texts', () => {
  assert.deepEqual(matchKeywords('', ['a']), []);
  assert.deepEqual(matchKeywords('🔥🔥🔥', ['🔥']), ['🔥']);
  assert.deepEqual(matchKeywords(`${'x '.repeat(500_000)}refund`, ['refund']), ['refund']);
});
