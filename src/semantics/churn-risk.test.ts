import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AT_RISK, churnRiskOf, isAtRisk } from './churn-risk.js';

it('churn risk: the purchase-rhythm score first, the classifier only without it, at risk from 0.5', () => {
  const both = [
    { score: 'churn_probability', value: 0.01 },
    { score: 'churn_risk', value: 0.03 },
    { score: 'clv', value: 120 },
  ];
  assert.deepEqual(churnRiskOf(both), { score: 'churn_risk', value: 0.03 });
  assert.deepEqual(churnRiskOf(both.filter((s) => s.score !== 'churn_risk')), {
    score: 'churn_probability',
    value: 0.01,
  });
  // A churn_risk without a value does not hide the classifier's figure.
  assert.deepEqual(churnRiskOf([{ score: 'churn_risk', value: null }, both[0]!]), both[0]);
  assert.equal(churnRiskOf([{ score: 'clv', value: 5 }]), null);
  assert.equal(AT_RISK, 0.5);
  assert.equal(isAtRisk(0.5), true);
  assert.equal(isAtRisk(0.4999), false);
});
