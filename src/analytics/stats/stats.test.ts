import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { digamma, logAddExp, logHyp2f1, logSubExp } from './index.js';

function assertRel(actual: number, expected: number, rel: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

// Reference values from mpmath at 30 digits.
describe('logHyp2f1()', () => {
  test('matches mpmath, directly and where ₂F₁ overflows', () => {
    assertRel(logHyp2f1(0.3, 0.8, 1.3, 0.5), 0.12049696309486428, 1e-14, 'moderate');
    assertRel(logHyp2f1(1.2, 1.6, 2.2, 0.999999), 8.982111426525702, 1e-13, 'near z = 1');
    assertRel(
      logHyp2f1(10.465 + 3.0516 + 500, 10.465 + 500, 10.465 + 3.0516 + 501, 2.812 / 3.82),
      678.7569998841345,
      1e-13,
      'Pareto/NBD heavy buyer',
    );
    assertRel(
      logHyp2f1(300.243, 302.426, 302.219, 52 / 95.274),
      237.1158890894855,
      1e-13,
      'BG/NBD heavy buyer',
    );
    const huge = logHyp2f1(5013.5166, 5010.465, 5014.5166, 2.812 / 3.82);
    assertRel(huge, 6674.02191140572, 1e-12, 'beyond double range');
  });

  test('is 0 at z = 0 and refuses z outside [0, 1)', () => {
    assert.equal(logHyp2f1(2, 3, 4, 0), 0);
    assert.throws(() => logHyp2f1(2, 3, 4, 1), /invalid hypergeometric argument: z = 1/);
    assert.throws(() => logHyp2f1(2, 3, 4, -0.1), /invalid hypergeometric argument: z = -0.1/);
  });
});

describe('digamma()', () => {
  test('matches mpmath across its range', () => {
    const cases: [number, number][] = [
      [1e-8, -100000000.57721564],
      [0.243, -4.351093864423211],
      [1, -0.5772156649015329],
      [2.5, 0.7031566406452432],
      [9.99, 2.250700372831201],
      [37.2, 3.6028076865063574],
      [1e5, 11.512920464961894],
      [-0.5, 0.03648997397857652],
      [-2.3, 3.3173231575618227],
    ];
    for (const [x, want] of cases) assertRel(digamma(x), want, 1e-14, `ψ(${x})`);
  });

  test('is NaN at its poles', () => {
    assert.ok(Number.isNaN(digamma(0)));
    assert.ok(Number.isNaN(digamma(-3)));
    assert.ok(Number.isNaN(digamma(Number.NaN)));
  });
});

describe('logAddExp() and logSubExp()', () => {
  test('stay finite far outside the range of exp', () => {
    assertRel(logAddExp(-800, -801), -799.6867383124818, 1e-15, 'add');
    assert.equal(logAddExp(Number.NEGATIVE_INFINITY, 3), 3);
    assertRel(logSubExp(3, 3 - 1e-12), -24.63093221929813, 1e-9, 'close arguments');
    assertRel(logSubExp(2, -40), 2, 1e-15, 'far arguments');
    assert.equal(logSubExp(1, 1), Number.NEGATIVE_INFINITY);
    assert.throws(() => logSubExp(1, 2), /invalid logSubExp: 2 > 1/);
  });
});
