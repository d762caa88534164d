import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { isKindName, KIND_NAMES, type KindName } from '../../domain/kinds.js';
import { ClienteleError } from '../../errors/index.js';
import { isErrorCode, sayErrorCode } from '../../i18n/errors.js';
import type { Locale } from '../../i18n/locale.js';
import type { ResolveSummary } from '../../identity/index.js';
import type { ExplicitMap, ImportSummary } from '../../ingest/index.js';
import type { Warehouse } from '../../store/index.js';
import { globals, parseCount, report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { type CliWords, cliLocale, cliSay, heads } from '../lang.js';
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
  resolve: boolean;
  identifier?: string[];
}

// `--as reviews` is feedback whose rows are all reviews, whether or not the file has a kind column.
const AS_CHOICES = [...KIND_NAMES, 'reviews'] as const;

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
  /** The incremental resolution that joined the new rows into profiles (null: they were current, or --no-resolve). */
  profiles: ProfilesUpdate | null;
}

/** What joining an import's rows into profiles did. */
export interface ProfilesUpdate {
  readonly profiles: number;
  readonly records: number;
  readonly merges: number;
  readonly refreshed: number;
  readonly segments: number;
  readonly seconds: number;
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
        'what the rows are (default: the file name, e.g. orders.csv → orders); reviews is feedback that is all reviews',
      ).choices(AS_CHOICES),
    )
    .option('--columns <names>', 'comma-separated column names for a file without a header row')
    .option(
      '--delimiter <char>',
      "field delimiter (',', ';', tab, '|', or 'whitespace'); detected when absent",
    )
    .option(
      '--map <json|file>',
      'field → column name as inline JSON (\'{"category":"product_category_name"}\') or a JSON file; overrides the automatic mapping',
    )
    .option(
      '--identifier <column>',
      'a column that identifies the person (e.g. customer_unique_id beside a per-order customer_id); identity resolution joins records by it from now on (repeat or separate by commas)',
      (value: string, previous: string[] = []) => [
        ...previous,
        ...value
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ],
    )
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
    .option(
      '--no-resolve',
      'leave joining the rows into profiles to the first command that reads them (for loading many files in a row)',
    )
    .action(async (files: string[], options: ImportCommandOptions, command: Command) => {
      const { ensureCurrent } = await import('../../identity/index.js');
      const { readExplicitMap } = await import('../../ingest/index.js');
      const map = options.map === undefined ? undefined : await readExplicitMap(options.map);
      const result = await withWarehouse(
        command,
        async (db) => {
          const imported = await importAll(
            db,
            files,
            options,
            map,
            !globals(command).json,
            cliLocale(command),
          );
          // Profiles and saved segments follow every import: no command answers from a resolve the user forgot.
          if (options.resolve && imported.accepted + imported.updated > 0) {
            const r = await ensureCurrent(db);
            if (r) imported.profiles = pick(r);
          }
          // Alerts look at what arrived, once per alert and record; their webhooks go out before the exit.
          if (imported.accepted + imported.updated > 0)
            await (await import('../../alerts/index.js')).alertOnArrivals(db);
          return imported;
        },
        { current: false },
      );
      report(command, result, () => describe(result, cliSay(command)));
      if (result.failed.length) process.exitCode = 1;
    });
}

