/**
 * The few places where DuckDB and PostgreSQL SQL differ. Everything else Clientele writes is
 * the subset both engines run (DuckDB's parser is PostgreSQL's).
 */
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
}

const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;
// JSONPath member names are double-quoted, with `"` escaped inside them (as the importer always wrote them).
const duckdbJsonPath = (keys: readonly string[]): string =>
  quoteLiteral(`$${keys.map((k) => `."${k.replace(/"/g, '\\"')}"`).join('')}`);
// A PostgreSQL text array literal: elements double-quoted, `"` and `\` escaped.
const postgresPath = (keys: readonly string[]): string =>
  quoteLiteral(`{${keys.map((k) => `"${k.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);

/** DuckDB's side of the differences. */
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  jsonType: 'JSON',
  tryParseTimestamp: (e, fmt) => `try_strptime(${e}, ${fmt})`,
  epochSecondsToTimestamp: (e) => `to_timestamp(${e})`,
  literal: quoteLiteral,
  jsonPath: duckdbJsonPath,
  jsonText: (e, keys) => `json_extract_string(${e}, ${duckdbJsonPath(keys)})`,
};

/** PostgreSQL's side of the differences (used by the server mode that comes later). */
export const postgresDialect: Dialect = {
  name: 'postgres',
  jsonType: 'JSONB',
  // PostgreSQL's to_timestamp raises on bad input; the importer runs in DuckDB, so this is for queries only.
  tryParseTimestamp: (e, fmt) => `to_timestamp(${e}, ${fmt})`,
  epochSecondsToTimestamp: (e) => `to_timestamp(${e})`,
  literal: quoteLiteral,
  jsonPath: postgresPath,
  jsonText: (e, keys) => `(${e} #>> ${postgresPath(keys)})`,
};
