/** What a database holds, read from its catalog in the SQL both engines answer (information_schema). */
import type { AppendColumn, Warehouse } from '../warehouse.js';

/** How a column's values travel from one engine to the other. */
export type Carry = AppendColumn['kind'] | 'list' | 'cast';

/** One column of a table, as the catalog names it. */
export interface CatalogColumn {
  readonly name: string;
  /** The engine's type name (DuckDB `BIGINT`, PostgreSQL `bigint`, …). */
  readonly type: string;
  readonly carry: Carry;
}

/** One table with its columns in order. */
export interface CatalogTable {
  readonly name: string;
  readonly columns: readonly CatalogColumn[];
}

/**
 * How a type travels: numbers, booleans and text as themselves (exact); lists as JSON, re-spelt in the target's
 * input form; anything else (timestamps, dates, JSON, wide integers) as the engine's text, which the other
 * engine reads back to the same value (both print timestamps with microseconds and the zone in UTC).
 */
export function carryOf(type: string): Carry {
  const t = type.toLowerCase();
  if (t.endsWith('[]') || t === 'array') return 'list';
  if (/^(bigint|integer|smallint|tinyint|int[248]?)$/.test(t)) return 'int';
  if (/^(double|double precision|real|float[48]?)$/.test(t)) return 'double';
  if (t === 'boolean') return 'bool';
  if (/^(varchar|character varying|text)$/.test(t)) return 'text';
  return 'cast';
}

/** The base tables of the database's current schema, with their columns in order. */
export async function readTables(db: Warehouse): Promise<CatalogTable[]> {
  const rows = await db.all<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, CatalogColumn[]>();
  for (const r of rows) {
    const columns = tables.get(r.table_name) ?? [];
    columns.push({ name: r.column_name, type: r.data_type, carry: carryOf(r.data_type) });
    tables.set(r.table_name, columns);
  }
  return [...tables].map(([name, columns]) => ({ name, columns }));
}

/**
 * The tables in an order where every table comes after the tables its foreign keys name (then by name), so
 * that rows can be written one table after another.
 */
export async function dependencyOrder(
  db: Warehouse,
  tables: readonly CatalogTable[],
): Promise<CatalogTable[]> {
  const edges = await db.all<{ child: string; parent: string }>(
    `SELECT fk.table_name AS child, pk.table_name AS parent
       FROM information_schema.referential_constraints r
       JOIN information_schema.table_constraints fk
         ON fk.constraint_name = r.constraint_name AND fk.constraint_schema = r.constraint_schema
       JOIN information_schema.table_constraints pk
         ON pk.constraint_name = r.unique_constraint_name AND pk.constraint_schema = r.unique_constraint_schema
      WHERE fk.table_schema = current_schema()`,
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parents = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.child !== e.parent) parents.set(e.child, (parents.get(e.child) ?? new Set()).add(e.parent));
  }
  const done = new Set<string>();
  const order: CatalogTable[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name) || path.has(name)) return;
    path.add(name);
    for (const p of [...(parents.get(name) ?? [])].sort()) if (byName.has(p)) visit(p, path);
    done.add(name);
    order.push(byName.get(name) as CatalogTable);
  };
  for (const name of [...byName.keys()].sort()) visit(name, new Set());
  return order;
}

/** Each sequence of the current schema with a value it may hand out next (never one it handed out). */
export async function readSequences(db: Warehouse): Promise<Map<string, number>> {
  const names = await db.all<{ name: string }>(db.dialect.sequencesQuery);
  const out = new Map<string, number>();
  for (const { name } of names) {
    const [row] = await db.all<{ next: number }>(db.dialect.sequenceNext(name));
    out.set(name, Number(row?.next ?? 1));
  }
  return out;
}
