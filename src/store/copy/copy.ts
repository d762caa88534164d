/**
 * Copies a whole Clientele database from one engine to another (DuckDB ⇄ PostgreSQL, or file to file): every
 * table the migrations made, in dependency order, rows streamed from the source and appended to the target
 * (COPY on PostgreSQL, the appender on DuckDB), the sequences moved past every id copied. docs/scale.md.
 */
import { ClienteleError } from '../../errors/index.js';
import { compileDefinitions } from '../../semantics/compile.js';
import { identifier, raw, sql } from '../sql.js';
import type { AppendColumn, Warehouse } from '../warehouse.js';
import {
  type CatalogColumn,
  type CatalogTable,
  dependencyOrder,
  readSequences,
  readTables,
} from './catalog.js';

/** What a copy did. */
export interface CopySummary {
  readonly from: string;
  readonly to: string;
  readonly fromEngine: 'duckdb' | 'postgresql';
  readonly toEngine: 'duckdb' | 'postgresql';
  /** Whether rows the target held were replaced (`--replace`). */
  readonly replaced: boolean;
  /** Rows copied per table, in the order they were written. */
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
  readonly rows: number;
  /** The value each sequence hands out next on the target. */
  readonly sequences: Readonly<Record<string, number>>;
}

/** How to copy. */
export interface CopyOptions {
  /** Replace whatever the target holds (otherwise a target holding rows is refused). */
  readonly replace?: boolean;
  /** Called after each table is written. */
  readonly onTable?: (name: string, rows: number, index: number, of: number) => void;
}

// The migrations' own bookkeeping: both sides have it already, and must agree on it.
const SKIP = new Set(['schema_migrations']);

const engine = (db: Warehouse) => (db.dialect.name === 'postgres' ? 'postgresql' : 'duckdb');

async function count(db: Warehouse, table: string): Promise<number> {
  const q = sql`SELECT count(*) AS n FROM ${identifier(table)}`;
  const [row] = await db.all<{ n: number }>(q.text, q.params);
  return Number(row?.n ?? 0);
}

async function versions(db: Warehouse): Promise<string> {
  const rows = await db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => r.version).join(',');
}

function schemaError(message: string): ClienteleError {
  return new ClienteleError('CLT_ERR_COPY_SCHEMA', message);
}

// The target's tables, each checked to have the source's columns (by name; types may be spelt differently).
function matchTables(source: readonly CatalogTable[], target: readonly CatalogTable[]): CatalogTable[] {
  const from = new Map(source.filter((t) => !SKIP.has(t.name)).map((t) => [t.name, t]));
  const to = target.filter((t) => !SKIP.has(t.name));
  const names = (ts: Iterable<{ name: string }>) => [...ts].map((t) => t.name).sort();
  const missing = names(from.values()).filter((n) => !to.some((t) => t.name === n));
  const extra = names(to).filter((n) => !from.has(n));
  if (missing.length || extra.length) {
    throw schemaError(
      `the two databases hold different tables (only in the source: ${missing.join(', ') || 'none'}; only in the target: ${extra.join(', ') || 'none'})`,
    );
  }
  for (const t of to) {
    const a = from.get(t.name)?.columns.map((c) => c.name) ?? [];
    const b = t.columns.map((c) => c.name);
    if ([...a].sort().join(',') !== [...b].sort().join(',')) {
      throw schemaError(
        `table ${t.name} has columns (${a.join(', ')}) in the source but (${b.join(', ')}) in the target`,
      );
    }
  }
  return to;
}

// The source's expression for a column, in the form the target can read back exactly.
function readExpr(db: Warehouse, column: CatalogColumn): string {
  const name = identifier(column.name).text;
  if (column.carry === 'list') return `${db.dialect.listJson(name)} AS ${name}`;
  if (column.carry === 'cast') return `CAST(${name} AS VARCHAR) AS ${name}`;
  return name;
}

