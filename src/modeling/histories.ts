import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { toFloat64, toText } from './columns.js';
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
  // Counts come back as numbers from the warehouse's row decoder.
  const [excluded = {}] = await db.all<Record<string, number>>(excludedOrdersSql());
  const calibrationDay = options.calibrationEnd === undefined ? null : dayNumber(options.calibrationEnd);
  const observationDay = options.observationEnd === undefined ? null : dayNumber(options.observationEnd);
  // One pass over the purchase days, one row per customer; the calibration and holdout splits are
  // FILTERs, so no join is needed. With no calibration end given, every day counts as calibration.
  const cal = calibrationDay ?? 2_147_483_647;
  const obs = observationDay ?? 2_147_483_647;
  const cols = await db.numbers(
    `SELECT k AS customer, min(d) AS first, max(d) AS last,
       count(*) FILTER (WHERE d <= ?) AS days_cal, max(d) FILTER (WHERE d <= ?) AS last_cal,
       coalesce(sum(v) FILTER (WHERE d <= ?), 0) AS revenue_cal, ${db.dialect.argMin('v', 'd')} AS first_value,
       count(*) FILTER (WHERE d > ? AND d <= ?) AS holdout_days,
       coalesce(sum(orders) FILTER (WHERE d <= ?), 0) AS orders_used
     FROM (${purchaseDaysSql(db.dialect)}) p GROUP BY k ORDER BY k`,
    [cal, cal, cal, cal, obs, obs],
  );
  const count = cols.customer?.length ?? 0;
  if (count === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      'no purchases to model: no order has a customer id, a time and a non-negative revenue',
      { orders: excluded },
    );
  }
  const first = toFloat64(cols.first);
  const last = toFloat64(cols.last);
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    firstDay = Math.min(firstDay, first[i] ?? firstDay);
    lastDay = Math.max(lastDay, last[i] ?? lastDay);
  }
  const calEnd = calibrationDay ?? lastDay;
  const obsEnd = observationDay ?? Math.max(lastDay, calEnd);
  if (obsEnd < calEnd) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_OPTION',
      `observation end ${dayText(obsEnd)} is before the calibration end ${dayText(calEnd)}`,
    );
  }
  const daysCal = toFloat64(cols.days_cal);
  const lastCal = toFloat64(cols.last_cal);
  const revenueCal = toFloat64(cols.revenue_cal);
  const firstValue = toFloat64(cols.first_value);
  const holdoutDays = toFloat64(cols.holdout_days);
  const ordersUsed = toFloat64(cols.orders_used);
  const keys = toText(cols.customer);
  const unitDays = DAYS_PER_UNIT[options.unit];
  const out = {
    customers: [] as (string | null)[],
    x: [] as number[],
    tx: [] as number[],
    T: [] as number[],
  };
  const zbar: number[] = [];
  const holdoutX: number[] = [];
  const revenue: number[] = [];
  let laterCustomers = 0;
  let used = 0;
  for (let i = 0; i < count; i++) {
    const f = first[i] ?? 0;
    if (f > calEnd) {
      laterCustomers++;
      continue;
    }
    const x = (daysCal[i] ?? 1) - 1;
    out.customers.push(keys[i] ?? null);
    out.x.push(x);
    out.tx.push(((lastCal[i] ?? f) - f) / unitDays);
    out.T.push((calEnd - f) / unitDays);
    zbar.push(x > 0 ? ((revenueCal[i] ?? 0) - (firstValue[i] ?? 0)) / x : 0);
    holdoutX.push(holdoutDays[i] ?? 0);
    revenue.push(revenueCal[i] ?? 0);
    used += ordersUsed[i] ?? 0;
  }
  return {
    customers: out.customers,
    x: Float64Array.from(out.x),
    tx: Float64Array.from(out.tx),
    T: Float64Array.from(out.T),
    zbar: Float64Array.from(zbar),
    holdoutX: Float64Array.from(holdoutX),
    revenue: Float64Array.from(revenue),
    calibrationEnd: dayText(calEnd),
    observationEnd: dayText(obsEnd),
    holdoutLength: (obsEnd - calEnd) / unitDays,
    firstDay: dayText(firstDay),
    lastDay: dayText(lastDay),
    laterCustomers,
    orders: {
      read: excluded.orders ?? 0,
      used,
      excluded: Object.fromEntries(Object.entries(excluded).filter(([k]) => k !== 'orders')),
    },
  };
}

/** Day number since 1970-01-01 of a YYYY-MM-DD day. */
export function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

/** YYYY-MM-DD of a day number. */
export function dayText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
