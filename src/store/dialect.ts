/**
 * The places where DuckDB and PostgreSQL SQL differ, each a named function, so that a second engine is a
 * second object here and callers do not change. Everything else Clientele writes is the subset both
 * engines run (DuckDB's parser is PostgreSQL's). docs/dialect.md lists each construct and its callers.
 * Arguments named `…Expr` are SQL expressions the caller composed (never a value); the dialect writes only
 * keywords and constants of its own (a date unit, a format) around them.
 */

/** A unit of calendar time, for truncation and differences. */
export type DateUnit = 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

/** A file format the engine reads or writes itself. */
export type FileFormat = 'csv' | 'parquet' | 'ndjson';

export interface Dialect {
  readonly name: 'duckdb' | 'postgres';
  /** The type of a JSON column. */
  readonly jsonType: string;
  /** A timestamp parsed from text with a strptime-style format, NULL when it does not parse. */
  tryParseTimestamp(textExpr: string, formatLiteral: string): string;
  /** Seconds since the epoch to a timestamp with time zone. */
  epochSecondsToTimestamp(numberExpr: string): string;
  /**
   * A string literal in the SQL text: the one way outside bound parameters that a string reaches SQL, for
   * engine-side constants a statement cannot bind (a file path in ATTACH or in a view's DDL, a JSON path or key
   * inside generated DDL). Never for a user's value in a query that can take a parameter (`param` in sql.ts).
   * Identifiers are quoted by `identifier` in sql.ts.
   */
  literal(value: string): string;
  /** A JSON path to nested object keys, as a literal (DuckDB `'$."a"."b"'`, PostgreSQL `'{a,b}'`). */
  jsonPath(keys: readonly string[]): string;
  /** The text at nested object keys of a JSON value, NULL when absent. */
  jsonText(jsonExpr: string, keys: readonly string[]): string;
  /** A list (array) of the given element expressions. */
  list(itemExprs: readonly string[]): string;
  /** Text split at a separator into a list of text (`unnest` it into rows). */
  splitText(textExpr: string, separatorExpr: string): string;
  /** A list of whole numbers or of text from a bound JSON array (`paramExpr` is a `?`): many values in one value. */
  jsonList(paramExpr: string, element: 'BIGINT' | 'VARCHAR'): string;
  /** True when a list holds a value. */
  listContains(listExpr: string, valueExpr: string): string;
  /** A timestamp truncated to the start of its unit. */
  dateTrunc(unit: DateUnit, timestampExpr: string): string;
  /** Whole units (day or month) from `fromExpr` to `toExpr`, counting boundaries crossed. */
  dateDiff(unit: 'day' | 'month', fromExpr: string, toExpr: string): string;
  /** A timestamp as text; `format` uses strftime's %Y %m %d %H %M %S %g (milliseconds) and %f (microseconds). */
  formatTime(timestampExpr: string, format: string): string;
  /** Seconds since the epoch of a timestamp, as a number. */
  epochSeconds(timestampExpr: string): string;
  /** Milliseconds since the epoch of a timestamp, as a number. */
  epochMs(timestampExpr: string): string;
  /** Whole microseconds since the epoch of a timestamp (a BIGINT): an exact sort key for a cursor. */
  epochMicros(timestampExpr: string): string;
  /**
   * The column that addresses a row of a table for fetching it again without an index (DuckDB's `rowid`,
   * which moves when a table is compacted), or null where the engine has none (PostgreSQL: rows are found
   * through an index on their key instead).
   */
  readonly rowIdColumn: string | null;
  /** Milliseconds since the epoch (an SQL expression) as a timestamp with time zone. */
  epochMsToTimestamp(numberExpr: string): string;
  /** The UTC calendar day of an instant as a whole day number since 1970-01-01 (an INTEGER). */
  epochDay(timestampExpr: string): string;
  /** The value of `valueExpr` on the row of the smallest `keyExpr` in the group (an aggregate). */
  argMin(valueExpr: string, keyExpr: string): string;
  /** The value of `valueExpr` on the row of the largest `keyExpr` in the group (an aggregate). */
  argMax(valueExpr: string, keyExpr: string): string;
  /** `argMin` over the rows where `whereExpr` holds (an aggregate). */
  argMinWhere(valueExpr: string, keyExpr: string, whereExpr: string): string;
  /** An aggregate: some non-NULL value of the group (for columns that are one value per group). */
  anyValue(expr: string): string;
  /** An interval of a number of seconds. */
  seconds(numberExpr: string): string;
  /** An approximate count of distinct values (exact where the engine has no sketch). */
  approxCountDistinct(expr: string): string;
  /**
   * The statement that brings the planner's statistics of these tables up to date after a bulk change, or
   * null where the engine keeps them itself (DuckDB). With `skipLocked`, a table another transaction holds
   * the statistics lock of (it is analyzing it, or did in a transaction still open) is left out instead of
   * waited for: inside a transaction that already holds row locks, the wait can close a deadlock.
   */
  refreshStatistics(tables: readonly string[], options?: { readonly skipLocked?: boolean }): string | null;
  /** `select` with rows kept where `conditionExpr` (which may use window functions over its columns) holds. */
  qualify(select: string, conditionExpr: string): string;
  /** A relation read from a file by the engine; `pathExpr` is a `?` or a `literal`. */
  readFile(format: FileFormat, pathExpr: string, optionsSql?: string): string;
  /**
   * A statement writing a query's rows to a file by the engine; `pathExpr` is a `?` or a `literal`. DuckDB
   * numbers the target's `?` before the query's, so a query with values of its own uses `$1 … $n` instead.
   */
  copyTo(query: string, pathExpr: string, format: 'csv' | 'parquet', optionsSql?: string): string;
  /**
   * The migrations' DDL (written in DuckDB's spelling) as this engine runs it: DuckDB's own types and the
   * few JSON functions a migration uses, translated; everything else is left as written.
   */
  ddl(sql: string): string;
  /**
   * Statements run once when a database is opened, before migrations (idempotent): names the shared SQL
   * uses that the engine lacks (PostgreSQL: a `double` domain, so `CAST(x AS DOUBLE)` runs on both).
   */
  readonly prelude: readonly string[];
  /** True when the text matches a regular expression (a literal the caller wrote, never a user's value). */
  regexpMatches(textExpr: string, patternLiteral: string): string;
  /**
   * A row's locator as text, for finding the same rows again within one piece of work (never stored): DuckDB's
   * `rowid`, PostgreSQL's `ctid` (it moves when the row is updated, which the callers' tables never are).
   */
  rowLocator(alias: string): string;
  /**
   * The first match of a regular expression (a literal the caller wrote) in the text, '' when none; with
   * `group` 1, the match of the pattern's first capturing group (the only capturing group it may have).
   */
  regexpExtract(textExpr: string, patternLiteral: string, group?: 1): string;
  /** An interval of a whole number of days (a number the code chose, never a user's text). */
  days(n: number): string;
  /**
   * Every column of the row `alias`, in order, with some replaced by expressions (DuckDB's `alias.* REPLACE`).
   * `columns` is the relation's column list, needed where the engine cannot say `*` with replacements.
   */
  replaceColumns(
    alias: string,
    columns: readonly string[],
    replacements: Readonly<Record<string, string>>,
  ): string;
  /**
   * A statement making a namespace `name` for derived tables a process rebuilds (never the user's data):
   * DuckDB, an in-memory database attached beside the file; PostgreSQL, a schema of unlogged tables.
   */
  scratchSpace(name: string): string;
  /** Statements replacing table `table` (a name the code chose) by the rows of `query` (no bound values). */
  replaceTableAs(table: string, query: string): string;
  /** An expression: a hash of the stored definition of view `view` (changes when the view is made again differently). */
  viewHash(view: string): string;
  /**
   * An aggregate: a JSON array (as text) of one object per row with the given keys and value expressions,
   * in `orderByExpr` order; NULL over no rows.
   */
  jsonArrayAgg(fields: Readonly<Record<string, string>>, orderByExpr: string): string;
  /** The rows (`key`, `value`) of a JSON object, for a FROM clause. */
  jsonEach(jsonExpr: string): string;
  /** The member `keyExpr` (an SQL expression) of a JSON object, as JSON. */
  jsonMember(jsonExpr: string, keyExpr: string): string;
  /**
   * The kind of a JSON value in DuckDB's names on either engine: VARCHAR, BIGINT, DOUBLE, BOOLEAN, OBJECT,
   * ARRAY, NULL (NULL when the value is absent).
   */
  jsonKind(jsonExpr: string): string;
  /** An aggregate: the most frequent value. */
  modeOf(expr: string): string;
  /** An aggregate: the continuous (interpolated) quantile `fraction` (a number the code chose, 0 to 1). */
  continuousQuantile(expr: string, fraction: number): string;
  /** A number rounded to `digits` decimals (a whole number the code chose). */
  round(numberExpr: string, digits: number): string;
  /** The value to bind for a key of a JSON object read by `jsonKindAt`/`jsonTextAt` (DuckDB: a path). */
  jsonKeyParam(key: string): string;
  /** `jsonKind` of the member named by a bound `jsonKeyParam` (`keyParamExpr` is a `?`). */
  jsonKindAt(jsonExpr: string, keyParamExpr: string): string;
  /** The text of the member named by a bound `jsonKeyParam`, NULL when absent. */
  jsonTextAt(jsonExpr: string, keyParamExpr: string): string;
  /**
   * The member named by a bound `jsonKeyParam` as a number where it reads as one (a number, a numeric text,
   * true/false as 1/0), else NULL.
   */
  jsonNumberAt(jsonExpr: string, keyParamExpr: string): string;
  /** True when `textExpr` holds `partExpr` (case-sensitive). */
  containsText(textExpr: string, partExpr: string): string;
  /** An interval of a whole number of hours (an SQL expression). */
  hours(numberExpr: string): string;
  /** A query of the names (`name`) of the sequences in the current schema. */
  readonly sequencesQuery: string;
  /** A query of the names (`name`) of the lasting (not temporary) tables in the current schema. */
  readonly tablesQuery: string;
  /** A query of one row, `next`: a value the sequence has not handed out, at or past its next one. */
  sequenceNext(name: string): string;
  /** Statements that make a sequence hand out `next` next (a whole number the code read, never a user's text). */
  restartSequence(name: string, next: number): string;
  /** A list as JSON text (for reading a list column out portably). */
  listJson(listExpr: string): string;
  /** A list of values as the text the engine reads into a list column (its COPY or appender input form). */
  listInput(items: readonly unknown[]): string;
  /** A hash of several expressions (NULL and '' differ), as a whole number in [0, 2^53) JavaScript holds exactly. */
  tupleHash(exprs: readonly string[]): string;
  /**
   * The distinct rows of `groupColumns` of `relation` (plus `computed`, expressions of those columns), each with
   * the `take` columns (alias → column) of its first row in `orderColumns` order, ordered by that first row.
   */
  firstOfGroups(
    relation: string,
    groupColumns: readonly string[],
    computed: Readonly<Record<string, string>>,
    orderColumns: readonly string[],
    take: Readonly<Record<string, string>>,
  ): string;
  /** An aggregate: the values of `expr` as a list, distinct and sorted when asked. */
  listAgg(expr: string, options?: { readonly distinct?: boolean; readonly orderBy?: string }): string;
  /** `argMax` over the rows where `whereExpr` holds (an aggregate); `list` when the value is a list of text. */
  argMaxWhere(valueExpr: string, keyExpr: string, whereExpr: string, list?: boolean): string;
  /** An aggregate: a JSON object of `keyExpr` → `valueExpr` (a JSON value), keys in order. */
  jsonObjectAgg(keyExpr: string, valueExpr: string): string;
  /** The calendar year of a date, as a number. */
  yearOf(dateExpr: string): string;
  /** Whole calendar years from `fromExpr` to `toExpr`, counting year boundaries crossed. */
  yearDiff(fromExpr: string, toExpr: string): string;
  /** The distinct elements of several lists, sorted, as one list. */
  sortedUnion(listExprs: readonly string[]): string;
  /** A list of no text values. */
  readonly emptyTextList: string;
  /** `INSERT` of a query's rows into `table` matching its column names (`columns`: the query's, in order). */
  insertByName(table: string, columns: readonly string[], query: string): string;
  /**
   * A FROM item named `alias`: one row per object of a bound JSON array (`paramExpr` is a `?`), with the given
   * columns and types (many rows in one value; a missing key reads as NULL).
   */
  jsonRecords(paramExpr: string, columns: Readonly<Record<string, JsonRecordType>>, alias: string): string;
  /** An interval of a whole number of days given as an SQL expression (`days` takes a number the code chose). */
  daysInterval(numberExpr: string): string;
  /** Text as a DATE, NULL when it is not one (never an error). */
  tryDate(textExpr: string): string;
  /** Text as a DOUBLE, NULL when it is not a number (never an error). */
  tryDouble(textExpr: string): string;
  /** Text as a TIMESTAMPTZ, NULL when it is not an instant (never an error). */
  tryTimestamptz(textExpr: string): string;
  /** Text as a BIGINT, NULL when it is not a whole number (never an error). */
  tryBigint(textExpr: string): string;
  /** True when a DOUBLE is a finite number (neither infinite nor NaN). */
  isFinite(numberExpr: string): string;
  /** A query of one row, `n`: 1 when this connection has a temporary table `name` (a name the code chose), else 0. */
  tempTableCount(name: string): string;
  /**
   * An as-of join clause: each row of `leftAlias` (a row of relation `left`, a name the code chose) with the
   * latest `time` of relation `right` at or before its own `leftTime`, for the same `key` (NULL when none).
   * Only `alias.key` and `alias.time` of the right side may be read after it.
   */
  asOfLeftJoin(
    left: string,
    leftAlias: string,
    leftTime: string,
    right: string,
    alias: string,
    key: string,
    time: string,
  ): string;
}

