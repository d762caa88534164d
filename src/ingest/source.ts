import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClienteleError } from '../errors/index.js';
import { duckdbDialect } from '../store/dialect.js';
import type { Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';
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
  /** SQL reading the file at `path` (the file itself, or its head sample), parser rejects kept in tables named after `tag`. */
  read(path: string, tag: string): string;
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
  /** True when DuckDB's reader keeps the lines it could not parse in `rj_<tag>`. */
  readonly keepsParserRejects: boolean;
  /** True when a LIMIT over `read` stops early, so the head of the file itself is a fair sample. */
  readonly sampleByLimit: boolean;
  /** Lines before the first record (the header), to turn physical lines into record numbers. */
  readonly headerLines: number;
}

/** 16 MiB: longer lines are rejected rows rather than a failed import. */
export const DEFAULT_MAX_LINE_BYTES = 16 << 20;

const col = (i: number) => `c${i}`;

// Blank lines are not records. Only short lines can be all blanks, so long ones skip the costly trim.
const notBlank = (l: string) => `${l} IS NOT NULL AND (strlen(${l}) > 64 OR trim(${l}) <> '')`;

/** Builds the relation that reads a whole file, after sniffing its dialect on the head. */
export async function openSource(
  db: Warehouse,
  file: FileInspection,
  options: SourceOptions,
  head: string | undefined,
): Promise<SourceRelation> {
  switch (file.format) {
    case 'parquet':
      return parquetSource(db, file);
    case 'jsonl':
    case 'json-array':
      return jsonSource(db, file, options, head);
    case 'csv':
      return csvSource(db, file, options, head);
  }
}

/** A small file holding the complete lines of a file's head: what sniffing and sampling read. */
export interface HeadSample {
  readonly path: string;
  dispose(): Promise<void>;
}

/** Writes the head's complete lines to a temporary file; undefined when the head holds no whole line. */
export async function writeHeadSample(file: FileInspection): Promise<HeadSample | undefined> {
  if (file.format === 'parquet' || file.format === 'json-array') return undefined;
  const lastNewline = file.head.lastIndexOf(0x0a);
  const complete = file.head.length === file.bytes ? file.head : file.head.subarray(0, lastNewline + 1);
  if (complete.length === 0) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'clientele-head-'));
  const path = join(dir, 'head.txt');
  await writeFile(path, complete);
  return { path, dispose: () => rm(dir, { recursive: true, force: true }) };
}

async function parquetSource(db: Warehouse, file: FileInspection): Promise<SourceRelation> {
  let described: { column_name: string; column_type: string }[];
  try {
    described = await db.all<{ column_name: string; column_type: string }>(
      `DESCRIBE SELECT * FROM read_parquet(${sqlString(file.path)})`,
    );
  } catch (error) {
    // A file that starts with PAR1 but is cut short or is something else: the engine's own words name its
    // reader's state, not the problem.
    const message = error instanceof Error ? error.message : String(error);
    const why = /too small|truncated|No magic bytes|magic/i.test(message)
      ? 'it is too short, or its footer is missing (the file may be cut off)'
      : 'its metadata does not read as Parquet';
    throw new ClienteleError(
      'CLT_ERR_IMPORT_UNREADABLE',
      `${file.path}: not a readable Parquet file: ${why}. Export it again`,
      { file: file.path },
    );
  }
  const select = described.map((d, i) => {
    const nested = /STRUCT|MAP|\[\]|LIST|UNION/.test(d.column_type);
    const q = identifier(d.column_name).text;
    return `${nested ? `CAST(to_json(${q}) AS VARCHAR)` : `CAST(${q} AS VARCHAR)`} AS ${col(i)}`;
  });
  return {
    read: (path) =>
      `SELECT ${select.join(', ')}, CAST(NULL AS BIGINT) AS __line FROM read_parquet(${sqlString(path)})`,
    columns: described.map((d) => d.column_name),
    layout: 'parquet',
    checks: [],
    keepsParserRejects: false,
    sampleByLimit: true,
    headerLines: 0,
  };
}

