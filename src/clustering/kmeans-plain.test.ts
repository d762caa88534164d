import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalDraw } from '../analytics/classify/random.js';
import { kmeans, kmeansPlusPlus, type Matrix } from './index.js';
import { meanColumnVariance } from './matrix.js';
import { createAssigner } from './pool.js';
import { mulberry32 } from './random.js';

// The bounds in assign.ts (Hamerly's) skip distance computations, never change a label: k-means must give what
// plain Lloyd gives from the same centres, every distance computed at every step, same stopping rule.
function plainLloyd(m: Matrix, k: number, init: Float64Array, maxIter = 300, tol = 1e-4) {
  const { data, rows, cols } = m;
  const limit = tol * meanColumnVariance(m);
  const labels = new Int32Array(rows).fill(-1);
  let centres = init.slice();
  let iterations = 0;
  const assign = () => {
    let changed = 0;
    let inertia = 0;
    for (let r = 0; r < rows; r++) {
      let best = -1;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < cols; j++) s += (data[r * cols + j]! - centres[c * cols + j]!) ** 2;
        if (s < bestDistance) {
          bestDistance = s;
          best = c;
        }
      }
      if (labels[r] !== best) changed++;
      labels[r] = best;
      inertia += bestDistance;
    }
    return { changed, inertia };
  };
  for (let it = 0; it < maxIter; it++) {
    const { changed } = assign();
    iterations = it + 1;
    const counts = new Float64Array(k);
    const next = new Float64Array(k * cols);
    for (let r = 0; r < rows; r++) {
      counts[labels[r]!]!++;
      for (let j = 0; j < cols; j++) next[labels[r]! * cols + j]! += data[r * cols + j]!;
    }
    for (let c = 0; c < k; c++) {
      assert.ok(counts[c]! > 0, 'the reference has no empty-cluster relocation: pick data without one');
      for (let j = 0; j < cols; j++) next[c * cols + j]! /= counts[c]!;
    }
    let shift = 0;
    for (let i = 0; i < next.length; i++) shift += (next[i]! - centres[i]!) ** 2;
    centres = next;
    if ((it > 0 && changed === 0) || shift <= limit) break;
  }
  const { inertia } = assign();
  return { labels, centres, inertia, iterations };
}

// Random rows: overlapping Gaussian blobs (so that many rows sit near a boundary and the bounds are tested),
// or one uniform cloud with no structure at all.
function randomMatrix(rows: number, cols: number, blobs: number, seed: number): Matrix {
  const random = mulberry32(seed);
  const centres = Array.from({ length: blobs }, () =>
    Array.from({ length: cols }, () => 2 * normalDraw(random)),
  );
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const c = Math.floor(random() * blobs);
    for (let j = 0; j < cols; j++)
      data[r * cols + j] = blobs === 1 ? random() : centres[c]![j]! + (0.5 + random()) * normalDraw(random);
  }
  return { data, rows, cols };
}