/** A column type of `jsonRecords`. */
export type JsonRecordType = 'BIGINT' | 'VARCHAR' | 'DOUBLE' | 'BOOLEAN';
const RECORD_TYPES = new Set<string>(['BIGINT', 'VARCHAR', 'DOUBLE', 'BOOLEAN']);
const recordColumns = (columns: Readonly<Record<string, JsonRecordType>>): [string, string][] =>
  Object.entries(columns).map(([name, type]) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name) || !RECORD_TYPES.has(type))
      throw new Error(`invalid record column: ${name} ${type}`);
    return [name, type];
  });

const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;
// A list's elements in the input form both engines read between their brackets: NULL bare, numbers and
// booleans as written, text double-quoted with `"` and `\` escaped by a backslash.
const listElements = (items: readonly unknown[]): string =>
  items
    .map((v) =>
      v === null || v === undefined
        ? 'NULL'
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : `"${(typeof v === 'string' ? v : JSON.stringify(v)).replace(/["\\]/g, (c) => `\\${c}`)}"`,
    )
    .join(',');
const wholeNumber = (n: number): number => {
  if (!Number.isSafeInteger(n)) throw new Error(`invalid sequence value: ${n}`);
  return n;
};
// JSONPath member names are double-quoted, with `"` escaped inside them (as the importer always wrote them).
const duckdbJsonPath = (keys: readonly string[]): string =>
  quoteLiteral(`$${keys.map((k) => `."${k.replace(/"/g, '\\"')}"`).join('')}`);
