import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClienteleError, ERROR_CODES, type ErrorCode } from '../errors/index.js';
import { referenceWords, whenWords } from '../mining/scan-words.js';
import { WARNING_CODES } from '../warnings/warning.js';
import { en } from './en.js';
import { errorBody, sayError, sayErrorCode } from './errors.js';
import { ERROR_HINTS_PL } from './errors.pl.js';
import { formatMessage } from './icu.js';
import { fromAcceptLanguage, pickLocale } from './locale.js';
import { phrase, say } from './phrase.js';
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

test('findings, SWOT and model cards: Polish plural forms for 1, 2, 5, 22 and 25', () => {
  const s = speaker('pl');
  assert.deepEqual(
    [1, 2, 5, 22, 25].map(
      (net) => s.t('swot.opportunity.segmentGrew', { segment: 'vip', net }).split(' o ')[1],
    ),
    ['1 osobę', '2 osoby', '5 osób', '22 osoby', '25 osób'],
  );
  assert.deepEqual(
    [1, 2, 5, 22, 25].map(
      (n) => s.t('mining.anomaly.burst', { n, customer: 'c1', window: '1h' }).split(' klienta')[0],
    ),
    ['1 zamówienie', '2 zamówienia', '5 zamówień', '22 zamówienia', '25 zamówień'],
  );
  assert.deepEqual(
    [1, 2, 5, 22, 25].map((n) => s.t('swot.threat.competitor', { n }).split(' o ')[0]),
    [
      '1 dokument wspomina',
      '2 dokumenty wspominają',
      '5 dokumentów wspomina',
      '22 dokumenty wspominają',
      '25 dokumentów wspomina',
    ],
  );
  assert.deepEqual(
    [1, 2, 5, 22, 25].map(
      (months) =>
        /CLV na ([^,]+),/.exec(s.t('modelCard.clv.what', { calibrationEnd: 'x', months, rate: 0.01 }))?.[1],
    ),
    ['1 miesiąc', '2 miesiące', '5 miesięcy', '22 miesiące', '25 miesięcy'],
  );
  assert.equal(
    speaker('en').t('swot.opportunity.segmentGrew', { segment: 'vip', net: 1 }),
    'Segment "vip" grew by 1 person in 90 days',
  );
});

test('a phrase kept with stored work is said in the reader language, nested phrases too', () => {
  const action = phrase('swot.tows.wt', {
    w: phrase('swot.weakness.complaint', { term: 'dostawa' }),
    t: phrase('swot.threat.churn', { share: 12.5 }),
  });
  assert.equal(
    say(speaker('pl'), action),
    'Usuń słabość (Klienci skarżą się na „dostawa”), zanim zagrożenie urośnie (12,5% klientów ma wysokie ryzyko odejścia (powyżej 0,5))',
  );
  assert.equal(
    say(speaker('en'), action),
    'Fix the weakness (Customers complain about "dostawa") before the threat grows (12.5% of customers are at high churn risk (> 0.5))',
  );
  // Stored JSON round-trips; an unknown key (a newer version's) is shown as its key, never as a blank.
  assert.equal(say(speaker('pl'), JSON.parse(JSON.stringify(action))), say(speaker('pl'), action));
  assert.equal(say(speaker('pl'), { key: 'no.such.key' } as never), 'no.such.key');
});