describe('kmeans() against plain Lloyd', () => {
  const cases = [
    { rows: 6000, cols: 8, blobs: 8, k: 8, seed: 1 },
    { rows: 5000, cols: 3, blobs: 5, k: 4, seed: 2 },
    { rows: 4000, cols: 2, blobs: 1, k: 6, seed: 3 },
    { rows: 3000, cols: 5, blobs: 3, k: 10, seed: 4 },
    // Wider than UNROLL_MAX: the step with loops over the columns (assign-kernel.ts).
    { rows: 1500, cols: 150, blobs: 1, k: 5, seed: 5 },
  ];
  for (const c of cases) {
    it(`gives the same labels, iterations, centres and inertia (${c.rows} × ${c.cols}, k = ${c.k}, ${c.blobs === 1 ? 'uniform' : `${c.blobs} blobs`})`, async () => {
      const m = randomMatrix(c.rows, c.cols, c.blobs, c.seed);
      const init = kmeansPlusPlus(m, c.k, mulberry32(c.seed + 100));
      const plain = plainLloyd(m, c.k, init);
      const fit = await kmeans(m, { k: c.k, init, threads: 1 });
      assert.ok(plain.iterations > 3, `the case needs several iterations (${plain.iterations})`);
      assert.equal(fit.iterations, plain.iterations);
      assert.deepEqual(fit.labels, plain.labels);
      // Our cluster sums follow the rows that move instead of being added up afresh: equal up to rounding.
      assert.ok(
        Math.abs(fit.inertia - plain.inertia) <= 1e-9 * plain.inertia,
        `${fit.inertia} vs ${plain.inertia}`,
      );
      for (let i = 0; i < init.length; i++) assert.ok(Math.abs(fit.centres[i]! - plain.centres[i]!) < 1e-9);
    });
  }
  // Threads are off below 50 000 rows by default; forced on a small input, the worker's share of the blocks
  // (the generated step run as a script) must give what the main thread's gives, bit for bit.
  it('gives the same on two threads as on one, and as plain Lloyd (9 000 × 6, k = 7, forced threads)', async () => {
    const m = randomMatrix(9000, 6, 7, 5);
    const init = kmeansPlusPlus(m, 7, mulberry32(105));
    const plain = plainLloyd(m, 7, init);
    const one = await kmeans(m, { k: 7, init, threads: 1 });
    const two = await kmeans(m, { k: 7, init, threads: 2 });
    assert.equal(two.threads, 2);
    assert.equal(two.iterations, plain.iterations);
    assert.deepEqual(two.labels, plain.labels);
    assert.equal(two.iterations, one.iterations);
    assert.deepEqual(two.labels, one.labels);
    assert.deepEqual(two.centres, one.centres);
    assert.equal(two.inertia, one.inertia);
    assert.ok(Math.abs(two.inertia - plain.inertia) <= 1e-9 * plain.inertia);
  });

  // The WebAssembly step (assign-wasm.ts, two centres per SIMD lane pair) against the JavaScript one
  // (assign-kernel.ts) and against the plain nearest centre, step after step of Lloyd's iterations: same
  // labels as every distance computed afresh, and the same bounds and block partials bit for bit.
  for (const c of [
    { rows: 20_000, cols: 8, k: 8, threads: 1 },
    { rows: 12_000, cols: 3, k: 5, threads: 1 },
    { rows: 15_000, cols: 7, k: 11, threads: 2 },
  ]) {
    it(`WebAssembly and JavaScript steps agree bit for bit with plain assignment (${c.rows} × ${c.cols}, k = ${c.k}, ${c.threads} thread(s))`, async () => {
      const m = randomMatrix(c.rows, c.cols, c.k, 40 + c.k);
      let centres = kmeansPlusPlus(m, c.k, mulberry32(c.k));
      // Room for more centres than used, as chooseK leaves (the partials' stride follows k).
      const wasm = createAssigner(m, { maxK: c.k + 2, threads: c.threads });
      const script = createAssigner(m, { maxK: c.k + 2, threads: c.threads, wasm: false });
      try {
        for (let it = 0; it < 12; it++) {
          const exact = it === 11;
          const a = await wasm.step(centres, c.k, exact);
          const b = await script.step(centres, c.k, exact);
          assert.deepEqual(wasm.buffers.labels, script.buffers.labels, `labels, step ${it}`);
          assert.deepEqual(wasm.buffers.upper, script.buffers.upper, `upper bounds, step ${it}`);
          assert.deepEqual(wasm.buffers.lower, script.buffers.lower, `lower bounds, step ${it}`);
          assert.deepEqual(a, b, `totals, step ${it}`);
          // Plain assignment: every distance, the first nearest centre on ties.
          for (let r = 0; r < m.rows; r++) {
            let best = -1;
            let bestDistance = Number.POSITIVE_INFINITY;
            for (let q = 0; q < c.k; q++) {
              let s = 0;
              for (let j = 0; j < c.cols; j++) s += (m.data[r * c.cols + j]! - centres[q * c.cols + j]!) ** 2;
              if (s < bestDistance) {
                bestDistance = s;
                best = q;
              }
            }
            assert.equal(wasm.buffers.labels[r], best, `row ${r}, step ${it}`);
          }
          const next = new Float64Array(c.k * c.cols);
          for (let q = 0; q < c.k; q++) {
            assert.ok(a.counts[q]! > 0);
            for (let j = 0; j < c.cols; j++) next[q * c.cols + j] = a.sums[q * c.cols + j]! / a.counts[q]!;
          }
          centres = next;
        }
      } finally {
        await wasm.close();
        await script.close();
      }
    });
  }
});
