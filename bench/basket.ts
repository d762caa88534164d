// Benchmark: our FP-Growth against node-fpgrowth on Groceries and on 1M generated baskets.
// Run: node --import tsx bench/basket.ts [--baskets 1000000] [--runs 3]
// Each side is timed on its mining call only (ours on CSR, the peer on number[][]); the peer runs in
// a worker thread that is terminated when one run passes the time limit.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import {
  type Baskets,
  basketCount,
  basketsFromLists,
  fpGrowth,
  parseBasketText,
} from '../src/analytics/basket/index.js';

const { values } = parseArgs({
  options: {
    baskets: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    'peer-limit': { type: 'string', default: '120' },
  },
});
const GENERATED = Number(values.baskets);
const RUNS = Number(values.runs);
const PEER_LIMIT_S = Number(values['peer-limit']);

/** Wall-clock and CPU seconds of one mining call; CPU time is steadier on a shared machine. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

interface Outcome {
  /** Median wall-clock seconds of the completed runs, or null when the peer was stopped. */
  readonly seconds: number | null;
  /** Median CPU seconds of the completed runs, or null when the peer was stopped. */
  readonly cpu: number | null;
  readonly runs: Timing[];
  readonly itemsets: number | null;
  /** Sum of itemset counts: equal itemset counts and equal sums make a content mismatch unlikely. */
  readonly countSum: number | null;
}

/** Mulberry32 (Tommy Ettinger): a small seeded PRNG, so the generated baskets are the same every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Baskets of 1–10 distinct products out of 200 with Zipf popularity (weight 1/rank), plus planted
 * pairs: a basket holding the first product of a pair gets the second with the given probability.
 */
