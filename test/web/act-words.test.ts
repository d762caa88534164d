import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { setLang } from '../../web/src/i18n/index.js';
import {
  durationWords,
  failureWords,
  stepWords,
  thenWords,
  triggerWords,
  variantTitle,
} from '../../web/src/screens/act/act-words.js';
import {
  filterWords,
  journeyDescription,
  nameTitle,
  ruleClause,
  stepTitle,
} from '../../web/src/segment-words.js';

// The Act screens' words (issue 14): saved things by their titles, placement rules and journey conditions as
// sentences, in English and Polish.

const sp = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

afterEach(() => setLang('en'));

it('a saved name reads as words, a play’s parts by the play’s title', () => {
  assert.equal(nameTitle('welcome_back'), 'Welcome back');
  assert.equal(nameTitle('old_crm'), 'Old CRM');
  assert.equal(nameTitle('play-at-risk'), 'At risk: win-back play');
  assert.equal(nameTitle('wait-2'), 'Wait 2');
  assert.equal(variantTitle('free_shipping'), 'Free shipping');
  assert.equal(variantTitle('holdout'), 'Held out', 'a title, as every variant is');
  setLang('pl');
  assert.equal(nameTitle('play-at-risk'), 'Zagrożeni odejściem: akcja odzyskania');
  assert.equal(variantTitle('holdout'), 'Wstrzymani');
});

it('a placement’s rule reads as a sentence, with the visit’s own fields named', () => {
  assert.equal(
    ruleClause('local_hour >= 22 or local_hour < 6'),
    'local hour is at least 22 or local hour is below 6',
  );
  assert.equal(ruleClause("device = 'mobile'"), 'device is “Phone”');
  assert.equal(ruleClause("weekday in ('saturday', 'sunday')"), 'day of the week is “Saturday” or “Sunday”');
  assert.equal(ruleClause('is_new = true'), 'a new visitor');
  assert.equal(ruleClause("last_viewed_category = 'shoes'"), 'last category viewed is “shoes”');
  assert.equal(ruleClause('local_hour >='), null, 'not a rule: the caller shows it as written');
  setLang('pl');
  assert.equal(
    ruleClause('local_hour >= 22 or local_hour < 6'),
    'godzina lokalna: co najmniej 22 lub godzina lokalna: poniżej 6',
  );
  assert.equal(ruleClause("weekday = 'saturday'"), 'dzień tygodnia: „sobota”');
  assert.equal(ruleClause('is_new = false'), 'powracający odwiedzający');
});

it('an event’s property filters read as words', () => {
  assert.equal(
    sp(filterWords('revenue >= 50, coupon = true')),
    'with revenue of at least $50.00 and a coupon',
  );
  assert.equal(sp(filterWords('quantity >= 3')), 'with at least 3 items');
  assert.equal(filterWords('revenue >='), null);
  setLang('pl');
  assert.equal(
    sp(filterWords('revenue >= 50, coupon = false')),
    '(przychód: co najmniej 50,00 USD i bez kuponu)',
  );
  assert.equal(sp(filterWords('quantity >= 5')), '(co najmniej 5 sztuk)');
});

it('a wait reads as words, with Polish plural forms', () => {
  assert.equal(durationWords('1d'), '1 day');
  assert.equal(durationWords('3d'), '3 days');
  assert.equal(durationWords('30m'), '30 minutes');
  setLang('pl');
  assert.deepEqual(['1h', '2h', '5h', '22h', '1.5h'].map(durationWords), [
    '1 godzinę',
    '2 godziny',
    '5 godzin',
    '22 godziny',
    '1,5 godziny',
  ]);
  assert.deepEqual(['1d', '3d', '7d'].map(durationWords), ['1 dzień', '3 dni', '7 dni']);
  assert.deepEqual(['1w', '2w', '5w'].map(durationWords), ['1 tydzień', '2 tygodnie', '5 tygodni']);
});