// One chunk of source values as the target's append columns.
function toAppend(
  target: Warehouse,
  from: ReadonlyMap<string, CatalogColumn>,
  columns: readonly CatalogColumn[],
  chunk: Record<string, unknown[]>,
): AppendColumn[] {
  return columns.map((c) => {
    const values = chunk[c.name] ?? [];
    const same = from.get(c.name)?.carry === c.carry;
    if (c.carry === 'list') {
      return {
        kind: 'text',
        values: values.map((v) =>
          v === null ? null : target.dialect.listInput(JSON.parse(String(v)) as unknown[]),
        ),
      };
    }
    if (same && c.carry !== 'cast') return { kind: c.carry, values } as AppendColumn;
    // Text the target's engine parses into the column's type (a timestamp, JSON, a wide number).
    return { kind: 'text', values: values.map((v) => (v === null || v === undefined ? null : String(v))) };
  });
}

/**
 * Copies every table of `source` into `target` (both migrated to the same version) in one transaction on the
 * target, reading the source in one transaction (one snapshot). The target must hold no rows unless
 * `replace`; each table's row count is checked after it is written, and any failure leaves the target as it was.
 */
export async function copyDatabase(
  source: Warehouse,
  target: Warehouse,
  options: CopyOptions = {},
): Promise<CopySummary> {
  const [va, vb] = [await versions(source), await versions(target)];
  if (va !== vb)
    throw schemaError(
      `the source has migrations ${va} but the target ${vb}; open both with this Clientele first`,
    );
  const sourceTables = await readTables(source);
  const tables = await dependencyOrder(target, matchTables(sourceTables, await readTables(target)));
  const sourceColumns = new Map(
    sourceTables.map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c]))]),
  );
  const held: string[] = [];
  for (const t of tables) if ((await count(target, t.name)) > 0) held.push(t.name);
  if (held.length && !options.replace) {
    throw new ClienteleError(
      'CLT_ERR_COPY_NOT_EMPTY',
      `${target.location} already holds rows (in ${held.slice(0, 5).join(', ')}${held.length > 5 ? ', …' : ''}); copy into an empty database, or pass --replace to overwrite it`,
      { tables: held },
    );
  }
  const written: { name: string; rows: number }[] = [];
  const sequences: Record<string, number> = {};
  await source.transaction(async (src) => {
    // One snapshot of the source for every table (DuckDB's transactions are snapshots already).
    if (src.dialect.name === 'postgres') await src.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const wanted = await readSequences(src);
    await target.transaction(async (dst) => {
      if (options.replace)
        for (const t of [...tables].reverse()) await dst.run(`DELETE FROM ${identifier(t.name).text}`);
      for (const [i, t] of tables.entries()) {
        const from = sourceColumns.get(t.name) ?? new Map<string, CatalogColumn>();
        const select = sql`SELECT ${raw(t.columns.map((c) => readExpr(src, from.get(c.name) ?? c)).join(', '))} FROM ${identifier(t.name)}`;
        const expected = await count(src, t.name);
        let rows = 0;
        await src.stream(select.text, async (chunk) => {
          rows += await dst.append(t.name, toAppend(dst, from, t.columns, chunk));
        });
        const landed = await count(dst, t.name);
        if (rows !== expected || landed !== expected) {
          throw new ClienteleError(
            'CLT_ERR_COPY_COUNT',
            `table ${t.name}: the source holds ${expected} rows but ${landed} reached the target; nothing was copied`,
            { table: t.name, source: expected, target: landed },
          );
        }
        written.push({ name: t.name, rows });
        options.onTable?.(t.name, rows, i, tables.length);
      }
      const present = await readSequences(dst);
      for (const [name, next] of wanted) {
        if (!present.has(name)) continue;
        const value = Math.max(next, present.get(name) ?? 1);
        await dst.run(dst.dialect.restartSequence(name, value));
        sequences[name] = value;
      }
    });
  });
  // The definitions' views follow the settings just copied; fresh statistics for the planner.
  await compileDefinitions(target);
  await target.run('ANALYZE');
  return {
    from: source.location,
    to: target.location,
    fromEngine: engine(source),
    toEngine: engine(target),
    replaced: held.length > 0,
    tables: written,
    rows: written.reduce((s, t) => s + t.rows, 0),
    sequences,
  };
}
