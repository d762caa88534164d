import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { saveFieldAliases } from '../domain/aliases.js';
import {
  type FieldSpec,
  isKindName,
  KIND_NAMES,
  KINDS,
  type KindName,
  type KindSpec,
} from '../domain/kinds.js';
import { ClienteleError, onSurface, type Surface } from '../errors/index.js';
import type { Locale } from '../i18n/locale.js';
import { type Phrase, phrase, say } from '../i18n/phrase.js';
import { speaker } from '../i18n/speak.js';
import { type FieldCrypto, fieldCrypto } from '../privacy/fields.js';
import { dropSuppressedRows } from '../privacy/suppress.js';
import { duckdbDialect } from '../store/dialect.js';
import { leaseKey, openDuckDB, type Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';
import { copyAcross } from './across.js';
import { sqlString } from './convert.js';
import { type FileFormat, inspectFile } from './detect.js';
import { type DeclaredIdentifier, findIdentifierColumns, storeIdentifiers } from './identifiers.js';
import {
  type ColumnReading,
  checkRequiredColumns,
  columnReadings,
  type ExplicitMap,
  mapColumns,
} from './mapping.js';
import { sealStage } from './seal.js';
import { openSource, type SourceOptions, type SourceRelation, writeHeadSample } from './source.js';
import { planStage, type StagePlan } from './stage.js';

/** What to import a file as, and how to read it. */
export interface ImportOptions extends SourceOptions {
  readonly kind: KindName;
  /** field → column, overriding the automatic mapping. */
  readonly map?: ExplicitMap;
  /** mdy, dmy, ymd, iso, epoch, epoch_ms or a strptime pattern. */
  readonly dateFormat?: string;
  /** Force a format instead of detecting it. */
  readonly format?: FileFormat;
  /**
   * How much this file's traits count when profiles are put together: `low` for third-party enrichment,
   * whose values fill gaps but never override what the business's own sources say.
   */
  readonly priority?: 'normal' | 'low';
  /**
   * Columns that identify the person (a marketplace's `customer_unique_id` beside its per-order
   * `customer_id`): identity resolution joins records by them, in this import and every later one.
   */
  readonly identifiers?: readonly string[];
  /** Values for fields the file has no column for, on every row (`--as reviews`: kind `review`). */
  readonly fill?: Readonly<Record<string, string | number>>;
  /** Called with 0–100 while the file is read. */
  readonly onProgress?: (percent: number) => void;
  /**
   * The name the import and its rejected rows are recorded under; default the file's path. An upload is
   * recorded under the name it was sent with, not the server's temporary copy.
   */
  readonly recordAs?: string;
  /** The language of the summary's readings (`warnings`, `columns[].refused`); default English. */
  readonly locale?: Locale;
  /**
   * Who reads the summary: the options its readings name are the command line's flags (`--date-format`,
   * the default) or, for an API answer, the API's names (`dateFormat`; src/errors/option.ts).
   */
  readonly surface?: Surface;
}

/** The outcome of importing one file. */
export interface ImportSummary {
  readonly importId: number;
  readonly file: string;
  readonly kind: KindName;
  readonly format: string;
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly updated: number;
  /** Rows of people erased with `clientele forget`: dropped, neither stored nor counted as accepted. */
  readonly suppressed: number;
  readonly seconds: number;
  readonly rejectReasons: Record<string, number>;
  readonly mapping: Record<string, string>;
  readonly extras: readonly string[];
  /** Every column of the file: the field it fills (null for an extra trait), how it was matched, and why a field was refused. */
  readonly columns: readonly (Omit<ColumnReading, 'refused'> & { readonly refused?: string })[];
  /** What the importer noticed, in the summary's language. */
  readonly warnings: readonly string[];
  /** The same readings, each with the file's column names it mentions (as written in the file). */
  readonly notes: readonly { readonly text: string; readonly columns: readonly string[] }[];
  /** The file's columns declared identifiers of the person (`--identifier`). */
  readonly identifiers: readonly string[];
  /** True when this exact file (same bytes) was imported as the same kind before. */
  readonly seenBefore: boolean;
}

/**
 * Imports one file into its kind's table in a single transaction: all of its accepted rows land, or
 * none (a killed process leaves nothing half-written). Bad rows go to `rejects` with file, row,
 * column and reason; rows already present are counted as duplicates, never added twice.
 */
export async function importFile(
  db: Warehouse,
  path: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = new Date();
  const t0 = performance.now();
  if (!isKindName(options.kind)) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_UNKNOWN_KIND',
      `unknown kind '${options.kind}'; use one of ${KIND_NAMES.join(', ')}`,
    );
  }
  const spec = KINDS[options.kind];
  const file = await inspectFile(resolve(path), options.format);
  // Hashing runs on this thread while DuckDB reads the file on its own threads.
  const sha256 = hashFile(file.path);
  sha256.catch(() => undefined);
  const tag = randomBytes(6).toString('hex');
  const context = { spec, file, sha256, tag, started, t0 };
  // One connection for the whole import: the stage it reads and converts the file into is built before
  // the transaction (DuckDB reads a committed temporary table in parallel, a transaction-local one not),
  // and only the writes that must land together run inside it.
  if (db.dialect.name === 'duckdb') {
    return analysed(
      db,
      await db.session((session) => importOn({ scratch: session, target: session }, path, options, context)),
    );
  }
  // PostgreSQL: an in-memory DuckDB reads and checks the file as it would on DuckDB (the same readers,
  // mapping and rejects); the checked rows cross over with COPY, and the writes land in one transaction there.
  // A sharded database first loses the half-written rows of rolled-back transactions (docs/scale.md).
  await (await import('../scale/repair.js')).autoRepair(db);
  const scratch = await openDuckDB(':memory:');
  let summary: ImportSummary;
  try {
    summary = await db.session((session) => importOn({ scratch, target: session }, path, options, context));
  } finally {
    await scratch.close();
  }
  return analysed(db, summary);
}

