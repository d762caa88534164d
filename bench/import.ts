/**
 * Import throughput against the physical limit: DuckDB's own read_csv into a plain table.
 *
 *   node --import tsx bench/import.ts [--rows 10000000] [--runs 3]
 *
 * The orders file comes from the demo generator (cached under .tmp/bench/). Both sides read the same
 * file into a fresh database file, alternately, and the medians are compared. Ours includes what a
 * real import does: validation, mapping, typed conversion, rejects, keys for idempotence, the import
 * log and one transaction. A re-import (every row a duplicate) is timed too. Each side's CPU time (all of
 * the process's threads: DuckDB's and Node's) is printed beside its wall time, and the load average with
 * the ratios, since on a shared machine the wall times follow the load.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateDemo } from '../src/demo/index.js';
import { importFile } from '../src/ingest/index.js';
import { openWarehouse } from '../src/store/index.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '3' } },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const dir = join('.tmp', 'bench');
const ORDERS_PER_CUSTOMER = 3.2; // the demo business's mean over its window (docs/demo-data.md)

async function ordersFile(): Promise<string> {
  const file = join(dir, `orders-${rows}.csv`);
  if (existsSync(file)) return file;
  const gen = join(dir, `gen-${rows}`);
  const customers = Math.ceil(rows / ORDERS_PER_CUSTOMER);
  let generated = 0;
  console.log(
    `generating the demo business with ${customers.toLocaleString()} customers for ${rows.toLocaleString()} orders…`,
  );
  for (let attempt = 1; generated < rows; attempt++) {
    await rm(gen, { recursive: true, force: true });
    const result = await generateDemo({
      customers: Math.ceil(customers * attempt * 1.1),
      seed: 7,
      outDir: gen,
    });
    generated = result.files.orders?.rows ?? 0;
  }
  // Keep the header and the first `rows` orders.
  const out = createWriteStream(file);
  let n = -1;
  for await (const line of createInterface({ input: createReadStream(join(gen, 'orders.csv')) })) {
    if (n++ >= rows) break;
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  await rm(gen, { recursive: true, force: true });
  return file;
}

// Seconds of CPU the whole process spent since `from` (user and system, every thread).
const cpuSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

async function bare(file: string): Promise<{ wall: number; cpu: number }> {
  const path = join(dir, 'bare.duckdb');
  await rm(path, { force: true });
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    const t = performance.now();
    const c = process.cpuUsage();
    await connection.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${file}')`);
    return { wall: (performance.now() - t) / 1000, cpu: cpuSince(c) };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(path, { force: true });
  }
}

async function ours(
  file: string,
): Promise<{ first: number; firstCpu: number; again: number; accepted: number }> {
  const path = join(dir, 'ours.duckdb');
  await rm(path, { force: true });
  const db = await openWarehouse(path);
  try {
    const c = process.cpuUsage();
    const first = await importFile(db, file, { kind: 'orders' });
    const firstCpu = cpuSince(c);
    const again = await importFile(db, file, { kind: 'orders' });
    if (again.accepted !== 0) throw new Error(`re-import added ${again.accepted} rows`);
    return { first: first.seconds, firstCpu, again: again.seconds, accepted: first.accepted };
  } finally {
    await db.close();
    await rm(path, { force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

await mkdir(dir, { recursive: true });
const file = await ordersFile();
const bareTimes: number[] = [];
const bareCpu: number[] = [];
const ourTimes: number[] = [];
const ourCpu: number[] = [];
const againTimes: number[] = [];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
for (let r = 0; r < runs; r++) {
  const b = await bare(file);
  bareTimes.push(b.wall);
  bareCpu.push(b.cpu);
  const o = await ours(file);
  ourTimes.push(o.first);
  ourCpu.push(o.firstCpu);
  againTimes.push(o.again);
  console.log(
    `run ${r + 1}: bare ${b.wall.toFixed(2)} s (cpu ${b.cpu.toFixed(2)} s), ours ${o.first.toFixed(2)} s (cpu ${o.firstCpu.toFixed(2)} s, ${o.accepted.toLocaleString()} rows), re-import ${o.again.toFixed(2)} s; load ${load()}`,
  );
}
const b = median(bareTimes);
const o = median(ourTimes);
const bc = median(bareCpu);
const oc = median(ourCpu);
console.log(`\norders file: ${file}, ${rows.toLocaleString()} rows, medians of ${runs} runs, load ${load()}`);
console.log(
  `DuckDB read_csv → table   ${b.toFixed(2)} s   ${Math.round(rows / b).toLocaleString()} rows/s   cpu ${bc.toFixed(2)} s`,
);
console.log(
  `clientele import          ${o.toFixed(2)} s   ${Math.round(rows / o).toLocaleString()} rows/s   cpu ${oc.toFixed(2)} s`,
);
console.log(`clientele re-import       ${median(againTimes).toFixed(2)} s   (every row a duplicate)`);
console.log(`ratio (ours / bare rows/s) ${(b / o).toFixed(2)}   goal ≥ 0.70`);
console.log(`ratio of CPU time (bare / ours) ${(bc / oc).toFixed(2)}`);