// Reads each physical line as one text value: line numbers stay exact and nothing is parsed by the engine yet.
function lineReader(file: FileInspection, path: string, maxLineBytes: number, tag: string): string {
  const delim = pickAbsentChar(file.head);
  return `SELECT l, row_number() OVER () AS __line FROM read_csv(${sqlString(path)}, auto_detect = false, header = false,
    delim = ${sqlString(delim)}, quote = '', escape = '', columns = {'l': 'VARCHAR'}, encoding = ${sqlString(file.encoding)},
    max_line_size = ${maxLineBytes}, store_rejects = true, rejects_table = ${sqlString(`rj_${tag}`)}, rejects_scan = ${sqlString(`rs_${tag}`)})`;
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
  head: string | undefined,
): Promise<SourceRelation> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const base = (path: string, tag: string) =>
    file.format === 'json-array'
      ? `SELECT CAST(json AS VARCHAR) AS l, CAST(NULL AS BIGINT) AS __line FROM read_json_objects(${sqlString(path)}, format = 'array')`
      : // Blank lines are not records.
        `SELECT l, __line FROM (${lineReader(file, path, maxLineBytes, tag)}) WHERE ${notBlank('l')}`;
  if (file.format === 'json-array') await checkArrayParses(db, file);
  // Keys come from the head; keys first seen later still land, inside `extra`, which keeps every unmapped key.
  const sample = head
    ? base(head, `k${Date.now()}`)
    : `SELECT * FROM (${base(file.path, `k${Date.now()}`)}) LIMIT 20000`;
  const keys = await db.all<{ k: string }>(
    `SELECT DISTINCT unnest(json_keys(l)) AS k FROM (${sample}) WHERE json_valid(l) AND json_type(l) = 'OBJECT' ORDER BY k`,
  );
  const columns = keys.map((r) => r.k);
  // Segment's context carries the device, OS, locale, IP, page and campaign: they become columns of their own.
  if (columns.includes('context')) columns.push(...SEGMENT_CONTEXT_PATHS.map((p) => p.join('.')));
  // Extraction raises on invalid JSON, so it reads only lines that are JSON objects; the others are rejected.
  // One multi-path extraction parses each line once, however many keys there are.
  const paths = columns.map((k) => {
    const parts = SEGMENT_CONTEXT_PATHS.find((p) => p.join('.') === k) ?? [k];
    return duckdbDialect.jsonPath(parts);
  });
  const select = columns.map((_, i) => `__vals[${i + 1}] AS ${col(i)}`);
  const extract = paths.length ? `json_extract_string(__obj, [${paths.join(', ')}])` : 'NULL';
  return {
    read: (path, tag) => {
      const objects = `SELECT l, __line, CASE WHEN json_valid(l) THEN CASE WHEN json_type(l) = 'OBJECT' THEN l END END AS __obj FROM (${base(path, tag)})`;
      const extracted = `SELECT *, ${extract} AS __vals FROM (${objects})`;
      return `SELECT ${select.length ? `${select.join(', ')}, ` : ''}l AS __json, __obj IS NOT NULL AS __is_object, __line FROM (${extracted})`;
    },
    columns,
    layout: file.format === 'json-array' ? 'json array' : 'json lines',
    jsonRecord: true,
    checks: [
      { when: 'NOT json_valid(__json)', code: 'bad_json', problem: 'the line is not valid JSON' },
      { when: 'NOT __is_object', code: 'not_an_object', problem: 'the line is JSON but not an object' },
    ],
    keepsParserRejects: file.format === 'jsonl',
    sampleByLimit: file.format === 'json-array',
    headerLines: 0,
  };
}

