import { effectiveRules } from '../identity/rules.js';
import { identifierColumns } from '../identity/sources.js';
import type { IdentifierType } from '../identity/types.js';
import type { Dialect, Warehouse } from '../store/index.js';
import { fieldCrypto } from './fields.js';
import { type Identifier, type IdentifierMatcher, rawMatches, textHolds } from './identifiers.js';

/** The rows of one table that a search found, by row key. */
export interface TableRows {
  readonly table: string;
  readonly rowKeys: readonly string[];
}

/** Where to look: a condition on each table's rows (alias `t`), and an optional SQL pre-filter of values. */
export interface RowSearch {
  /** Only rows of these tables (default: every table with identifier columns). */
  readonly tables?: readonly string[];
  /** A SQL condition over `t` with `?` parameters, e.g. `t.import_id = ?`. */
  readonly where?: { readonly sql: string; readonly params: readonly (string | number)[] };
  /** The person's identifiers, when known in clear: a cheap SQL pre-filter then keeps most values out of JavaScript. */
  readonly known?: readonly Identifier[];
}

// A SQL test that keeps the values that could normalize to one of `known` of `type` (JavaScript decides).
function prefilter(
  d: Dialect,
  type: IdentifierType,
  known: readonly Identifier[],
): { sql: string; param: string } {
  const values = known.filter((i) => i.type === type).map((i) => i.value);
  const list = d.jsonList('?', 'VARCHAR');
  switch (type) {
    case 'email':
      return { sql: d.listContains(list, 'lower(trim(v))'), param: JSON.stringify(values) };
    case 'phone':
      return {
        sql: d.listContains(list, "right(regexp_replace(v, '[^0-9]', '', 'g'), 7)"),
        param: JSON.stringify(values.map((v) => v.replace(/\D/g, '').slice(-7))),
      };
    case 'user_id':
    case 'customer_id':
    case 'anonymous_id':
      return { sql: d.listContains(list, 'trim(v)'), param: JSON.stringify(values) };
    default:
      // Handles: the normalized handle appears inside the lower-cased value (URL or @ prefix aside).
      return {
        sql: `EXISTS (SELECT 1 FROM unnest(${list}) AS h(x) WHERE strpos(lower(v), h.x) > 0)`,
        param: JSON.stringify(values),
      };
  }
}

/**
 * The rows of every imported kind's table whose identifier columns (the ones identity resolution reads)
 * hold an identifier the matcher looks for. Distinct values are tried once each.
 */
export async function rowsHolding(
  db: Warehouse,
  matcher: IdentifierMatcher,
  search: RowSearch = {},
): Promise<TableRows[]> {
  const out: TableRows[] = [];
  // Sealed values cannot be filtered in SQL: each distinct one is decrypted here instead.
  const crypto = await fieldCrypto(db);
  // The rules in force: person keys declared at import (--identifier) are identifiers too.
  for (const { table, from, columns } of identifierColumns(await effectiveRules(db), db.dialect)) {
    if (search.tables && !search.tables.includes(table)) continue;
    const keys = new Set<string>();
    for (const { type, expr } of columns) {
      if (search.known && !search.known.some((i) => i.type === type)) continue;
      const filter = search.known && !crypto ? prefilter(db.dialect, type, search.known) : null;
      const where = search.where ? `AND (${search.where.sql})` : '';
      const params = [...(search.where?.params ?? []), ...(filter ? [filter.param] : [])];
      const values = await db.all<{ v: string }>(
        `SELECT v FROM (SELECT DISTINCT CAST(${expr} AS VARCHAR) AS v FROM ${from} WHERE ${expr} IS NOT NULL ${where}) d
         ${filter ? `WHERE ${filter.sql}` : ''}`,
        params,
      );
      const hits = values
        .map((r) => r.v)
        .filter((v) => rawMatches(matcher, type, crypto ? (crypto.revealDeep(v) as string) : v));
      if (!hits.length) continue;
      const rows = await db.all<{ k: string }>(
        `SELECT t.row_key AS k FROM ${from} WHERE ${db.dialect.listContains(db.dialect.jsonList('?', 'VARCHAR'), `CAST(${expr} AS VARCHAR)`)} ${where}`,
        [JSON.stringify(hits), ...(search.where?.params ?? [])],
      );
      for (const r of rows) keys.add(r.k);
    }
    if (keys.size) out.push({ table, rowKeys: [...keys] });
  }
  return out;
}

/**
 * The `rejects` rows (by their locator, `dialect.rowLocator`) whose raw record or reason holds an identifier
 * the matcher looks for.
 */
export async function rejectsHolding(
  db: Warehouse,
  matcher: IdentifierMatcher,
  where?: { readonly sql: string; readonly params: readonly (string | number)[] },
): Promise<string[]> {
  const crypto = await fieldCrypto(db);
  const read = await db.all<{ id: string; raw: string | null; reason: string | null }>(
    `SELECT ${db.dialect.rowLocator('r')} AS id, raw, reason FROM rejects r ${where ? `WHERE ${where.sql}` : ''}`,
    where?.params ?? [],
  );
  const rows = crypto ? (crypto.revealDeep(read) as typeof read) : read;
  return rows
    .filter(
      (r) =>
        (r.raw !== null && textHolds(r.raw, matcher)) || (r.reason !== null && textHolds(r.reason, matcher)),
    )
    .map((r) => r.id);
}
