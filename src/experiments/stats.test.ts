import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  differenceInterval,
  msprt,
  probabilityToBeat,
  sampleSizePerVariant,
  twoProportionZ,
  welchT,
} from './stats.js';

// Figures computed by test/fixtures/experiments/reference.py with statsmodels 0.13.5 and scipy 1.10.
const REF = JSON.parse(
  readFileSync(new URL('../../test/fixtures/experiments/reference.json', import.meta.url), 'utf8'),
) as {
  proportions: { c1: number; n1: number; c0: number; n0: number; z: number; p: number }[];
  welch: { x1: number[]; x0: number[]; t: number; p: number; df: number }[];
  beat: { cB: number; nB: number; cA: number; nA: number; p: number }[];
};

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

test("twoProportionZ() equals statsmodels' proportions_ztest to 1e-9", () => {
  for (const r of REF.proportions) {
    const got = twoProportionZ(r.c1, r.n1, r.c0, r.n0);
    close(got.statistic, r.z, 1e-9, `z ${JSON.stringify(r)}`);
    close(got.pValue, r.p, 1e-9, `p ${JSON.stringify(r)}`);
  }
});

test("welchT() equals statsmodels' ttest_ind(usevar='unequal') to 1e-9", () => {
  for (const r of REF.welch) {
    const got = welchT(r.x1, r.x0);
    close(got.statistic, r.t, 1e-9, 't');
    close(got.df, r.df, 1e-9, 'df');
    close(got.pValue, r.p, 1e-9, 'p');
  }
});

test('probabilityToBeat() equals the quadrature of the Beta posteriors to 1e-9', () => {
  for (const r of REF.beat) close(probabilityToBeat(r.cB, r.nB, r.cA, r.nA), r.p, 1e-9, JSON.stringify(r));
});

test('msprt() is always valid: with no effect, looking after every batch rejects at most about alpha', () => {
  // A seeded LCG so the check is the same every run.
  let s = 12345;
  const u = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  let rejected = 0;
  const runs = 200;
  for (let run = 0; run < runs; run++) {
    let c1 = 0;
    let c0 = 0;
    let n = 0;
    let hit = false;
    for (let look = 0; look < 40 && !hit; look++) {
      for (let i = 0; i < 50; i++) {
        c1 += u() < 0.1 ? 1 : 0;
        c0 += u() < 0.1 ? 1 : 0;
      }
      n += 50;
      if (msprt(c1, n, c0, n, 0.02).alwaysValidP < 0.05) hit = true;
    }
    if (hit) rejected++;
  }
  assert.ok(rejected / runs <= 0.08, `false positives ${rejected}/${runs}`);
  // A real effect is found.
  assert.ok(msprt(300, 2000, 200, 2000, 0.02).alwaysValidP < 0.01);
});

test('sampleSizePerVariant() gives the textbook figure and differenceInterval() covers the difference', () => {
  // 10 % → 12 % at alpha 0.05, power 0.8: 3,841 per arm (the same closed form in scipy gives 3841).
  assert.equal(sampleSizePerVariant(0.1, 0.2), 3841);
  const [lo, hi] = differenceInterval(120, 1000, 100, 1000);
  assert.ok(lo < 0.02 && 0.02 < hi);
});