// The engine parses a JSON array whole, so one broken value anywhere fails the import with the engine's own
// words: read it once here, and say where it breaks in ours (JSON Lines keeps going past a bad line instead).
async function checkArrayParses(db: Warehouse, file: FileInspection): Promise<void> {
  try {
    await db.all(`SELECT count(*) AS n FROM read_json_objects(${sqlString(file.path)}, format = 'array')`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at byte (\d+)(?: in record\/value (\d+))?[^:]*: ([^.]*)/.exec(message);
    const where = at ? ` at byte ${at[1]}${at[2] ? ` (value ${at[2]} of the array)` : ''}: ${at[3]}` : '';
    throw new ClienteleError(
      'CLT_ERR_IMPORT_UNREADABLE',
      `${file.path}: the JSON array is not valid JSON${where}. Fix the file, or export it as JSON Lines (one object a line), where a bad line is rejected and the rest imported`,
      { file: file.path, ...(at ? { byte: Number(at[1]) } : {}) },
    );
  }
}

/** Where the Segment spec puts context fields that Clientele keeps as columns of events. */
const SEGMENT_CONTEXT_PATHS: readonly (readonly string[])[] = [
  ['context', 'device', 'type'],
  ['context', 'os', 'name'],
  ['context', 'userAgent'],
  ['context', 'locale'],
  ['context', 'ip'],
  ['context', 'location', 'country'],
  ['context', 'location', 'city'],
  ['context', 'page', 'url'],
  ['context', 'page', 'referrer'],
  ['context', 'campaign', 'source'],
  ['context', 'campaign', 'medium'],
  ['context', 'campaign', 'name'],
];

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
  head: string | undefined,
  delimiter: string | undefined,
): Promise<Sniffed | undefined> {
  if (!head) return undefined;
  const args = [`encoding = ${sqlString(file.encoding)}`, 'sample_size = -1'];
  if (delimiter) args.push(`delim = ${sqlString(delimiter)}`);
  try {
    const [row] = await db.all<{
      Delimiter: string;
      Quote: string;
      Escape: string;
      HasHeader: boolean;
      Columns: { name: string }[];
    }>(
      `SELECT Delimiter, Quote, Escape, HasHeader, Columns FROM sniff_csv(${sqlString(head)}, ${args.join(', ')})`,
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
    // The sniffer gives up on some messy heads; the caller then guesses from the header line.
    return undefined;
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
  head: string | undefined,
): Promise<SourceRelation> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const lines = headLines(file);
  const explicitDelimiter = options.delimiter === 'tab' ? '\t' : options.delimiter;
  const whitespace =
    explicitDelimiter === 'whitespace' ||
    explicitDelimiter === '\\s' ||
    (!explicitDelimiter && looksWhitespaceSeparated(lines));
  if (whitespace) return whitespaceSource(file, options, lines, maxLineBytes);
  if (!file.headHasLine && !options.columns) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_UNREADABLE',
      `${file.path}: the first line is longer than ${file.head.length} bytes with no line break, so it cannot be a header; ` +
        'is this a CSV file? (for a file without a header give columns)',
      { file: file.path },
    );
  }
  let sniffed = await sniff(db, file, head, explicitDelimiter);
  // A messy sample can defeat the sniffer; the header line's most frequent delimiter is a good second guess.
  if (!explicitDelimiter && (!sniffed || sniffed.columns.length === 1)) {
    const guess = guessDelimiter(lines[0] ?? '');
    if (guess) sniffed = (await sniff(db, file, head, guess)) ?? headerOnly(lines[0] ?? '', guess);
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
  const read = (
    path: string,
    tag: string,
  ) => `SELECT *, CAST(NULL AS BIGINT) AS __line FROM read_csv(${sqlString(path)}, auto_detect = false,
    header = ${hasHeader}, delim = ${sqlString(delimiter)}, quote = ${sqlString(sniffed?.quote ?? '"')},
    escape = ${sqlString(sniffed?.escape ?? '"')}, columns = {${columns}}, encoding = ${sqlString(file.encoding)},
    max_line_size = ${maxLineBytes}, store_rejects = true, rejects_table = ${sqlString(`rj_${tag}`)}, rejects_scan = ${sqlString(`rs_${tag}`)})`;
  return {
    read,
    columns: names,
    layout: `delimited '${delimiter === '\t' ? '\\t' : delimiter}'${hasHeader ? ' with header' : ' without header'}`,
    checks: [],
    keepsParserRejects: true,
    sampleByLimit: false,
    headerLines: hasHeader ? 1 : 0,
  };
}

function whitespaceSource(
  file: FileInspection,
  options: SourceOptions,
  lines: readonly string[],
  maxLineBytes: number,
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
  const select = names.map((_, i) => `__parts[${i + 1}] AS ${col(i)}`);
  return {
    // The split runs once per line; each column then picks its part.
    read: (path, tag) => `SELECT ${select.join(', ')}, len(__parts) AS __fields, __line FROM (
      SELECT string_split_regex(trim(l), '\\s+') AS __parts, __line FROM (${lineReader(file, path, maxLineBytes, tag)})
      WHERE ${notBlank('l')} ${headerIsData ? '' : 'AND __line > 1'})`,
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
    keepsParserRejects: true,
    sampleByLimit: false,
    headerLines: headerIsData ? 0 : 1,
  };
}
