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
 * Every record of every table with its identifiers as text columns, skipping records already resolved
 * unless `all`. Columns: record_table, row_key, import_id, source_row, then one per identifier source.
 */
export function recordsRelation(rules: IdentityRules, all: boolean): string {
  const names = unionColumns(rules);
  const parts = identifierColumns(rules).map(({ table, columns }) => {
    const select = names.map(({ name }) => {
      const c = columns.find((col) => `${col.type}__${col.expr.replace(/[^a-z_]/g, '')}` === name);
      return `${c ? `CAST(${c.expr} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)'} AS ${name}`;
    });
    const pending = all
      ? ''
      : `WHERE NOT EXISTS (SELECT 1 FROM record_profiles rp WHERE rp.record_table = '${table}' AND rp.row_key = t.row_key)`;
    return `SELECT '${table}' AS record_table, t.row_key, coalesce(t.import_id, 0) AS import_id, coalesce(t.source_row, 0) AS source_row,
      ${select.join(', ')} FROM ${table} t ${pending}`;
  });
  return parts.join('\nUNION ALL\n');
}

/** A key for a record's identifier tuple (a number below 2^53, so JavaScript holds it exactly). */
export function tupleKey(rules: IdentityRules, prefix = ''): string {
  return `(hash(${unionColumns(rules)
    .map(({ name }) => `${prefix}${name}`)
    .join(', ')}) % 9007199254740991)`;
}

/** The records in arrival order, as in `recordsRelation`. */
export function recordsQuery(rules: IdentityRules, all: boolean): string {
  return `${recordsRelation(rules, all)}\nORDER BY import_id, source_row, record_table, row_key`;
}

/**
 * The distinct identifier tuples of the records, in the order each first arrived. Records that carry
 * the same tuple (a person's many events) change nothing after the first, so the graph only needs these.
 */
export function tuplesQuery(rules: IdentityRules, all: boolean): string {
  const names = unionColumns(rules).map((c) => c.name);
  return `SELECT ${names.join(', ')}, tkey, first.t AS first_table, first.k AS first_key FROM (
    SELECT ${names.join(', ')}, ${tupleKey(rules)} AS tkey,
      min(struct_pack(i := import_id, s := source_row, t := record_table, k := row_key)) AS first
    FROM (${recordsRelation(rules, all)}) GROUP BY ALL)
  ORDER BY first`;
}
