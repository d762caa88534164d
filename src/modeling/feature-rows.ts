import type { RawRow } from '../analytics/classify/index.js';
import type { Row, Warehouse } from '../store/index.js';
import { customerKey, hasCustomerKey } from './customer-key.js';
import type { Feature } from './features.js';
import { metricsSql } from './metrics.js';

/** Customers with the values of some features, in a stable order (import order, then key). */
export interface FeatureRows {
  readonly keys: string[];
  readonly rows: RawRow[];
  /** Whether each customer is marked a prospect in the customers table. */
  readonly prospect: boolean[];
}

/**
 * Reads `features` for every customer (keys from customers and orders); with `where`, a SQL
 * condition over the same columns, only the customers it keeps. Values come back as numbers, 0/1
 * for yes/no, text for categories, null when missing.
 */
export async function loadFeatureRows(
  db: Warehouse,
  features: readonly Feature[],
  where?: string,
): Promise<FeatureRows> {
  const select = features.map((f, i) => `${f.sql} AS f${i}`).join(', ');
  const rows = await db.all<Row>(
    `WITH c AS (
       SELECT * FROM (
         SELECT *, row_number() OVER (PARTITION BY customer_key ORDER BY import_id DESC, source_row DESC) AS c_rank
         FROM (SELECT *, ${customerKey('customers')} AS customer_key FROM customers WHERE ${hasCustomerKey('customers')}) keyed
       ) ranked WHERE c_rank = 1
     ), m AS ${metricsSql(db.dialect)}
     SELECT m.k AS key, coalesce(c.is_prospect, false) AS prospect${select ? `, ${select}` : ''}
     FROM m LEFT JOIN c ON c.customer_key = m.k
     ${where ? `WHERE ${where}` : ''}
     ORDER BY c.import_id NULLS LAST, c.source_row, m.k`,
  );
  return {
    keys: rows.map((r) => String(r.key)),
    prospect: rows.map((r) => r.prospect === true),
    rows: rows.map((r) => {
      const out: Record<string, RawRow[string]> = {};
      features.forEach((f, i) => {
        const v = r[`f${i}`];
        out[f.name] =
          v === null || v === undefined
            ? null
            : typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'
              ? typeof v === 'boolean'
                ? Number(v)
                : v
              : String(v);
      });
      return out;
    }),
  };
}
