import type { PurchaseHistories } from './history.js';

/** Transactions as columns, grouped by customer. */
export interface TransactionColumns {
  /** Customer index of each transaction, non-decreasing, so that a customer's rows are adjacent. */
  customer: ArrayLike<number>;
  /** When each transaction happened, in days or epoch milliseconds (see `timeScale`), UTC. */
  time: Float64Array;
  /** Value of each transaction; without it the summary has no `monetary` column. */
  amount?: Float64Array;
}

/** Time unit of the summary's t_x and T. */
export type TimeUnit = 'day' | 'week' | 'month';

/** Options of {@link summarizeTransactions}. */
export interface SummaryOptions {
  /** Last instant of the calibration period, in the scale of `time`; its whole day is included. */
  calibrationEnd: number;
  /** Last instant of an optional holdout period that follows; its whole day is included. */
  observationEnd?: number;
  /** Scale of `time` and of the ends: 'days' (default) or 'ms' since the epoch. */
  timeScale?: 'days' | 'ms';
  /** Unit of t_x and T; default 'day'. A month is 365.25 / 12 days. */
  unit?: TimeUnit;
}

/** Frequency, recency, age and spend of each customer seen in the calibration period. */
export interface CustomerSummary extends PurchaseHistories {
  /** Customer index of each row, ascending. */
  customer: Float64Array;
  /** Mean value of the repeat purchase days (a day's amounts summed), 0 for customers with x = 0. */
  monetary?: Float64Array;
  /** Purchase days in the holdout period, when `observationEnd` is given. */
  holdoutX?: Float64Array;
  /** Length of the holdout period in `unit`, when `observationEnd` is given. */
  holdoutDuration?: number;
}

const DAYS_PER_UNIT: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };
const MS_PER_DAY = 86_400_000;

/** Checks a time unit name; the error names the option. */
export function checkTimeUnit(unit: string): TimeUnit {
  if (unit === 'day' || unit === 'week' || unit === 'month') return unit;
  throw new Error(`invalid unit: ${unit} (expected day, week or month)`);
}

/**
 * Summarises transactions into the sufficient statistics of the buy-till-you-die models
 * (Fader, Hardie & Lee 2005): x, the number of distinct purchase days after the first; t_x, the
 * time from the first to the last purchase day; T, the time from the first purchase day to the end
 * of calibration. Several transactions on one day count as one, as in the CDNOW data set.
 * Customers whose first purchase falls after the calibration end are left out.
 */
export function summarizeTransactions(data: TransactionColumns, options: SummaryOptions): CustomerSummary {
  const n = data.customer.length;
  if (data.time.length !== n)
    throw new Error(`column length mismatch: time has ${data.time.length} rows, customer has ${n}`);
  if (data.amount !== undefined && data.amount.length !== n) {
    throw new Error(`column length mismatch: amount has ${data.amount.length} rows, customer has ${n}`);
  }
  const scale = options.timeScale ?? 'days';
  if (scale !== 'days' && scale !== 'ms')
    throw new Error(`invalid timeScale: ${scale} (expected days or ms)`);
  const unitDays = DAYS_PER_UNIT[checkTimeUnit(options.unit ?? 'day')];
  const toDay = scale === 'ms' ? (v: number) => Math.floor(v / MS_PER_DAY) : Math.floor;
  if (!Number.isFinite(options.calibrationEnd))
    throw new Error(`invalid calibrationEnd: ${options.calibrationEnd}`);
  const calEnd = toDay(options.calibrationEnd);
  const holdout = options.observationEnd !== undefined;
  const obsEnd = holdout ? toDay(options.observationEnd ?? 0) : calEnd;
  if (!Number.isFinite(obsEnd) || obsEnd < calEnd)
    throw new Error(`invalid observationEnd: ${options.observationEnd}`);

  const out = {
    customer: [] as number[],
    x: [] as number[],
    tx: [] as number[],
    T: [] as number[],
    monetary: [] as number[],
    holdoutX: [] as number[],
  };
  let days = new Float64Array(64);
  let values = new Float64Array(64);
  let start = 0;
  while (start < n) {
    const id = data.customer[start] ?? Number.NaN;
    if (!Number.isFinite(id)) throw new Error(`invalid customer at row ${start}: ${id}`);
    let end = start;
    while (end < n && data.customer[end] === id) end++;
    if (end < n && !((data.customer[end] ?? Number.NaN) > id)) {
      throw new Error(`customer must be sorted: row ${end} (${data.customer[end]}) after ${id}`);
    }
    const size = end - start;
    if (days.length < size) {
      days = new Float64Array(size * 2);
      values = new Float64Array(size * 2);
    }
    for (let i = start; i < end; i++) {
      const t = data.time[i] ?? Number.NaN;
      if (!Number.isFinite(t)) throw new Error(`invalid time at row ${i}: ${t}`);
      const v = data.amount === undefined ? 0 : (data.amount[i] ?? Number.NaN);
      if (!Number.isFinite(v)) throw new Error(`invalid amount at row ${i}: ${v}`);
      days[i - start] = toDay(t);
      values[i - start] = v;
    }
    sortByDay(days, values, size);
    summarizeOne(id, days, values, size);
    start = end;
  }
  const summary: CustomerSummary = {
    customer: Float64Array.from(out.customer),
    x: Float64Array.from(out.x),
    tx: Float64Array.from(out.tx),
    T: Float64Array.from(out.T),
  };
  if (data.amount !== undefined) summary.monetary = Float64Array.from(out.monetary);
  if (holdout) {
    summary.holdoutX = Float64Array.from(out.holdoutX);
    summary.holdoutDuration = (obsEnd - calEnd) / unitDays;
  }
  return summary;

  function summarizeOne(id: number, day: Float64Array, value: Float64Array, size: number): void {
    const first = day[0] ?? 0;
    if (first > calEnd) return;
    let x = 0;
    let last = first;
    let repeatTotal = 0;
    let holdoutX = 0;
    let previous = first;
    for (let i = 1; i < size; i++) {
      const d = day[i] ?? 0;
      if (d > obsEnd) break;
      const fresh = d !== previous;
      previous = d;
      if (d > calEnd) {
        if (fresh) holdoutX++;
        continue;
      }
      if (d === first) continue;
      if (fresh) x++;
      last = d;
      repeatTotal += value[i] ?? 0;
    }
    out.customer.push(id);
    out.x.push(x);
    out.tx.push((last - first) / unitDays);
    out.T.push((calEnd - first) / unitDays);
    out.monetary.push(x > 0 ? repeatTotal / x : 0);
    out.holdoutX.push(holdoutX);
  }
}

