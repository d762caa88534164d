import { type DecompositionModel, decompose, robustOutliers } from '../analytics/series/index.js';
import { type Speaker, speaker } from '../i18n/speak.js';
import type { Warehouse } from '../store/index.js';
import { dimension, dimensionAliases, MEASURES, type Measure, parseFilter } from './dimensions.js';
import { median, ratio, round } from './numbers.js';
import { badOption, inRange, oneOf, wholeNumber } from './options.js';
import { GRAINS, type Grain, nextPeriod, periodRange, SEASON } from './periods.js';
import { readSegmentSizes, requireSegment } from './segments.js';
import { readSeries, type SeriesRows } from './series.js';
import { checkTimeZone } from './zone.js';

/** Options of `trend` (the CLI's `clientele trend`). */
export interface TrendOptions {
  readonly measure?: string;
  readonly by?: string;
  readonly dimension?: string;
  /** Only rows where a dimension has a value, as `dimension=value` (e.g. category=Apparel, product=P1022). */
  readonly filter?: string;
  /** Values of the dimension kept, the rest summed as "(other)"; default 10. */
  readonly top?: number;
  readonly from?: string;
  readonly to?: string;
  readonly tz?: string;
  /** |robust z| from which a point is an anomaly; default 3.5. */
  readonly threshold?: number;
  /** A saved segment: only its current members' orders, or with measure segment-size the segment measured. */
  readonly segment?: string;
}

/** What trend can measure: an order measure, or saved segments' sizes (from each refresh). */
export type TrendMeasure = Measure | 'segment-size';

/** The measures `clientele trend --measure` accepts. */
export const TREND_MEASURES: readonly TrendMeasure[] = [...MEASURES, 'segment-size'];

/** One period of a series. */
export interface TrendPoint {
  readonly period: string;
  readonly value: number;
  /** Change from the previous period, and as a share of it (null when that was 0). */
  readonly change: number | null;
  readonly changePct: number | null;
  /** What trend and season predict (null where the moving average is undefined or without a decomposition). */
  readonly expected: number | null;
  /** True for a first or last period the data covers only in part. */
  readonly partial: boolean;
}

/** A point that breaks the expected pattern. */
export interface TrendAnomaly {
  readonly period: string;
  readonly value: number;
  readonly expected: number | null;
  /** value − expected. */
  readonly difference: number | null;
  /** Robust z of the remainder (or of the value, without a decomposition). */
  readonly z: number | null;
  readonly direction: 'above' | 'below';
}

/** The seasonal part of a series. */
export interface Seasonality {
  readonly model: DecompositionModel;
  readonly period: number;
  /** The seasonal figure per position (months 1–12, ISO weeks 1–52, weekdays Mon–Sun as 1–7). */
  readonly figure: { position: number; factor: number | null }[];
  /** Share of the variance of the detrended series that the season explains (additive) or of its logs. */
  readonly strength: number | null;
}

/** One series: the whole, or one value of the dimension. */
export interface TrendSeries {
  readonly key: string;
  readonly total: number;
  readonly points: TrendPoint[];
  readonly seasonality: Seasonality | null;
  /** Why there is no seasonality, when there is none. */
  readonly note: string | null;
  readonly anomalies: TrendAnomaly[];
}

/** What `clientele trend` prints. */
export interface TrendResult {
  readonly measure: TrendMeasure;
  readonly by: Grain;
  readonly dimension: string | null;
  readonly filter: string | null;
  readonly segment: string | null;
  readonly timeZone: string;
  readonly periods: string[];
  readonly series: TrendSeries[];
  /** Distinct values of the dimension, and how many went into "(other)". */
  readonly distinctValues: number;
  readonly otherValues: number;
}

