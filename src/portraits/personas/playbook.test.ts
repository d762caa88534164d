import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { speaker } from '../../i18n/index.js';
import { applyPlaybook, DEFAULT_PLAYBOOK, parsePlaybook } from './playbook.js';

// Repeat buyers, not at risk, worth more than the rest: the figures two cases below start from.
const REPEAT_BUYERS = {
  size: 800,
  stage: 'repeat',
  negative: false,
  preferredChannel: 'push',
  clvLift: 1.6,
  clvMean: 340,
  churnRiskMean: 0.25,
  revenuePerOrder: 120,
  revenueShare: 0.36,
};
describe('playbook', () => {
  test('a rule fires when every condition holds, quoting the figures and filling the effect', () => {
    const figures = {
      size: 1200,
      stage: 'repeat',
      negative: false,
      preferredChannel: 'email',
      clvLift: 1.8,
      clvMean: 300,
      churnRiskMean: 0.5,
      clvAtRisk: 180000,
    };
    const [action, ...rest] = applyPlaybook(DEFAULT_PLAYBOOK, figures);
    assert.equal(rest.length, 0);
    assert.equal(action?.rule, 'win-back valuable customers at risk');
    assert.equal(action?.evidence, 'CLV against everyone else = 1.8 (>= 1); mean churn risk = 0.5 (>= 0.4)');
    assert.equal(
      action?.action,
      'Send a personal win-back offer on email to the 1,200 members before they lapse.',
    );
    assert.match(action?.expectedEffect ?? '', /up to 180,000 of expected customer value/);
    // The same rule in Polish: the catalogue's sentences, Polish numbers and shares, the same rule name.
    const [polish] = applyPlaybook(DEFAULT_PLAYBOOK, figures, speaker('pl'));
    assert.equal(polish?.rule, action?.rule);
    assert.equal(
      polish?.action,
      'Wyślij osobistą ofertę powrotu w kanale email do osób z segmentu (1200), zanim odejdą.',
    );
    assert.match(polish?.expectedEffect ?? '', /^Chroni do 180\s000 .* ryzyko odejścia 50%\)\.$/);
    assert.equal(
      polish?.evidence,
      'CLV względem reszty klientów = 1,8 (warunek >= 1); średnie ryzyko odejścia = 0,5 (warunek >= 0,4)',
    );
  });

  test('amounts in the sentences carry the shop currency as the locale writes it, in Polish too', () => {
    const figures = { ...REPEAT_BUYERS, revenuePerOrder: 102 };
    const [pl] = applyPlaybook(DEFAULT_PLAYBOOK, figures, speaker('pl', 'PLN'));
    assert.match(pl?.expectedEffect ?? '', /około 102\s+zł/);
    assert.match(pl?.expectedEffect ?? '', /średnie CLV 340\s+zł/);
    const [en] = applyPlaybook(DEFAULT_PLAYBOOK, figures, speaker('en', 'USD'));
    assert.match(en?.expectedEffect ?? '', /about \$102; mean CLV \$340/);
    // A share is still a share, not money.
    assert.match(en?.expectedEffect ?? '', /mean churn risk 25%/);
  });

  test('repeat buyers not at risk are grown toward loyalty, and the most valuable looked after', () => {
    const figures = REPEAT_BUYERS;
    const actions = applyPlaybook(DEFAULT_PLAYBOOK, figures);
    assert.deepEqual(
      actions.map((a) => a.rule),
      ['grow repeat buyers toward loyalty', 'look after the most valuable'],
    );
    assert.match(
      actions[0]?.expectedEffect ?? '',
      /about 120; mean CLV 340 \(1\.6× everyone else\), mean churn risk 25%/,
    );
    assert.match(actions[1]?.expectedEffect ?? '', /They bring 36% of all revenue/);
  });

  test('a missing figure (no model run) makes its condition false', () => {
    assert.deepEqual(
      applyPlaybook(DEFAULT_PLAYBOOK, { stage: 'repeat', negative: false, clvLift: null }),
      [],
    );
  });

  test('parsePlaybook() reads a file of rules and names what is wrong', () => {
    const rules = parsePlaybook(
      {
        rules: [
          { name: 'vip', when: [{ figure: 'size', op: '>', value: 10 }], action: 'call {size}', effect: '' },
        ],
      },
      'p.json',
    );
    assert.deepEqual(
      applyPlaybook(rules, { size: 11 }).map((a) => a.action),
      ['call 11'],
    );
    assert.throws(
      () =>
        parsePlaybook([{ name: 'x', when: [{ figure: 'size', op: '~', value: 1 }], action: 'a' }], 'p.json'),
      {
        code: 'CLT_ERR_PERSONA_PLAYBOOK',
      },
    );
    assert.throws(() => parsePlaybook('nope', 'p.json'), { code: 'CLT_ERR_PERSONA_PLAYBOOK' });
  });
});
