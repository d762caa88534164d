/**
 * The models against their peers and goals, each in one run with its peer.
 *
 *   bash ../shared/peers/setup.sh     # scikit-learn for the system python, once
 *   node --import tsx bench/models.ts [--rows 1000000] [--customers 1000000] [--runs 3]
 *
 * (a) L2 logistic regression (C = 1) against scikit-learn's LogisticRegression(lbfgs), through
 *     ../shared/peers/logit_sklearn.py on the same CSVs: Telco on the churn test's split and encoding
 *     (test/fixtures/peers/telco.ts), and a seeded generated set of `--rows` training rows × 20 features.
 *     Only the fits are timed, ours and scikit-learn's (the script reports its own fit seconds).
 * (b) BG/NBD + Gamma-Gamma on `--customers` customers simulated from planted parameters: summary of the
 *     transactions, compression to (x, t_x, T) patterns and both fits, timed together, against 5 s.
 * Medians of `--runs` runs, except scikit-learn on the generated set (one run). The load average is
 * printed beside the figures: the machine is shared, so the seconds are upper bounds.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fitLogistic, mulberry32, predictLogistic, rocAuc } from '../src/analytics/classify/index.js';
import {
  type BgNbdParams,
  compressHistories,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaParams,
  summarizeTransactions,
} from '../src/analytics/clv/index.js';
import { gammaVariate, uniforms } from '../src/analytics/clv/simulate.fixture.test.js';
import type { BinaryData } from '../src/analytics/regression/index.js';
import { telcoSplit } from '../test/fixtures/peers/telco.js';
import { runPeer } from './peer.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    customers: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    // The peer's OpenMP/BLAS threads (its own default when not given).
    'peer-threads': { type: 'string' },
  },
});
const rows = Number(values.rows);
const customers = Number(values.customers);
const runs = Number(values.runs);
const peerEnv = values['peer-threads']
  ? { ...process.env, OMP_NUM_THREADS: values['peer-threads'], OPENBLAS_NUM_THREADS: values['peer-threads'] }
  : process.env;
const dir = join('.tmp', 'bench', 'models');

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const seconds = (fn: () => void): number => {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
};

interface PeerLine {
  peer: string;
  seconds: number;
  roc_auc: number;
  /** CPU seconds of the fit, all threads. */
  cpu: number;
}

