import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bfgs, minimize, nelderMead, numericalGradient } from './index.js';

const rosenbrock = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i] ?? 0;
    const b = x[i + 1] ?? 0;
    s += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return s;
};

const himmelblau = (x: Float64Array): number => {
  const [a = 0, b = 0] = x;
  return (a * a + b - 11) ** 2 + (a + b * b - 7) ** 2;
};

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs((actual[i] ?? 0) - (expected[i] ?? 0));
    assert.ok(d <= tol, `component ${i}: ${actual[i]} vs ${expected[i]} (diff ${d})`);
  }
}

describe('nelderMead()', () => {
  test('finds the Rosenbrock minimum from the classic start (-1.2, 1)', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { initialStep: 0.5, xTolerance: 1e-10, fTolerance: 1e-14 });
    assert.ok(r.converged);
    assertClose(r.x, [1, 1], 1e-6);
  });

  test('minimises a shifted quadratic in 6 dimensions', () => {
    const centre = [1, -2, 3, 0.5, -0.25, 10];
    const f = (x: Float64Array) => x.reduce((s, v, i) => s + (i + 1) * (v - (centre[i] ?? 0)) ** 2, 0);
    const r = nelderMead(f, new Float64Array(6), { initialStep: 1, xTolerance: 1e-9, fTolerance: 1e-16 });
    assert.ok(r.converged);
    assertClose(r.x, centre, 1e-6);
  });

  test('treats NaN and Infinity as places to avoid', () => {
    const f = (x: Float64Array) => ((x[0] ?? 0) < 0 ? Number.NaN : ((x[0] ?? 0) - 2) ** 2);
    const r = nelderMead(f, [0.5], { initialStep: 0.2 });
    assertClose(r.x, [2], 1e-6);
  });

  test('rejects a non-finite start', () => {
    assert.throws(() => nelderMead(rosenbrock, [Number.NaN, 1]), /invalid start: x\[0\] = NaN/);
    assert.throws(() => nelderMead(rosenbrock, []), /invalid start: empty point/);
  });
});

describe('bfgs()', () => {
  test('finds the Rosenbrock minimum with numerical gradients', () => {
    const r = bfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-7 });
    assert.ok(r.converged, `not converged after ${r.iterations}`);
    assertClose(r.x, [1, 1], 1e-5);
  });

  test('uses an analytic gradient when given', () => {
    const grad = (x: Float64Array) => {
      const [a = 0, b = 0] = x;
      return Float64Array.of(-400 * a * (b - a * a) - 2 * (1 - a), 200 * (b - a * a));
    };
    const r = bfgs(rosenbrock, [-1.2, 1], { gradient: grad, gradientTolerance: 1e-10 });
    assert.ok(r.converged);
    assertClose(r.x, [1, 1], 1e-8);
  });

  test('gives up cleanly at a non-finite start value', () => {
    const r = bfgs(() => Number.POSITIVE_INFINITY, [1, 2]);
    assert.equal(r.converged, false);
    assert.equal(r.iterations, 0);
  });
});

describe('minimize()', () => {
  test('solves the 10-dimensional Rosenbrock function', () => {
    const r = minimize(rosenbrock, new Float64Array(10));
    assert.ok(r.converged);
    assertClose(r.x, new Float64Array(10).fill(1), 1e-5);
  });

  test('lands on one of the four Himmelblau minima, each with value 0', () => {
    const minima = [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ];
    for (const start of [
      [0, 0],
      [-4, 4],
      [-4, -4],
      [4, -4],
    ]) {
      const r = minimize(himmelblau, start);
      assert.ok(r.converged);
      assert.ok(r.value < 1e-12);
      assert.ok(
        minima.some((m) => Math.hypot((r.x[0] ?? 0) - (m[0] ?? 0), (r.x[1] ?? 0) - (m[1] ?? 0)) < 1e-5),
      );
    }
  });

  test('starts with BFGS alone when given an analytic gradient', () => {
    const grad = (x: Float64Array) =>
      x.map((v, i) => {
        const prev = x[i - 1];
        const next = x[i + 1];
        let g = 0;
        if (next !== undefined) g += -400 * v * (next - v * v) - 2 * (1 - v);
        if (prev !== undefined) g += 200 * (v - prev * prev);
        return g;
      });
    const r = minimize(rosenbrock, new Float64Array(6), { gradient: grad });
    assert.ok(r.converged);
    assertClose(r.x, new Float64Array(6).fill(1), 1e-6);
  });

  test('handles a badly scaled valley (Beale function)', () => {
    const beale = (x: Float64Array) => {
      const [a = 0, b = 0] = x;
      return (1.5 - a + a * b) ** 2 + (2.25 - a + a * b * b) ** 2 + (2.625 - a + a * b ** 3) ** 2;
    };
    const r = minimize(beale, [1, 1]);
    assert.ok(r.converged);
    assertClose(r.x, [3, 0.5], 1e-6);
  });
});

describe('numericalGradient()', () => {
  test('matches the analytic gradient of a smooth function', () => {
    const f = (x: Float64Array) => Math.exp(x[0] ?? 0) * Math.sin(x[1] ?? 0) + (x[0] ?? 0) ** 3;
    const x = Float64Array.of(0.3, 1.1);
    const g = numericalGradient(f, x);
    assertClose(g, [Math.exp(0.3) * Math.sin(1.1) + 3 * 0.09, Math.exp(0.3) * Math.cos(1.1)], 1e-8);
  });
});
