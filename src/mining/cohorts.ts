import { moneyTotal } from '../semantics/definitions.js';
import type { Warehouse } from '../store/index.js';
import { construct, param, raw, sql } from '../store/sql.js';
import { whereAll, windowConditions } from './dimensions.js';
import { placedOrders } from './facts.js';
import { num, ratio, round } from './numbers.js';
import { oneOf } from './options.js';
import { requireSegment, segmentKeys } from './segments.js';
import { checkTimeZone } from './zone.js';

/** Options of `cohorts` (the CLI's `clientele cohorts`). */
export interface CohortOptions {
  readonly by?: string;
  readonly metric?: string;
  /** Cohorts acquired from this day on, and up to this day (included). */
  readonly from?: string;
  readonly to?: string;
  readonly tz?: string;
  /** Only the current members of this saved segment. */
  readonly segment?: string;
}

/** One acquisition cohort's row of the triangle. */
export interface CohortRow {
  readonly cohort: string;
  /** Customers whose first order falls in the cohort's period. */
  readonly size: number;
  /** The metric at each age 0, 1, 2 … (periods since the first order), up to the last period observed. */
  readonly values: number[];
  /** values / values at age 0: the share retained (customers) or revenue relative to the first period. */
  readonly rates: (number | null)[];
  /** values / size: active share (customers) or revenue per acquired customer. */
  readonly perCustomer: (number | null)[];
}

/** What `clientele cohorts` prints. */
export interface CohortResult {
  readonly by: 'month' | 'week';
  readonly metric: 'customers' | 'revenue';
  /** The saved segment the customers were restricted to, if any. */
  readonly segment: string | null;
  readonly cohorts: CohortRow[];
  /** Mean of `rates` at each age over the cohorts that reached it, weighted by cohort size. */
  readonly average: (number | null)[];
}

/**
 * `clientele cohorts`: customers grouped by the period of their first placed order (over all history),
 * then the customers active, or the revenue, in each later period: the retention triangle.
 */
export async function cohorts(db: Warehouse, options: CohortOptions = {}): Promise<CohortResult> {
  const by = oneOf('--by', options.by, ['month', 'week'] as const, 'month');
  const metric = oneOf('--metric', options.metric, ['customers', 'revenue'] as const, 'customers');
  const window = { from: options.from, to: options.to };
  const tz = await checkTimeZone(db, options.tz);
  const d = db.dialect;
  const segment = await requireSegment(db, options.segment);
  const members = segment
    ? sql` AND customer_key IN (SELECT customer_key FROM (${segmentKeys(segment)}) k)`
    : raw('');
  const age =
    by === 'month'
      ? d.dateDiff('month', d.dateTrunc('month', 'f.first_ts'), d.dateTrunc('month', 'o.ts'))
      : `CAST(${d.dateDiff('day', d.dateTrunc('week', 'f.first_ts'), d.dateTrunc('week', 'o.ts'))} / 7 AS INTEGER)`;
  const q = sql`WITH o AS (SELECT customer_key, ts, revenue FROM (${raw(placedOrders(tz))}) p WHERE customer_key IS NOT NULL${members}),
          f AS (SELECT customer_key, min(ts) AS first_ts FROM o GROUP BY 1)
     SELECT ${construct((e) => d.formatTime(e, '%Y-%m-%d'), sql`date_trunc(${param(by)}, f.first_ts)`)} AS cohort, ${raw(age)} AS age,
            count(DISTINCT o.customer_key) AS customers, ${raw(moneyTotal('o.revenue'))} AS revenue
     FROM o JOIN f USING (customer_key)
     ${whereAll(windowConditions('f.first_ts', window))}
     GROUP BY 1, 2 ORDER BY cohort, age`;
  const rows = await db.all<{ cohort: string; age: number; customers: number; revenue: number }>(
    q.text,
    q.params,
  );
  const byCohort = new Map<string, Map<number, { customers: number; revenue: number }>>();
  for (const r of rows) {
    let m = byCohort.get(r.cohort);
    if (!m) {
      m = new Map();
      byCohort.set(r.cohort, m);
    }
    m.set(num(r.age), { customers: num(r.customers), revenue: num(r.revenue) });
  }
  // The triangle's edge: a cohort can be seen up to the last period with any order at all.
  // A segment's members may all be quiet lately: the edge is still the data's last period, not theirs.
  const [edge] = segment
    ? await db.all<{ last: string | null }>(
        `SELECT ${d.formatTime('date_trunc(?, max(ts))', '%Y-%m-%d')} AS last FROM (${placedOrders(tz)}) p`,
        [by],
      )
    : [];
  const cohortNames = [...byCohort.keys()].sort();
  const lastPeriod = rows.reduce(
    (mx, r) => Math.max(mx, periodIndex(r.cohort, by) + num(r.age)),
    edge?.last ? periodIndex(edge.last, by) : 0,
  );
  const lastAge = new Map(cohortNames.map((c) => [c, lastPeriod - periodIndex(c, by)]));
  const out: CohortRow[] = cohortNames.map((cohort) => {
    const m = byCohort.get(cohort) as Map<number, { customers: number; revenue: number }>;
    const size = m.get(0)?.customers ?? 0;
    const span = Math.max(0, lastAge.get(cohort) ?? 0);
    const values = Array.from({ length: span + 1 }, (_, a) => {
      const v = m.get(a);
      return round(v ? (metric === 'customers' ? v.customers : v.revenue) : 0, 2) ?? 0;
    });
    const base = values[0] ?? 0;
    return {
      cohort,
      size,
      values,
      rates: values.map((v) => round(ratio(v, base), 4)),
      perCustomer: values.map((v) => round(ratio(v, size), 4)),
    };
  });
  const longest = out.reduce((mx, c) => Math.max(mx, c.values.length), 0);
  const average = Array.from({ length: longest }, (_, a) => {
    let w = 0;
    let sum = 0;
    for (const c of out) {
      const r = c.rates[a];
      if (r === undefined || r === null) continue;
      w += c.size;
      sum += c.size * r;
    }
    return round(ratio(sum, w), 4);
  });
  return { by, metric, segment: segment?.name ?? null, cohorts: out, average };
}

// Months since year 0, or weeks since 1970-01-05 (a Monday), of a period start.
function periodIndex(period: string, by: 'month' | 'week'): number {
  const d = new Date(`${period}T00:00:00Z`);
  if (by === 'month') return d.getUTCFullYear() * 12 + d.getUTCMonth();
  return Math.round((d.getTime() - Date.UTC(1970, 0, 5)) / (7 * 86_400_000));
}