// A PostgreSQL text array literal: elements double-quoted, `"` and `\` escaped.
const postgresPath = (keys: readonly string[]): string =>
  quoteLiteral(`{${keys.map((k) => `"${k.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
const fraction = (q: number): number => {
  if (!(Number.isFinite(q) && q >= 0 && q <= 1)) throw new Error(`invalid quantile: ${q}`);
  return q;
};
const UNITS = new Set<DateUnit>(['hour', 'day', 'week', 'month', 'quarter', 'year']);
// The unit is checked so that only the dialect's own words reach the text.
const unit = (u: string): string => {
  if (!UNITS.has(u as DateUnit)) throw new Error(`invalid date unit: ${u}`);
  return `'${u}'`;
};
const STRFTIME = /^(%[YmdHMSgfA]|[-:T Z/.])*$/;
const checkFormat = (format: string): string => {
  if (!STRFTIME.test(format)) throw new Error(`invalid time format: ${format}`);
  return format;
};
const TO_CHAR: Record<string, string> = {
  '%Y': 'YYYY',
  '%m': 'MM',
  '%d': 'DD',
  '%H': 'HH24',
  '%M': 'MI',
  '%S': 'SS',
  '%g': 'MS',
  '%f': 'US',
  // The English name of the day ("Monday"): FM drops to_char's padding to nine letters.
  '%A': 'FMDay',
};

/** DuckDB's side of the differences. */
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  jsonType: 'JSON',
  tryParseTimestamp: (e, fmt) => `try_strptime(${e}, ${fmt})`,
  epochSecondsToTimestamp: (e) => `to_timestamp(${e})`,
  literal: quoteLiteral,
  jsonPath: duckdbJsonPath,
  jsonText: (e, keys) => `json_extract_string(${e}, ${duckdbJsonPath(keys)})`,
  list: (items) => `[${items.join(', ')}]`,
  listContains: (l, v) => `list_contains(${l}, ${v})`,
  splitText: (e, s) => `string_split(${e}, ${s})`,
  jsonList: (p, t) => `from_json(${p}, '["${t}"]')`,
  dateTrunc: (u, e) => `date_trunc(${unit(u)}, ${e})`,
  dateDiff: (u, a, b) => `date_diff(${unit(u)}, ${a}, ${b})`,
  formatTime: (e, f) => `strftime(${e}, ${quoteLiteral(checkFormat(f))})`,
  epochSeconds: (e) => `epoch(${e})`,
  epochMs: (e) => `epoch_ms(${e})`,
  epochMicros: (e) => `epoch_us(${e})`,
  rowIdColumn: 'rowid',
  // Integer arithmetic on the instant: several times faster than a cast to DATE through the zone library.
  epochDay: (e) => `CAST(epoch_ms(${e}) // 86400000 AS INTEGER)`,
  epochMsToTimestamp: (e) => `CAST(epoch_ms(CAST(${e} AS BIGINT)) AS TIMESTAMPTZ)`,
  argMin: (v, k) => `arg_min(${v}, ${k})`,
  argMax: (v, k) => `arg_max(${v}, ${k})`,
  argMinWhere: (v, k, w) => `arg_min(${v}, ${k}) FILTER (WHERE ${w})`,
  anyValue: (e) => `any_value(${e})`,
  seconds: (n) => `to_seconds(${n})`,
  approxCountDistinct: (e) => `approx_count_distinct(${e})`,
  refreshStatistics: () => null,
  qualify: (select, c) => `${select} QUALIFY ${c}`,
  readFile: (format, path, options) => {
    const fn = { csv: 'read_csv', parquet: 'read_parquet', ndjson: 'read_ndjson' }[format];
    return `${fn}(${path}${options ? `, ${options}` : ''})`;
  },
  copyTo: (query, path, format, options) =>
    `COPY (${query}) TO ${path} (FORMAT ${format}${options ? `, ${options}` : ''})`,
  ddl: (sql) => sql,
  prelude: [],
  regexpMatches: (e, p) => `regexp_matches(${e}, ${p})`,
  regexpExtract: (e, p, g) => `regexp_extract(${e}, ${p}${g ? `, ${g}` : ''})`,
  rowLocator: (alias) => `CAST(${alias}.rowid AS VARCHAR)`,
  days: (n) => `INTERVAL ${wholeDays(n)} DAY`,
  replaceColumns: (alias, _columns, replacements) => {
    const entries = Object.entries(replacements);
    if (!entries.length) return `${alias}.*`;
    return `${alias}.* REPLACE (${entries.map(([c, e]) => `${e} AS ${/^[a-z_][a-z0-9_]*$/.test(c) ? c : quoteName(c)}`).join(', ')})`;
  },
  jsonArrayAgg: (fields, order) =>
    `CAST(to_json(list({${Object.entries(fields)
      .map(([k, e]) => `${quoteLiteral(k)}: ${e}`)
      .join(', ')}} ORDER BY ${order})) AS VARCHAR)`,
  jsonEach: (e) => `json_each(${e})`,
  jsonMember: (e, k) => `json_extract(${e}, '$."' || ${k} || '"')`,
  jsonKind: (e) => `json_type(${e})`,
  jsonKeyParam: (key) => `$."${key.replace(/["\\]/g, (c) => `\\${c}`)}"`,
  jsonKindAt: (e, p) => `json_type(${e}, ${p})`,
  jsonTextAt: (e, p) => `json_extract_string(${e}, ${p})`,
  jsonNumberAt: (e, p) => `TRY_CAST(json_extract(${e}, ${p}) AS DOUBLE)`,
  containsText: (t, p) => `contains(${t}, ${p})`,
  hours: (n) => `to_hours(${n})`,
  modeOf: (e) => `mode(${e})`,
  continuousQuantile: (e, q) => `quantile_cont(${e}, ${fraction(q)})`,
  round: (e, n) => `round(${e}, ${wholeNumber(n)})`,
  scratchSpace: (name) => `ATTACH IF NOT EXISTS ':memory:' AS ${quoteName(name)}`,
  replaceTableAs: (table, query) => `CREATE OR REPLACE TABLE ${table} AS ${query}`,
  viewHash: (view) => `(SELECT md5(sql) FROM duckdb_views() WHERE view_name = ${quoteLiteral(view)})`,
  sequencesQuery: 'SELECT sequence_name AS name FROM duckdb_sequences() WHERE schema_name = current_schema()',
  tablesQuery:
    'SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary AND schema_name = current_schema()',
  // After a file is reopened DuckDB reports the next value as the last one: one past it is never handed out.
  sequenceNext: (name) =>
    `SELECT coalesce(last_value + 1, start_value) AS next FROM duckdb_sequences() WHERE schema_name = current_schema() AND sequence_name = ${quoteLiteral(name)}`,
  // DuckDB has no setval: the sequence is made again (no column default uses one; ids are handed out in code).
  restartSequence: (name, next) =>
    `DROP SEQUENCE ${quoteName(name)}; CREATE SEQUENCE ${quoteName(name)} START ${wholeNumber(next)}`,
  listJson: (e) => `CAST(to_json(${e}) AS VARCHAR)`,
  listInput: (items) => `[${listElements(items)}]`,
  tupleHash: (exprs) => `(hash(${exprs.join(', ')}) % 9007199254740991)`,
  firstOfGroups: (relation, groups, computed, order, take) =>
    `SELECT ${[...groups, ...Object.keys(computed)].join(', ')}, ${Object.entries(take)
      .map(([alias, c]) => `first.${c} AS ${alias}`)
      .join(', ')} FROM (
    SELECT ${groups.join(', ')}, ${Object.entries(computed)
      .map(([name, e]) => `${e} AS ${name}`)
      .join(', ')},
      min(struct_pack(${order.map((c) => `${c} := ${c}`).join(', ')})) AS first
    FROM (${relation}) GROUP BY ALL)
  ORDER BY first`,
  listAgg: (e, o = {}) =>
    `list(${o.distinct ? 'DISTINCT ' : ''}${e}${o.orderBy ? ` ORDER BY ${o.orderBy}` : ''})`,
  argMaxWhere: (v, k, w) => `arg_max(${v}, ${k}) FILTER (WHERE ${w})`,
  jsonObjectAgg: (k, v) => `to_json(map(list(${k} ORDER BY ${k}), list(${v} ORDER BY ${k})))`,
  yearOf: (e) => `year(${e})`,
  yearDiff: (a, b) => `date_diff('year', ${a}, ${b})`,
  sortedUnion: (lists) => `list_sort(list_distinct(list_concat(${lists.join(', ')})))`,
  emptyTextList: '[]',
  insertByName: (table, _columns, query) => `INSERT INTO ${table} BY NAME ${query}`,
  jsonRecords: (p, columns, alias) =>
    `(SELECT unnest(from_json(${p}, '[{${recordColumns(columns)
      .map(([n, t]) => `"${n}":"${t}"`)
      .join(',')}}]'), recursive := true)) ${alias}`,
  daysInterval: (n) => `to_days(CAST(${n} AS INTEGER))`,
  tryDate: (e) => `try_cast(${e} AS DATE)`,
  tryDouble: (e) => `try_cast(${e} AS DOUBLE)`,
  tryTimestamptz: (e) => `try_cast(${e} AS TIMESTAMPTZ)`,
  tryBigint: (e) => `try_cast(${e} AS BIGINT)`,
  isFinite: (e) => `isfinite(${e})`,
  tempTableCount: (name) =>
    `SELECT CAST(count(*) AS INTEGER) AS n FROM duckdb_tables() WHERE temporary AND table_name = ${quoteLiteral(name)}`,
  // One sorted pass over both sides (a correlated subquery would probe every pair).
  asOfLeftJoin: (_left, la, lt, right, a, key, time) =>
    `ASOF LEFT JOIN ${right} ${a} ON ${a}.${key} = ${la}.${key} AND ${a}.${time} <= ${la}.${lt}`,
};

