import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32, stratifiedSplit, timeSplit } from './index.js';

describe('mulberry32()', () => {
  it('reproduces the reference sequence of seed 1', () => {
    // First outputs of the C reference implementation for seed 1, compiled and run once (uint32 / 2³²).
    const r = mulberry32(1);
    assert.deepEqual(
      [r(), r(), r()].map((v) => Math.round(v * 4294967296)),
      [2693262067, 11749833, 2265367787],
    );
  });
});

describe('stratifiedSplit()', () => {
  const labels = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 'Yes' : 'No'));
  it('keeps each class share in both parts and partitions the rows', () => {
    const { train, test } = stratifiedSplit(labels, { testFraction: 0.3, seed: 7 });
    assert.equal(train.length + test.length, 1000);
    assert.equal(new Set([...train, ...test]).size, 1000);
    assert.equal(Array.from(test).filter((i) => labels[i] === 'Yes').length, 75);
    assert.equal(test.length, 300);
  });
  it('is deterministic in the seed and changes with it', () => {
    const a = stratifiedSplit(labels, { seed: 3 });
    assert.deepEqual(stratifiedSplit(labels, { seed: 3 }), a);
    assert.notDeepEqual(stratifiedSplit(labels, { seed: 4 }).test, a.test);
  });
  it('rejects empty input and a bad fraction', () => {
    assert.throws(() => stratifiedSplit([]), /empty input/);
    assert.throws(() => stratifiedSplit([1, 0], { testFraction: 1 }), /invalid testFraction: 1/);
  });
});

describe('timeSplit()', () => {
  const times = [5, 1, 3, 3, 9, 7, 2, 8, 4, 6];
  it('puts rows at or after the cutoff in test', () => {
    const s = timeSplit(times, { cutoff: 7 });
    assert.deepEqual(Array.from(s.test), [4, 5, 7]);
    assert.equal(s.train.length, 7);
  });
  it('finds the cutoff for the most recent share of rows', () => {
    const s = timeSplit(times, { testFraction: 0.2 });
    assert.equal(s.cutoff, 8);
    assert.deepEqual(Array.from(s.test), [4, 7]);
  });
  it('rejects a NaN time', () => {
    assert.throws(() => timeSplit([1, Number.NaN], { cutoff: 1 }), /invalid time at row 1: NaN/);
  });
});
