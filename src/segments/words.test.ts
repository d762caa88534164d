import assert from 'node:assert/strict';
import { test } from 'node:test';
import { speaker } from '../i18n/index.js';
import { speakerVoice } from '../i18n/voice.js';
import { filterWords, journeyDescription, ruleWords, stepTitle, variantTitle } from './words.js';

// The shared words as the server says them (the static report, the audit, error messages): the server's
// catalogue and its ICU plural forms, in English and Polish.
const en = speakerVoice(speaker('en'));
const pl = speakerVoice(speaker('pl'));
const sp = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

test('counts read with their nouns in the plural form their number takes', () => {
  assert.equal(ruleWords(en, 'orders >= 2'), 'At least 2 orders');
  assert.equal(ruleWords(en, 'late_deliveries = 1'), 'Exactly 1 late delivery');
  assert.deepEqual(
    [1, 2, 4, 5, 12, 22, 25].map((n) => ruleWords(pl, `orders >= ${n}`)),
    [
      'Co najmniej 1 zamówienie',
      'Co najmniej 2 zamówienia',
      'Co najmniej 4 zamówienia',
      'Co najmniej 5 zamówień',
      'Co najmniej 12 zamówień',
      'Co najmniej 22 zamówienia',
      'Co najmniej 25 zamówień',
    ],
  );
  assert.equal(ruleWords(pl, 'reviews < 5'), 'Mniej niż 5 opinii');
  assert.equal(ruleWords(pl, 'children = 2'), 'Dokładnie 2 dzieci');
});

test('yes-or-no fields say what they mean; days are days; event windows take their plural', () => {
  assert.equal(ruleWords(en, 'coupon = true'), 'Used a coupon');
  assert.equal(ruleWords(en, 'coupon != true'), 'Did not use a coupon');
  assert.equal(ruleWords(pl, 'decision_maker = true'), 'Decyduje o zakupach');
  assert.equal(ruleWords(en, "last_visit < '2026-03-01T10:00:00Z'"), 'Last visit before March 1, 2026');
  assert.equal(ruleWords(pl, "last_visit >= '2026-03-01'"), 'Last visit: od 1 marca 2026');
  assert.equal(
    ruleWords(en, "did 'Order Completed' in last 1 days"),
    'Did “Completed an order” in the last day',
  );
  assert.equal(
    ruleWords(pl, "did 'Order Completed' in last 2 days"),
    'Wykonał(a) „Złożenie zamówienia” w ostatnich 2 dniach',
  );
  assert.equal(sp(filterWords(en, 'coupon = false, quantity >= 2')), 'with no coupon and at least 2 items');
});

test('a shipped play’s steps, variants and description come from the catalogue; typed ones stay', () => {
  assert.equal(stepTitle(pl, 'play-at-risk', 'morning'), 'Poczekaj do rana');
  assert.equal(stepTitle(en, 'play-at-risk', 'holdout'), 'Hold some back');
  assert.equal(stepTitle(pl, 'my-journey', 'morning'), 'Morning', 'a person’s own step id, as words');
  assert.equal(variantTitle(pl, 'play-vip-thanks', 'offer'), 'Wysłana oferta');
  assert.equal(variantTitle(pl, 'spring-test', 'offer'), 'Offer');
  assert.equal(
    journeyDescription(pl, 'play-birthday', "Birthday (play 'birthday')"),
    'Składa życzenia urodzinowe, z prezentem',
  );
  assert.equal(
    journeyDescription(pl, 'birthday', "Birthday (play 'birthday')"),
    "Birthday (play 'birthday')",
  );
});
