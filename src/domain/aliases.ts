/** Reading and writing the file-name aliases of fields (table `field_aliases`, migration 12). */
import type { Warehouse } from '../store/index.js';
import type { FieldAlias } from './fields.js';

/** One column of an imported file as it was read: into a field (how) or kept as an extra trait. */
export interface ColumnAlias {
  readonly alias: string;
  readonly field: string;
  readonly how: string;
}

/**
 * The aliases of some kinds (all when omitted), the latest import of each name first: when two files gave
 * one name to different fields, the latest reading is what the name means now.
 */
export async function loadFieldAliases(db: Warehouse, kinds?: readonly string[]): Promise<FieldAlias[]> {
  const rows = await db.all<{ kind: string; alias: string; field: string }>(
    `SELECT kind, alias, field FROM field_aliases
     ${kinds ? `WHERE ${db.dialect.listContains(db.dialect.jsonList('?', 'VARCHAR'), 'kind')}` : ''}
     ORDER BY import_id DESC, kind, alias`,
    kinds ? [JSON.stringify(kinds)] : [],
  );
  return rows;
}

/** Records how one import read its file's columns; a name read again replaces its earlier reading. */
export async function saveFieldAliases(
  db: Warehouse,
  kind: string,
  importId: number,
  columns: readonly ColumnAlias[],
): Promise<void> {
  if (!columns.length) return;
  await db.run(
    `DELETE FROM field_aliases WHERE kind = ? AND alias IN (${columns.map(() => '?').join(', ')})`,
    [kind, ...columns.map((c) => c.alias)],
  );
  await db.run(
    `INSERT INTO field_aliases VALUES ${columns.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
    columns.flatMap((c) => [kind, c.alias, c.field, c.how, importId]),
  );
}
