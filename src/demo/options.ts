/**
 * The generator's options and result, and the one function that checks options and fills defaults.
 */
import { ClienteleError } from '../errors/index.js';

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
  /**
   * Worker threads generating chunks; 0 or 1 runs in this thread. Default min(2, available parallelism),
   * used from 10 000 persons up (below, starting threads costs more than it saves).
   */
  workers?: number;
  /** Planted fuzzy duplicates (src/demo/fuzzy.ts): customer records that share no identifier; 0 by default. */
  fuzzyDuplicates?: number;
}

/** What was written. */
export interface GenerateResult {
  /** Every data file by kind name (the `--as` of `clientele import`), with its row count (header excluded). */
  files: Record<string, { path: string; rows: number }>;
  seconds: number;
  /** truth.json; it names truth.csv, written beside it. */
  truth: { path: string };
  /** The planted fuzzy duplicates' pairs, when asked for. */
  fuzzyDuplicates?: { path: string; rows: number };
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

function bad(option: string, value: unknown, why = ''): ClienteleError {
  return new ClienteleError('CLT_ERR_GENERATE_BAD_OPTION', `invalid ${option}: ${String(value)}${why}`, {
    option,
    value,
  });
}

/** Checks options; a bad one throws CLT_ERR_GENERATE_BAD_OPTION naming the option and value. */
export function resolveOptions(options: GenerateOptions, defaultWorkers: number): ResolvedOptions {
  const { customers, seed, outDir } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > 50_000_000) {
    throw bad('customers', customers, ' (an integer from 1 to 50,000,000)');
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw bad('seed', seed, ' (an integer from 0 to 4294967295)');
  if (typeof outDir !== 'string' || outDir === '') throw bad('outDir', outDir);
  const start = options.start ?? '2023-01-01';
  const end = options.end ?? '2025-12-31';
  if (!ISO_DATE.test(start) || Number.isNaN(Date.parse(start)))
    throw bad('start', start, ' (an ISO date such as 2023-01-01)');
  if (!ISO_DATE.test(end) || Number.isNaN(Date.parse(end)))
    throw bad('end', end, ' (an ISO date such as 2025-12-31)');
  if (Date.parse(end) - Date.parse(start) < 28 * 86_400_000)
    throw bad('end', end, ` (at least 28 days after start ${start})`);
  const workers = options.workers ?? defaultWorkers;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64)
    throw bad('workers', workers, ' (an integer from 0 to 64)');
  return { customers, seed, outDir, start, end, workers };
}
