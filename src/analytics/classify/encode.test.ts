import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeLabel, encodeRows, fitEncoder, fitStandardizer, standardize } from './index.js';

describe('fitEncoder() and encodeRows()', () => {
  const rows = [
    { plan: 'Month-to-month', total: '29.85', tenure: 1 },
    { plan: 'Two year', total: ' ', tenure: 0 },
    { plan: 'One year', total: '1889.5', tenure: 34 },
    { plan: 'Month-to-month', total: '108.15', tenure: 2 },
  ];
  it('one-hot encodes with the first level dropped and reads blank numbers as missing', () => {
    const encoder = fitEncoder(rows, [
      { name: 'tenure', kind: 'numeric' },
      { name: 'total', kind: 'numeric', missing: 'zero' },
      { name: 'plan', kind: 'categorical' },
    ]);
    assert.deepEqual(encoder.names, ['tenure', 'total', 'plan_One year', 'plan_Two year']);
    const d = encodeRows(encoder, rows);
    assert.deepEqual(Array.from(d.x), [1, 29.85, 0, 0, 0, 0, 0, 1, 34, 1889.5, 1, 0, 2, 108.15, 0, 0]);
    assert.equal(encoder.columns[1]?.kind === 'numeric' && encoder.columns[1].missingInFit, 1);
  });
  it('fills missing numbers with the training median when asked', () => {
    const encoder = fitEncoder(rows, [{ name: 'total', kind: 'numeric', missing: 'median' }]);
    assert.equal(encodeRows(encoder, rows).x[1], 108.15);
  });
  it('refuses a missing number by default, naming column and row', () => {
    assert.throws(
      () => fitEncoder(rows, [{ name: 'total', kind: 'numeric' }]),
      /missing value in column 'total' at row 1/,
    );
  });
  it('refuses text in a numeric column', () => {
    assert.throws(
      () => fitEncoder([{ a: '12' }, { a: 'abc' }], [{ name: 'a', kind: 'numeric' }]),
      /invalid number in column 'a' at row 1: 'abc'/,
    );
  });
  it('encodes a level unseen in training as the reference level', () => {
    const encoder = fitEncoder(rows, [{ name: 'plan', kind: 'categorical' }]);
    assert.deepEqual(Array.from(encodeRows(encoder, [{ plan: 'Weekly' }]).x), [0, 0]);
  });
  it('rejects empty input', () => {
    assert.throws(() => fitEncoder([], [{ name: 'plan', kind: 'categorical' }]), /empty input/);
  });
});

describe('encodeLabel()', () => {
  it('maps the two values to 1 and 0 and names a third', () => {
    assert.deepEqual(Array.from(encodeLabel(['Yes', 'No', ' Yes'], 'Yes', 'No')), [1, 0, 1]);
    assert.throws(
      () => encodeLabel(['Yes', 'Maybe'], 'Yes', 'No'),
      /invalid label at row 1: 'Maybe' \(expected 'Yes' or 'No'\)/,
    );
  });
});

describe('fitStandardizer()', () => {
  it('uses the population standard deviation and leaves constant columns unscaled', () => {
    const s = fitStandardizer({ x: Float64Array.from([1, 5, 3, 5]), n: 2, p: 2 });
    assert.deepEqual(Array.from(s.mean), [2, 5]);
    assert.deepEqual(Array.from(s.scale), [1, 1]);
    assert.deepEqual(
      Array.from(standardize(s, { x: Float64Array.from([1, 5, 3, 5]), n: 2, p: 2 }).x),
      [-1, 0, 1, 0],
    );
  });
});
