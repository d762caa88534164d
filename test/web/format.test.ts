import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  dayField,
  dayPattern,
  fmt,
  label,
  parseDayField,
  plain,
  setCurrency,
  show,
  sourceWords,
  words,
} from '../../web/src/format.js';
import { setLang, tn } from '../../web/src/i18n/index.js';

// Intl's spaces differ between ICU builds: compare with plain spaces.
const sp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

it('words() turns snake_case and camelCase names into words, and leaves codes in capitals alone', () => {
  assert.equal(words('holdout_ratio'), 'Holdout ratio');
  assert.equal(words('prAuc'), 'Pr auc');
  assert.equal(words('US'), 'US');
  assert.equal(words('iOS'), 'iOS');
});

it('label() names a field from the catalogue in the current language, else as words', () => {
  setLang('en');
  assert.equal(label('holdoutRatio'), 'Predicted against actual');
  assert.equal(label('churn_risk'), 'Churn risk');
  assert.equal(label('some_new_field'), 'Some new field');
  setLang('pl');
  assert.equal(label('churn_risk'), 'Ryzyko odejścia');
  setLang('en');
});

it("a model card's data source and its parameter and quality names are said in the app's language", () => {
  setLang('pl');
  assert.equal(
    sourceWords('customers, orders, feedback, messages'),
    'Klienci, zamówienia, opinie i wiadomości',
  );
  assert.equal(sourceWords('customers and their metrics'), 'Klienci i ich miary');
  assert.equal(sourceWords('marketing_spend, orders'), 'Wydatki marketingowe i zamówienia');
  assert.equal(label('topDecileLift'), 'Przebicie górnego decyla');
  assert.equal(label('testFraction'), 'Udział części testowej');
  assert.equal(show('true'), 'tak');
  setLang('en');
  assert.equal(
    sourceWords('customers, orders, feedback, messages'),
    'Customers, orders, feedback, and messages',
  );
  assert.equal(label('baseRate'), 'Base rate');
});

it("a day field is written and read in the app's language, whatever the browser's", () => {
  setLang('pl');
  assert.equal(dayField('2026-12-07'), '07.12.2026');
  assert.equal(dayPattern(), 'dd.mm.rrrr');
  assert.equal(parseDayField('7.12.2026'), '2026-12-07');
  assert.equal(parseDayField('07-12-2026'), '2026-12-07');
  assert.equal(parseDayField('2026-12-07'), '2026-12-07', 'an ISO day is read in any language');
  assert.equal(parseDayField('31.02.2026'), null, 'no 31 February');
  assert.equal(parseDayField('12.2026'), null);
  setLang('en');
  assert.equal(dayField('2026-12-07'), '12/07/2026');
  assert.equal(dayPattern(), 'mm/dd/yyyy');
  assert.equal(parseDayField('12/7/2026'), '2026-12-07');
  assert.equal(parseDayField('13/07/2026'), null, 'no 13th month');
  assert.equal(dayField(''), '');
});

it('Polish plurals take one, few and many by Intl.PluralRules', () => {
  setLang('pl');
  assert.equal(tn('common.orders', 1), '1 zamówienie');
  assert.equal(tn('common.orders', 3), '3 zamówienia');
  assert.equal(tn('common.orders', 5), '5 zamówień');
  assert.equal(tn('common.orders', 22), '22 zamówienia');
  assert.equal(sp(tn('common.orders', 10012)), '10 012 zamówień');
  setLang('en');
  assert.equal(tn('common.orders', 1), '1 order');
  assert.equal(tn('common.orders', 2), '2 orders');
});

it('money is in the shop currency and the locale, shares are percentages', () => {
  setLang('en');
  setCurrency('EUR');
  assert.equal(fmt.money(1234.5), '€1,235');
  assert.equal(fmt.money(12.5), '€12.50');
  setLang('pl');
  assert.equal(sp(fmt.money(1234.5)), '1235 €');
  assert.equal(sp(fmt.pct(0.534)), '53,4%');
  setLang('en');
  assert.equal(fmt.pct(0.534), '53.4%');
  setCurrency('USD');
});

it('show() and plain() never print JSON, ISO timestamps, data URIs or identifiers', () => {
  setLang('en');
  assert.doesNotMatch(show({ holdoutRatio: 0.5, n: 2 }), /[{}"]/);
  assert.doesNotMatch(show('2025-03-01T10:00:00Z'), /\d{4}-\d{2}-\d{2}/);
  assert.equal(show('data:image/svg+xml;utf8,<svg/>'), 'image');
  assert.equal(show('paid_search'), 'paid search');
  const text = plain(
    'not enough data for decisionMaker; fitted to 2025-12-31; use `model clv`; "damaged": 4',
  );
  assert.doesNotMatch(text, /decisionMaker|2025-12-31|`|":/);
});

it('plain() puts the shop currency on amounts in server sentences', () => {
  setLang('en');
  setCurrency('USD');
  assert.equal(
    plain(
      'Each further order is worth about 102; mean CLV 202 (2.03× everyone else); 520 revenue per person',
    ),
    'Each further order is worth about $102.00; mean CLV $202.00 (2.03× everyone else); $520.00 revenue per person',
  );
  // An amount the server already wrote with its currency is left as it is.
  assert.equal(plain('$520 revenue per person'), '$520 revenue per person');
  assert.equal(plain('PLN 520 revenue per person'), 'PLN 520 revenue per person');
});
