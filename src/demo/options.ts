/**
 * The generator's options and result, and the one function that checks options and fills defaults.
 */

/** What to generate and where. */
export interface GenerateOptions {
  /** Number of persons (customers, prospects, B2B contacts and stale records); duplicates come on top. */
  customers: number;
  seed: number;
  outDir: string;
  /** First day, ISO date; default '2023-01-01'. */
  start?: string;
  /** Last day (included), ISO date; default '2025-12-31'. */
  end?: string;
  /** Called after each chunk of persons is written. */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads generating chunks; default min(2, available parallelism − 0); 0 or 1 runs inline. */
  workers?: number;
}

/** What was written. */
export interface GenerateResult {
  /** Every data file by kind name (the `--as` of `clientele import`), with its row count (header excluded). */
  files: Record<string, { path: string; rows: number }>;
  seconds: number;
  /** truth.json; it names truth.csv, written beside it. */
  truth: { path: string };
}

/** Options with defaults filled, checked. */
export interface ResolvedOptions {
  readonly customers: number;
  readonly seed: number;
  readonly outDir: string;
  readonly start: string;
  readonly end: string;
  readonly workers: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks options; errors name the bad option and value. */
export function resolveOptions(options: GenerateOptions, defaultWorkers: number): ResolvedOptions {
  const { customers, seed, outDir } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > 50_000_000) {
    throw new Error(`invalid customers: ${customers}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`invalid seed: ${seed}`);
  if (typeof outDir !== 'string' || outDir === '') throw new Error(`invalid outDir: ${String(outDir)}`);
  const start = options.start ?? '2023-01-01';
  const end = options.end ?? '2025-12-31';
  if (!ISO_DATE.test(start) || Number.isNaN(Date.parse(start))) throw new Error(`invalid start: ${start}`);
  if (!ISO_DATE.test(end) || Number.isNaN(Date.parse(end))) throw new Error(`invalid end: ${end}`);
  if (Date.parse(end) - Date.parse(start) < 28 * 86_400_000)
    throw new Error(`invalid end: ${end} is too close to start ${start}`);
  const workers = options.workers ?? defaultWorkers;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64)
    throw new Error(`invalid workers: ${workers}`);
  return { customers, seed, outDir, start, end, workers };
}
