import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { type RowCheck, sqlString } from './convert.js';
import type { FileInspection } from './detect.js';

/** Options a person may give about a file's layout. */
export interface SourceOptions {
  /** Column names for a file without a header row. */
  readonly columns?: readonly string[];
  /** The field delimiter; detected when absent. `\s` or 'whitespace' means runs of spaces and tabs. */
  readonly delimiter?: string;
  /** Longest line accepted, in bytes; longer lines are rejected rows. */
  readonly maxLineBytes?: number;
}

/**
 * A file seen as a relation of text columns `c0 … cN` plus `__line` (the physical line when known),
 * with the names the columns had in the file and the checks that reject malformed records.
 */
export interface SourceRelation {
  readonly sql: string;
  readonly columns: readonly string[];
  readonly layout: string;
  /** True when each record is a JSON object in `__json` (kept whole as the raw text of a reject). */
  readonly jsonRecord?: boolean;
  /** True when `__fields` counts the fields each record actually had. */
  readonly fieldCount?: boolean;
  /** Row checks on the raw record (wrong number of fields, invalid JSON), applied before field checks. */
  readonly checks: readonly (Omit<RowCheck, 'problem'> & {
    readonly problem: string;
    readonly column?: string;
  })[];
  /** DuckDB's own tables of lines its CSV reader could not parse, when the reader keeps them. */
  readonly parserRejects?: { readonly table: string; readonly scan: string };
  /** Lines before the first record (the header), to turn physical lines into record numbers. */
  readonly headerLines: number;
}

/** 16 MiB: longer lines are rejected rows rather than a failed import. */
export const DEFAULT_MAX_LINE_BYTES = 16 << 20;

const col = (i: number) => `c${i}`;

/** Builds the relation that reads a whole file, after sniffing its dialect on the head. */
export async function openSource(
  db: Warehouse,
  file: FileInspection,
  options: SourceOptions,
  tag: string,
): Promise<SourceRelation> {
  switch (file.format) {
    case 'parquet':
      return parquetSource(db, file);
    case 'jsonl':
    case 'json-array':
      return jsonSource(db, file, options);
    case 'csv':
      return csvSource(db, file, options, tag);
  }
}

async function parquetSource(db: Warehouse, file: FileInspection): Promise<SourceRelation> {
  const reader = `read_parquet(${sqlString(file.path)})`;
  const described = await db.all<{ column_name: string; column_type: string }>(
    `DESCRIBE SELECT * FROM ${reader}`,
  );
  const select = described.map((d, i) => {
    const nested = /STRUCT|MAP|\[\]|LIST|UNION/.test(d.column_type);
    const q = `"${d.column_name.replace(/"/g, '""')}"`;
    return `${nested ? `CAST(to_json(${q}) AS VARCHAR)` : `CAST(${q} AS VARCHAR)`} AS ${col(i)}`;
  });
  return {
    sql: `SELECT ${select.join(', ')}, CAST(NULL AS BIGINT) AS __line FROM ${reader}`,
    columns: described.map((d) => d.column_name),
    layout: 'parquet',
    checks: [],
    headerLines: 0,
  };
}

// Reads each physical line as one text value: line numbers stay exact and nothing is parsed by the engine yet.
function lineReader(file: FileInspection, maxLineBytes: number, tag: string): string {
  const delim = pickAbsentChar(file.head);
  return `SELECT l, row_number() OVER () AS __line FROM read_csv(${sqlString(file.path)}, auto_detect = false, header = false,
    delim = ${sqlString(delim)}, quote = '', escape = '', columns = {'l': 'VARCHAR'}, encoding = ${sqlString(file.encoding)},
    max_line_size = ${maxLineBytes}, store_rejects = true, rejects_table = 'rj_${tag}', rejects_scan = 'rs_${tag}')`;
}

function pickAbsentChar(head: Buffer): string {
  for (const code of [0x1f, 0x1e, 0x1d, 0x01, 0x02, 0x03])
    if (!head.includes(code)) return String.fromCharCode(code);
  throw new ClienteleError(
    'CLT_ERR_IMPORT_UNREADABLE',
    'the file uses every control character the line reader could split on',
  );
}

