import { KIND_NAMES, KINDS } from '../domain/kinds.js';
import type { IdentifierType, IdentityRules } from './types.js';

/** Where one identifier type is read from in a table: a column, or a SQL expression over the row. */
interface IdentifierColumn {
  readonly type: IdentifierType;
  readonly expr: string;
}

const PER_FIELD: Readonly<Record<string, IdentifierType>> = {
  customer_id: 'customer_id',
  user_id: 'user_id',
  email: 'email',
  phone: 'phone',
  whatsapp: 'phone',
  anonymous_id: 'anonymous_id',
  previous_id: 'anonymous_id',
  twitter: 'twitter',
  facebook: 'facebook',
  instagram: 'instagram',
  linkedin: 'linkedin',
};

/** The identifier columns of every kind's table, highest-priority type first. */
export function identifierColumns(rules: IdentityRules): { table: string; columns: IdentifierColumn[] }[] {
  return KIND_NAMES.map((kind) => {
    const spec = KINDS[kind];
    const columns: IdentifierColumn[] = [];
    for (const field of spec.fields) {
      const type = PER_FIELD[field.name];
      if (type) columns.push({ type, expr: `"${field.name}"` });
      // The shop's customer id doubles as the tracking userId (Segment's usual set-up).
      if (field.name === 'user_id' && rules.userIdIsCustomerId)
        columns.push({ type: 'customer_id', expr: '"user_id"' });
    }
    if (kind === 'events') {
      // identify calls carry contact points in their traits.
      columns.push({ type: 'email', expr: "traits->>'email'" }, { type: 'phone', expr: "traits->>'phone'" });
    }
    return { table: spec.table, columns };
  }).filter((t) => t.columns.length > 0);
}

/** Column names of the union query: one per identifier source, in a fixed order. */
export function unionColumns(rules: IdentityRules): { name: string; type: IdentifierType }[] {
  const seen = new Map<string, IdentifierType>();
  for (const t of identifierColumns(rules)) {
    for (const c of t.columns) seen.set(`${c.type}__${c.expr.replace(/[^a-z_]/g, '')}`, c.type);
  }
  return [...seen.entries()].map(([name, type]) => ({ name, type }));
}

/**
 * One query over every table that yields, per record, its identifiers as text columns, in the order
 * records arrived (import, then row), skipping records already resolved unless `all`.
 */
export function recordsQuery(rules: IdentityRules, all: boolean): string {
  const names = unionColumns(rules);
  const parts = identifierColumns(rules).map(({ table, columns }) => {
    const select = names.map(({ name }) => {
      const c = columns.find((col) => `${col.type}__${col.expr.replace(/[^a-z_]/g, '')}` === name);
      return `${c ? `CAST(${c.expr} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)'} AS ${name}`;
    });
    const pending = all
      ? ''
      : `WHERE NOT EXISTS (SELECT 1 FROM record_profiles rp WHERE rp.record_table = '${table}' AND rp.row_key = t.row_key)`;
    return `SELECT '${table}' AS record_table, t.row_key, t.import_id, coalesce(t.source_row, 0) AS source_row, ${select.join(', ')}
      FROM ${table} t ${pending}`;
  });
  return `${parts.join('\nUNION ALL\n')}\nORDER BY import_id, source_row, record_table, row_key`;
}