const wholeDays = (n: number): number => {
  if (!Number.isInteger(n)) throw new Error(`invalid number of days: ${n}`);
  return n;
};
const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

// DuckDB type names PostgreSQL lacks, and the JSON functions migration 12 uses (on a JSON key/value pair).
const PG_DDL: readonly [RegExp, string][] = [
  [/\bJSON\b/g, 'JSONB'],
  [/\bDOUBLE\b(?!\s+PRECISION)/g, 'DOUBLE PRECISION'],
  [/\bHUGEINT\b/g, 'NUMERIC(39, 0)'],
  [/\bUBIGINT\b/g, 'NUMERIC(20, 0)'],
  [/\bTINYINT\b/g, 'SMALLINT'],
  [/json_extract_string\(([\w.]+), '\$'\)/g, "($1 #>> '{}')"],
  [/json_type\(([\w.]+)\) = 'VARCHAR'/g, "jsonb_typeof($1) = 'string'"],
  [/\bjson_each\(/g, 'jsonb_each('],
];

const unsupported = (what: string) => (): never => {
  throw new Error(`${what} is not available on PostgreSQL (docs/dialect.md)`);
};

// jsonb has one number type: a whole number reads as DuckDB's BIGINT, any other as DOUBLE.
const postgresJsonKind = (e: string): string =>
  `(CASE jsonb_typeof(${e}) WHEN 'string' THEN 'VARCHAR' WHEN 'boolean' THEN 'BOOLEAN' WHEN 'object' THEN 'OBJECT' WHEN 'array' THEN 'ARRAY' WHEN 'null' THEN 'NULL' WHEN 'number' THEN (CASE WHEN CAST(${e} AS VARCHAR) ~ '^-?[0-9]+$' THEN 'BIGINT' ELSE 'DOUBLE' END) END)`;

/** PostgreSQL's side of the differences (src/store/postgres, docs/scale.md). */
export const postgresDialect: Dialect = {
  name: 'postgres',
  jsonType: 'JSONB',
  // PostgreSQL's to_timestamp raises on bad input; the importer runs in DuckDB, so this is for queries only.
  tryParseTimestamp: (e, fmt) => `to_timestamp(${e}, ${fmt})`,
  epochSecondsToTimestamp: (e) => `to_timestamp(${e})`,
  literal: quoteLiteral,
  jsonPath: postgresPath,
  jsonText: (e, keys) => `(${e} #>> ${postgresPath(keys)})`,
  list: (items) => `ARRAY[${items.join(', ')}]`,
  listContains: (l, v) => `(${v} = ANY(${l}))`,
  splitText: (e, s) => `string_to_array(${e}, ${s})`,
  jsonList: (p, t) => `CAST(ARRAY(SELECT jsonb_array_elements_text(CAST(${p} AS JSONB))) AS ${t}[])`,
  dateTrunc: (u, e) => `date_trunc(${unit(u)}, ${e})`,
  dateDiff: (u, a, b) =>
    u === 'day'
      ? `(CAST(${b} AS DATE) - CAST(${a} AS DATE))`
      : `((EXTRACT(YEAR FROM ${b}) - EXTRACT(YEAR FROM ${a})) * 12 + EXTRACT(MONTH FROM ${b}) - EXTRACT(MONTH FROM ${a}))`,
  formatTime: (e, f) =>
    `to_char(${e}, ${quoteLiteral(checkFormat(f).replace(/%[YmdHMSgfA]|T|Z/g, (t) => TO_CHAR[t] ?? `"${t}"`))})`,
  epochSeconds: (e) => `EXTRACT(EPOCH FROM ${e})`,
  epochMs: (e) => `(EXTRACT(EPOCH FROM ${e}) * 1000)`,
  // EXTRACT returns numeric (exact) since PostgreSQL 14, so the microseconds are whole.
  epochMicros: (e) => `CAST(EXTRACT(EPOCH FROM ${e}) * 1000000 AS BIGINT)`,
  rowIdColumn: null,
  epochDay: (e) => `CAST(floor(EXTRACT(EPOCH FROM ${e}) / 86400) AS INTEGER)`,
  epochMsToTimestamp: (e) => `to_timestamp(CAST(${e} AS BIGINT) / 1000.0)`,
  // Rows whose key is NULL are skipped, as DuckDB's arg_min/arg_max skip them (IS DISTINCT FROM: a row key
  // with a NULL field is not NULL itself).
  argMin: (v, k) => `(array_agg(${v} ORDER BY ${k}) FILTER (WHERE ${k} IS DISTINCT FROM NULL))[1]`,
  argMax: (v, k) => `(array_agg(${v} ORDER BY ${k} DESC) FILTER (WHERE ${k} IS DISTINCT FROM NULL))[1]`,
  argMinWhere: (v, k, w) =>
    `(array_agg(${v} ORDER BY ${k}) FILTER (WHERE ${k} IS DISTINCT FROM NULL AND ${w}))[1]`,
  // PostgreSQL 15 has no any_value (16 has): the first non-NULL value aggregated.
  anyValue: (e) => `(array_agg(${e}) FILTER (WHERE ${e} IS NOT NULL))[1]`,
  seconds: (n) => `make_interval(secs => ${n})`,
  approxCountDistinct: (e) => `count(DISTINCT ${e})`,
  // Without fresh statistics the planner takes a table loaded moments ago for empty and may nest loops over
  // it: at 100,000 customers one DELETE of RFM's ran for over an hour.
  refreshStatistics: (tables, options) =>
    `ANALYZE ${options?.skipLocked ? '(SKIP_LOCKED) ' : ''}${tables.map(quoteName).join(', ')}`,
  // PostgreSQL has no QUALIFY: the window expressions must be columns of `select` for the outer filter.
  qualify: (select, c) => `SELECT * FROM (${select}) q WHERE ${c}`,
  readFile: unsupported('reading a file in SQL (use COPY … FROM STDIN through the client)'),
  copyTo: (query, _path, format) => {
    if (format === 'parquet') return unsupported('COPY … (FORMAT parquet)')();
    return `COPY (${query}) TO STDOUT (FORMAT csv, HEADER true)`;
  },
  prelude: [
    `DO $$ BEGIN CREATE DOMAIN double AS double precision; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    `DO $$ BEGIN CREATE FUNCTION clientele_try_date(t VARCHAR) RETURNS DATE LANGUAGE plpgsql IMMUTABLE AS $f$
      BEGIN IF t !~ '^ *[0-9]{4}-[0-9]{1,2}-[0-9]{1,2} *$' THEN RETURN NULL; END IF; RETURN CAST(t AS DATE);
      EXCEPTION WHEN others THEN RETURN NULL; END $f$;
      EXCEPTION WHEN duplicate_function OR unique_violation THEN NULL; END $$`,
    `DO $$ BEGIN CREATE FUNCTION clientele_try_double(t VARCHAR) RETURNS DOUBLE PRECISION LANGUAGE plpgsql IMMUTABLE AS $f$
      BEGIN RETURN CAST(t AS DOUBLE PRECISION); EXCEPTION WHEN others THEN RETURN NULL; END $f$;
      EXCEPTION WHEN duplicate_function OR unique_violation THEN NULL; END $$`,
    // STABLE, not IMMUTABLE: text without an offset is read in the session's zone (UTC, as DuckDB's).
    `DO $$ BEGIN CREATE FUNCTION clientele_try_timestamptz(t VARCHAR) RETURNS TIMESTAMPTZ LANGUAGE plpgsql STABLE AS $f$
      BEGIN RETURN CAST(t AS TIMESTAMPTZ); EXCEPTION WHEN others THEN RETURN NULL; END $f$;
      EXCEPTION WHEN duplicate_function OR unique_violation THEN NULL; END $$`,
  ],
  ddl: (sql) => PG_DDL.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), sql),
  regexpMatches: (e, p) => `(${e} ~ ${p})`,
  // substring(… from pattern) is NULL without a match where DuckDB's regexp_extract gives ''.
  // With a capturing group, substring(… from pattern) gives that group's match.
  regexpExtract: (e, p) => `coalesce(substring(${e} from ${p}), '')`,
  rowLocator: (alias) => `CAST(${alias}.ctid AS VARCHAR)`,
  days: (n) => `make_interval(days => ${wholeDays(n)})`,
  replaceColumns: (alias, columns, replacements) =>
    columns
      .map((c) => (c in replacements ? `${replacements[c]} AS ${quoteName(c)}` : `${alias}.${quoteName(c)}`))
      .join(', '),
  jsonArrayAgg: (fields, order) =>
    `CAST(json_agg(json_build_object(${Object.entries(fields)
      .map(([k, e]) => `${quoteLiteral(k)}, ${e}`)
      .join(', ')}) ORDER BY ${order}) AS VARCHAR)`,
  jsonEach: (e) => `jsonb_each(${e})`,
  jsonMember: (e, k) => `(${e} -> ${k})`,
  jsonKind: (e) => postgresJsonKind(e),
  modeOf: (e) => `mode() WITHIN GROUP (ORDER BY ${e})`,
  continuousQuantile: (e, q) => `percentile_cont(${fraction(q)}) WITHIN GROUP (ORDER BY ${e})`,
  jsonKeyParam: (key) => key,
  jsonKindAt: (e, p) => postgresJsonKind(`(${e} -> ${p})`),
  jsonTextAt: (e, p) => `(${e} ->> ${p})`,
  // As DuckDB's TRY_CAST of a JSON value: the key is bound once, so the member is read in a subquery.
  jsonNumberAt: (e, p) =>
    `(SELECT CASE jsonb_typeof(v) WHEN 'number' THEN CAST(v #>> '{}' AS DOUBLE PRECISION) WHEN 'boolean' THEN CASE WHEN CAST(v #>> '{}' AS BOOLEAN) THEN 1.0 ELSE 0.0 END WHEN 'string' THEN CASE WHEN (v #>> '{}') ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$' THEN CAST(v #>> '{}' AS DOUBLE PRECISION) END END FROM (SELECT ${e} -> ${p} AS v) jv)`,
  containsText: (t, p) => `(strpos(${t}, ${p}) > 0)`,
  hours: (n) => `(${n} * INTERVAL '1 hour')`,
  round: (e, n) => `CAST(round(CAST(${e} AS NUMERIC), ${wholeNumber(n)}) AS DOUBLE PRECISION)`,
  // Unlogged: rebuilt from the data whenever it is needed, so not worth the write-ahead log.
  scratchSpace: (name) => `CREATE SCHEMA IF NOT EXISTS ${quoteName(name)}`,
  replaceTableAs: (table, query) =>
    `DROP TABLE IF EXISTS ${table}; CREATE UNLOGGED TABLE ${table} AS ${query}`,
  viewHash: (view) => `md5(pg_get_viewdef(${quoteLiteral(quoteName(view))}::regclass))`,
  sequencesQuery: 'SELECT sequencename AS name FROM pg_sequences WHERE schemaname = current_schema()',
  tablesQuery: 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()',
  sequenceNext: (name) =>
    `SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END AS next FROM ${quoteName(name)}`,
  restartSequence: (name, next) =>
    `SELECT setval(${quoteLiteral(quoteName(name))}, ${wholeNumber(next)}, false)`,
  listJson: (e) => `CAST(to_jsonb(${e}) AS VARCHAR)`,
  listInput: (items) => `{${listElements(items)}}`,
  // A row's text form tells NULL (nothing) from '' (""); the mask keeps 53 bits, as DuckDB's modulo does.
  tupleHash: (exprs) => `(hashtextextended(CAST(ROW(${exprs.join(', ')}) AS TEXT), 0) & 9007199254740991)`,
  // DISTINCT ON keeps each group's first row in the ORDER BY (NULLs group together, as in GROUP BY).
  firstOfGroups: (relation, groups, computed, order, take) =>
    `SELECT ${[...groups, ...Object.keys(computed)].join(', ')}, ${Object.entries(take)
      .map(([alias, c]) => `${c} AS ${alias}`)
      .join(', ')} FROM (
    SELECT DISTINCT ON (${groups.join(', ')}) ${groups.join(', ')}, ${Object.entries(computed)
      .map(([name, e]) => `${e} AS ${name}`)
      .join(', ')}, ${order.join(', ')}
    FROM (${relation}) r ORDER BY ${groups.join(', ')}, ${order.join(', ')}) q
  ORDER BY ${order.join(', ')}`,
  listAgg: (e, o = {}) =>
    `array_agg(${o.distinct ? 'DISTINCT ' : ''}${e}${o.orderBy ? ` ORDER BY ${o.orderBy}` : ''})`,
  // array_agg of arrays makes one array of higher dimension: a list value travels as JSON and is unpacked.
  argMaxWhere: (v, k, w, list) => {
    const agg = (e: string) =>
      `(array_agg(${e} ORDER BY ${k} DESC) FILTER (WHERE ${k} IS DISTINCT FROM NULL AND ${w}))[1]`;
    return list
      ? `CASE WHEN ${agg(`to_jsonb(${v})`)} IS NOT NULL THEN CAST(ARRAY(SELECT jsonb_array_elements_text(${agg(`to_jsonb(${v})`)})) AS VARCHAR[]) END`
      : agg(v);
  },
  jsonObjectAgg: (k, v) => `jsonb_object_agg(${k}, ${v})`,
  yearOf: (e) => `EXTRACT(YEAR FROM ${e})`,
  yearDiff: (a, b) => `(EXTRACT(YEAR FROM ${b}) - EXTRACT(YEAR FROM ${a}))`,
  sortedUnion: (lists) => `ARRAY(SELECT DISTINCT u FROM unnest(${lists.join(' || ')}) u ORDER BY u)`,
  emptyTextList: 'CAST(ARRAY[] AS VARCHAR[])',
  insertByName: (table, columns, query) => `INSERT INTO ${table} (${columns.join(', ')}) ${query}`,
  jsonRecords: (p, columns, alias) =>
    `jsonb_to_recordset(CAST(${p} AS JSONB)) AS ${alias}(${recordColumns(columns)
      .map(([n, t]) => `${quoteName(n)} ${t === 'DOUBLE' ? 'DOUBLE PRECISION' : t}`)
      .join(', ')})`,
  daysInterval: (n) => `(CAST(${n} AS INTEGER) * INTERVAL '1 day')`,
  // The prelude's clientele_try_date catches the cast's error (PostgreSQL has no try_cast).
  tryDate: (e) => `clientele_try_date(CAST(${e} AS VARCHAR))`,
  tryDouble: (e) => `clientele_try_double(CAST(${e} AS VARCHAR))`,
  tryTimestamptz: (e) => `clientele_try_timestamptz(CAST(${e} AS VARCHAR))`,
  // As DuckDB's try_cast: a number's text (an exponent too) rounded half away from zero, NULL when it is not
  // one or does not fit; CASE casts only text the pattern accepts.
  tryBigint: (e) => {
    const t = `trim(CAST(${e} AS VARCHAR))`;
    return `(CASE WHEN ${t} ~ '^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,3})?$' THEN (CASE WHEN abs(CAST(${t} AS NUMERIC)) < 9223372036854775807.5 THEN CAST(round(CAST(${t} AS NUMERIC)) AS BIGINT) END) END)`;
  },
  // PostgreSQL's NaN equals itself, so the comparisons find it.
  isFinite: (e) =>
    `(${e} NOT IN (CAST('Infinity' AS DOUBLE PRECISION), CAST('-Infinity' AS DOUBLE PRECISION), CAST('NaN' AS DOUBLE PRECISION)))`,
  // pg_temp names this connection's own temporary schema (no row when it has none yet).
  tempTableCount: (name) =>
    `SELECT CASE WHEN to_regclass(${quoteLiteral(`pg_temp.${quoteName(name)}`)}) IS NULL THEN 0 ELSE 1 END AS n`,
  // No ASOF JOIN: the latest right time per left key and time, joined by equality (hash joins on the key;
  // the pairs compared are those of one key, which are few for a profile's orders and clicks).
  asOfLeftJoin: (left, la, lt, right, a, key, time) =>
    `LEFT JOIN (SELECT l.${key}, l.${lt} AS asof_at, max(r.${time}) AS ${time} FROM ${left} l JOIN ${right} r ON r.${key} = l.${key} AND r.${time} <= l.${lt} GROUP BY 1, 2) ${a} ON ${a}.${key} = ${la}.${key} AND ${a}.asof_at = ${la}.${lt}`,
};