function generate(n: number, seed: number): Baskets {
  const products = 200;
  const planted: [number, number, number][] = [
    [3, 17, 0.5],
    [10, 40, 0.6],
    [25, 60, 0.7],
    [80, 81, 0.8],
  ];
  const cumulative = new Float64Array(products);
  let total = 0;
  for (let i = 0; i < products; i++) cumulative[i] = total += 1 / (i + 1);
  const random = mulberry32(seed);
  const draw = (): number => {
    const u = random() * total;
    let lo = 0;
    let hi = products - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const offsets = new Uint32Array(n + 1);
  const items = new Uint32Array(n * (10 + planted.length));
  const inBasket = new Int32Array(products).fill(-1);
  let at = 0;
  for (let b = 0; b < n; b++) {
    const size = 1 + Math.floor(random() * 10);
    const start = at;
    while (at - start < size) {
      const id = draw();
      if (inBasket[id] === b) continue;
      inBasket[id] = b;
      items[at++] = id;
    }
    for (const [first, second, p] of planted) {
      if (inBasket[first] === b && inBasket[second] !== b && random() < p) {
        inBasket[second] = b;
        items[at++] = second;
      }
    }
    offsets[b + 1] = at;
  }
  return {
    offsets,
    items: items.slice(0, at),
    itemNames: Array.from({ length: products }, (_, i) => `p${i}`),
  };
}

function medians(runs: Timing[]): { seconds: number; cpu: number } {
  return { seconds: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function runOurs(baskets: Baskets, minSupport: number): Outcome {
  const runs: Timing[] = [];
  let itemsets = 0;
  let countSum = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const mined = fpGrowth(baskets, { minSupport });
    const used = process.cpuUsage(cpu);
    runs.push({ wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 });
    itemsets = mined.counts.length;
    countSum = mined.counts.reduce((s, c) => s + c, 0);
  }
  return { ...medians(runs), runs, itemsets, countSum };
}

// The worker rebuilds number[][] from the CSR (untimed), then times FPGrowth.exec per run.
const PEER_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { FPGrowth } = require(workerData.module);
const { offsets, items, minSupport, runs } = workerData;
const transactions = [];
for (let b = 0; b + 1 < offsets.length; b++) transactions.push(Array.from(items.subarray(offsets[b], offsets[b + 1])));
parentPort.postMessage({ ready: true });
(async () => {
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const itemsets = await new FPGrowth(minSupport).exec(transactions);
    const used = process.cpuUsage(cpu);
    const wall = (performance.now() - start) / 1000;
    const countSum = itemsets.reduce((s, x) => s + x.support, 0);
    parentPort.postMessage({ wall, cpu: (used.user + used.system) / 1e6, itemsets: itemsets.length, countSum });
  }
})();
`;

function runPeer(baskets: Baskets, minSupport: number, runs: number): Promise<Outcome> {
  const module = createRequire(import.meta.url).resolve('node-fpgrowth');
  const worker = new Worker(PEER_WORKER, {
    eval: true,
    workerData: { module, offsets: baskets.offsets, items: baskets.items, minSupport, runs },
    resourceLimits: { maxOldGenerationSizeMb: 16384 },
  });
  const times: Timing[] = [];
  let itemsets: number | null = null;
  let countSum: number | null = null;
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (stopped: boolean) => {
      clearTimeout(timer);
      void worker.terminate();
      const timing = stopped ? { seconds: null, cpu: null } : medians(times);
      resolve({ ...timing, runs: times, itemsets, countSum });
    };
    const arm = () => {
      timer = setTimeout(() => done(true), PEER_LIMIT_S * 1000);
    };
    worker.on('message', (m: (Timing & { itemsets: number; countSum: number }) | { ready: true }) => {
      if ('ready' in m) {
        arm();
        return;
      }
      times.push({ wall: m.wall, cpu: m.cpu });
      itemsets = m.itemsets;
      countSum = m.countSum;
      clearTimeout(timer);
      if (times.length === runs) done(false);
      else arm();
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

interface Row {
  readonly data: string;
  readonly baskets: number;
  readonly minSupport: number;
  readonly ours: Outcome;
  readonly peer: Outcome;
}

const describe = (runs: Timing[]) =>
  runs.map((r) => `${r.wall.toFixed(3)} s (cpu ${r.cpu.toFixed(3)})`).join(', ') || 'no run finished';

const fmt = (s: number | null) => (s === null ? `> ${PEER_LIMIT_S}` : s.toFixed(3));

function ratio(peer: number | null, ours: number | null): string {
  if (ours === null) return 'n/a';
  return peer === null ? `> ${(PEER_LIMIT_S / ours).toFixed(0)}x` : `${(peer / ours).toFixed(1)}x`;
}

function printTable(rows: Row[]): void {
  const header = ['data', 'baskets', 'minSupport', 'itemsets ours', 'itemsets peer', 'equal'];
  header.push('ours s', 'peer s', 'peer/ours', 'ours cpu s', 'peer cpu s', 'cpu peer/ours');
  const lines = rows.map((r) => {
    const same = r.ours.itemsets === r.peer.itemsets && r.ours.countSum === r.peer.countSum;
    return [
      r.data,
      String(r.baskets),
      String(r.minSupport),
      String(r.ours.itemsets),
      String(r.peer.itemsets ?? 'n/a'),
      r.peer.itemsets === null ? 'n/a' : same ? 'yes' : 'NO',
      fmt(r.ours.seconds),
      fmt(r.peer.seconds),
      ratio(r.peer.seconds, r.ours.seconds),
      fmt(r.ours.cpu),
      fmt(r.peer.cpu),
      ratio(r.peer.cpu, r.ours.cpu),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(row(l));
}

async function main(): Promise<void> {
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  console.log(`node ${process.version}, ${cpus().length} cores, load ${load}`);
  console.log(`${RUNS} runs each (median), peer limit ${PEER_LIMIT_S} s a run`);
  const csv = new URL('../test/fixtures/datasets/groceries/groceries.csv', import.meta.url);
  const groceries = basketsFromLists(parseBasketText(readFileSync(csv, 'utf8')));
  const generated = generate(GENERATED, 20240601);
  const cases: [string, Baskets, number][] = [
    ['groceries', groceries, 0.001],
    ['generated', generated, 0.001],
  ];
  const rows: Row[] = [];
  for (const [data, baskets, minSupport] of cases) {
    const ours = runOurs(baskets, minSupport);
    console.log(`${data}: ours ${describe(ours.runs)}`);
    const peer = await runPeer(baskets, minSupport, RUNS);
    const note = peer.seconds === null ? ` (stopped after ${PEER_LIMIT_S} s)` : '';
    console.log(`${data}: peer ${describe(peer.runs)}${note}`);
    rows.push({ data, baskets: basketCount(baskets), minSupport, ours, peer });
  }
  console.log();
  printTable(rows);
}

await main();