/**
 * After an import of texts, the language and sentiment of each new or changed one, stored (text_analysis) as
 * the voice reads them (issue 13: the first personas after an import scored every text, about a minute of CPU
 * at 100,000 customers, while their visitor waited). Outside the import's transaction: the rows are in either
 * way, and a text left unscored (the process stopped) is scored by the next reader, as before.
 */
async function analysed(db: Warehouse, summary: ImportSummary): Promise<ImportSummary> {
  if (summary.accepted + summary.updated === 0) return summary;
  // The kinds whose rows hold texts customers wrote are the voice's sources, by the same names.
  const { SOURCES } = await import('../voice/documents.js');
  const source = SOURCES.find((s) => s === summary.kind);
  if (source !== undefined) await (await import('../voice/analysis.js')).ensureAnalysed(db, source);
  return summary;
}

/** Where an import reads and checks the file (always DuckDB), and where its rows land (the same, or PostgreSQL). */
interface ImportEngines {
  readonly scratch: Warehouse;
  readonly target: Warehouse;
}

interface ImportContext {
  readonly spec: (typeof KINDS)[KindName];
  readonly file: Awaited<ReturnType<typeof inspectFile>>;
  readonly sha256: Promise<string>;
  readonly tag: string;
  readonly started: Date;
  readonly t0: number;
}