/** `clientele trend`: a measure by period, per value of a dimension, with change, season and anomalies. */
export async function trend(
  db: Warehouse,
  options: TrendOptions = {},
  s: Speaker = speaker('en'),
): Promise<TrendResult> {
  const measure = oneOf('--measure', options.measure, TREND_MEASURES, 'revenue');
  const by = oneOf('--by', options.by, GRAINS, 'month');
  const aliases = await dimensionAliases(db);
  const dim = options.dimension === undefined ? null : dimension('--dimension', options.dimension, aliases);
  const top = wholeNumber('--top', options.top, 10, 1);
  const threshold = inRange('--threshold', options.threshold, 3.5, 0, 1e6, true);
  const tz = await checkTimeZone(db, options.tz);
  const filter = parseFilter('--filter', options.filter, aliases);
  if (filter?.dimension.name === 'segment') await requireSegment(db, filter.value);
  const segment = await requireSegment(db, options.segment);
  const window = { from: options.from, to: options.to };
  const sizes = measure === 'segment-size';
  if (sizes && ((dim !== null && dim.name !== 'segment') || filter !== null)) {
    badOption(
      '--measure',
      measure,
      'segment sizes one series per segment (segment NAME for one), without filter or another dimension',
    );
  }
  const read: SeriesRows = sizes
    ? sizeRows(await readSegmentSizes(db, by, tz, window, segment))
    : await readSeries(db, measure, by, dim, top, tz, window, filter, { segment });
  const empty: TrendResult = {
    measure,
    by,
    dimension: sizes ? 'segment' : (dim?.name ?? null),
    filter: filter ? `${filter.dimension.name}=${filter.value}` : null,
    segment: segment?.name ?? null,
    timeZone: tz,
    periods: [],
    series: [],
    distinctValues: read.distinctValues,
    otherValues: 0,
  };
  if (read.first === null || read.last === null || read.rows.length === 0) return empty;
  const periods = periodRange(
    read.rows[0]?.period as string,
    read.rows[read.rows.length - 1]?.period as string,
    by,
  );
  const index = new Map(periods.map((p, i) => [p, i]));
  const byKey = new Map<string, Float64Array>();
  for (const r of read.rows) {
    let xs = byKey.get(r.value);
    if (!xs) {
      xs = new Float64Array(periods.length);
      byKey.set(r.value, xs);
    }
    xs[index.get(r.period) as number] = r.m;
  }
  // A size holds until the next refresh: periods without one carry it forward (0 before the first).
  if (sizes) {
    const measured = new Set(read.rows.map((r) => `${r.value}\u0000${r.period}`));
    for (const [key, xs] of byKey) {
      for (let t = 1; t < xs.length; t++) {
        if (!measured.has(`${key}\u0000${periods[t]}`)) xs[t] = xs[t - 1] as number;
      }
    }
  }
  const partial = partialFlags(periods, by, read.first, read.last);
  const series = [...byKey.entries()]
    .map(([key, xs]) => oneSeries(key, xs, periods, partial, by, threshold, s))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  return {
    ...empty,
    periods,
    series,
    otherValues: byKey.has('(other)') ? Math.max(0, read.distinctValues - top) : 0,
  };
}

// Sizes are measured at an instant, so no period is partial: the span is set to cover every period whole.
function sizeRows(rows: SeriesRows['rows']): SeriesRows {
  return {
    rows,
    first: rows[0]?.period ?? null,
    last: rows.length ? '9999-12-31' : null,
    distinctValues: new Set(rows.map((r) => r.value)).size,
  };
}

function partialFlags(periods: string[], by: Grain, first: string, last: string): boolean[] {
  return periods.map((p, i) => {
    if (i === 0 && first.slice(0, 10) > p) return true;
    if (i === periods.length - 1) {
      const end = nextPeriod(new Date(`${p}T00:00:00Z`), by);
      end.setUTCDate(end.getUTCDate() - 1);
      return last.slice(0, 10) < end.toISOString().slice(0, 10);
    }
    return false;
  });
}

