/**
 * Time in the demo business: the window, ISO formatting, and seasonal clocks. A seasonal clock maps
 * calendar time to "business time" in weeks whose rate follows month × weekday × hour-of-day factors
 * (normalised to mean 1 over the window). Purchases are a Poisson process in business time, so in
 * calendar time they peak in December, on the group's busy days and at its busy hours, while the BG/NBD
 * process stays exact in business time and its total length equals the window's length in weeks.
 */
import { ACQUISITION_GROWTH, ACQUISITION_MONTHS, LOCAL_OFFSET_HOURS, MONTH_FACTORS } from './params.js';
import type { Rng } from './prng.js';
import { Categorical } from './samplers.js';

/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in a day. */
export const DAY_MS = 24 * HOUR_MS;
/** Milliseconds in a week, the unit of the purchase process. */
export const WEEK_MS = 7 * DAY_MS;

/** The generated period: from the start day's midnight to the end day's last second, UTC. */
export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly hours: number;
  readonly days: number;
  readonly weeks: number;
}

/** The window for ISO dates `start` and `end` (both days included). */
export function makeWindow(start: string, end: string): TimeWindow {
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const endMs = Date.parse(`${end}T00:00:00Z`) + DAY_MS - 1000;
  if (!Number.isFinite(startMs)) throw new Error(`invalid start date: ${start}`);
  if (!Number.isFinite(endMs)) throw new Error(`invalid end date: ${end}`);
  if (!(endMs - startMs >= 28 * DAY_MS)) throw new Error(`window too short: ${start} to ${end}`);
  const hours = Math.ceil((endMs - startMs) / HOUR_MS);
  return { startMs, endMs, hours, days: Math.ceil(hours / 24), weeks: (endMs - startMs) / WEEK_MS };
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DAY_PREFIX = new Map<number, string>();

/** `2024-03-05T14:22:10Z`: UTC, whole seconds (fractions are dropped). */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = DAY_PREFIX.get(day);
  if (prefix === undefined) {
    prefix = `${new Date(day * DAY_MS).toISOString().slice(0, 10)}T`;
    DAY_PREFIX.set(day, prefix);
  }
  const s = Math.floor((ms - day * DAY_MS) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s - h * 3600) / 60);
  return `${prefix}${TWO[h]}:${TWO[m]}:${TWO[s - h * 3600 - m * 60]}Z`;
}

/** `2024-03-05`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Month (1 = January) of a UTC instant in US Central time. */
export function localMonth(ms: number): number {
  return new Date(ms - LOCAL_OFFSET_HOURS * HOUR_MS).getUTCMonth() + 1;
}

/** Business time of one group: calendar instant ↔ weeks since the window start. */
export class SeasonalClock {
  readonly window: TimeWindow;
  private readonly rate: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly hourOfDay: Categorical<number>;

  constructor(window: TimeWindow, hours: readonly number[], weekdays: readonly number[]) {
    this.window = window;
    const n = window.hours;
    const rate = new Float64Array(n);
    let total = 0;
    for (let h = 0; h < n; h++) {
      const local = new Date(window.startMs + h * HOUR_MS - LOCAL_OFFSET_HOURS * HOUR_MS);
      const weekday = (local.getUTCDay() + 6) % 7;
      const w =
        (MONTH_FACTORS[local.getUTCMonth()] ?? 1) *
        (weekdays[weekday] ?? 1) *
        (hours[local.getUTCHours()] ?? 1);
      rate[h] = w;
      total += w;
    }
    const cumulative = new Float64Array(n + 1);
    for (let h = 0; h < n; h++) {
      rate[h] = ((rate[h] ?? 0) * n) / total / 168;
      cumulative[h + 1] = (cumulative[h] ?? 0) + (rate[h] ?? 0);
    }
    this.rate = rate;
    this.cumulative = cumulative;
    this.hourOfDay = new Categorical(
      Array.from({ length: 24 }, (_, h) => h),
      hours,
    );
  }

  /** Length of the window in business weeks (equal to calendar weeks up to the last partial hour). */
  get totalWeeks(): number {
    return this.cumulative[this.cumulative.length - 1] ?? 0;
  }

  /** Business weeks elapsed from the window start to `ms`. */
  toWeeks(ms: number): number {
    const x = (ms - this.window.startMs) / HOUR_MS;
    if (x <= 0) return 0;
    const h = Math.min(Math.floor(x), this.rate.length - 1);
    return (this.cumulative[h] ?? 0) + (x - h) * (this.rate[h] ?? 0);
  }

  /** The calendar instant (whole seconds) at `weeks` business weeks after the window start. */
  fromWeeks(weeks: number): number {
    const c = this.cumulative;
    let lo = 0;
    let hi = this.rate.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((c[mid] ?? 0) <= weeks) lo = mid;
      else hi = mid - 1;
    }
    const frac = Math.min(1, Math.max(0, (weeks - (c[lo] ?? 0)) / (this.rate[lo] ?? 1)));
    const ms = this.window.startMs + (lo + frac) * HOUR_MS;
    return Math.min(this.window.endMs, Math.round(ms / 1000) * 1000);
  }

  /** A uniform draw in business time between two instants. */
  between(rng: Rng, fromMs: number, toMs: number): number {
    const a = this.toWeeks(fromMs);
    const b = this.toWeeks(toMs);
    return this.fromWeeks(a + rng.next() * (b - a));
  }

  /** An instant on the UTC day of `dayMs` at an hour drawn from the group's hour-of-day profile. */
  atBusyHour(rng: Rng, dayMs: number): number {
    const day = Math.floor(dayMs / DAY_MS) * DAY_MS;
    const hour = this.hourOfDay.sample(rng) + LOCAL_OFFSET_HOURS;
    const ms = day + hour * HOUR_MS + rng.int(3600) * 1000;
    return Math.min(this.window.endMs, Math.max(this.window.startMs, ms));
  }
}

/** Relative acquisition intensity of each day of the window: monthly seasonality times linear growth. */
export function acquisitionWeights(window: TimeWindow): number[] {
  const weights: number[] = [];
  for (let d = 0; d < window.days; d++) {
    const ms = window.startMs + d * DAY_MS;
    const growth = 1 + ((ACQUISITION_GROWTH - 1) * d) / Math.max(1, window.days - 1);
    weights.push(growth * (ACQUISITION_MONTHS[new Date(ms).getUTCMonth()] ?? 1));
  }
  return weights;
}

/** Days of the window (midnight, UTC) weighted by acquisitionWeights, for drawing acquisition dates. */
export function acquisitionDays(window: TimeWindow): Categorical<number> {
  const weights = acquisitionWeights(window);
  return new Categorical(
    weights.map((_, d) => window.startMs + d * DAY_MS),
    weights,
  );
}