async function importOn(
  engines: ImportEngines,
  path: string,
  options: ImportOptions,
  c: ImportContext,
): Promise<ImportSummary> {
  const { spec, file, sha256, tag, started, t0 } = c;
  const db = engines.scratch;
  const same = engines.scratch === engines.target;
  // Sniffing and planning only read the file; they run before the transaction, where a failed probe
  // (DuckDB aborts a transaction on any error) cannot spoil the import. They read the head of the file,
  // copied to a small temporary file, so that a 10-million-line file is not scanned to look at its top.
  const head = await writeHeadSample(file);
  const sampleTag = `${tag}s`;
  let source: SourceRelation;
  let plan: StagePlan;
  let declared: DeclaredIdentifier[];
  try {
    source = await openSource(db, file, options, head?.path);
    declared = findIdentifierColumns(options.identifiers ?? [], source.columns, path);
    const mapping = mapColumns(spec, source.columns, options.map);
    checkRequiredColumns(
      spec,
      mapping,
      path,
      source.columns,
      declared.map((d) => d.column),
    );
    const sample =
      source.sampleByLimit || !head
        ? `SELECT * FROM (${source.read(file.path, sampleTag)}) AS s LIMIT 20000`
        : source.read(head.path, sampleTag);
    await db.run(`CREATE TEMP TABLE sample_${tag} AS ${sample}`);
    plan = await planStage(
      db,
      spec,
      source,
      `SELECT * FROM sample_${tag}`,
      mapping,
      options.dateFormat,
      path,
      { fill: options.fill, identifierColumns: declared.map((d) => d.column) },
    );
  } finally {
    for (const t of [`rj_${sampleTag}`, `rs_${sampleTag}`, `sample_${tag}`])
      await db.run(`DROP TABLE IF EXISTS ${t}`);
    await head?.dispose();
  }
  const { mapping } = plan;

  const stage = `stage_${tag}`;
  // The stage is TEMP (in memory, never in the database file or its WAL): with encryption on, it is the
  // only place clear personal values are held, and they are sealed there before the insert.
  await runWithProgress(
    db,
    `CREATE TEMP TABLE ${stage} AS ${plan.stageSql(source.read(file.path, tag))}`,
    options.onProgress,
  );
  // The key (the target's, where encryption is set up) seals the stage where it is, in DuckDB's memory.
  const crypto = await fieldCrypto(engines.target);
  if (crypto) await sealStage(db, stage, plan.fields, crypto, tag);

  return engines.target.transaction(async (tx) => {
    // What reads the stage: the transaction itself on DuckDB, the scratch DuckDB beside PostgreSQL.
    const st = same ? tx : db;
    const parser = source.keepsParserRejects ? await parserRejects(st, `rj_${tag}`) : [];
    const rowExpr = await sourceRowExpr(st, stage, parser, source.headerLines, tag);
    const dup = await withinFileDuplicates(st, stage, tag);
    const cols = plan.fields.map((f) => identifier(f.name).text);
    const landing = { stage, spec, fields: plan.fields, tag, sealed: crypto !== null, cols, rowExpr };
    const { existing, importId } = same ? await landInPlace(tx, landing) : await landAcross(st, tx, landing);

    const digest = await sha256;
    const [prior] = await tx.all<{ n: number }>(
      'SELECT count(*) AS n FROM imports WHERE file_sha256 = ? AND kind = ?',
      [digest, spec.name],
    );
    const seenBefore = (prior?.n ?? 0) > 0;
    const reasonCounts = await st.all<{ reason_idx: number; n: number }>(
      `SELECT reason_idx, count(*) AS n FROM ${stage} WHERE reason_idx IS NOT NULL GROUP BY reason_idx`,
    );
    // The same file's rejects are already kept from its first import; storing them again would only repeat them.
    if (!seenBefore)
      await storeRejects(st, tx, {
        importId,
        spec: spec.name,
        file: options.recordAs ?? file.path,
        stage,
        plan,
        parser,
        rowExpr,
        headerLines: source.headerLines,
        tag,
        crypto,
      });

    const suppressed = await dropSuppressedRows(tx, spec.table, importId);
    const rejectReasons: Record<string, number> = {};
    const bump = (code: string, n: number) => {
      if (n > 0) rejectReasons[code] = (rejectReasons[code] ?? 0) + n;
    };
    for (const r of reasonCounts) bump(plan.reasons[r.reason_idx - 1]!.code, r.n);
    for (const p of parser) bump(p.code, 1);
    bump('duplicate_key', dup.conflicting);
    const [{ staged } = { staged: 0 }] = await st.all<{ staged: number }>(
      `SELECT count(*) AS staged FROM ${stage}`,
    );
    const rejected = Object.values(rejectReasons).reduce((a, b) => a + b, 0);
    const read = staged + parser.length;
    const duplicates = dup.identical + existing.duplicates;
    const accepted = read - rejected - duplicates - suppressed;
    const seconds = (performance.now() - t0) / 1000;
    await tx.run(
      `INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, CAST(? AS ${tx.dialect.jsonType}), CAST(? AS ${tx.dialect.jsonType}), ?, current_timestamp, ?, ?, ?, ?, ?, ?)`,
      [
        importId,
        spec.name,
        options.recordAs ?? file.path,
        digest,
        file.bytes,
        source.layout,
        JSON.stringify(publicOptions(options)),
        JSON.stringify(mapping.fields),
        started,
        read,
        accepted,
        rejected,
        duplicates,
        existing.updated,
        seconds,
      ],
    );
    const columns = columnReadings(mapping, source.columns);
    await saveFieldAliases(
      tx,
      spec.name,
      importId,
      columns.map((c) => ({ alias: c.column, field: c.field ?? c.column, how: c.how })),
    );
    for (const t of [stage, `skip_${tag}`, `dup_${tag}`, `match_${tag}`, `shift_${tag}`])
      await st.run(`DROP TABLE IF EXISTS ${t}`);
    if (!same) for (const t of [`cand_${tag}`, `match_${tag}`]) await tx.run(`DROP TABLE IF EXISTS ${t}`);
    // Each reading with the columns it names, so a screen can mark them without parsing the sentence.
    const warnings: { phrase: Phrase; columns: readonly string[] }[] = plan.warnings.map((w) => ({
      phrase: w,
      columns: typeof w.vars?.column === 'string' ? [w.vars.column] : [],
    }));
    const keys = await storeIdentifiers(tx, spec.table, declared, mapping.fields);
    if (keys.alreadyIdentifiers.length) {
      warnings.push({
        phrase: phrase('import.identifierAlready', {
          columns: keys.alreadyIdentifiers.join(', '),
          n: keys.alreadyIdentifiers.length,
        }),
        columns: keys.alreadyIdentifiers,
      });
    }
    const words = speaker(options.locale ?? 'en');
    const reading = (p: Phrase) => onSurface(say(words, p), options.surface ?? 'cli');
    return {
      importId,
      file: options.recordAs ?? file.path,
      kind: spec.name,
      format: source.layout,
      read,
      accepted,
      rejected,
      duplicates,
      updated: existing.updated,
      suppressed,
      seconds,
      rejectReasons,
      mapping: { ...mapping.fields },
      extras: mapping.extras,
      columns: columns.map(({ refused, ...c }) => (refused ? { ...c, refused: reading(refused) } : c)),
      warnings: warnings.map((w) => reading(w.phrase)),
      notes: warnings.map((w) => ({ text: reading(w.phrase), columns: w.columns })),
      identifiers: declared.map((d) => d.column),
      seenBefore,
    };
  });
}

