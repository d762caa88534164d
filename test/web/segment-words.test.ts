import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { FIELDS } from '../../web/src/fields.js';
import { fmt, label, valueWords } from '../../web/src/format.js';
import { has, setLang } from '../../web/src/i18n/index.js';
import { ruleWords, segmentRuleWords, segmentTitle, sizesSentence } from '../../web/src/segment-words.js';

// Intl's spaces differ between ICU builds: compare with plain spaces.
const sp = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

afterEach(() => setLang('en'));

it('a segment is shown by its title: built-in ones from the catalogue, a stored id as words', () => {
  setLang('en');
  assert.equal(segmentTitle('repeat_buyers'), 'Repeat buyers');
  assert.equal(segmentTitle('mobile'), 'Mobile');
  assert.equal(segmentTitle('play-at-risk'), 'At risk: win-back play');
  assert.equal(segmentTitle('stage-first-purchase'), 'Sales stage: first purchase');
  assert.equal(segmentTitle('cluster-2'), 'Group 2 (clustering)');
  assert.equal(segmentTitle('vip-2'), 'VIP 2');
  setLang('pl');
  assert.equal(segmentTitle('repeat_buyers'), 'Repeat buyers', "a person's own name is not translated");
  assert.equal(segmentTitle('play-at-risk'), 'Zagrożeni odejściem: akcja odzyskania');
  assert.equal(segmentTitle('stage-repeat'), 'Etap sprzedaży: kupujący ponownie');
  assert.equal(segmentTitle('cluster-3'), 'Grupa 3 (grupowanie)');
});

it('a title made from a stored id cases abbreviations and brands as written; a name a person gave wins', () => {
  setLang('en');
  assert.equal(segmentTitle('ios_users'), 'iOS users');
  assert.equal(segmentTitle('android-buyers'), 'Android buyers');
  assert.equal(segmentTitle('sms_optin_vip'), 'SMS optin VIP');
  assert.equal(segmentTitle('high_clv_b2b'), 'High CLV B2B');
  assert.equal(segmentTitle('utm_url_id'), 'UTM URL ID');
  assert.equal(segmentTitle('rfm-champions'), 'RFM champions');
  assert.equal(segmentTitle('iosUsers'), 'iOS users');
  assert.equal(segmentTitle('Berlin_VIPs'), 'Berlin VIPs', 'a word the name cased is kept');
  assert.equal(segmentTitle('ios_users', 'Apple phones'), 'Apple phones');
  assert.equal(segmentTitle('ios_users', ' '), 'iOS users', 'an empty display name does not win');
});

it("a rule is a sentence in the reader's language: field labels, operators in words, our values translated", () => {
  setLang('en');
  assert.equal(
    ruleWords("rfm_tier in ('At risk', 'Can''t lose them')"),
    "RFM tier is “At risk” or “Can't lose them”",
  );
  assert.equal(
    sp(ruleWords('orders >= 2 and revenue > 100')),
    'At least 2 orders and revenue is above $100.00',
  );
  assert.equal(ruleWords("top_device = 'mobile'"), 'Device is “Phone”');
  assert.equal(ruleWords('consent_email = true and age is null'), 'Agreed to e-mails and age unknown');
  assert.equal(
    ruleWords("did 'Order Completed' at least 2 times in last 90 days or in segment 'play-at-risk'"),
    'Did “Completed an order” at least 2 times in the last 90 days or in the segment “At risk: win-back play”',
  );
  assert.equal(
    ruleWords('not (orders = 0 or churn_risk >= 0.5)'),
    'Not: (exactly 0 orders or churn risk is at least 50%)',
  );
  setLang('pl');
  assert.equal(
    ruleWords("rfm_tier in ('At risk', 'Can''t lose them')"),
    'Poziom RFM: „Zagrożeni” lub „Nie wolno ich stracić”',
  );
  assert.equal(ruleWords("gender = 'male' and orders >= 2"), 'Płeć: „mężczyzna” i co najmniej 2 zamówienia');
  // Not a rule (a clustering's description): no sentence, so no code on the screen either.
  assert.equal(ruleWords('cluster 1 of 4 on revenue, orders (k-means, run 3)'), null);
});