/** Writes a design and its 0/1 label as CSV, streamed (a million rows would not fit in one string). */
async function writeCsv(path: string, data: BinaryData, names: readonly string[], label: string) {
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((ok) => out.once('drain', () => ok()));
  await write(`${[...names, label].join(',')}\n`);
  let chunk = '';
  for (let i = 0; i < data.n; i++) {
    const row = data.x.subarray(i * data.p, (i + 1) * data.p);
    chunk += `${Array.from(row, (v) => String(v)).join(',')},${data.y[i]}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
}

/** scikit-learn's LogisticRegression line of the peer script on the two CSVs. */
function sklearnLogit(train: string, test: string, label: string): PeerLine {
  const { lines, cpu } = runPeer(
    'logit_sklearn.py',
    [train, test, label],
    'sklearn.linear_model.LogisticRegression',
    peerEnv,
  );
  const line = lines.find((l) => String(l.peer).includes('LogisticRegression'));
  if (!line) throw new Error(`no LogisticRegression line from the peer: ${JSON.stringify(lines)}`);
  return { ...(line as unknown as PeerLine), cpu: cpu[0]! };
}

/** Ours against scikit-learn on one train/test pair; `peerRuns` scikit-learn runs. */
async function compareLogistic(
  name: string,
  train: BinaryData,
  test: BinaryData,
  names: readonly string[],
  peerRuns: number,
) {
  const trainCsv = join(dir, `${name}-train.csv`);
  const testCsv = join(dir, `${name}-test.csv`);
  await writeCsv(trainCsv, train, names, 'label');
  await writeCsv(testCsv, test, names, 'label');
  const ours: number[] = [];
  const oursCpu: number[] = [];
  let auc = Number.NaN;
  let iterations = 0;
  for (let r = 0; r < runs; r++) {
    let model: ReturnType<typeof fitLogistic> | undefined;
    const c = process.cpuUsage();
    ours.push(seconds(() => (model = fitLogistic(train, { penalty: 'l2', c: 1 }))));
    const used = process.cpuUsage(c);
    oursCpu.push((used.user + used.system) / 1e6);
    auc = rocAuc(test.y, predictLogistic(model!, test));
    iterations = model!.iterations;
  }
  const peer: PeerLine[] = [];
  for (let r = 0; r < peerRuns; r++) peer.push(sklearnLogit(trainCsv, testCsv, 'label'));
  const peerSeconds = median(peer.map((p) => p.seconds));
  const peerCpu = median(peer.map((p) => p.cpu));
  const peerAuc = peer[0]!.roc_auc;
  console.log(
    `${name}: ${train.n.toLocaleString()} train × ${train.p} features, ${test.n.toLocaleString()} test  (load ${load()})`,
  );
  console.log(
    `  ours fitLogistic(l2, C=1)          ${median(ours).toFixed(3)} s  CPU ${median(oursCpu).toFixed(3)} s   AUC ${auc.toFixed(6)}  (${iterations} iterations; runs ${ours.map((s) => s.toFixed(3)).join(', ')})`,
  );
  console.log(
    `  scikit-learn LogisticRegression    ${peerSeconds.toFixed(3)} s  CPU ${peerCpu.toFixed(3)} s   AUC ${peerAuc.toFixed(6)}  (${peerRuns} run${peerRuns > 1 ? 's' : ''}: ${peer.map((p) => p.seconds.toFixed(3)).join(', ')})`,
  );
  console.log(
    `  fit seconds ratio (ours / sklearn) ${(median(ours) / peerSeconds).toFixed(2)}×, CPU ${(median(oursCpu) / peerCpu).toFixed(2)}×   AUC difference (ours − sklearn) ${(auc - peerAuc).toExponential(2)}`,
  );
}

/** `n` rows × `p` standard normal features, y ~ Bernoulli(sigmoid(−1 + x·β)), β planted; seeded. */
function generateLogistic(n: number, p: number, seed: number) {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const beta = Array.from({ length: p }, (_, j) => (j % 2 ? -1 : 1) * (0.1 + (0.9 * j) / p));
  const x = new Float64Array(n * p);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = -1;
    for (let j = 0; j < p; j++) {
      const v = normal();
      x[i * p + j] = v;
      eta += beta[j]! * v;
    }
    y[i] = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { x, n, p, y, names: Array.from({ length: p }, (_, j) => `x${j + 1}`) };
}

/**
 * Transactions of `n` BG/NBD customers with Gamma-Gamma spend, in days: each customer's first purchase
 * falls in the first 12 weeks, the calibration ends on day 273 (39 weeks), purchase days are whole.
 * Fader, Hardie & Lee (2005) eq. 1–2 for the purchases, Fader, Hardie & Lee (2005b) for the spend.
 */
function simulateTransactions(n: number, bg: BgNbdParams, gg: GammaGammaParams, seed: number) {
  const u = uniforms(seed);
  const customer: number[] = [];
  const time: number[] = [];
  const amount: number[] = [];
  const end = 273;
  for (let i = 0; i < n; i++) {
    const lambda = gammaVariate(u, bg.r) / bg.alpha / 7;
    const ga = gammaVariate(u, bg.a);
    const dropout = ga / (ga + gammaVariate(u, bg.b));
    const nu = gammaVariate(u, gg.q) / gg.gamma;
    const first = Math.floor(u() * 84);
    let t = first;
    for (;;) {
      customer.push(i);
      time.push(Math.floor(t));
      amount.push(gammaVariate(u, gg.p) / nu);
      if (u() < dropout && t > first) break;
      t += -Math.log(1 - u()) / lambda;
      if (t >= end) break;
    }
  }
  return {
    customer: Float64Array.from(customer),
    time: Float64Array.from(time),
    amount: Float64Array.from(amount),
  };
}

await mkdir(dir, { recursive: true });
console.log(`machine: load average ${load()} (1, 5, 15 min); ${runs} runs, medians`);
// The peer's thread pools (BLAS, OpenMP) as threadpoolctl sees them in the same interpreter and environment:
// ours is one thread, so the CPU ratio is printed beside the wall one.
console.log(
  `scikit-learn threads: ${execFileSync(
    '/usr/bin/python3',
    [
      '-c',
      'import json, sklearn.linear_model; from threadpoolctl import threadpool_info; print(json.dumps({i["internal_api"]: i["num_threads"] for i in threadpool_info()}))',
    ],
    { encoding: 'utf8', env: peerEnv },
  ).trim()}; ours: 1`,
);

// (a) Telco: the split and encoding of src/analytics/classify/churn.test.ts.
{
  const { train, test } = telcoSplit();
  await compareLogistic('telco', train, test, train.names, runs);
}

// (a) Generated: `rows` training rows and a quarter as many test rows, 20 features.
{
  const all = generateLogistic(Math.round(rows * 1.25), 20, 20261126);
  const cut = rows * all.p;
  const train: BinaryData = { ...all, n: rows, x: all.x.subarray(0, cut), y: all.y.subarray(0, rows) };
  const test: BinaryData = { ...all, n: all.n - rows, x: all.x.subarray(cut), y: all.y.subarray(rows) };
  await compareLogistic('generated', train, test, all.names, 1);
}

// (b) BG/NBD + Gamma-Gamma on simulated customers, planted at the CDNOW estimates.
{
  const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
  const tx = simulateTransactions(customers, bg, gg, 7);
  const times: number[] = [];
  let report = '';
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const summary = summarizeTransactions(tx, { calibrationEnd: 273, unit: 'week' });
    const patterns = compressHistories(summary);
    const fit = fitBgNbd(patterns);
    const spend = fitGammaGamma({ x: summary.x, zbar: summary.monetary! });
    times.push((performance.now() - t) / 1000);
    const p = fit.params;
    const s = spend.params;
    report =
      `  planted BG/NBD r ${bg.r} α ${bg.alpha} a ${bg.a} b ${bg.b}; Gamma-Gamma p ${gg.p} q ${gg.q} γ ${gg.gamma}\n` +
      `  fitted  BG/NBD r ${p.r.toFixed(4)} α ${p.alpha.toFixed(3)} a ${p.a.toFixed(4)} b ${p.b.toFixed(3)} (${fit.iterations} it.); ` +
      `Gamma-Gamma p ${s.p.toFixed(3)} q ${s.q.toFixed(3)} γ ${s.gamma.toFixed(2)} (${spend.iterations} it.)\n` +
      `  ${summary.x.length.toLocaleString()} customers, ${patterns.x.length.toLocaleString()} (x, t_x, T) patterns, ${tx.customer.length.toLocaleString()} transactions`;
    console.log(`clv run ${r + 1}: ${times.at(-1)!.toFixed(2)} s (load ${load()})`);
  }
  const m = median(times);
  console.log(`BG/NBD + Gamma-Gamma, ${customers.toLocaleString()} customers  (load ${load()})`);
  console.log(report);
  console.log(
    `  summary + compression + both fits  ${m.toFixed(2)} s   goal 5 s   ratio ${(m / 5).toFixed(2)}× ${m < 5 ? '(met)' : '(missed)'}`,
  );
}