// Insertion sort: a customer's transactions are few and usually already in order.
function sortByDay(day: Float64Array, value: Float64Array, size: number): void {
  for (let i = 1; i < size; i++) {
    const d = day[i] ?? 0;
    const v = value[i] ?? 0;
    let j = i - 1;
    if ((day[j] ?? 0) <= d) continue;
    while (j >= 0 && (day[j] ?? 0) > d) {
      day[j + 1] = day[j] ?? 0;
      value[j + 1] = value[j] ?? 0;
      j--;
    }
    day[j + 1] = d;
    value[j + 1] = v;
  }
}

/** Histories compressed to their distinct (x, t_x, T) patterns. */
export interface CompressedHistories extends PurchaseHistories {
  count: Float64Array;
  /** For each input row, the index of its pattern. */
  pattern: Uint32Array;
}

/**
 * Collapses customers with the same (x, t_x, T) into one row with a count, as Fader, Hardie & Lee
 * (2005) do for CDNOW; the likelihoods take the counts as weights. Patterns keep the order in which
 * they are first met. Existing counts are added up.
 */
export function compressHistories(data: PurchaseHistories): CompressedHistories {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n || (data.count !== undefined && data.count.length !== n)) {
    throw new Error(`column length mismatch: x has ${n} rows`);
  }
  // Number the distinct values of each column, then key a pattern by its three numbers; the key is
  // exact while nx·ntx·nT < 2^53, which holds for any data that fits in memory.
  const xs = new Map<number, number>();
  const txs = new Map<number, number>();
  const Ts = new Map<number, number>();
  const code = (m: Map<number, number>, v: number): number => {
    let k = m.get(v);
    if (k === undefined) {
      k = m.size;
      m.set(v, k);
    }
    return k;
  };
  const xi = new Float64Array(n);
  const ti = new Float64Array(n);
  const Ti = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xi[i] = code(xs, data.x[i] ?? Number.NaN);
    ti[i] = code(txs, data.tx[i] ?? Number.NaN);
    Ti[i] = code(Ts, data.T[i] ?? Number.NaN);
  }
  const patterns = new Map<number, number>();
  const pattern = new Uint32Array(n);
  const first: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = ((xi[i] ?? 0) * txs.size + (ti[i] ?? 0)) * Ts.size + (Ti[i] ?? 0);
    let k = patterns.get(key);
    if (k === undefined) {
      k = first.length;
      patterns.set(key, k);
      first.push(i);
      counts.push(0);
    }
    pattern[i] = k;
    counts[k] = (counts[k] ?? 0) + (data.count === undefined ? 1 : (data.count[i] ?? 0));
  }
  return {
    x: Float64Array.from(first, (i) => data.x[i] ?? 0),
    tx: Float64Array.from(first, (i) => data.tx[i] ?? 0),
    T: Float64Array.from(first, (i) => data.T[i] ?? 0),
    count: Float64Array.from(counts),
    pattern,
  };
}