it('a journey’s trigger and steps name nothing by its key', () => {
  assert.equal(
    triggerWords({ kind: 'segment', segment: 'repeat_buyers', on: 'enter' }),
    'they enter the segment “Repeat buyers”',
  );
  assert.equal(
    sp(triggerWords({ kind: 'event', event: 'Order Completed', where: 'revenue >= 50' })),
    'they do “Completed an order” with revenue of at least $50.00',
  );
  assert.equal(
    triggerWords({ kind: 'score', score: 'churn_risk', above: 0.7 }),
    'Churn risk rises above 70%',
  );
  const steps = [
    { id: 'wait_a_week', kind: 'wait', duration: '7d', until: '10:00' },
    { id: 'still_at_risk', kind: 'branch', if: "in segment 'play-at-risk'", goto: 'last_call', else: 'done' },
    { id: 'last_call', kind: 'email', campaign: 'win_back' },
    { id: 'done', kind: 'exit' },
  ] as const;
  const flow = steps.map((s, i) => `${nameTitle(s.id)}: ${stepWords(s)}${thenWords(steps, i)}`);
  assert.deepEqual(flow, [
    'Wait a week: wait 7 days, wait until 10:00 on their clock',
    'Still at risk: if in the segment “At risk: win-back play”, go to Last call; the others → Done',
    'Last call: send the e-mail of the campaign “Win back”',
    'Done: leave the journey',
  ]);
  setLang('pl');
  assert.equal(stepWords(steps[0]), 'czekaj 7 dni, czekaj do 10:00 według jego zegara');
});

it('a shipped play’s steps, variants and description read in the page’s language; typed ones stay as typed', () => {
  const steps = [
    { id: 'holdout', kind: 'branch', experiment: 'play-at-risk', variants: { control: 'held-out' } },
    { id: 'morning', kind: 'wait', until: '10:00' },
    { id: 'still-at-risk', kind: 'branch', if: "in segment 'play-at-risk'", goto: 'reminder', else: 'done' },
    { id: 'reminder', kind: 'email', campaign: 'play-at-risk' },
    { id: 'done', kind: 'exit' },
    { id: 'held-out', kind: 'exit' },
  ] as const;
  const flow = (journey: string) =>
    steps.map(
      (s, i) => `${stepTitle(journey, s.id)}: ${stepWords(s, journey)}${thenWords(steps, i, journey)}`,
    );
  assert.equal(flow('play-at-risk')[1], 'Wait for the morning: wait until 10:00 on their clock');
  assert.equal(
    journeyDescription('play-at-risk', "At-risk win-back with a discount (play 'at-risk')"),
    'Wins back customers at risk of leaving, with a discount',
  );
  setLang('pl');
  assert.deepEqual(flow('play-at-risk'), [
    'Odłóż grupę kontrolną: według wariantu w eksperymencie „Zagrożeni odejściem: akcja odzyskania”: Grupa kontrolna → Koniec dla grupy kontrolnej; pozostali → Poczekaj do rana',
    'Poczekaj do rana: czekaj do 10:00 według jego zegara',
    'Nadal zagrożeni?: jeśli w segmencie „Zagrożeni odejściem: akcja odzyskania”, przejdź do Wyślij przypomnienie; pozostali → Koniec',
    'Wyślij przypomnienie: wyślij e-mail kampanii „Zagrożeni odejściem: akcja odzyskania”',
    'Koniec: opuść ścieżkę',
    'Koniec dla grupy kontrolnej: opuść ścieżkę',
  ]);
  assert.equal(variantTitle('control', 'play-at-risk'), 'Grupa kontrolna');
  assert.equal(
    journeyDescription('play-at-risk', "At-risk win-back with a discount (play 'at-risk')"),
    'Odzyskuje klientów zagrożonych odejściem, z rabatem',
  );
  // A person's own journey: its steps and description as typed, whatever their ids.
  assert.equal(stepTitle('welcome', 'morning'), 'Morning');
  assert.equal(journeyDescription('welcome', 'Our welcome series'), 'Our welcome series');
  assert.equal(
    journeyDescription('play-at-risk', 'Win back, edited by Ania'),
    'Win back, edited by Ania',
    'a play’s description a person rewrote stays as written',
  );
});

it('a failed delivery says what happened in words; the raw cause is not the sentence', () => {
  assert.equal(
    failureWords({ status: null, reason: 'refused' }),
    'could not connect to the address: nothing there accepts connections',
  );
  assert.equal(failureWords({ status: null, reason: 'timeout' }), 'the receiver did not answer in time');
  assert.equal(
    failureWords({ status: 500, reason: 'status' }),
    'the receiver failed with an error of its own (500)',
  );
  assert.equal(failureWords({ status: 401, reason: 'status' }), 'the receiver refused our credentials (401)');
  assert.equal(failureWords({ status: null, reason: 'something new' }), 'could not connect to the address');
  setLang('pl');
  assert.equal(
    failureWords({ status: null, reason: 'refused' }),
    'nie udało się połączyć z adresem: nic pod nim nie przyjmuje połączeń',
  );
  assert.equal(failureWords({ status: 503, reason: 'status' }), 'u odbiorcy wystąpił jego własny błąd (503)');
});
