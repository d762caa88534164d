import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { isKindName, KIND_NAMES, type KindName } from '../../domain/kinds.js';
import { ClienteleError } from '../../errors/index.js';
import { type ExplicitMap, type ImportSummary, importFile, parseExplicitMap } from '../../ingest/index.js';
import type { Warehouse } from '../../store/index.js';
import { globals, parseCount, report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';
import { progressBar } from '../progress.js';

interface ImportCommandOptions {
  as?: string;
  columns?: string;
  delimiter?: string;
  map?: string;
  dateFormat?: string;
  format?: 'csv' | 'jsonl' | 'parquet';
  maxLineBytes?: number;
  priority?: 'normal' | 'low';
}

/** Totals over the files of one `clientele import`, with each file's own summary. */
export interface ImportReport {
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  updated: number;
  /** Rows of erased people, dropped (docs/privacy.md). */
  suppressed: number;
  seconds: number;
  rejectReasons: Record<string, number>;
  files: ImportSummary[];
  failed: { file: string; error: Record<string, unknown> }[];
}

/** `clientele import FILE... --as KIND`. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import CSV, TSV, whitespace-separated, JSON Lines or Parquet files; bad rows are kept with their reason',
    )
    .argument('<files...>', 'files to import, each in its own transaction')
    .addOption(
      new Option(
        '--as <kind>',
        'what the rows are (default: the file name, e.g. orders.csv → orders)',
      ).choices(KIND_NAMES),
    )
    .option('--columns <names>', 'comma-separated column names for a file without a header row')
    .option(
      '--delimiter <char>',
      "field delimiter (',', ';', tab, '|', or 'whitespace'); detected when absent",
    )
    .option('--map <file.json>', 'JSON object of field → column name, overriding the automatic mapping')
    .option(
      '--date-format <form>',
      "how dates are written when ambiguous: mdy, dmy, ymd, iso, epoch, or a pattern like '%d/%m/%Y %H:%M'",
    )
    .addOption(
      new Option('--format <format>', 'file format (detected when absent)').choices([
        'csv',
        'jsonl',
        'parquet',
      ]),
    )
    .option(
      '--max-line-bytes <n>',
      'longest line accepted; longer lines become rejected rows',
      parseCount('--max-line-bytes', 1),
    )
    .action(async (files: string[], options: ImportCommandOptions, command: Command) => {
      const map = options.map
        ? parseExplicitMap(await readFile(options.map, 'utf8'), options.map)
        : undefined;
      const result = await withWarehouse(command, (db) =>
        importAll(db, files, options, map, !globals(command).json),
      );
      report(command, result, () => describe(result));
      if (result.failed.length) process.exitCode = 1;
    });
}

async function importAll(
  db: Warehouse,
  files: string[],
  options: ImportCommandOptions,
  map: ExplicitMap | undefined,
  showProgress: boolean,
): Promise<ImportReport> {
  const result: ImportReport = {
    read: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    updated: 0,
    suppressed: 0,
    seconds: 0,
    rejectReasons: {},
    files: [],
    failed: [],
  };
  // Every file's kind is settled before the first import, so that a usage error imports nothing.
  const kinds = files.map((file) => kindFor(file, options.as));
  for (const [i, file] of files.entries()) {
    const kind = kinds[i]!;
    const bar = progressBar(`${basename(file)} → ${kind}`, showProgress);
    try {
      const summary = await importFile(db, file, {
        kind,
        map,
        columns: options.columns?.split(',').map((c) => c.trim()),
        delimiter: options.delimiter,
        dateFormat: options.dateFormat,
        format: options.format,
        maxLineBytes: options.maxLineBytes,
        priority: options.priority,
        onProgress: bar.update,
      });
      result.files.push(summary);
      for (const k of [
        'read',
        'accepted',
        'rejected',
        'duplicates',
        'updated',
        'suppressed',
        'seconds',
      ] as const)
        result[k] += summary[k];
      for (const [code, count] of Object.entries(summary.rejectReasons)) {
        result.rejectReasons[code] = (result.rejectReasons[code] ?? 0) + count;
      }
    } catch (error) {
      // One bad file does not stop the others; each file is its own transaction.
      if (!(error instanceof ClienteleError) || files.length === 1) throw error;
      result.failed.push({ file, error: error.toJSON() });
    } finally {
      bar.stop();
    }
  }
  return result;
}

function kindFor(file: string, as: string | undefined): KindName {
  if (as) return as as KindName;
  const base = basename(file).replace(/\.(csv|tsv|txt|jsonl|ndjson|json|parquet)(\.gz)?$/i, '');
  if (isKindName(base)) return base;
  throw new ClienteleError(
    'CLT_ERR_USAGE',
    `${file}: say what the rows are with --as (one of ${KIND_NAMES.join(', ')}); only files named after a kind, like orders.csv, need no --as`,
  );
}

function describe(r: ImportReport): string {
  const lines = [
    table(
      ['file', 'kind', 'read', 'accepted', 'rejected', 'duplicates', 'updated', 'seconds'],
      r.files.map((f) => [
        basename(f.file),
        f.kind,
        n(f.read),
        n(f.accepted),
        n(f.rejected),
        n(f.duplicates),
        n(f.updated),
        f.seconds.toFixed(2),
      ]),
    ),
  ];
  if (r.files.length > 1) {
    lines.push(
      `total: ${n(r.read)} read, ${n(r.accepted)} accepted, ${n(r.rejected)} rejected, ${n(r.duplicates)} duplicates in ${r.seconds.toFixed(2)} s`,
    );
  }
  if (r.suppressed) {
    lines.push(`suppressed: ${n(r.suppressed)} rows of people erased with \`clientele forget\` were dropped`);
  }
  const reasons = Object.entries(r.rejectReasons);
  if (reasons.length) {
    lines.push(
      `rejected by reason: ${reasons.map(([c, k]) => `${c} ${n(k)}`).join(', ')} (see \`clientele rejects\`)`,
    );
  }
  for (const f of r.files) for (const w of f.warnings) lines.push(`warning: ${basename(f.file)}: ${w}`);
  for (const f of r.failed) lines.push(`failed: ${f.file}: ${String(f.error.message)}`);
  return lines.join('\n');
}