async function jsonSource(
  db: Warehouse,
  file: FileInspection,
  options: SourceOptions,
): Promise<SourceRelation> {
  const tag = `j${process.pid}_${Date.now()}`;
  let base: string;
  if (file.format === 'json-array') {
    base = `SELECT CAST(json AS VARCHAR) AS l, CAST(NULL AS BIGINT) AS __line FROM read_json_objects(${sqlString(file.path)}, format = 'array')`;
  } else {
    // Blank lines are not records.
    base = `SELECT l, __line FROM (${lineReader(file, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, tag)}) WHERE nullif(trim(l), '') IS NOT NULL`;
  }
  // Keys come from the head; keys first seen later still land, inside `extra`, because extra keeps every unmapped key.
  const keys = await db.all<{ k: string }>(
    `SELECT DISTINCT unnest(json_keys(l)) AS k FROM (SELECT l FROM (${base}) LIMIT 20000) WHERE json_valid(l) AND json_type(l) = 'OBJECT' ORDER BY k`,
  );
  const columns = keys.map((r) => r.k);
  // Extraction raises on invalid JSON, so it reads only lines that are JSON objects; the others are rejected.
  const select = columns.map(
    (k, i) => `json_extract_string(__obj, ${sqlString(`$."${k.replace(/"/g, '\\"')}"`)}) AS ${col(i)}`,
  );
  const objects = `SELECT l, __line, CASE WHEN json_valid(l) THEN CASE WHEN json_type(l) = 'OBJECT' THEN l END END AS __obj FROM (${base})`;
  return {
    sql: `SELECT ${select.length ? `${select.join(', ')}, ` : ''}l AS __json, __obj IS NOT NULL AS __is_object, __line FROM (${objects})`,
    columns,
    layout: file.format === 'json-array' ? 'json array' : 'json lines',
    jsonRecord: true,
    checks: [
      { when: 'NOT json_valid(__json)', code: 'bad_json', problem: 'the line is not valid JSON' },
      {
        when: 'NOT __is_object',
        code: 'not_an_object',
        problem: 'the line is JSON but not an object',
      },
    ],
    parserRejects: file.format === 'jsonl' ? { table: `rj_${tag}`, scan: `rs_${tag}` } : undefined,
    headerLines: 0,
  };
}

interface Sniffed {
  delimiter: string;
  quote: string;
  escape: string;
  hasHeader: boolean;
  columns: string[];
}