/** What both ways of landing an import's rows need. */
interface Landing {
  readonly stage: string;
  readonly spec: KindSpec;
  readonly fields: readonly FieldSpec[];
  readonly tag: string;
  readonly sealed: boolean;
  /** The fields' quoted column names. */
  readonly cols: readonly string[];
  /** A staged row's record number in the file (over the stage as `s`). */
  readonly rowExpr: string;
}

interface Landed {
  readonly existing: ExistingCounts;
  readonly importId: number;
}

// DuckDB: the stage, the target and the transaction share one connection; the rows go over in one INSERT.
async function landInPlace(tx: Warehouse, l: Landing): Promise<Landed> {
  const { stage, spec, tag, cols, rowExpr } = l;
  const existing = await matchExisting(tx, stage, spec, l.fields, tag, l.sealed);
  const skip = `skip_${tag}`;
  await tx.run(
    `CREATE TEMP TABLE ${skip} AS SELECT rid FROM dup_${tag} WHERE n > 1 AND keyed UNION ALL SELECT rid FROM match_${tag} WHERE skip`,
  );
  if (existing.updated) {
    await tx.run(
      `DELETE FROM ${spec.table} WHERE row_key IN (SELECT s.row_key FROM ${stage} s JOIN match_${tag} m ON m.rid = s.rowid WHERE NOT m.skip)`,
    );
  }
  const importId = await nextImportId(tx);
  const [{ skipped } = { skipped: 0 }] = await tx.all<{ skipped: number }>(
    `SELECT count(*) AS skipped FROM ${skip}`,
  );
  // Row order in the target does not matter, and keeping it forces a slow ordered write; the anti-join runs
  // only when something is to be skipped, which a first import of a clean file never has.
  await tx.run('SET preserve_insertion_order = false');
  try {
    await tx.run(
      `INSERT INTO ${spec.table} (${[...cols, 'row_key', 'row_hash', 'import_id', 'source_row', 'extra'].join(', ')})
       SELECT ${[...cols.map((c) => `s.${c}`), 's.row_key', 's.row_hash', String(importId), rowExpr, 's.extra'].join(', ')}
       FROM ${stage} s WHERE s.reason_idx IS NULL
       ${skipped ? `AND s.rowid NOT IN (SELECT rid FROM ${skip})` : ''}`,
    );
  } finally {
    await tx.run('SET preserve_insertion_order = true');
  }
  return { existing, importId };
}

