import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitBinning } from './gbt-binning.js';
import { fitGbt, logLoss, mulberry32, predictGbt, rocAuc } from './index.js';

describe('fitBinning()', () => {
  it('gives each distinct value its own bin when there are few, edges at midpoints', () => {
    const b = fitBinning(Float64Array.from([3, 1, 2, 1, 3]), 5, 1);
    assert.deepEqual(Array.from(b.edges[0]!), [1.5, 2.5, Number.POSITIVE_INFINITY]);
    assert.deepEqual(Array.from(b.codes), [2, 0, 1, 0, 2]);
  });
  it('caps the bins at maxBins for many distinct values', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i);
    const b = fitBinning(x, 1000, 1, 10);
    assert.equal(b.edges[0]!.length, 10);
    assert.equal(Math.max(...b.codes), 9);
  });
});

describe('fitGbt()', () => {
  const random = mulberry32(5);
  const n = 2000;
  const x = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b, c] = [random(), random(), random()];
    x.set([a, b, c], i * 3);
    // An interaction no linear model captures: positive in two opposite quadrants.
    y[i] = a > 0.5 !== b > 0.5 ? (random() < 0.9 ? 1 : 0) : random() < 0.1 ? 1 : 0;
  }
  const data = { x, n, p: 3, y };
  it('learns an interaction and beats the base rate by far', () => {
    const model = fitGbt(data, { maxIterations: 50 });
    const prob = predictGbt(model, data);
    assert.ok(rocAuc(y, prob) > 0.85);
    assert.ok(logLoss(y, prob) < 0.45);
    assert.ok(prob.every((v) => v > 0 && v < 1));
  });
  it('is deterministic', () => {
    assert.deepEqual(
      predictGbt(fitGbt(data, { maxIterations: 5 }), data),
      predictGbt(fitGbt(data, { maxIterations: 5 }), data),
    );
  });
  it('never splits an all-identical feature and stays finite on separable classes', () => {
    const flat = {
      x: new Float64Array(40).fill(2),
      n: 40,
      p: 1,
      y: Array.from({ length: 40 }, (_, i) => i % 2),
    };
    assert.ok(fitGbt(flat, { maxIterations: 3 }).trees.every((t) => t.feature[0] === -1));
    const sep = {
      x: Float64Array.from({ length: 60 }, (_, i) => i),
      n: 60,
      p: 1,
      y: Array.from({ length: 60 }, (_, i) => (i < 30 ? 0 : 1)),
    };
    const prob = predictGbt(fitGbt(sep), sep);
    assert.ok(prob.every(Number.isFinite) && prob[0]! < 0.05 && prob[59]! > 0.95);
  });
  it('rejects a third label value, empty input and bad options', () => {
    assert.throws(
      () => fitGbt({ x: Float64Array.from([1, 2]), n: 2, p: 1, y: [0, 2] }),
      /invalid label at row 1: 2/,
    );
    assert.throws(() => fitGbt({ x: new Float64Array(0), n: 0, p: 1, y: [] }), /empty input/);
    assert.throws(() => fitGbt(data, { maxLeafNodes: 1 }), /invalid maxLeafNodes: 1/);
    assert.throws(() => fitGbt(data, { learningRate: 0 }), /invalid learningRate: 0/);
  });
});
