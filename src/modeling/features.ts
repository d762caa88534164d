import { loadFieldAliases } from '../domain/aliases.js';
import { type FieldAlias, resolveName } from '../domain/fields.js';
import type { Row, Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';
import { METRICS } from './metrics.js';

/** How a feature enters a model: a number, a yes/no (0/1), or a category (one-hot). */
export type FeatureKind = 'numeric' | 'boolean' | 'categorical';

/** A customer trait or metric a model can use, with the SQL that reads it from `c` (customers) or `m` (metrics). */
export interface Feature {
  readonly name: string;
  readonly kind: FeatureKind;
  readonly source: 'column' | 'extra' | 'metric';
  readonly sql: string;
  /** An identifier or contact detail: never a default feature. */
  readonly identifier: boolean;
  /** The names customer files gave this column (`newsletter` for consent_email), latest import first. */
  readonly aliases?: readonly string[];
}

// Columns that name or reach a person rather than describe them.
const IDENTIFIERS = new Set([
  'customer_id',
  'email',
  'phone',
  'anonymous_id',
  'first_name',
  'last_name',
  'full_name',
  'postal_code',
  'company',
  'twitter',
  'facebook',
  'whatsapp',
  'instagram',
  'linkedin',
]);
const BOOKKEEPING = new Set(['row_key', 'row_hash', 'import_id', 'source_row', 'extra', 'imported_at']);
const ID_LIKE = /(^|_)(id|uuid|key|email|phone)$|^id$/i;

/**
 * Every feature the warehouse offers: the customers table's typed columns, the keys of its `extra`
 * JSON (typed by the JSON values the importer stored), and the order metrics. Dates and lists are
 * left out; a column holding no value at all is left out.
 */
export async function discoverFeatures(db: Warehouse): Promise<Feature[]> {
  const columns = await db.all<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_name = 'customers' AND table_schema = current_schema() ORDER BY ordinal_position`,
  );
  const usable = columns.filter((c) => !BOOKKEEPING.has(c.column_name) && kindOfType(c.data_type) !== null);
  const counts = usable.length
    ? await db.all<Row>(
        `SELECT ${usable.map((c, i) => `count(${identifier(c.column_name).text}) AS n${i}`).join(', ')} FROM customers`,
      )
    : [];
  const features: Feature[] = [];
  usable.forEach((c, i) => {
    if (!(Number(counts[0]?.[`n${i}`] ?? 0) > 0)) return;
    features.push({
      name: c.column_name,
      kind: kindOfType(c.data_type) ?? 'categorical',
      source: 'column',
      sql: `c.${identifier(c.column_name).text}`,
      identifier: IDENTIFIERS.has(c.column_name),
    });
  });
  const taken = new Set(features.map((f) => f.name));
  const d = db.dialect;
  const extras = await db.all<{ k: string; t: string; n: number }>(
    `SELECT e.key AS k, ${d.jsonKind('e.value')} AS t, count(*) AS n
     FROM customers, ${d.jsonEach('extra')} e WHERE extra IS NOT NULL
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const types = new Map<string, Set<string>>();
  for (const e of extras) {
    if (e.t === 'NULL') continue;
    const set = types.get(e.k) ?? new Set<string>();
    set.add(e.t);
    types.set(e.k, set);
  }
  for (const [key, set] of types) {
    if (taken.has(key)) continue;
    const text = d.jsonText('c.extra', [key]);
    const numeric = [...set].every((t) => t === 'DOUBLE' || t === 'BIGINT' || t === 'UBIGINT');
    const boolean = [...set].every((t) => t === 'BOOLEAN');
    if (![...set].every((t) => ['DOUBLE', 'BIGINT', 'UBIGINT', 'BOOLEAN', 'VARCHAR'].includes(t))) continue;
    features.push({
      name: key,
      kind: numeric ? 'numeric' : boolean ? 'boolean' : 'categorical',
      source: 'extra',
      sql: numeric
        ? `CAST(${text} AS DOUBLE)`
        : boolean
          ? `CASE ${text} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END`
          : text,
      identifier: ID_LIKE.test(key),
    });
    taken.add(key);
  }
  for (const metric of METRICS) {
    if (taken.has(metric.name)) continue;
    features.push({
      name: metric.name,
      kind: 'numeric',
      source: 'metric',
      sql: `m.${identifier(metric.name).text}`,
      identifier: false,
    });
  }
  const named = new Map<string, string[]>();
  for (const a of await loadFieldAliases(db, ['customers'])) {
    if (a.alias === a.field) continue;
    named.set(a.field, [...(named.get(a.field) ?? []), a.alias]);
  }
  return features.map((f) => (named.has(f.name) ? { ...f, aliases: named.get(f.name)! } : f));
}

// Type names as information_schema gives them: DuckDB's, or PostgreSQL's (`character varying`, `double precision`).
function kindOfType(type: string): FeatureKind | null {
  const t = type.toUpperCase();
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'VARCHAR' || t === 'CHARACTER VARYING' || t === 'TEXT') return 'categorical';
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC)/.test(
      t,
    )
  )
    return 'numeric';
  return null;
}

/**
 * Finds a feature by the name a person typed, through the one field resolver: the canonical name in any case
 * or spelling of separators, or the name the column had in a customer file; the error suggests the nearest.
 */
export function resolveFeature(features: readonly Feature[], name: string): Feature {
  const aliases: FieldAlias[] = features.flatMap((f) =>
    (f.aliases ?? []).map((alias) => ({ kind: 'customers', alias, field: f.name })),
  );
  const found = resolveName(
    name,
    features.map((f) => f.name),
    {
      aliases,
      what: 'customer trait or metric',
      code: 'CLT_ERR_MODEL_UNKNOWN_COLUMN',
      details: { column: name },
    },
  );
  return features.find((f) => f.name === found.name)!;
}