// PostgreSQL: the rows to store (valid, not a repeat of a key earlier in the file) cross over with COPY into
// a temporary table there, are matched against the stored rows there, and land with one INSERT. Imports of
// one kind take turns (an advisory lock), so two at once cannot both add the same key.
async function landAcross(scratch: Warehouse, tx: Warehouse, l: Landing): Promise<Landed> {
  const { stage, spec, tag, cols, rowExpr } = l;
  await tx.run('SELECT pg_advisory_xact_lock(?, ?)', [IMPORT_LOCK, leaseKey(spec.table)]);
  const cand = `cand_${tag}`;
  const keep = ['row_key', 'row_hash', 'source_row', 'extra'];
  await copyAcross(
    scratch,
    `SELECT s.rowid AS rid, ${[...cols.map((c) => `s.${c}`), 's.row_key', 's.row_hash', `${rowExpr} AS source_row`, 's.extra'].join(', ')}
     FROM ${stage} s WHERE s.reason_idx IS NULL
       AND s.rowid NOT IN (SELECT rid FROM dup_${tag} WHERE n > 1 AND keyed)`,
    tx,
    cand,
    `SELECT CAST(NULL AS BIGINT) AS rid, ${[...cols, ...keep].join(', ')} FROM ${spec.table}`,
  );
  const existing = await matchExisting(tx, cand, spec, l.fields, tag, l.sealed, 'rid');
  if (existing.updated) {
    await tx.run(
      `DELETE FROM ${spec.table} WHERE row_key IN (SELECT c.row_key FROM ${cand} c JOIN match_${tag} m ON m.rid = c.rid WHERE NOT m.skip)`,
    );
  }
  const importId = await nextImportId(tx);
  await tx.run(
    `INSERT INTO ${spec.table} (${[...cols, 'row_key', 'row_hash', 'import_id', 'source_row', 'extra'].join(', ')})
     SELECT ${[...cols.map((c) => `c.${c}`), 'c.row_key', 'c.row_hash', String(importId), 'c.source_row', 'c.extra'].join(', ')}
     FROM ${cand} c WHERE NOT EXISTS (SELECT 1 FROM match_${tag} m WHERE m.rid = c.rid AND m.skip)`,
  );
  return { existing, importId };
}

// The first key of the lock imports of one kind take on PostgreSQL ('CltI' as a number).
const IMPORT_LOCK = 0x436c7449;

async function nextImportId(tx: Warehouse): Promise<number> {
  return Number((await tx.all<{ id: number }>("SELECT nextval('import_ids') AS id"))[0]!.id);
}

