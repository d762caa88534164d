import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalDraw } from '../analytics/classify/random.js';
import { parseFeature } from './behaviour.js';
import {
  adjustedRandIndex,
  chooseK,
  decodeCentre,
  encodeFeatures,
  kmeans,
  kmeansPlusPlus,
  type Matrix,
  silhouette,
  stability,
} from './index.js';
import { mulberry32 } from './random.js';

// `perCluster` points around each of `centres` (Gaussian, sd `spread`), shuffled, with their true cluster.
function blobs(
  centres: number[][],
  perCluster: number,
  spread: number,
  seed: number,
): { m: Matrix; truth: number[] } {
  const random = mulberry32(seed);
  const cols = centres[0]!.length;
  const rows = centres.length * perCluster;
  const order = Array.from({ length: rows }, (_, i) => i).sort(() => 0);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const data = new Float64Array(rows * cols);
  const truth: number[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = order[i]! % centres.length;
    truth[i] = c;
    for (let j = 0; j < cols; j++) data[i * cols + j] = centres[c]![j]! + spread * normalDraw(random);
  }
  return { m: { data, rows, cols }, truth };
}

const FOUR = [
  [0, 0, 0],
  [8, 0, 0],
  [0, 8, 0],
  [0, 0, 8],
];

describe('adjustedRandIndex()', () => {
  it("matches scikit-learn's adjusted_rand_score on its documented examples", () => {
    assert.equal(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]), 1);
    assert.ok(Math.abs(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]) - 0.5714285714285714) < 1e-12);
    assert.equal(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]), 0);
    assert.ok(Math.abs(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) - -0.5) < 1e-12);
    assert.ok(
      Math.abs(adjustedRandIndex([0, 0, 1, 1, 2, 2], ['a', 'a', 'b', 'c', 'c', 'c']) - 0.4444444444444444) <
        1e-12,
    );
    assert.equal(adjustedRandIndex([0, 0, 0], [5, 5, 5]), 1);
  });
});

describe('silhouette()', () => {
  it('equals the hand computation (9/11 + 7/9) / 2 on four points in two pairs', () => {
    const m = { data: new Float64Array([0, 1, 5, 6]), rows: 4, cols: 1 };
    assert.ok(Math.abs(silhouette(m, [0, 0, 1, 1]) - (9 / 11 + 7 / 9) / 2) < 1e-12);
  });
  it("matches scikit-learn's silhouette_score with a singleton cluster (scored 0)", () => {
    const m = { data: new Float64Array([0, 0, 0, 1, 4, 0, 4, 2, 9, 9]), rows: 5, cols: 2 };
    assert.ok(Math.abs(silhouette(m, [0, 0, 1, 1, 1]) - 0.283802112117355) < 1e-12);
  });
});

describe('kmeans()', () => {
  it('recovers four well-separated blobs exactly (ARI 1) and converges', async () => {
    const { m, truth } = blobs(FOUR, 500, 1, 3);
    const fit = await kmeans(m, { k: 4, seed: 1 });
    assert.equal(adjustedRandIndex(truth, fit.labels), 1);
    assert.ok(fit.converged);
    assert.deepEqual(
      [...fit.sizes].sort((a, b) => a - b),
      [500, 500, 500, 500],
    );
  });
  it('k-means++ puts one starting centre in each well-separated blob', () => {
    const { m } = blobs(FOUR, 200, 0.5, 4);
    const centres = kmeansPlusPlus(m, 4, mulberry32(2));
    const near = new Set<number>();
    for (let c = 0; c < 4; c++) {
      const x = [centres[c * 3]!, centres[c * 3 + 1]!, centres[c * 3 + 2]!];
      near.add(FOUR.findIndex((f) => f.every((v, j) => Math.abs(v - x[j]!) < 3)));
    }
    assert.deepEqual([...near].sort(), [0, 1, 2, 3]);
  });
  it('gives identical labels, centres, inertia and iterations on one thread and on two (same seed)', async () => {
    const { m } = blobs(
      [
        [0, 0, 0, 0],
        [3, 1, 0, 2],
        [1, 3, 2, 0],
        [2, 2, 3, 3],
        [0, 3, 1, 2],
      ],
      12_000,
      1.2,
      5,
    );
    const one = await kmeans(m, { k: 5, seed: 9, threads: 1 });
    const two = await kmeans(m, { k: 5, seed: 9, threads: 2 });
    assert.equal(one.threads, 1);
    assert.equal(two.threads, 2);
    assert.equal(two.inertia, one.inertia);
    assert.equal(two.iterations, one.iterations);
    assert.deepEqual(two.centres, one.centres);
    assert.deepEqual(two.labels, one.labels);
  });
  it('starts from given centres and refills an empty cluster with the farthest point', async () => {
    const m = { data: new Float64Array([0, 0.1, 0.2, 10, 10.1]), rows: 5, cols: 1 };
    const fit = await kmeans(m, { k: 3, init: new Float64Array([0, 100, 200]) });
    // Both empty clusters take the farthest points (10.1, then 10), as scikit-learn's relocation does.
    assert.deepEqual(fit.sizes, [3, 1, 1]);
    assert.ok(Math.abs(fit.inertia - 0.02) < 1e-12);
  });
  it('rejects a k larger than the rows', async () => {
    await assert.rejects(
      kmeans({ data: new Float64Array([1, 2]), rows: 2, cols: 1 }, { k: 3 }),
      /invalid k: 3/,
    );
  });
});