test('every error code has Polish words; a Polish error says what failed in Polish, or keeps the English apart', () => {
  const empty = Object.keys(ERROR_CODES).filter((c) => !ERROR_HINTS_PL[c as ErrorCode]?.trim());
  assert.deepEqual(empty, []);
  const error = new ClienteleError('CLT_ERR_SEGMENT_NOT_FOUND', 'no segment named vip');
  assert.deepEqual(sayError(error, 'en'), { message: 'no segment named vip', hint: error.hint });
  const body = errorBody(error, 'pl');
  assert.equal(body.code, 'CLT_ERR_SEGMENT_NOT_FOUND');
  assert.equal(body.message, 'Nie znaleziono segmentu.');
  assert.match(String(body.hint), /pokazuje zapisane segmenty/);
  // No phrase: the code's English words are kept for support as `original`, never as the detail people read.
  assert.deepEqual(body.details, { original: 'no segment named vip' });
  // With its phrase, the detail is Polish with the names and values; English says the message as written.
  const said = new ClienteleError(
    'CLT_ERR_SEGMENT_NOT_FOUND',
    "no segment named 'vip'",
    { name: 'vip' },
    phrase('error.noSegment', { name: 'vip' }),
  );
  assert.deepEqual(errorBody(said, 'pl').details, { name: 'vip', detail: 'nie ma segmentu o nazwie „vip”' });
  assert.equal(say(speaker('en'), said.said!), said.message);
  assert.deepEqual(errorBody(said, 'en').details, { name: 'vip' });
  // Every Polish error says what went wrong apart from what to do: no code's message is its hint.
  const same = Object.keys(ERROR_CODES).filter((c) => {
    const said = sayErrorCode(c as ErrorCode, 'pl');
    return !said.message.trim() || said.message === said.hint;
  });
  assert.deepEqual(same, []);
});

test('mining words: months, weekdays and hours in Polish; English as the findings always read', () => {
  const p = speaker('pl');
  const e = speaker('en');
  assert.deepEqual(
    [whenWords('month', 9, p), whenWords('dow', 2, p), whenWords('hour', 23, p), whenWords('season', 1, p)],
    ['we wrześniu', 'we wtorki', 'między 23:00 a 00:00', 'od grudnia do lutego'],
  );
  assert.equal(whenWords('dow', 6, e), 'on Saturdays');
  assert.equal(
    referenceWords({ region: 'NY', product: 'A' }, 'region', p),
    'inne produkty w grupie region NY',
  );
  assert.equal(referenceWords({ region: 'NY', product: 'A' }, 'region', e), 'other products in region NY');
  assert.equal(p.fixed(12345.678, 2).replace(/\s/g, ' '), '12 345,68');
  assert.equal(e.fixed(12345.678, 2), '12345.68');
});

test('CLI counts take the Polish plural forms: one, few (2–4, 22–24), many (5–21, 25, 0), other (fractions)', () => {
  const p = speaker('pl');
  const forms = (key: 'cli.customers' | 'cli.profiles' | 'cli.members', ns: number[]) =>
    ns.map((n) => p.t(key, { n }).replace(/\s/g, ' '));
  assert.deepEqual(forms('cli.customers', [1, 2, 4, 5, 12, 22, 25, 0, 1.5, 1234]), [
    '1 klient',
    '2 klienci',
    '4 klienci',
    '5 klientów',
    '12 klientów',
    '22 klienci',
    '25 klientów',
    '0 klientów',
    '1,5 klienta',
    '1234 klienci',
  ]);
  assert.deepEqual(forms('cli.profiles', [1, 3, 11]), ['1 profil', '3 profile', '11 profili']);
  assert.deepEqual(forms('cli.members', [1, 23, 5]), ['1 osoba', '23 osoby', '5 osób']);
  assert.equal(
    p.t('cli.status.imports', { imports: 2, rejects: 1 }),
    '2 importy, zachowano 1 odrzucony wiersz (`clientele rejects`)',
  );
  assert.equal(
    p.t('mining.trend.noSeason.week', { need: 104, have: 13 }),
    'dekompozycja sezonowa wymaga dwóch pełnych sezonów (104 tygodnie, sezonem jest rok); ten szereg ma 13 pełnych tygodni',
  );
  // English keeps one and other.
  assert.equal(speaker('en').t('cli.customers', { n: 1 }), '1 customer');
  assert.equal(speaker('en').t('cli.customers', { n: 1234 }), '1,234 customers');
});
