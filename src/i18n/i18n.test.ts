import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WARNING_CODES } from '../warnings/warning.js';
import { en } from './en.js';
import { formatMessage } from './icu.js';
import { fromAcceptLanguage, pickLocale } from './locale.js';
import { pl } from './pl.js';
import { speaker } from './speak.js';
import { localizeWarnings, saidWarning, WARNING_MEANINGS_PL } from './warnings.js';

test('Polish plurals pick one, few and many: 1 osoba, 2 osoby, 5 osób, 22 osoby, 25 osób', () => {
  const s = speaker('pl');
  const said = [1, 2, 5, 22, 25, 12, 0].map((n) => s.t('report.members', { n }));
  assert.deepEqual(said, ['1 osoba', '2 osoby', '5 osób', '22 osoby', '25 osób', '12 osób', '0 osób']);
  // A fraction is "other": 1,5 osoby.
  assert.equal(s.t('report.members', { n: 1.5 }), '1,5 osoby');
  assert.equal(s.t('persona.trigger.fewOrders', { orders: 22, min: 20 }).split(',')[0], '22 zamówienia');
  assert.equal(s.t('persona.trigger.fewOrders', { orders: 25, min: 20 }).split(',')[0], '25 zamówień');
});

test('English plurals pick one and other', () => {
  const s = speaker('en');
  assert.deepEqual(
    [1, 2, 5].map((n) => s.t('report.members', { n })),
    ['1 member', '2 members', '5 members'],
  );
});

test('every key of the English catalogue has a Polish sentence with the same placeholders', () => {
  const names = (text: string) =>
    [...text.matchAll(/\{(\w+)[,}%]/g)]
      .map((m) => m[1])
      .filter((n, i, all) => all.indexOf(n) === i)
      .sort();
  const missing = Object.keys(en).filter((k) => !(k in pl) || !(pl as Record<string, string>)[k]?.trim());
  assert.deepEqual(missing, [], 'keys without a Polish sentence');
  const extra = Object.keys(pl).filter((k) => !(k in en));
  assert.deepEqual(extra, [], 'Polish keys English lacks');
  for (const [k, text] of Object.entries(en))
    assert.deepEqual(names((pl as Record<string, string>)[k] ?? ''), names(text), `placeholders of ${k}`);
  // A catalogue whose Polish lacks a key fails this test: the check is a real one.
  const { 'report.title': _dropped, ...short } = pl;
  assert.ok(Object.keys(en).some((k) => !(k in short)));
});

test('every warning code has a Polish meaning', () => {
  assert.deepEqual(
    Object.keys(WARNING_CODES).filter((c) => !(c in WARNING_MEANINGS_PL)),
    [],
  );
});

test('numbers, shares, money and dates follow the locale', () => {
  const p = speaker('pl');
  const e = speaker('en');
  assert.equal(e.num(12345.678), '12,345.68');
  assert.equal(p.num(12345.678).replace(/\s/g, ' '), '12 345,68');
  assert.equal(p.pct(0.645), '64,5%');
  assert.equal(e.pct(0.645), '64.5%');
  assert.equal(p.money(12345.4, 'PLN').replace(/\s/g, ' '), '12 345 zł'); // Polish groups from five digits on
  assert.equal(e.money(1234.4, 'USD'), '$1,234');
  assert.equal(p.date('2026-12-06T10:00:00Z'), '6 grudnia 2026');
  assert.equal(e.date('2026-12-06T10:00:00Z'), 'December 6, 2026');
  assert.equal(p.list(['a', 'b', 'c']), 'a, b i c');
  assert.equal(p.pct(null), 'b.d.');
});

test('ICU-like messages: exact cases, # and nested values', () => {
  const icu = { plural: new Intl.PluralRules('en-US'), number: (n: number) => String(n) };
  assert.equal(
    formatMessage('{n, plural, =0 {none} one {# {what}} other {# {what}s}}', { n: 0, what: 'x' }, icu),
    'none',
  );
  assert.equal(
    formatMessage('{n, plural, =0 {none} one {# {what}} other {# {what}s}}', { n: 3, what: 'x' }, icu),
    '3 xs',
  );
  assert.equal(formatMessage('left {unknown} as is', {}, icu), 'left {unknown} as is');
});

test('the locale: ?lang, then Accept-Language by quality, then CLIENTELE_LANG and LANG, else English', () => {
  assert.equal(fromAcceptLanguage('pl-PL,pl;q=0.9,en;q=0.8'), 'pl');
  assert.equal(fromAcceptLanguage('de-DE, en;q=0.5, pl;q=0.7'), 'pl');
  assert.equal(fromAcceptLanguage('de, fr'), null);
  assert.equal(fromAcceptLanguage('pl;q=0, en'), 'en');
  assert.equal(pickLocale({ explicit: 'en', acceptLanguage: 'pl' }), 'en');
  assert.equal(pickLocale({ acceptLanguage: 'fr', env: { LANG: 'pl_PL.UTF-8' } }), 'pl');
  assert.equal(pickLocale({ env: { CLIENTELE_LANG: 'en', LANG: 'pl_PL.UTF-8' } }), 'en');
  assert.equal(pickLocale({ env: { LANG: 'C.UTF-8' } }), 'en');
});

test('warnings in a Polish answer are in Polish; their codes stay; ones said by the producer are kept', () => {
  const answer = {
    fit: { warnings: [{ code: 'CLT_WARN_RFM_FEW_CUSTOMERS' as const, message: 'only 3 customers' }] },
    warnings: [saidWarning('CLT_WARN_REPORT_THIN', 'segment liczy 3 osoby')],
  };
  const polish = localizeWarnings(answer, 'pl');
  assert.deepEqual(polish.fit.warnings[0], {
    code: 'CLT_WARN_RFM_FEW_CUSTOMERS',
    message: WARNING_MEANINGS_PL.CLT_WARN_RFM_FEW_CUSTOMERS,
  });
  assert.equal(polish.warnings[0]?.message, 'segment liczy 3 osoby');
  // The answer given (maybe a cached one English readers share) is not changed.
  assert.equal(answer.fit.warnings[0]?.message, 'only 3 customers');
  const english = { warnings: [{ code: 'CLT_WARN_RFM_FEW_CUSTOMERS', message: 'only 3 customers' }] };
  assert.equal(localizeWarnings(english, 'en').warnings[0]?.message, 'only 3 customers');
});