it('every kind of field reads as a sentence: counts with their nouns, yes-or-no as what it means, days as days', () => {
  setLang('en');
  // Counts: the number with its noun, never "orders is at least 2".
  assert.deepEqual(
    [
      'orders >= 2',
      'orders = 1',
      'returns < 3',
      'tickets <= 1',
      'reviews > 4',
      'orders != 2',
      'orders in (2, 3)',
    ].map((r) => ruleWords(r)),
    [
      'At least 2 orders',
      'Exactly 1 order',
      'Fewer than 3 returns',
      'At most 1 support ticket',
      'More than 4 reviews',
      'Not exactly 2 orders',
      '2 or 3 orders',
    ],
  );
  // Money and other figures by their meaning; text quoted; lists joined; yes-or-no as what it means.
  assert.equal(sp(ruleWords('average_order_value >= 50')), 'Average order value is at least $50.00');
  assert.equal(ruleWords("city in ('Berlin', 'Kraków')"), 'City is “Berlin” or “Kraków”');
  assert.equal(ruleWords('coupon = true'), 'Used a coupon');
  assert.equal(
    ruleWords('unsubscribed = false and is_prospect = true'),
    'Did not unsubscribe and has not bought yet',
  );
  assert.equal(
    ruleWords('vip = true'),
    'VIP: yes',
    'a yes-or-no trait of the shop’s own, as its name and yes',
  );
  // A day as a day, never ISO.
  assert.equal(ruleWords("signup_date >= '2026-03-01'"), 'Signup date on or after Mar 1, 2026');
  assert.equal(
    sp(ruleWords("did 'Order Completed' with (revenue >= 50, coupon = true) in last 1 days")),
    'Did “Completed an order” with revenue of at least $50.00 and a coupon in the last day',
  );
  setLang('pl');
  assert.deepEqual(
    ['orders >= 1', 'orders >= 2', 'orders >= 5', 'orders >= 22', 'orders < 25', 'returns in (1, 2)'].map(
      (r) => ruleWords(r),
    ),
    [
      'Co najmniej 1 zamówienie',
      'Co najmniej 2 zamówienia',
      'Co najmniej 5 zamówień',
      'Co najmniej 22 zamówienia',
      'Mniej niż 25 zamówień',
      '1 lub 2 zwroty',
    ],
  );
  assert.equal(ruleWords('coupon = true'), 'Użył(a) kuponu');
  assert.equal(ruleWords('consent_sms = false'), 'Nie zgodził(a) się na SMS-y');
  assert.equal(ruleWords("signup_date < '2026-03-01'"), 'Signup date: przed 1 mar 2026');
  assert.equal(
    sp(ruleWords("did 'Order Completed' with (coupon = true) in last 5 days")),
    'Wykonał(a) „Złożenie zamówienia” (z kuponem) w ostatnich 5 dniach',
  );
});

it('segments Clientele makes itself say what they hold without a rule', () => {
  setLang('pl');
  assert.equal(
    segmentRuleWords({ name: 'stage-lapsing', kind: 'stage', expression: 'sales-cycle stage lapsing: …' }),
    'Co najmniej jedno zamówienie, ale żadnego w ostatnich 180 dniach.',
  );
  assert.match(
    segmentRuleWords({ name: 'cluster-1', kind: 'cluster', expression: 'cluster 1 of 4' }) ?? '',
    /grupowanie/,
  );
  assert.equal(
    segmentRuleWords({ name: 'mobile', kind: 'rule', expression: "top_device = 'mobile'" }),
    'Urządzenie: „Telefon”',
  );
});

it('our own values are translated, the shop’s own words are not', () => {
  setLang('pl');
  assert.equal(valueWords('gender', 'male'), 'mężczyzna');
  assert.equal(valueWords('category', 'transactional'), 'transakcyjna');
  assert.equal(valueWords('top_device', 'mobile'), 'Telefon');
  assert.equal(valueWords('acquisition_source', 'paid_search'), 'Płatne wyszukiwanie');
  assert.equal(valueWords('rfm_tier', 'Champions'), 'Czempioni');
  assert.equal(valueWords('channels', 'email'), 'E-mail');
  assert.equal(valueWords('channel', 'push'), 'Powiadomienia');
  assert.equal(valueWords('lifecycle_stage', 'subscriber'), 'subskrybent');
  assert.equal(valueWords('city', 'male'), 'male', 'a value of a field we do not name stays as written');
  assert.equal(valueWords('campaign', 'spring_sale'), 'spring_sale');
});

it('a money band is a rounded range in the locale, the last one open-ended', () => {
  setLang('pl');
  assert.equal(sp(fmt.moneyRange(450, 500)), '450–500 USD');
  assert.equal(sp(fmt.moneyRange(1000, null)), '1000 USD+');
  setLang('en');
  assert.equal(sp(fmt.moneyRange(450, 500)), '$450 – $500');
  assert.equal(sp(fmt.moneyRange(0.5, 0.75)), '$0.50 – $0.75');
});

it("the builder's fields are named by the catalogue in both languages, never by a copy of their own", () => {
  for (const f of FIELDS) {
    assert.ok(!('label' in f), `${f.name} carries no English label of its own`);
    assert.ok(has(`label.${f.name}`) || has(`feature.${f.name}`), `${f.name} is in the catalogue`);
  }
  setLang('pl');
  const polish = FIELDS.map((f) => label(f.name));
  assert.ok(polish.includes('Kraj') && polish.includes('System operacyjny') && polish.includes('Poziom RFM'));
  setLang('en');
  assert.ok(FIELDS.every((f, i) => label(f.name) !== polish[i] || /^(Persona|RFM)/.test(polish[i] ?? '')));
});

it('a size measured twice is said as figures, with the change; once, as one figure', () => {
  setLang('en');
  const two = [
    { at: '2026-12-03', size: 1204 },
    { at: '2026-12-07', size: 1250 },
  ];
  assert.equal(sp(sizesSentence(two)), 'Members: 1,204 on Dec 3, 2026 and 1,250 on Dec 7, 2026 (+46).');
  assert.equal(sp(sizesSentence([two[0]!])), 'Members: 1,204 on Dec 3, 2026.');
  assert.equal(sizesSentence([]), null);
  assert.equal(
    sp(
      sizesSentence([
        { at: '2026-12-07T08:00:00Z', size: 90 },
        { at: '2026-12-07T16:00:00Z', size: 94 },
      ]),
    ),
    'Members: 94 on Dec 7, 2026 (+4).',
    'two refreshes on one day are one figure, the change still said',
  );
  setLang('pl');
  assert.equal(
    sp(sizesSentence([two[1]!, two[0]!])),
    'Liczba członków: 1250 w dniu 7 gru 2026 i 1204 w dniu 3 gru 2026 (−46).',
  );
});
