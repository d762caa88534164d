import type { FieldSpec, KindSpec } from '../domain/kinds.js';
import { fieldPhrase } from '../i18n/field.js';
import { type Phrase, phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';
import { absentFills } from './absent.js';
import {
  asciiRowExpr,
  convertField,
  inList,
  type RejectCode,
  sqlString,
  textExpr,
  trimmedText,
} from './convert.js';
import { type DateDetection, detectDateFormat, parseDateFormatOption, TIMESTAMP_FORMATS } from './dates.js';
import { type ColumnMapping, checkRequiredColumns, withoutFields } from './mapping.js';
import type { SourceRelation } from './source.js';

/** One reason a staged row can carry, numbered by its position (reason_idx = index + 1). */
export interface StageReason {
  readonly code: RejectCode;
  readonly field?: string;
  readonly column?: string;
  readonly problem: string;
}

/** The SQL that reads, converts and checks a whole file in one pass, and what the numbers in it mean. */
export interface StagePlan {
  /** The staging query over a relation that reads the source (the whole file, or its head). */
  stageSql(sourceSql: string): string;
  readonly mapping: ColumnMapping;
  readonly fields: readonly FieldSpec[];
  readonly reasons: readonly StageReason[];
  /** What the importer noticed, said later in the reader's language. */
  readonly warnings: readonly Phrase[];
  /** True when rows are keyed by the kind's natural key; false when by content hash. */
  readonly keyed: boolean;
}

const q = (name: string) => identifier(name).text;

// Per staged row: its whole source text (hashed for row_hash) and whether that text is all ASCII, which lets
// trimming skip the values it cannot change (convert.ts, trimmedText).
const ROW_TEXT = '__text';
const ASCII_ROW = '__ascii';

/** What the caller adds to a plan beside the mapping. */
export interface StageExtras {
  /** Values for fields the file has no column for (`--as reviews` gives feedback the kind `review`). */
  readonly fill?: Readonly<Record<string, string | number>>;
  /**
   * Columns declared identifiers of the person (`--identifier`): kept as text traits whatever they hold
   * (`12345` is no number), and they name the customer as the kind's identifier fields do.
   */
  readonly identifierColumns?: readonly string[];
}

/** Plans the staging query: text → typed values, reasons for bad rows, raw JSON of bad rows, content hash and key. */
export async function planStage(
  db: Warehouse,
  spec: KindSpec,
  source: SourceRelation,
  sampleSql: string,
  mapping: ColumnMapping,
  dateFormat: string | undefined,
  file: string,
  extras: StageExtras = {},
): Promise<StagePlan> {
  const columnIndex = new Map(source.columns.map((c, i) => [c, i]));
  const warnings: Phrase[] = [];
  const misfit = await misfits(db, spec, mapping, sampleSql, columnIndex);
  for (const m of misfit) {
    warnings.push(
      phrase('import.misfit', { column: m.column, field: fieldPhrase(m.field), reason: m.reason }),
    );
  }
  mapping = withoutFields(mapping, misfit, source.columns);
  const declared = extras.identifierColumns ?? [];
  checkRequiredColumns(spec, mapping, file, source.columns, declared);
  const mappedFields = spec.fields.filter((f) => mapping.fields[f.name] !== undefined);
  const fills = absentFills(spec, mapping.fields, extras.fill);
  for (const fill of fills) warnings.push(fill.note);
  const fields = [...mappedFields, ...fills.map((fill) => fill.field)];
  const reasons: StageReason[] = source.checks.map((c) => ({ code: c.code, problem: c.problem }));
  const recordChecks = source.checks.map((c) => c.when);

  // Level 1: trimmed text per mapped field.
  const level1 = mappedFields.map((f) => {
    const own = textExpr(`c${columnIndex.get(mapping.fields[f.name]!)}`, f, ASCII_ROW);
    const fallback = mapping.fallbacks[f.name];
    const text =
      fallback === undefined
        ? own
        : `coalesce(${own}, ${textExpr(`c${columnIndex.get(fallback)}`, f, ASCII_ROW)})`;
    return `${text} AS ${q(`s_${f.name}`)}`;
  });

  // Level 2 parses each field once; level 3 turns the parse into the value and checks the row.
  const level2: string[] = [];
  const level3: string[] = [];
  const fieldChecks: string[] = [];
  const forced = dateFormat ? parseDateFormatOption(dateFormat) : undefined;
  for (const f of mappedFields) {
    const column = mapping.fields[f.name]!;
    const s = q(`s_${f.name}`);
    let detection: DateDetection = { format: TIMESTAMP_FORMATS.iso! };
    if (f.type === 'date' || f.type === 'timestamp') {
      detection = forced
        ? { format: forced }
        : await detectDateFormat(db, sampleSql, textExpr(`c${columnIndex.get(column)}`, f), column);
      if (detection.warning) warnings.push(detection.warning);
    }
    const conversion = convertField(f, s, q(`p_${f.name}`), detection.format);
    level2.push(`${conversion.parse} AS ${q(`p_${f.name}`)}`);
    level3.push(`${conversion.value} AS ${q(f.name)}`);
    if (f.required) {
      fieldChecks.push(`${s} IS NULL`);
      reasons.push({
        code: 'missing_required',
        field: f.name,
        column,
        problem: 'is empty, but the field is required',
      });
    }
    for (const check of conversion.checks) {
      fieldChecks.push(check.when);
      reasons.push({ code: check.code, field: f.name, column, problem: check.problem });
    }
  }
  for (const fill of fills) {
    const value = typeof fill.value === 'number' ? String(fill.value) : sqlString(fill.value);
    level3.push(`${value} AS ${q(fill.field.name)}`);
  }
  const anyOf = (spec.requireAnyValue ?? []).filter((f) => mapping.fields[f]);
  if (anyOf.length) {
    fieldChecks.push(anyOf.map((f) => `${q(`s_${f}`)} IS NULL`).join(' AND '));
    reasons.push({
      code: 'missing_required',
      problem: `${anyOf.map((f) => mapping.fields[f]).join(' and ')} ${anyOf.length > 1 ? 'are all' : 'is'} empty; a row needs one of them`,
    });
  }
  const identifiers = (spec.requireOneOf ?? []).filter((f) => mapping.fields[f]);
  const namers = spec.requireOneOf
    ? [
        ...identifiers.map((f) => ({ column: mapping.fields[f]!, empty: `${q(`s_${f}`)} IS NULL` })),
        ...declared
          .filter((c) => !identifiers.some((f) => mapping.fields[f] === c))
          .map((c) => ({
            column: c,
            empty: `${textExpr(`c${columnIndex.get(c)}`, undefined, ASCII_ROW)} IS NULL`,
          })),
      ]
    : [];
  if (namers.length) {
    fieldChecks.push(namers.map((n) => n.empty).join(' AND '));
    reasons.push({
      code: 'missing_identifier',
      problem: `no identifier of the customer: ${namers.map((n) => n.column).join(', ')} ${namers.length > 1 ? 'are all' : 'is'} empty`,
    });
  }
  const allChecks = [...recordChecks, ...fieldChecks];
  const reasonIdx = allChecks.length
    ? `CASE ${allChecks.map((w, i) => `WHEN ${w} THEN ${i + 1}`).join(' ')} END`
    : 'CAST(NULL AS INTEGER)';

  const extra = await extraExpr(db, source, sampleSql, mapping, columnIndex, declared);
  const raw = source.jsonRecord
    ? '__json'
    : `json_object(${source.columns.map((c, i) => `${sqlString(c)}, c${i}`).join(', ')})`;
  // The content hash is over the source text, not the typed values: formatting timestamps back to text is
  // the costliest step of a load, and the text identifies a record just as well.
  const hashInput = source.jsonRecord
    ? '__json'
    : `concat_ws(chr(31), ${source.columns.map((_, i) => `coalesce(c${i}, chr(0))`).join(', ')})`;
  const keyFields = spec.naturalKey.filter((k) => mapping.fields[k] !== undefined);
  const keyed = keyFields.length > 0;
  const first = keyFields[0];
  const keyExpr = keyed
    ? `CASE WHEN ${q(first!)} IS NOT NULL THEN concat_ws(chr(31), ${keyFields.map((k) => `coalesce(CAST(${q(k)} AS VARCHAR), '')`).join(', ')}) ELSE 'h:' || row_hash END`
    : `'h:' || row_hash`;
  const passThrough = [
    '__line',
    ROW_TEXT,
    ASCII_ROW,
    ...(source.jsonRecord ? ['__json', '__is_object'] : []),
  ];
  const rawCols = source.columns.map((_, i) => `c${i}`);

  const stageSql = (sourceSql: string) => `SELECT *, ${keyExpr} AS row_key FROM (
    SELECT ${fields.map((f) => q(f.name)).join(', ')}${fields.length ? ', ' : ''} extra, reason_idx, __line,
      CASE WHEN reason_idx IS NOT NULL THEN CAST(${raw} AS VARCHAR) END AS raw,
      md5(${ROW_TEXT}) AS row_hash
    FROM (
      SELECT *, ${reasonIdx} AS reason_idx, ${extra} AS extra${level3.length ? `, ${level3.join(', ')}` : ''}
      FROM (
        SELECT *${level2.length ? `, ${level2.join(', ')}` : ''}
        FROM (SELECT ${[...rawCols, ...passThrough, ...(source.fieldCount ? ['__fields'] : []), ...level1].join(', ')}
              FROM (SELECT *, ${asciiRowExpr(ROW_TEXT, source.jsonRecord)} AS ${ASCII_ROW}
                    FROM (SELECT *, ${hashInput} AS ${ROW_TEXT} FROM (${sourceSql}) AS src) AS t0) AS t1) AS l1
      ) AS l2
    ) AS l3
  ) AS l4`;
  return { stageSql, mapping, fields, reasons, warnings, keyed };
}

interface Misfit {
  readonly field: string;
  readonly column: string;
  readonly reason: Phrase;
}

// A column matched only by its name whose sample values do not fit the field is not that field: Telco's
// Yes/No `Dependents` is not the number of `children` (rejecting every row would be worse), and a column of
// plain numbers called `income` is an amount, not an income band. The types decide, never the name alone.
async function misfits(
  db: Warehouse,
  spec: KindSpec,
  mapping: ColumnMapping,
  sampleSql: string,
  columnIndex: Map<string, number>,
): Promise<Misfit[]> {
  const typed = ['integer', 'number', 'money', 'boolean'];
  const candidates = spec.fields.filter(
    (f) => mapping.guessed.includes(f.name) && (typed.includes(f.type) || f.labels),
  );
  if (!candidates.length) return [];
  const probes = candidates.map((f, i) => {
    const s = textExpr(`c${columnIndex.get(mapping.fields[f.name]!)}`, f);
    if (f.labels) {
      return `count(${s}) AS n${i}, count(*) FILTER (WHERE try_cast(replace(${s}, ',', '') AS DOUBLE) IS NOT NULL) AS bad${i}`;
    }
    const { parse } = convertField(f, `(${s})`, 'p', TIMESTAMP_FORMATS.iso!);
    return `count(${s}) AS n${i}, count(*) FILTER (WHERE (${s}) IS NOT NULL AND (${parse}) IS NULL) AS bad${i}`;
  });
  const [stats] = await db.all<Record<string, number>>(
    `SELECT ${probes.join(', ')} FROM (${sampleSql}) AS sample`,
  );
  return candidates.flatMap((f, i) => {
    const n = stats?.[`n${i}`] ?? 0;
    const share = n ? (stats?.[`bad${i}`] ?? 0) / n : 0;
    const column = mapping.fields[f.name]!;
    // Labels: every value a plain number. Typed fields: most values unreadable as the type.
    if (f.labels) {
      return n > 0 && share >= 0.99
        ? [{ field: f.name, column, reason: phrase('import.misfit.amount') }]
        : [];
    }
    const key = f.type === 'boolean' ? 'import.misfit.notYesNo' : 'import.misfit.notNumbers';
    return n > 0 && share > 0.5
      ? [{ field: f.name, column, reason: phrase(key, { percent: Math.round(share * 100) }) }]
      : [];
  });
}

// Unmapped columns become typed traits: numbers and booleans when every sample value reads as one, text otherwise.
async function extraExpr(
  db: Warehouse,
  source: SourceRelation,
  sampleSql: string,
  mapping: ColumnMapping,
  columnIndex: Map<string, number>,
  textColumns: readonly string[],
): Promise<string> {
  if (source.jsonRecord) {
    const mapped = Object.values(mapping.fields);
    if (!mapped.length) return 'CASE WHEN __is_object THEN CAST(__json AS JSON) END';
    const patch = JSON.stringify(Object.fromEntries(mapped.map((c) => [c, null])));
    return `CASE WHEN __is_object THEN nullif(json_merge_patch(__json, ${sqlString(patch)}), '{}') END`;
  }
  if (!mapping.extras.length) return 'CAST(NULL AS JSON)';
  const probes = mapping.extras.map((c, i) => {
    const s = `nullif(trim(c${columnIndex.get(c)}), '')`;
    return `count(${s}) AS n${i},
      count(*) FILTER (WHERE try_cast(${s} AS DOUBLE) IS NOT NULL AND isfinite(try_cast(${s} AS DOUBLE)) AND NOT regexp_matches(${s}, '^-?0[0-9]')) AS num${i},
      count(*) FILTER (WHERE ${inList(`lower(${s})`, ['true', 'false', 'yes', 'no'])}) AS bool${i}`;
  });
  const [stats] = await db.all<Record<string, number>>(
    `SELECT ${probes.join(', ')} FROM (${sampleSql}) AS sample`,
  );
  const parts = mapping.extras.map((c, i) => {
    const s = `nullif(${trimmedText(`c${columnIndex.get(c)}`, ASCII_ROW)}, '')`;
    const n = stats?.[`n${i}`] ?? 0;
    let value = `to_json(${s})`;
    if (textColumns.includes(c)) return `${sqlString(c)}, ${value}`;
    if (n > 0 && stats?.[`num${i}`] === n)
      value = `coalesce(to_json(try_cast(${s} AS DOUBLE)), to_json(${s}))`;
    else if (n > 0 && stats?.[`bool${i}`] === n)
      value = `coalesce(to_json(${inList(`lower(${s})`, ['true', 'yes'])}), to_json(${s}))`;
    return `${sqlString(c)}, ${value}`;
  });
  return `json_object(${parts.join(', ')})`;
}