function oneSeries(
  key: string,
  xs: Float64Array,
  periods: string[],
  partial: boolean[],
  by: Grain,
  threshold: number,
  say: Speaker,
): TrendSeries {
  // Partial periods at either end would read as a collapse: the season is fitted on whole periods only.
  const start = partial[0] ? 1 : 0;
  const end = partial[partial.length - 1] && xs.length > 1 ? xs.length - 1 : xs.length;
  const whole = xs.subarray(start, end);
  const period = SEASON[by];
  const expected = new Float64Array(xs.length).fill(Number.NaN);
  let seasonality: Seasonality | null = null;
  let note: string | null = null;
  let scored = new Float64Array(xs.length).fill(Number.NaN);
  if (whole.length >= 2 * period) {
    const model: DecompositionModel = whole.every((v) => v > 0) ? 'multiplicative' : 'additive';
    const dec = decompose(whole, period, model);
    for (let t = 0; t < whole.length; t++) {
      const tr = dec.trend[t] as number;
      const s = dec.seasonal[t] as number;
      expected[start + t] = model === 'additive' ? tr + s : tr * s;
      scored[start + t] =
        model === 'additive' ? (dec.remainder[t] as number) : Math.log(dec.remainder[t] as number);
    }
    const firstPosition = positionOf(periods[start] as string, by);
    seasonality = {
      model,
      period,
      figure: Array.from(dec.figure, (f, s) => ({
        position: ((firstPosition - 1 + s) % period) + 1,
        factor: round(f),
      })).sort((a, b) => a.position - b.position),
      strength: seasonalStrength(dec.seasonal, dec.remainder, model),
    };
  } else {
    note = say.t(`mining.trend.noSeason.${by}`, { need: 2 * period, have: whole.length });
    // Without a season, the level is what is expected: the median of the whole periods.
    const level = median(Array.from(whole)) ?? 0;
    for (let t = start; t < end; t++) {
      expected[t] = level;
      scored[t] = xs[t] as number;
    }
    if (whole.length < 4) scored = new Float64Array(xs.length).fill(Number.NaN);
  }
  const points: TrendPoint[] = Array.from(xs, (value, t) => {
    const prev = t > 0 ? (xs[t - 1] as number) : null;
    return {
      period: periods[t] as string,
      value: round(value) ?? 0,
      change: prev === null ? null : round(value - prev),
      changePct: prev === null ? null : round(ratio(value - prev, prev)),
      expected: round(expected[t]),
      partial: partial[t] ?? false,
    };
  });
  const anomalies = robustOutliers(scored, threshold).map(({ index, z }) => {
    const value = xs[index] as number;
    const e = expected[index] as number;
    return {
      period: periods[index] as string,
      value: round(value) ?? 0,
      expected: round(e),
      difference: round(value - e),
      z: round(z, 3),
      direction: (value >= e ? 'above' : 'below') as 'above' | 'below',
    };
  });
  return {
    key,
    total: round(xs.reduce((a, b) => a + b, 0)) ?? 0,
    points,
    seasonality,
    note,
    anomalies,
  };
}

// Position of a period in its season: month 1–12, ISO week 1–52 (53 folds into 52), weekday 1–7 (Monday 1).
function positionOf(period: string, by: Grain): number {
  const d = new Date(`${period}T00:00:00Z`);
  if (by === 'month') return d.getUTCMonth() + 1;
  if (by === 'day') return ((d.getUTCDay() + 6) % 7) + 1;
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.min(52, Math.floor((d.getTime() - start) / (7 * 86_400_000)) + 1);
}

// Wang, Smith & Hyndman (2006): 1 − Var(R) / Var(S + R), on the log scale for a multiplicative model.
function seasonalStrength(
  seasonal: Float64Array,
  remainder: Float64Array,
  model: DecompositionModel,
): number | null {
  const r: number[] = [];
  const sr: number[] = [];
  for (let t = 0; t < seasonal.length; t++) {
    const rem = remainder[t] as number;
    if (!Number.isFinite(rem)) continue;
    const s = seasonal[t] as number;
    const lr = model === 'additive' ? rem : Math.log(rem);
    r.push(lr);
    sr.push((model === 'additive' ? s : Math.log(s)) + lr);
  }
  const vs = variance(sr);
  if (vs === null || vs === 0) return null;
  return round(Math.max(0, 1 - (variance(r) ?? 0) / vs), 4);
}

function variance(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
}
