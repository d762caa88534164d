import assert from 'node:assert/strict';
import { it } from 'node:test';
import { itemNetwork } from '../../web/src/screens/mining/network-data.js';

it('itemNetwork() reads item support off the rules and keeps one edge per pair with lift above 1', () => {
  // Orders: 40% hold A, 25% B, 20% C; A+B in 15% (lift 1.5), B+C in 4% (lift 0.8: not a pair to show).
  const rules = [
    { antecedent: ['A'], consequent: ['B'], support: 0.15, confidence: 0.375, lift: 1.5 },
    { antecedent: ['B'], consequent: ['A'], support: 0.15, confidence: 0.6, lift: 1.5 },
    { antecedent: ['B'], consequent: ['C'], support: 0.04, confidence: 0.16, lift: 0.8 },
    { antecedent: ['A', 'B'], consequent: ['C'], support: 0.05, confidence: 0.33, lift: 1.67 },
  ];
  const net = itemNetwork(rules);
  assert.deepEqual(
    net.items.map((i) => [i.name, Math.round(i.support * 1000) / 1000]),
    [
      ['A', 0.4],
      ['B', 0.25],
    ],
  );
  assert.deepEqual(net.pairs, [{ a: 'A', b: 'B', lift: 1.5 }]);
});