function publicOptions(options: ImportOptions): Record<string, unknown> {
  const { onProgress: _ignored, ...rest } = options;
  return rest;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function runWithProgress(
  db: Warehouse,
  sql: string,
  onProgress?: (percent: number) => void,
): Promise<void> {
  if (!onProgress) return db.run(sql);
  await db.withProgress(() => db.run(sql), onProgress);
  onProgress(100);
}

interface ParserReject {
  readonly line: number;
  readonly code: 'line_too_long' | 'malformed_line';
  readonly message: string;
  readonly raw: string;
}

async function parserRejects(db: Warehouse, table: string): Promise<ParserReject[]> {
  const exists = await db.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = ?`, [table]);
  if (!exists.length) return [];
  const rows = await db.all<{
    line: number;
    error_type: string;
    error_message: string;
    csv_line: string;
    byte_position: number;
  }>(`SELECT line, error_type, error_message, csv_line, byte_position FROM ${table} ORDER BY line`);
  // DuckDB may report one bad line once per error it found in it; one reject per line is enough.
  const byLine = new Map<number, ParserReject>();
  for (const r of rows) {
    if (byLine.has(r.line)) continue;
    const tooLong = r.error_type === 'LINE SIZE OVER MAXIMUM';
    byLine.set(r.line, {
      line: r.line,
      code: tooLong ? 'line_too_long' : 'malformed_line',
      message: `line ${r.line}: ${r.error_message}${tooLong ? ` (the line starts at byte ${r.byte_position}; its first ${r.csv_line?.length ?? 0} characters are kept)` : ''}`,
      raw: r.csv_line ?? '',
    });
  }
  return [...byLine.values()];
}

// A staged row's place among the rows read, from its rowid: the stage keeps the file's order, and numbering
// rowids costs nothing where row_number() OVER () would serialize the parallel read.
function recordNumber(stage: string, alias: string): string {
  return `(${alias}.rowid - (SELECT min(rowid) FROM ${stage}) + 1)`;
}

// Records the CSV parser skipped shift the record numbers of the rows after them.
async function sourceRowExpr(
  db: Warehouse,
  stage: string,
  parser: readonly ParserReject[],
  headerLines: number,
  tag: string,
): Promise<string> {
  const base = `coalesce(s.__line - ${headerLines}, ${recordNumber(stage, 's')}`;
  if (!parser.length) return `${base})`;
  await db.run(`CREATE TEMP TABLE shift_${tag} (accepted_before BIGINT)`);
  const values = parser.map((p, i) => `(${p.line - headerLines - (i + 1)})`).join(', ');
  await db.run(`INSERT INTO shift_${tag} VALUES ${values}`);
  return `${base} + (SELECT count(*) FROM shift_${tag} h WHERE h.accepted_before < ${recordNumber(stage, 's')}))`;
}

interface DuplicateCounts {
  readonly identical: number;
  readonly conflicting: number;
}

// Repeats of a natural key inside one file: identical repeats are duplicates, differing ones are rejected.
// Repeats of content in a file without a natural key are separate records (two identical order lines): they get
// an occurrence number, so that importing the file again still matches them one to one.
async function withinFileDuplicates(db: Warehouse, stage: string, tag: string): Promise<DuplicateCounts> {
  await db.run(
    `CREATE TEMP TABLE dup_${tag} (rid BIGINT, n BIGINT, keyed BOOLEAN, conflicting BOOLEAN, first_rid BIGINT)`,
  );
  const [counts] = await db.all<{ n: number; k: number }>(
    `SELECT count(*) AS n, count(DISTINCT row_key) AS k FROM ${stage} WHERE reason_idx IS NULL`,
  );
  if (!counts || counts.n === counts.k) return { identical: 0, conflicting: 0 };
  await db.run(
    `INSERT INTO dup_${tag}
     SELECT rid, n, NOT starts_with(row_key, 'h:'), row_hash <> first_hash, first_rid FROM (
       SELECT rowid AS rid, row_key, row_hash,
         row_number() OVER w AS n, first_value(row_hash) OVER w AS first_hash, first_value(rowid) OVER w AS first_rid
       FROM ${stage} WHERE reason_idx IS NULL AND row_key IN (
         SELECT row_key FROM ${stage} WHERE reason_idx IS NULL GROUP BY row_key HAVING count(*) > 1)
       WINDOW w AS (PARTITION BY row_key ORDER BY rowid)
     ) WHERE n > 1`,
  );
  await db.run(
    `UPDATE ${stage} SET row_key = row_key || '#' || d.n FROM dup_${tag} d WHERE ${stage}.rowid = d.rid AND NOT d.keyed`,
  );
  const [r] = await db.all<{ identical: number; conflicting: number }>(
    `SELECT count(*) FILTER (WHERE keyed AND NOT conflicting) AS identical, count(*) FILTER (WHERE keyed AND conflicting) AS conflicting FROM dup_${tag}`,
  );
  return { identical: r?.identical ?? 0, conflicting: r?.conflicting ?? 0 };
}

interface ExistingCounts {
  readonly duplicates: number;
  readonly updated: number;
}

// Rows whose key is already stored: the same typed content is a duplicate; changed content replaces the stored
// row, except for events, which are an append-only log where the first write wins. Content is compared typed,
// field by field, not by the hash of the source text: the same file read with another --map (a column now
// read as `category`) is the same text but other content, and its rows are updated.
async function matchExisting(
  db: Warehouse,
  stage: string,
  spec: KindSpec,
  fields: readonly { readonly name: string }[],
  tag: string,
  sealed: boolean,
  // The stage's row number column: DuckDB's rowid, or the `rid` a copied stage carries (its keyed repeats
  // already left out).
  rid: 'rowid' | 'rid' = 'rowid',
): Promise<ExistingCounts> {
  const staged = new Set(fields.map((f) => f.name));
  const q = (name: string) => identifier(name).text;
  // Sealed values never compare equal (a fresh IV each time): personal fields and extras are compared by
  // the content hash of the source text instead.
  const opaque = (f: { readonly personal?: unknown; readonly type: string }) =>
    sealed && ((f.personal && f.type === 'string') || f.type === 'json');
  const same = [
    ...spec.fields.map((f) =>
      opaque(f)
        ? staged.has(f.name)
          ? 't.row_hash IS NOT DISTINCT FROM s.row_hash'
          : `t.${q(f.name)} IS NULL`
        : staged.has(f.name)
          ? `t.${q(f.name)} IS NOT DISTINCT FROM s.${q(f.name)}`
          : `t.${q(f.name)} IS NULL`,
    ),
    sealed
      ? 't.row_hash IS NOT DISTINCT FROM s.row_hash'
      : 'CAST(t.extra AS VARCHAR) IS NOT DISTINCT FROM CAST(s.extra AS VARCHAR)',
  ].join(' AND ');
  const appendOnly = spec.name === 'events';
  await db.run(
    `CREATE TEMP TABLE match_${tag} AS
     SELECT s.${rid} AS rid, ${appendOnly ? 'true' : `bool_or(${same})`} AS skip
     FROM ${stage} s JOIN ${spec.table} t ON t.row_key = s.row_key
     ${rid === 'rowid' ? `WHERE s.reason_idx IS NULL AND NOT EXISTS (SELECT 1 FROM dup_${tag} d WHERE d.rid = s.rowid AND d.keyed)` : ''}
     GROUP BY s.${rid}`,
  );
  const [r] = await db.all<{ duplicates: number; updated: number }>(
    `SELECT count(*) FILTER (WHERE skip) AS duplicates, count(*) FILTER (WHERE NOT skip) AS updated FROM match_${tag}`,
  );
  return { duplicates: r?.duplicates ?? 0, updated: r?.updated ?? 0 };
}

interface RejectContext {
  readonly importId: number;
  readonly spec: KindName;
  readonly file: string;
  readonly stage: string;
  readonly plan: StagePlan;
  readonly parser: readonly ParserReject[];
  readonly rowExpr: string;
  readonly headerLines: number;
  readonly tag: string;
  /** Set when personal fields are encrypted: the stage's raw records are sealed, and nothing quotes them in clear. */
  readonly crypto: FieldCrypto | null;
}

const REJECT_COLUMNS =
  'import_id, kind, file, source_row, source_line, source_column, field, reason_code, reason, raw';

// Stores the rejects a query over the stage gives: in one INSERT where the stage is, by COPY across otherwise.
async function insertRejects(stageDb: Warehouse, tx: Warehouse, select: string, tag: string): Promise<void> {
  if (stageDb === tx) {
    await tx.run(`INSERT INTO rejects (${REJECT_COLUMNS}) ${select}`);
    return;
  }
  const temp = `rjx_${tag}`;
  await copyAcross(stageDb, select, tx, temp, `SELECT ${REJECT_COLUMNS} FROM rejects`);
  await tx.run(`INSERT INTO rejects (${REJECT_COLUMNS}) SELECT * FROM ${temp}`);
  await tx.run(`DROP TABLE ${temp}`);
}

async function storeRejects(db: Warehouse, tx: Warehouse, c: RejectContext): Promise<void> {
  const cases = (pick: (i: number) => string) =>
    `CASE s.reason_idx ${c.plan.reasons.map((_, i) => `WHEN ${i + 1} THEN ${pick(i)}`).join(' ')} END`;
  if (c.plan.reasons.length) {
    const reason = cases((i) => {
      const r = c.plan.reasons[i]!;
      if (!r.column || r.code === 'missing_required') {
        return sqlString(r.column ? `column '${r.column}' (field ${r.field}) ${r.problem}` : r.problem);
      }
      // A sealed raw record is not JSON the engine can read: the reason then names the column, not the value.
      const value = c.crypto
        ? "'…'"
        : `left(coalesce(${duckdbDialect.jsonText('s.raw', [r.column])}, ''), 200)`;
      return `${sqlString(`column '${r.column}' (field ${r.field}): '`)} || ${value} || ${sqlString(`' ${r.problem}`)}`;
    });
    await insertRejects(
      db,
      tx,
      `SELECT ${c.importId}, ${sqlString(c.spec)}, ${sqlString(c.file)}, ${c.rowExpr}, s.__line,
         ${cases((i) => (c.plan.reasons[i]!.column ? sqlString(c.plan.reasons[i]!.column!) : 'NULL'))},
         ${cases((i) => (c.plan.reasons[i]!.field ? sqlString(c.plan.reasons[i]!.field!) : 'NULL'))},
         ${cases((i) => sqlString(c.plan.reasons[i]!.code))}, ${reason}, s.raw
       FROM ${c.stage} s WHERE s.reason_idx IS NOT NULL`,
      `${c.tag}a`,
    );
  }
  await insertRejects(
    db,
    tx,
    `SELECT ${c.importId}, ${sqlString(c.spec)}, ${sqlString(c.file)}, ${c.rowExpr}, s.__line, NULL, NULL, 'duplicate_key',
       'the key ' || replace(s.row_key, chr(31), ', ') || ' appears earlier in the file (row ' || (d.first_rid - (SELECT min(rowid) FROM ${c.stage}) + 1) || ') with different values',
       CAST(json_object(${c.plan.fields.map((f) => `${sqlString(f.name)}, s.${identifier(f.name).text}`).join(', ')}) AS VARCHAR)
     FROM ${c.stage} s JOIN dup_${c.tag} d ON d.rid = s.rowid WHERE d.keyed AND d.conflicting`,
    `${c.tag}b`,
  );
  for (const p of c.parser) {
    await tx.run(
      `INSERT INTO rejects (import_id, kind, file, source_row, source_line, source_column, field, reason_code, reason, raw)
       VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
      [
        c.importId,
        c.spec,
        c.file,
        p.line - c.headerLines,
        p.line,
        p.code,
        c.crypto ? c.crypto.seal('text', p.message) : p.message,
        c.crypto ? c.crypto.seal('text', p.raw) : p.raw,
      ],
    );
  }
}
