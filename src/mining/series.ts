import type { Warehouse } from '../store/index.js';
import {
  type Dimension,
  type FactScope,
  type Filter,
  factSql,
  type Measure,
  measureSql,
  type Window,
} from './dimensions.js';
import { num } from './numbers.js';
import type { Grain } from './periods.js';

/** Label of the values outside the top N, and of rows without a value. */
export const OTHER = '(other)';
export const NONE = '(none)';

/** A measure per period and value of a dimension, read in one query. */
export interface SeriesRows {
  readonly rows: { period: string; value: string; m: number }[];
  /** The first and last instants of the data in the window (local time), or null when it is empty. */
  readonly first: string | null;
  readonly last: string | null;
  /** Distinct values of the dimension (0 without one). */
  readonly distinctValues: number;
}

/**
 * Reads a measure by period (and by a dimension's top `top` values by total, the rest as "(other)").
 * Distinct counts are counted in the engine per group, so "(other)" counts each order or customer once.
 * An overlapping dimension (segments) has no "(other)": a sum over values that share customers means nothing.
 */
export async function readSeries(
  db: Warehouse,
  measure: Measure,
  grain: Grain,
  dim: Dimension | null,
  top: number,
  tz: string,
  window: Window,
  filter: Filter | null = null,
  scope: FactScope = {},
): Promise<SeriesRows> {
  const overlapping = dim?.overlapping === true;
  const facts = factSql(dim?.lines ?? false, tz, window, filter, { ...scope, bySegment: overlapping });
  const value = dim ? `coalesce(CAST(${dim.sql} AS VARCHAR), '${NONE}')` : `'all'`;
  const m = measureSql(measure);
  const rows = await db.all<{ period: string; value: string; m: number }>(
    `WITH f AS (SELECT *, ${value} AS dim_value FROM ${facts.text}),
          tops AS (SELECT dim_value FROM f GROUP BY dim_value ORDER BY ${m} DESC, dim_value LIMIT ${top})
     SELECT ${db.dialect.formatTime('date_trunc(?, ts)', '%Y-%m-%d')} AS period,
            CASE WHEN dim_value IN (SELECT dim_value FROM tops) THEN dim_value ELSE '${OTHER}' END AS value,
            ${m} AS m
     FROM f ${overlapping ? 'WHERE dim_value IN (SELECT dim_value FROM tops)' : ''} GROUP BY 1, 2 ORDER BY period, value`,
    [...facts.params, grain],
  );
  const [span] = await db.all<{ first: string | null; last: string | null; values: number }>(
    `SELECT ${db.dialect.formatTime('min(ts)', '%Y-%m-%dT%H:%M:%S')} AS first, ${db.dialect.formatTime('max(ts)', '%Y-%m-%dT%H:%M:%S')} AS last,
            count(DISTINCT ${value}) AS values FROM ${facts.text}`,
    facts.params,
  );
  return {
    rows: rows.map((r) => ({ period: r.period, value: r.value, m: num(r.m) })),
    first: span?.first ?? null,
    last: span?.last ?? null,
    distinctValues: dim ? num(span?.values ?? 0) : 0,
  };
}
