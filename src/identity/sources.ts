import { KIND_NAMES, KINDS } from '../domain/kinds.js';
import { type Dialect, duckdbDialect } from '../store/dialect.js';
import { identifier } from '../store/sql.js';
import type { IdentifierType, IdentityRules, PersonKey } from './types.js';

/** Where one identifier type is read from in a table: a SQL expression over the row `t` (or its order `o`). */
export interface IdentifierColumn {
  readonly type: IdentifierType;
  readonly expr: string;
  /** The column's name in the union of every table's identifiers. */
  readonly name: string;
}

/** A table's identifier columns and the FROM clause they read (the table as `t`, joined to what they need). */
export interface IdentifierSource {
  readonly table: string;
  readonly from: string;
  readonly columns: IdentifierColumn[];
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

// The platforms whose handles are identifiers, by identifier type.
const SOCIAL_PLATFORMS: readonly (readonly [IdentifierType, readonly string[]])[] = [
  ['twitter', ['twitter', 'x', 'twitter/x', 'x.com']],
  ['facebook', ['facebook', 'fb', 'meta']],
  ['instagram', ['instagram', 'ig']],
  ['linkedin', ['linkedin']],
];

// Constants in generated SQL (key and table names come from the database, never straight from a request)
// are written by the dialect's literal: this relation is composed as text into larger statements.
const { literal } = duckdbDialect;

const plain = (type: IdentifierType, field: string): IdentifierColumn => ({
  type,
  expr: `t.${identifier(field).text}`,
  name: `${type}__${field}`,
});

/**
 * A declared key's value, namespaced by the key's name, so that two keys that both count from 1 never
 * join each other's people; keys of the same name in different tables do join.
 */
function personKeyColumn(key: PersonKey, dialect: Dialect): IdentifierColumn {
  const raw = key.field
    ? `CAST(t.${identifier(key.field).text} AS VARCHAR)`
    : dialect.jsonText('t.extra', [key.column]);
  return {
    type: 'person_key',
    expr: `CASE WHEN nullif(trim(${raw}), '') IS NOT NULL THEN ${literal(`${key.name}:`)} || trim(${raw}) END`,
    name: `person_key__${key.name}`,
  };
}

function ownColumns(
  kind: (typeof KIND_NAMES)[number],
  rules: IdentityRules,
  dialect: Dialect,
): IdentifierColumn[] {
  const spec = KINDS[kind];
  const columns: IdentifierColumn[] = [];
  for (const field of spec.fields) {
    const type = PER_FIELD[field.name];
    if (type) columns.push(plain(type, field.name));
    // The shop's customer id doubles as the tracking userId (Segment's usual set-up).
    if (field.name === 'user_id' && rules.userIdIsCustomerId) columns.push(plain('customer_id', 'user_id'));
  }
  if (kind === 'social') {
    // A social row's handle is an identifier of the type its platform names (twitter and x are one).
    for (const [type, platforms] of SOCIAL_PLATFORMS) {
      const list = dialect.list(platforms.map(literal));
      columns.push({
        type,
        expr: `CASE WHEN ${dialect.listContains(list, 'lower(trim(t.platform))')} THEN t.handle END`,
        name: `${type}__social_handle`,
      });
    }
  }
  if (kind === 'events') {
    // identify calls carry contact points in their traits.
    columns.push(
      { type: 'email', expr: "t.traits->>'email'", name: 'email__traits_email' },
      { type: 'phone', expr: "t.traits->>'phone'", name: 'phone__traits_phone' },
    );
  }
  const declared = new Set<string>();
  for (const key of rules.personKeys) {
    if (key.table !== spec.table || declared.has(key.name)) continue;
    declared.add(key.name);
    columns.push(personKeyColumn(key, dialect));
  }
  return columns;
}

/**
 * The identifier columns of every kind's table, highest-priority type first, in `dialect`'s SQL (DuckDB's
 * unless told: the callers that compose these into their own statements run on DuckDB).
 */
export function identifierColumns(
  rules: IdentityRules,
  dialect: Dialect = duckdbDialect,
): IdentifierSource[] {
  const orderColumns = ownColumns('orders', rules, dialect);
  return KIND_NAMES.map((kind): IdentifierSource => {
    const spec = KINDS[kind];
    const columns = ownColumns(kind, rules, dialect);
    if (kind !== 'feedback') return { table: spec.table, from: `${spec.table} t`, columns };
    // A review that names its order reaches the order's customer: it carries the order's identifiers too.
    const viaOrder = orderColumns.map((c, i) => ({ ...c, expr: `o.v${i}`, name: `${c.name}__order` }));
    const from = `${spec.table} t LEFT JOIN (
        SELECT t.order_id, ${orderColumns.map((c, i) => `min(CAST(${c.expr} AS VARCHAR)) AS v${i}`).join(', ')}
        FROM orders t WHERE t.order_id IS NOT NULL GROUP BY t.order_id) o ON o.order_id = t.order_id`;
    return { table: spec.table, from, columns: [...columns, ...viaOrder] };
  }).filter((t) => t.columns.length > 0);
}

/** Column names of the union query: one per identifier source, in a fixed order. */
export function unionColumns(rules: IdentityRules): { name: string; type: IdentifierType }[] {
  const seen = new Map<string, IdentifierType>();
  // The names and types do not depend on the engine.
  for (const t of identifierColumns(rules)) for (const c of t.columns) seen.set(c.name, c.type);
  return [...seen.entries()].map(([name, type]) => ({ name, type }));
}

/**
 * Every record of every table with its identifiers as text columns, skipping records already resolved
 * unless `all`. Columns: record_table, row_key, import_id, source_row, then one per identifier source.
 */
export function recordsRelation(
  rules: IdentityRules,
  all: boolean,
  dialect: Dialect = duckdbDialect,
): string {
  const names = unionColumns(rules);
  const parts = identifierColumns(rules, dialect).map(({ table, from, columns }) => {
    const select = names.map(({ name }) => {
      const c = columns.find((col) => col.name === name);
      return `${c ? `CAST(${c.expr} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)'} AS ${name}`;
    });
    const pending = all
      ? ''
      : `WHERE NOT EXISTS (SELECT 1 FROM record_profiles rp WHERE rp.record_table = ${literal(table)} AND rp.row_key = t.row_key)`;
    return `SELECT ${literal(table)} AS record_table, t.row_key, coalesce(t.import_id, 0) AS import_id, coalesce(t.source_row, 0) AS source_row,
      ${select.join(', ')} FROM ${from} ${pending}`;
  });
  return parts.join('\nUNION ALL\n');
}

/** A key for a record's identifier tuple (a number below 2^53, so JavaScript holds it exactly). */
export function tupleKey(rules: IdentityRules, prefix = '', dialect: Dialect = duckdbDialect): string {
  return dialect.tupleHash(unionColumns(rules).map(({ name }) => `${prefix}${name}`));
}

/** The records in arrival order, as in `recordsRelation`. */
export function recordsQuery(rules: IdentityRules, all: boolean, dialect: Dialect = duckdbDialect): string {
  return `${recordsRelation(rules, all, dialect)}\nORDER BY import_id, source_row, record_table, row_key`;
}

/**
 * The distinct identifier tuples of the records, in the order each first arrived. Records that carry
 * the same tuple (a person's many events) change nothing after the first, so the graph only needs these.
 */
export function tuplesQuery(rules: IdentityRules, all: boolean, dialect: Dialect = duckdbDialect): string {
  const names = unionColumns(rules).map((c) => c.name);
  return dialect.firstOfGroups(
    recordsRelation(rules, all, dialect),
    names,
    { tkey: tupleKey(rules, '', dialect) },
    ['import_id', 'source_row', 'record_table', 'row_key'],
    { first_table: 'record_table', first_key: 'row_key' },
  );
}
