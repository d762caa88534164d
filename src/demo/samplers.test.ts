import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hash32, Rng, scramble48, seedOf } from './prng.js';
import { beta, Categorical, exponential, gamma, normal, poisson } from './samplers.js';

const N = 200_000;

function moments(draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < N; i++) {
    const x = draw();
    sum += x;
    sq += x * x;
  }
  const mean = sum / N;
  return { mean, variance: sq / N - mean * mean };
}

// Within `k` standard errors of the mean.
function near(actual: number, expected: number, sd: number, k = 5): void {
  const se = sd / Math.sqrt(N);
  assert.ok(
    Math.abs(actual - expected) < k * se,
    `${actual} is not within ${k} standard errors of ${expected}`,
  );
}

describe('Rng', () => {
  it('repeats its stream for a seed and differs across seeds', () => {
    const a = new Rng(seedOf(7, 1));
    const b = new Rng(seedOf(7, 1));
    const c = new Rng(seedOf(7, 2));
    const xs = Array.from({ length: 5 }, () => a.uint32());
    assert.deepEqual(
      Array.from({ length: 5 }, () => b.uint32()),
      xs,
    );
    assert.notDeepEqual(
      Array.from({ length: 5 }, () => c.uint32()),
      xs,
    );
  });

  it('draws uniforms in (0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(1);
    const m = moments(() => rng.next());
    near(m.mean, 0.5, Math.sqrt(1 / 12));
    assert.ok(Math.abs(m.variance - 1 / 12) < 0.002);
  });

  it('writes version 4 UUIDs', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 100; i++) {
      assert.match(rng.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('hash32 and scramble48 are bijections on what they are given', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(hash32(i));
    assert.equal(seen.size, 100_000);
    const ids = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const y = scramble48(i * 4096 + (i % 7), 42);
      assert.ok(y >= 0 && y < 2 ** 48 && Number.isInteger(y));
      ids.add(y);
    }
    assert.equal(ids.size, 100_000);
  });
});

describe('samplers', () => {
  it('exponential(rate) has mean 1/rate', () => {
    const rng = new Rng(2);
    near(moments(() => exponential(rng, 4)).mean, 0.25, 0.25);
  });

  it('normal has mean 0 and variance 1', () => {
    const rng = new Rng(4);
    const m = moments(() => normal(rng));
    near(m.mean, 0, 1);
    assert.ok(Math.abs(m.variance - 1) < 0.02);
  });

  for (const [shape, rate] of [
    [0.75, 12],
    [3.5, 40],
    [6, 0.5],
  ] as const) {
    it(`gamma(${shape}, ${rate}) has mean shape/rate and variance shape/rate²`, () => {
      const rng = new Rng(5);
      const m = moments(() => gamma(rng, shape, rate));
      near(m.mean, shape / rate, Math.sqrt(shape) / rate);
      assert.ok(Math.abs(m.variance / (shape / rate ** 2) - 1) < 0.05, `variance ${m.variance}`);
    });
  }

  it('beta(0.8, 4) has mean a/(a+b)', () => {
    const rng = new Rng(6);
    const a = 0.8;
    const b = 4;
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    near(moments(() => beta(rng, a, b)).mean, a / (a + b), sd);
  });

  for (const mean of [0.4, 3, 29, 30, 250]) {
    it(`poisson(${mean}) has mean and variance ${mean}`, () => {
      const rng = new Rng(7);
      const m = moments(() => poisson(rng, mean));
      near(m.mean, mean, Math.sqrt(mean));
      assert.ok(Math.abs(m.variance / mean - 1) < 0.03, `variance ${m.variance}`);
    });
  }

  it('Categorical draws items in proportion to their weights', () => {
    const rng = new Rng(8);
    const c = new Categorical(['a', 'b', 'c'], [1, 2, 7]);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < N; i++) {
      const item = c.sample(rng);
      counts[item] = (counts[item] ?? 0) + 1;
    }
    near((counts.c ?? 0) / N, 0.7, Math.sqrt(0.21));
    near((counts.a ?? 0) / N, 0.1, Math.sqrt(0.09));
  });
});
