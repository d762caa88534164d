/**
 * The generator's driver: builds the world, writes headers, products and spend, then streams chunks of
 * persons (inline or from worker threads) to the files in index order, and finally writes truth.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { productRow } from './catalog.js';
import type { ChunkResult } from './chunk.js';
import { generateChunk } from './chunk.js';
import { COLUMNS } from './columns.js';
import { csvRow } from './csv.js';
import { FUZZY_FILE, plantFuzzyDuplicates } from './fuzzy.js';
import { type GenerateOptions, type GenerateResult, resolveOptions } from './options.js';
import { OUTPUTS, type OutputKind } from './out.js';
import { spendRows } from './spend.js';
import { Stats, TRUTH_COLUMNS, truthDocument } from './truth.js';
import { chunksFromWorkers } from './workers.js';
import { buildWorld } from './world.js';
import { OutputFiles } from './writer.js';

/** Persons per chunk: large enough to amortise messaging, small enough to keep memory flat. */
export const CHUNK_SIZE = 500;
// Below this many chunks starting workers (each builds the world, and compiles under tsx) costs more than it saves.
const MIN_CHUNKS_FOR_WORKERS = 20;

/** Generates the demo business into `options.outDir`. */
export async function generateDemo(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const o = resolveOptions(options, Math.min(2, availableParallelism()));
  await mkdir(o.outDir, { recursive: true });
  const world = buildWorld(o);
  const files = await OutputFiles.create(o.outDir);
  const rows = Object.fromEntries(OUTPUTS.map((k) => [k, 0])) as Record<OutputKind, number>;
  const stats = new Stats();
  try {
    for (const kind of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
      await files.write(kind, csvRow(COLUMNS[kind]));
    }
    await files.write('truth', csvRow(TRUTH_COLUMNS));
    await files.write('products', world.catalog.products.map((p) => csvRow(productRow(p))).join(''));
    rows.products = world.catalog.products.length;
    const spend = spendRows(world);
    await files.write('spend', spend.text);
    rows.spend = spend.rows;
    const total = o.customers;
    const chunks = Math.ceil(total / CHUNK_SIZE);
    const write = async (chunk: ChunkResult) => {
      for (const kind of OUTPUTS) {
        rows[kind] += chunk.rows[kind];
        for (const block of chunk.bytes[kind]) await files.write(kind, block);
      }
      stats.merge(chunk.counts);
      options.onProgress?.(Math.min(total, (chunk.index + 1) * CHUNK_SIZE), total);
    };
    // Asked-for workers are used; by default small runs stay in this thread.
    const threaded =
      o.workers > 1 && chunks > 1 && (options.workers !== undefined || chunks >= MIN_CHUNKS_FOR_WORKERS);
    if (!threaded) {
      for (let c = 0; c < chunks; c++) {
        await write(generateChunk(world, c, c * CHUNK_SIZE, Math.min(total, (c + 1) * CHUNK_SIZE)));
      }
    } else {
      await chunksFromWorkers(o, CHUNK_SIZE, write);
    }
    await files.close();
  } catch (error) {
    files.destroy();
    throw error;
  }
  // After everything else, so that every other file and figure is the same with or without them.
  const fuzzy = await plantFuzzyDuplicates(o.outDir, options.fuzzyDuplicates ?? 0, o.seed);
  rows.customers += fuzzy;
  const result: GenerateResult['files'] = {};
  for (const kind of OUTPUTS)
    if (kind !== 'truth') result[kind] = { path: files.paths[kind], rows: rows[kind] };
  const truthPath = join(o.outDir, 'truth.json');
  const counts = { ...stats.counts, customer_rows: rows.customers, truth_rows: rows.truth };
  const names = Object.fromEntries(
    Object.entries(result).map(([k, f]) => [k, { path: basename(f.path), rows: f.rows }]),
  );
  const doc = truthDocument(
    { customers: o.customers, seed: o.seed, start: o.start, end: o.end },
    world.catalog,
    counts,
    names,
  );
  await writeFile(
    truthPath,
    `${JSON.stringify(fuzzy ? { ...doc, fuzzyDuplicates: { file: FUZZY_FILE, rows: fuzzy } } : doc, null, 2)}\n`,
  );
  return {
    files: result,
    seconds: (performance.now() - started) / 1000,
    truth: { path: truthPath },
    ...(fuzzy && { fuzzyDuplicates: { path: join(o.outDir, FUZZY_FILE), rows: fuzzy } }),
  };
}
