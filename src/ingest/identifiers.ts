import { normalizeHeader } from '../domain/kinds.js';
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';

// Fields identity resolution reads already; declaring one of them an identifier changes nothing.
const IDENTIFIER_FIELDS = new Set([
  'customer_id',
  'user_id',
  'email',
  'phone',
  'whatsapp',
  'anonymous_id',
  'previous_id',
  'twitter',
  'facebook',
  'instagram',
  'linkedin',
]);

/** A column of the file declared an identifier of the person, as the import will store it. */
export interface DeclaredIdentifier {
  /** The column's name in the file. */
  readonly column: string;
  /** The key's name: the column's name normalized, so `Customer Unique ID` and `customer_unique_id` join. */
  readonly name: string;
}

/**
 * The file's columns named by `--identifier`, matched exactly or ignoring case and separators; an unknown
 * name fails before anything is read, listing the columns there are.
 */
export function findIdentifierColumns(
  wanted: readonly string[],
  columns: readonly string[],
  file: string,
): DeclaredIdentifier[] {
  const out: DeclaredIdentifier[] = [];
  for (const name of wanted) {
    const column =
      columns.find((c) => c === name) ?? columns.find((c) => normalizeHeader(c) === normalizeHeader(name));
    if (column === undefined) {
      throw new ClienteleError(
        'CLT_ERR_IMPORT_BAD_OPTION',
        `identifier ${name}: ${file} has no such column; its columns are: ${columns.join(', ')}`,
        { option: 'identifier', value: name, columns: [...columns] },
      );
    }
    if (!out.some((d) => d.column === column)) out.push({ column, name: normalizeHeader(column) });
  }
  return out;
}

/**
 * Stores the declarations so that every later identity resolution joins records by them; a new or
 * changed declaration is marked not yet applied, which makes the next resolution rebuild once.
 * Returns the declarations that were new or changed.
 */
export async function storeIdentifiers(
  db: Warehouse,
  table: string,
  declared: readonly DeclaredIdentifier[],
  fields: Readonly<Record<string, string>>,
): Promise<{ stored: string[]; alreadyIdentifiers: string[] }> {
  const fieldOf = new Map(Object.entries(fields).map(([field, column]) => [column, field]));
  const stored: string[] = [];
  const alreadyIdentifiers: string[] = [];
  for (const d of declared) {
    const field = fieldOf.get(d.column) ?? null;
    if (field && IDENTIFIER_FIELDS.has(field)) {
      alreadyIdentifiers.push(d.column);
      continue;
    }
    const [known] = await db.all<{ field: string | null; key_name: string }>(
      'SELECT field, key_name FROM identity_keys WHERE record_table = ? AND source_column = ?',
      [table, d.column],
    );
    if (known && known.field === field && known.key_name === d.name) continue;
    await db.run('DELETE FROM identity_keys WHERE record_table = ? AND source_column = ?', [table, d.column]);
    await db.run(
      'INSERT INTO identity_keys (record_table, source_column, field, key_name) VALUES (?, ?, ?, ?)',
      [table, d.column, field, d.name],
    );
    stored.push(d.column);
  }
  return { stored, alreadyIdentifiers };
}