async function importAll(
  db: Warehouse,
  files: string[],
  options: ImportCommandOptions,
  map: ExplicitMap | undefined,
  showProgress: boolean,
  locale: Locale,
): Promise<ImportReport> {
  const { importFile } = await import('../../ingest/index.js');
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
    profiles: null,
  };
  // Every file's kind is settled before the first import, so that a usage error imports nothing.
  const kinds = files.map((file) => kindFor(file, options.as));
  for (const [i, file] of files.entries()) {
    const kind = kinds[i]!;
    const bar = progressBar(`${basename(file)} → ${kind}`, showProgress);
    try {
      const summary = await importFile(db, file, {
        kind,
        fill: options.as === 'reviews' ? { kind: 'review' } : undefined,
        identifiers: options.identifier,
        map,
        columns: options.columns?.split(',').map((c) => c.trim()),
        delimiter: options.delimiter,
        dateFormat: options.dateFormat,
        format: options.format,
        maxLineBytes: options.maxLineBytes,
        priority: options.priority,
        locale,
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

function pick(r: ResolveSummary): ProfilesUpdate {
  const { profiles, records, merges, refreshed, segments, seconds } = r;
  return { profiles, records, merges, refreshed, segments, seconds };
}

function kindFor(file: string, as: string | undefined): KindName {
  if (as) return as === 'reviews' ? 'feedback' : (as as KindName);
  const base = basename(file).replace(/\.(csv|tsv|txt|jsonl|ndjson|json|parquet)(\.gz)?$/i, '');
  if (isKindName(base)) return base;
  throw new ClienteleError(
    'CLT_ERR_USAGE',
    `${file}: say what the rows are with --as (one of ${KIND_NAMES.join(', ')}); only files named after a kind, like orders.csv, need no --as`,
  );
}

function describe(r: ImportReport, w: CliWords): string {
  const { s, n } = w;
  const lines = [
    table(
      heads(w, 'file', 'kind', 'read', 'accepted', 'rejected', 'duplicates', 'updated', 'seconds'),
      r.files.map((f) => [
        basename(f.file),
        f.kind,
        n(f.read),
        n(f.accepted),
        n(f.rejected),
        n(f.duplicates),
        n(f.updated),
        s.fixed(f.seconds, 2),
      ]),
    ),
  ];
  if (r.files.length > 1) {
    lines.push(
      s.t('cli.import.total', {
        read: n(r.read),
        accepted: n(r.accepted),
        rejected: n(r.rejected),
        duplicates: n(r.duplicates),
        seconds: s.fixed(r.seconds, 2),
      }),
    );
  }
  if (r.suppressed) lines.push(s.t('cli.import.suppressed', { n: r.suppressed }));
  const reasons = Object.entries(r.rejectReasons);
  if (reasons.length) {
    lines.push(s.t('cli.import.reasons', { list: reasons.map(([c, k]) => `${c} ${n(k)}`).join(', ') }));
  }
  for (const f of r.files) lines.push(...readings(f, r.files.length > 1, w));
  for (const f of r.files) {
    if (f.identifiers.length)
      lines.push(s.t('cli.import.identifiers', { file: basename(f.file), ids: f.identifiers.join(', ') }));
    for (const message of f.warnings)
      lines.push(s.t('cli.import.warning', { file: basename(f.file), message }));
  }
  for (const f of r.failed) {
    const said = s.locale === 'en' ? String(f.error.message) : failedMessage(f.error, s.locale);
    lines.push(s.t('cli.import.failed', { file: f.file, message: said }));
  }
  if (r.profiles) {
    const p = r.profiles;
    lines.push(
      s.t('cli.import.profiles', {
        n: p.profiles,
        refreshed: n(p.refreshed),
        merges: n(p.merges),
        segments: n(p.segments),
      }),
    );
  }
  return lines.join('\n');
}

// A failed file's error in the command's language: the code's meaning, then the original words (its values).
function failedMessage(error: { code?: unknown; message?: unknown }, locale: Locale): string {
  const code = String(error.code ?? '');
  const meaning = isErrorCode(code) ? sayErrorCode(code, locale).message : '';
  return meaning ? `${meaning} (${String(error.message)})` : String(error.message);
}

// How each column was read, one line a column: name → field (how), or kept as a trait, with a refusal's reason.
function readings(f: ImportSummary, named: boolean, w: CliWords): string[] {
  const width = Math.max(...f.columns.map((c) => c.column.length), 0);
  return [
    named ? w.s.t('cli.import.columnsOf', { file: basename(f.file) }) : w.s.t('cli.import.columns'),
    ...f.columns.map((c) => {
      const target = c.field === null ? w.s.t('cli.import.trait', { column: c.column }) : c.field;
      return `  ${c.column.padEnd(width)} → ${target} (${c.how}${c.refused ? `; ${c.refused}` : ''})`;
    }),
  ];
}
