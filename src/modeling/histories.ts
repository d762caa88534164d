import { ClienteleError } from '../errors/index.js';
import type { Row, Warehouse } from '../store/index.js';
import { numberColumn, textColumn } from './columns.js';
import { excludedOrdersSql, purchaseDaysSql } from './purchases.js';

/** Time unit of the purchase models. */
export type ModelUnit = 'day' | 'week' | 'month';

/** Days in one model unit (a month is 365.25 / 12 days, as in src/analytics/clv). */
export const DAYS_PER_UNIT: Readonly<Record<ModelUnit, number>> = { day: 1, week: 7, month: 365.25 / 12 };

/** Per-customer sufficient statistics of the buy-till-you-die models, computed by the engine. */
export interface WarehouseHistories {
  readonly customers: (string | null)[];
  /** Repeat purchase days in calibration. */
  readonly x: Float64Array;
  /** First to last purchase day in calibration, in the unit. */
  readonly tx: Float64Array;
  /** First purchase day to the calibration end, in the unit. */
  readonly T: Float64Array;
  /** Mean revenue of the repeat purchase days (0 without repeats). */
  readonly zbar: Float64Array;
  /** Purchase days after the calibration end, up to the observation end. */
  readonly holdoutX: Float64Array;
  /** Revenue in calibration, all days. */
  readonly revenue: Float64Array;
  readonly calibrationEnd: string;
  readonly observationEnd: string;
  /** Length of the holdout in the unit; 0 without one. */
  readonly holdoutLength: number;
  readonly firstDay: string;
  readonly lastDay: string;
  /** Customers whose first purchase comes after the calibration end (not in the model). */
  readonly laterCustomers: number;
  readonly orders: { read: number; used: number; excluded: Record<string, number> };
}

/** Options of {@link loadHistories}. */
export interface HistoryOptions {
  /** Last calibration day (YYYY-MM-DD), included; default the last purchase day. */
  readonly calibrationEnd?: string;
  /** Last holdout day, included; default the last purchase day when it is after the calibration end. */
  readonly observationEnd?: string;
  readonly unit: ModelUnit;
}

/**
 * Summarises the orders into (x, t_x, T, z̄) per customer in one query, the same statistics as
 * `summarizeTransactions` of src/analytics/clv computes from transaction columns (Fader, Hardie &
 * Lee 2005): a purchase day is a distinct calendar day; x counts the days after the first.
 */
export async function loadHistories(db: Warehouse, options: HistoryOptions): Promise<WarehouseHistories> {
  const [span] = await db.all<Row>(
    `SELECT CAST(min(d) AS VARCHAR) AS first_day, CAST(max(d) AS VARCHAR) AS last_day, count(*) AS days,
       sum(orders) AS orders FROM (${purchaseDaysSql()})`,
  );
  const [excluded = {}] = await db.all<Row>(excludedOrdersSql());
  if (!span || span.first_day == null) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      'no purchases to model: no order has a customer id, a time and a non-negative revenue',
      { orders: excluded },
    );
  }
  const lastDay = String(span.last_day);
  const calibrationEnd = options.calibrationEnd ?? lastDay;
  const observationEnd = options.observationEnd ?? ([lastDay, calibrationEnd].sort()[1] as string);
  if (observationEnd < calibrationEnd) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_OPTION',
      `observation end ${observationEnd} is before the calibration end ${calibrationEnd}`,
    );
  }
  const unitDays = DAYS_PER_UNIT[options.unit];
  const rows = await db.all<Row>(
    `WITH p AS (${purchaseDaysSql()}),
     f AS (SELECT k, min(d) AS first FROM p GROUP BY k)
     SELECT p.k AS customer,
       count(*) FILTER (WHERE p.d > f.first AND p.d <= CAST(? AS DATE)) AS x,
       date_diff('day', f.first, max(p.d) FILTER (WHERE p.d <= CAST(? AS DATE))) AS tx_days,
       date_diff('day', f.first, CAST(? AS DATE)) AS t_days,
       coalesce(avg(p.v) FILTER (WHERE p.d > f.first AND p.d <= CAST(? AS DATE)), 0) AS zbar,
       count(*) FILTER (WHERE p.d > CAST(? AS DATE) AND p.d <= CAST(? AS DATE)) AS holdout_x,
       coalesce(sum(p.v) FILTER (WHERE p.d <= CAST(? AS DATE)), 0) AS revenue
     FROM p JOIN f ON p.k = f.k
     WHERE f.first <= CAST(? AS DATE)
     GROUP BY p.k, f.first
     ORDER BY p.k`,
    [
      calibrationEnd,
      calibrationEnd,
      calibrationEnd,
      calibrationEnd,
      calibrationEnd,
      observationEnd,
      calibrationEnd,
      calibrationEnd,
    ],
  );
  const [later] = await db.all<Row>(
    `SELECT count(*) AS n FROM (SELECT k FROM (${purchaseDaysSql()}) GROUP BY k HAVING min(d) > CAST(? AS DATE))`,
    [calibrationEnd],
  );
  const [used] = await db.all<Row>(
    `SELECT coalesce(sum(orders), 0) AS n FROM (${purchaseDaysSql()}) WHERE d <= CAST(? AS DATE)`,
    [observationEnd],
  );
  const perUnit = (days: Float64Array) => days.map((d) => d / unitDays);
  const holdoutDays =
    (Date.parse(`${observationEnd}T00:00:00Z`) - Date.parse(`${calibrationEnd}T00:00:00Z`)) / 86_400_000;
  return {
    customers: textColumn(rows, 'customer'),
    x: numberColumn(rows, 'x'),
    tx: perUnit(numberColumn(rows, 'tx_days')),
    T: perUnit(numberColumn(rows, 't_days')),
    zbar: numberColumn(rows, 'zbar'),
    holdoutX: numberColumn(rows, 'holdout_x'),
    revenue: numberColumn(rows, 'revenue'),
    calibrationEnd,
    observationEnd,
    holdoutLength: holdoutDays / unitDays,
    firstDay: String(span.first_day),
    lastDay,
    laterCustomers: Number(later?.n ?? 0),
    orders: {
      read: Number(excluded.orders ?? 0),
      used: Number(used?.n ?? 0),
      excluded: Object.fromEntries(
        Object.entries(excluded)
          .filter(([k]) => k !== 'orders')
          .map(([k, v]) => [k, Number(v)]),
      ),
    },
  };
}
