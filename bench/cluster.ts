/**
 * Our k-means against scikit-learn's KMeans (Lloyd, n_init = 1) on the same matrix from the same centres.
 *
 *   bash ../shared/peers/setup.sh     # scikit-learn for the system python, once
 *   node --import tsx bench/cluster.ts [--rows 1000000] [--cols 8] [--k 8] [--runs 3]
 *                                      [--threads N] [--peer-threads N]
 *
 * The matrix is seeded and cluster-structured: `--k` Gaussian blobs of unequal sizes and spreads whose
 * centres are close enough that the clusters overlap, so Lloyd needs tens of iterations. Our k-means++
 * picks the starting centres once; both sides start from them (written to CSV for the peer, at full
 * precision) with tol 1e-4 and max_iter 300. Only the fits are timed: scikit-learn reports its own fit
 * seconds, ours includes copying the rows to shared memory and starting the worker. CPU seconds (all
 * threads) of both fits are printed beside the wall seconds, since the machine is shared and the two
 * sides may use different numbers of threads (`--threads`, `--peer-threads` set them). Medians of
 * `--runs` runs; the load average is printed beside them.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { normalDraw } from '../src/analytics/classify/random.js';
import { kmeans, kmeansPlusPlus, type Matrix } from '../src/clustering/index.js';
import { mulberry32 } from '../src/clustering/random.js';
import { runPeer } from './peer.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    cols: { type: 'string', default: '8' },
    k: { type: 'string', default: '8' },
    runs: { type: 'string', default: '3' },
    dir: { type: 'string', default: '.tmp/bench-cluster' },
    // Threads on each side: ours (the assignment step's), and the peer's OpenMP/BLAS threads.
    threads: { type: 'string' },
    'peer-threads': { type: 'string' },
  },
});
const ROWS = Number(values.rows);
const COLS = Number(values.cols);
const K = Number(values.k);
const RUNS = Number(values.runs);
const THREADS = values.threads === undefined ? undefined : Number(values.threads);
const peerEnv = values['peer-threads']
  ? { ...process.env, OMP_NUM_THREADS: values['peer-threads'], OPENBLAS_NUM_THREADS: values['peer-threads'] }
  : process.env;

function generate(): Matrix {
  const random = mulberry32(20_260_601);
  const centres = Array.from({ length: K }, () =>
    Array.from({ length: COLS }, () => 1.5 * normalDraw(random)),
  );
  const spreads = Array.from({ length: K }, () => 1 + 1.5 * random());
  const weights = Array.from({ length: K }, () => 0.5 + random());
  const total = weights.reduce((a, b) => a + b, 0);
  const data = new Float64Array(ROWS * COLS);
  for (let r = 0; r < ROWS; r++) {
    let u = random() * total;
    let c = 0;
    while (c < K - 1 && u > weights[c]!) u -= weights[c++]!;
    for (let j = 0; j < COLS; j++) data[r * COLS + j] = centres[c]![j]! + spreads[c]! * normalDraw(random);
  }
  return { data, rows: ROWS, cols: COLS };
}

async function writeCsv(path: string, m: Matrix, header: boolean): Promise<void> {
  const out = createWriteStream(path);
  if (header) out.write(`${Array.from({ length: m.cols }, (_, j) => `x${j}`).join(',')}\n`);
  const lines: string[] = [];
  for (let r = 0; r < m.rows; r++) {
    const row: string[] = [];
    for (let j = 0; j < m.cols; j++) row.push(String(m.data[r * m.cols + j]));
    lines.push(row.join(','));
    if (lines.length === 10_000 || r === m.rows - 1) {
      if (!out.write(`${lines.join('\n')}\n`))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      lines.length = 0;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await mkdir(values.dir, { recursive: true });
const m = generate();
const init = kmeansPlusPlus(m, K, mulberry32(1));
const points = join(values.dir, 'points.csv');
const centres = join(values.dir, 'centres.csv');
await writeCsv(points, m, true);
await writeCsv(centres, { data: init, rows: K, cols: COLS }, false);

type Run = { seconds: number; cpu: number; inertia: number; iterations: number; threads: unknown };
const peer: Run[] = [];
const ours: Run[] = [];
for (let run = 0; run < RUNS; run++) {
  const { lines, cpu } = runPeer(
    'kmeans_sklearn.py',
    [points, String(K), '--init', centres],
    'sklearn.cluster.KMeans',
    peerEnv,
  );
  peer.push({ ...(lines.at(-1) as Omit<Run, 'cpu'>), cpu: cpu[0]! });
  const c = process.cpuUsage();
  const t = performance.now();
  const fit = await kmeans(m, { k: K, init, ...(THREADS !== undefined && { threads: THREADS }) });
  const used = process.cpuUsage(c);
  ours.push({
    seconds: (performance.now() - t) / 1000,
    cpu: (used.user + used.system) / 1e6,
    inertia: fit.inertia,
    iterations: fit.iterations,
    threads: fit.threads,
  });
}
const oursSeconds = median(ours.map((r) => r.seconds));
const peerSeconds = median(peer.map((r) => r.seconds));
const oursCpu = median(ours.map((r) => r.cpu));
const peerCpu = median(peer.map((r) => r.cpu));
const inertiaDiff = (100 * (ours[0]!.inertia - peer[0]!.inertia)) / peer[0]!.inertia;
console.log(
  `k-means, ${ROWS.toLocaleString('en')} × ${COLS}, k = ${K}, same k-means++ centres, tol 1e-4 (${availableParallelism()} cores, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})`,
);
console.log(
  `  ours          ${oursSeconds.toFixed(3)} s  CPU ${oursCpu.toFixed(3)} s  (runs ${ours.map((r) => r.seconds.toFixed(3)).join(', ')}; ${ours[0]!.threads} threads)  inertia ${ours[0]!.inertia.toPrecision(10)}  iterations ${ours[0]!.iterations}`,
);
console.log(
  `  scikit-learn  ${peerSeconds.toFixed(3)} s  CPU ${peerCpu.toFixed(3)} s  (runs ${peer.map((r) => r.seconds.toFixed(3)).join(', ')}; threads ${JSON.stringify(peer[0]!.threads)})  inertia ${peer[0]!.inertia.toPrecision(10)}  iterations ${peer[0]!.iterations}`,
);
console.log(
  `  ratio ours / scikit-learn ${(oursSeconds / peerSeconds).toFixed(2)} (goal ≤ 1), CPU ${(oursCpu / peerCpu).toFixed(2)}   inertia difference ${inertiaDiff.toFixed(4)} % (goal |·| ≤ 0.1 %)`,
);
