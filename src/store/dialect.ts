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
  /** Quotes an identifier. */
  ident(name: string): string;
  /** Quotes a string literal (only for engine-side constants such as file paths, never user values in queries). */
  literal(value: string): string;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** DuckDB's side of the differences. */
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  jsonType: 'JSON',
  tryParseTimestamp: (e, fmt) => `try_strptime(${e}, ${fmt})`,
  epochSecondsToTimestamp: (e) => `to_timestamp(${e})`,
  ident: quoteIdent,
  literal: quoteLiteral,
};

/** PostgreSQL's side of the differences (used by the server mode that comes later). */
export const postgresDialect: Dialect = {
  name: 'postgres',
  jsonType: 'JSONB',
  // PostgreSQL's to_timestamp raises on bad input; the importer runs in DuckDB, so this is for queries only.
  tryParseTimestamp: (e, fmt) => `to_timestamp(${e}, ${fmt})`,
  epochSecondsToTimestamp: (e) => `to_timestamp(${e})`,
  ident: quoteIdent,
  literal: quoteLiteral,
};