async function sniff(
  db: Warehouse,
  file: FileInspection,
  delimiter: string | undefined,
): Promise<Sniffed | undefined> {
  const lastNewline = file.head.lastIndexOf(0x0a);
  const complete = file.head.length === file.bytes ? file.head : file.head.subarray(0, lastNewline + 1);
  if (complete.length === 0) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'clientele-sniff-'));
  try {
    const sample = join(dir, 'head.csv');
    await writeFile(sample, complete);
    const args = [`encoding = ${sqlString(file.encoding)}`, 'sample_size = -1'];
    if (delimiter) args.push(`delim = ${sqlString(delimiter)}`);
    const [row] = await db.all<{
      Delimiter: string;
      Quote: string;
      Escape: string;
      HasHeader: boolean;
      Columns: { name: string }[];
    }>(
      `SELECT Delimiter, Quote, Escape, HasHeader, Columns FROM sniff_csv(${sqlString(sample)}, ${args.join(', ')})`,
    );
    if (!row) return undefined;
    const unset = (v: string) => (v === '(empty)' ? '' : v);
    return {
      delimiter: unset(row.Delimiter),
      quote: unset(row.Quote),
      escape: unset(row.Escape),
      hasHeader: row.HasHeader,
      columns: row.Columns.map((c) => c.name),
    };
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function guessDelimiter(header: string): string | undefined {
  const counts = [',', '\t', ';', '|'].map((d) => [d, header.split(d).length - 1] as const);
  const [best] = counts.sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : undefined;
}

function headerOnly(header: string, delimiter: string): Sniffed {
  return {
    delimiter,
    quote: '"',
    escape: '"',
    hasHeader: true,
    columns: header.split(delimiter).map((c) => c.trim()),
  };
}

function headLines(file: FileInspection): string[] {
  const text = file.head.toString(file.encoding === 'latin-1' ? 'latin1' : 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (file.head.length < file.bytes) lines.pop();
  return lines.filter((l) => l.trim() !== '').slice(0, 200);
}

// Whitespace-separated files (CDNOW's) have no single delimiter: runs of blanks separate fields.
function looksWhitespaceSeparated(lines: readonly string[]): boolean {
  if (lines.length === 0 || lines.some((l) => /[,;\t|"]/.test(l))) return false;
  const counts = new Set(lines.map((l) => l.trim().split(/\s+/).length));
  return counts.size === 1 && [...counts][0]! >= 2;
}

async function csvSource(
  db: Warehouse,
  file: FileInspection,
  options: SourceOptions,
  tag: string,
): Promise<SourceRelation> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const lines = headLines(file);
  const explicitDelimiter = options.delimiter === 'tab' ? '\t' : options.delimiter;
  const whitespace =
    explicitDelimiter === 'whitespace' ||
    explicitDelimiter === '\\s' ||
    (!explicitDelimiter && looksWhitespaceSeparated(lines));
  if (whitespace) return whitespaceSource(file, options, lines, maxLineBytes, tag);
  if (!file.headHasLine && !options.columns) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_UNREADABLE',
      `${file.path}: the first line is longer than ${file.head.length} bytes with no line break, so it cannot be a header; ` +
        'is this a CSV file? (for a file without a header pass --columns)',
      { file: file.path },
    );
  }
  let sniffed = await sniff(db, file, explicitDelimiter);
  // A messy sample can defeat the sniffer; the header line's most frequent delimiter is a good second guess.
  if (!explicitDelimiter && (!sniffed || sniffed.columns.length === 1)) {
    const guess = guessDelimiter(lines[0] ?? '');
    if (guess) sniffed = (await sniff(db, file, guess)) ?? headerOnly(lines[0] ?? '', guess);
  }
  const delimiter = explicitDelimiter ?? sniffed?.delimiter ?? ',';
  const hasHeader = options.columns ? false : (sniffed?.hasHeader ?? true);
  let names: string[];
  if (options.columns) names = [...options.columns];
  else if (sniffed && hasHeader) names = sniffed.columns;
  else if (sniffed) names = sniffed.columns.map((_, i) => `column${i + 1}`);
  else
    throw new ClienteleError('CLT_ERR_IMPORT_UNREADABLE', `${file.path}: could not make out a header line`, {
      file: file.path,
    });
  const columns = names.map((_, i) => `'${col(i)}': 'VARCHAR'`).join(', ');
  const sql = `SELECT *, CAST(NULL AS BIGINT) AS __line FROM read_csv(${sqlString(file.path)}, auto_detect = false,
    header = ${hasHeader}, delim = ${sqlString(delimiter)}, quote = ${sqlString(sniffed?.quote ?? '"')},
    escape = ${sqlString(sniffed?.escape ?? '"')}, columns = {${columns}}, encoding = ${sqlString(file.encoding)},
    max_line_size = ${maxLineBytes}, store_rejects = true, rejects_table = 'rj_${tag}', rejects_scan = 'rs_${tag}')`;
  return {
    sql,
    columns: names,
    layout: `delimited '${delimiter === '\t' ? '\\t' : delimiter}'${hasHeader ? ' with header' : ' without header'}`,
    checks: [],
    parserRejects: { table: `rj_${tag}`, scan: `rs_${tag}` },
    headerLines: hasHeader ? 1 : 0,
  };
}

function whitespaceSource(
  file: FileInspection,
  options: SourceOptions,
  lines: readonly string[],
  maxLineBytes: number,
  tag: string,
): SourceRelation {
  const first = lines[0]?.trim().split(/\s+/) ?? [];
  // Without --columns the first line names the columns, unless it is all numbers (then it is data).
  const headerIsData = options.columns !== undefined || first.every((t) => /^-?[\d.]+$/.test(t));
  const names = options.columns
    ? [...options.columns]
    : headerIsData
      ? first.map((_, i) => `column${i + 1}`)
      : first;
  const n = names.length;
  const parts = `string_split_regex(trim(l), '\\s+')`;
  const select = names.map((_, i) => `${parts}[${i + 1}] AS ${col(i)}`);
  return {
    sql: `SELECT ${select.join(', ')}, len(${parts}) AS __fields, __line FROM (${lineReader(file, maxLineBytes, tag)})
      WHERE nullif(trim(l), '') IS NOT NULL ${headerIsData ? '' : 'AND __line > 1'}`,
    columns: names,
    layout: 'whitespace-separated',
    fieldCount: true,
    checks: [
      {
        when: `__fields <> ${n}`,
        code: 'wrong_column_count',
        problem: `the line has a different number of fields than the ${n} columns`,
      },
    ],
    parserRejects: { table: `rj_${tag}`, scan: `rs_${tag}` },
    headerLines: headerIsData ? 0 : 1,
  };
}
