import type { Dialect } from './dialect.js';

/** A value bound to a `?` or `$name` placeholder. */
export type SqlValue = string | number | bigint | boolean | null | Date;

/** One column of rows to append: its kind (matching the table's column type) and its values. */
export type AppendColumn =
  | { readonly kind: 'int'; readonly values: ArrayLike<number | null> }
  | { readonly kind: 'double'; readonly values: ArrayLike<number | null> }
  | { readonly kind: 'text'; readonly values: ArrayLike<string | null> }
  | { readonly kind: 'bool'; readonly values: ArrayLike<boolean | null> };

/**
 * Values of one row after another, in the order of the table's columns (see Warehouse.openAppender). Each call
 * is synchronous: the engine buffers the values, nothing is allocated per value on this side.
 */
export interface RowAppender {
  /** Text, for a text column, or in the form the engine reads for another type (an ISO 8601 time). */
  text(value: string | null): void;
  /** An integer (safe in a double), for an integer column. */
  int(value: number | null): void;
  /** The column's default (as if the column were left out of an INSERT). */
  default(): void;
  /** Ends the row: every column of the table has had its value. */
  endRow(): void;
}

/** An appender open on a table (Warehouse.openAppender). */
export interface TableAppender extends RowAppender {
  /** For each of the table's columns in order, its index in the columns named, or -1. */
  readonly order: Int32Array;
  /** Moves the rows given so far into the table (into the transaction's writes). */
  flush(): void;
  /** Drops the rows given since the last flush (after a value was refused in the middle of a row). */
  clear(): void;
  /** Flushes and closes. */
  close(): void;
}

/**
 * A row as plain JSON-safe values: BIGINT and HUGEINT as numbers, DECIMAL as number; an integer beyond
 * ±2^53 is CLT_ERR_QUERY_INTEGER_RANGE (src/store/duckdb/decode.ts), never a string.
 */
export type Row = Record<string, unknown>;

/** One column of `Warehouse.numbers`. */
export type NumericColumn = Float64Array | Int32Array | (string | null)[];

/**
 * The storage engine behind Clientele. DuckDB in-process is the default; PostgreSQL comes later
 * behind the same interface, so SQL written against it stays in the shared subset (see dialect.ts).
 */
export interface Warehouse {
  readonly dialect: Dialect;
  /** Where the data lives: a file path, or ':memory:'. */
  readonly location: string;
  /** Runs a statement (or several separated by `;` when there are no parameters). */
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Runs a query and returns its rows as plain objects. */
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a query and returns its result column by column (for feeding models and bulk work). */
  columns<T extends Record<string, unknown[]> = Record<string, unknown[]>>(
    sql: string,
    params?: readonly SqlValue[],
  ): Promise<T>;
  /**
   * Runs a query and returns its columns as typed arrays read from the engine's result vectors (the models'
   * feed): DOUBLE, FLOAT, BIGINT, HUGEINT, DECIMAL and BOOLEAN as Float64Array (NULL is NaN), INTEGER and
   * smaller as Int32Array (Float64Array when a NULL occurs), any other type as text.
   */
  numbers(sql: string, params?: readonly SqlValue[]): Promise<Record<string, NumericColumn>>;
  /**
   * Runs a query and hands its result to `onChunk` a few thousand rows at a time, column by column, so
   * that results larger than memory can be processed. Outside a transaction it reads on a connection of its
   * own, so other queries may run meanwhile. When `onChunk` returns a promise, the next chunk is read after it
   * settles (so a chunk can be written elsewhere before the next one is read).
   */
  stream(
    sql: string,
    onChunk: (columns: Record<string, unknown[]>) => void | Promise<void>,
    params?: readonly SqlValue[],
  ): Promise<number>;
  /** Appends rows to a table whose columns are exactly `columns`, in order (the engine's bulk path). */
  append(table: string, columns: readonly AppendColumn[]): Promise<number>;
  /**
   * Opens the engine's appender on `table`, inside this transaction when it is one: rows are given their
   * values in the table's column order (`order[p]` is the index in `columns` of the table's column p, or -1
   * for a column not named: give it its default), are in the table once flushed, and durable once the
   * transaction commits. Optional: only DuckDB has an appender; other engines take rows by COPY (append).
   */
  openAppender?(table: string, columns: readonly string[]): Promise<TableAppender>;
  /**
   * Appends rows given as CSV text to a table with those columns in that order: no header, `"` quoting, NULL as
   * an empty unquoted field, an empty string as `""` (what DuckDB's `COPY … TO … (FORMAT csv, FORCE_QUOTE *)`
   * writes). Optional: PostgreSQL's COPY takes the bytes as they are, so rows need not pass through
   * JavaScript values (src/ingest/across.ts).
   */
  appendCsv?(table: string, csv: AsyncIterable<Buffer | string>): Promise<void>;
  /**
   * Runs `fn` on a connection of its own whose `transaction` stays on that connection: work done before
   * the transaction (scratch tables) is visible inside it, and is read at full speed there.
   */
  session<T>(fn: (session: Warehouse) => Promise<T>): Promise<T>;
  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: (tx: Warehouse) => Promise<T>): Promise<T>;
  /** Runs `fn` while `onProgress` is called with the engine's progress of the running statement (0–100). */
  withProgress<T>(fn: () => Promise<T>, onProgress: (percent: number) => void): Promise<T>;
  close(): Promise<void>;
  /**
   * A number that moves whenever a statement that may write has run on this database in this process (on
   * any of its connections), before and after it: a cache of data read earlier is current while it holds
   * still. Optional: an engine without it makes such caches check the data itself.
   */
  changes?(): number;
}