describe('chooseK()', () => {
  it('chooses k = 4 on four blobs and explains it with every k from 2 to 8', async () => {
    const { m } = blobs(FOUR, 300, 1, 6);
    const chosen = await chooseK(m, { seed: 1 });
    assert.equal(chosen.k, 4);
    assert.deepEqual(
      chosen.scores.map((s) => s.k),
      [2, 3, 4, 5, 6, 7, 8],
    );
    assert.match(chosen.reason, /^k = 4 has the highest silhouette/);
  });
});

describe('stability()', () => {
  it('is near 1 for well-separated blobs and lower for one round cloud cut in five', async () => {
    const { m } = blobs(FOUR, 300, 1, 7);
    const fit = await kmeans(m, { k: 4, seed: 1 });
    const stable = await stability(m, fit.labels, 4, { seed: 1 });
    assert.ok(stable.meanAri > 0.99, `${stable.meanAri}`);
    const cloud = blobs([[0, 0, 0]], 1200, 1, 8).m;
    const cut = await kmeans(cloud, { k: 5, seed: 1 });
    const loose = await stability(cloud, cut.labels, 5, { seed: 1 });
    assert.ok(loose.meanAri < stable.meanAri - 0.05, `${loose.meanAri}`);
  });
});

describe('encodeFeatures()', () => {
  it('takes log1p of a skewed count, fills missing values with the median and decodes centres', () => {
    const orders = [1, 1, 2, 1, 3, 1, 2, 50, Number.NaN, 1];
    const age = [20, 30, 40, Number.NaN, 50, 60, 30, 40, 50, 20];
    const device = [
      'mobile',
      'desktop',
      null,
      'mobile',
      'mobile',
      'desktop',
      'mobile',
      'mobile',
      'desktop',
      'mobile',
    ];
    const e = encodeFeatures([
      { kind: 'numeric', name: 'orders', values: orders },
      { kind: 'numeric', name: 'age', values: age },
      { kind: 'categorical', name: 'device', values: device },
    ]);
    assert.equal(e.matrix.cols, 4);
    const [o, a, d] = e.features;
    assert.ok(o?.kind === 'numeric' && o.transform === 'log1p' && o.missing === 1 && o.median === 1);
    assert.ok(a?.kind === 'numeric' && a.transform === 'none' && a.missing === 1 && a.median === 40);
    assert.ok(d?.kind === 'categorical' && d.missing === 1);
    assert.deepEqual(d.levels, ['desktop', 'mobile']);
    // The mean of a column of z-scores is 0, so the all-zero centre decodes to each feature's centre.
    const centre = decodeCentre(e, new Float64Array(4));
    assert.ok(Math.abs((centre.age as number) - a.mean) < 1e-9);
    assert.ok(Math.abs((centre.device as Record<string, number>).mobile! - 6 / 9) < 1e-12);
    // The whole one-hot block has the variance of one standardized feature.
    let v = 0;
    for (let r = 0; r < 10; r++) for (const c of [2, 3]) v += e.matrix.data[r * 4 + c]! ** 2 / 10;
    assert.ok(Math.abs(v - 9 / 10) < 1e-9, `${v}`);
  });

  it('encodes share vectors as one block of variance weight², a missing row at the mean shares', () => {
    // Three people's shares over three levels, one without any (NaN row).
    const shares = [1, 0, 0, 0.5, 0.5, 0, Number.NaN, Number.NaN, Number.NaN, 0, 0, 1];
    const e = encodeFeatures([
      { kind: 'numeric', name: 'age', values: [20, 30, 40, 50] },
      { kind: 'shares', name: 'channels', levels: ['web', 'app', 'store'], values: shares, weight: 2 },
    ]);
    assert.equal(e.matrix.cols, 4);
    const s = e.features[1];
    assert.ok(s?.kind === 'shares' && s.missing === 1 && s.column === 1);
    assert.deepEqual(s.shares, [0.5, 0.5 / 3, 1 / 3]);
    // The missing row sits at 0 (the mean) in every column of the block.
    for (let c = 1; c < 4; c++) assert.equal(e.matrix.data[2 * 4 + c], 0);
    // Over the rows that have shares, the block's total variance is weight² = 4.
    let v = 0;
    for (const r of [0, 1, 3]) for (let c = 1; c < 4; c++) v += e.matrix.data[r * 4 + c]! ** 2 / 3;
    assert.ok(Math.abs(v - 4) < 1e-9, `${v}`);
    const centre = decodeCentre(e, e.matrix.data.subarray(4, 8)).channels as Record<string, number>;
    assert.ok(Math.abs(centre.web! - 0.5) < 1e-12 && Math.abs(centre.app! - 0.5) < 1e-12);
  });

  it('parses behavioural groups with a parameter and weights', () => {
    assert.deepEqual(parseFeature('categories:8*1.5'), {
      text: 'categories:8*1.5',
      name: 'categories',
      parameter: 8,
      weight: 1.5,
    });
    assert.deepEqual(parseFeature(' age '), { text: 'age', name: 'age', weight: 1 });
    assert.throws(() => parseFeature('hours:5'), /hours:N takes N in/);
    assert.throws(() => parseFeature('devices:3'), /takes no :N/);
    assert.throws(() => parseFeature('age*0'), /weight/);
  });
});
