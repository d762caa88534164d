import { type Speaker, speaker } from '../i18n/index.js';
import type { Warehouse } from '../store/index.js';
import {
  dimension,
  dimensionAliases,
  factSql,
  MEASURES,
  type Measure,
  measureSql,
  parseFilter,
} from './dimensions.js';
import { num, ratio, round } from './numbers.js';
import { badOption, oneOf, wholeNumber } from './options.js';
import { PERIOD_KINDS, type PeriodKind } from './scan-cells.js';
import { peakMeasureKey, whenWords } from './scan-words.js';
import { checkTimeZone } from './zone.js';

/** Options of `concentration` (the CLI's `clientele concentration`). */
export interface ConcentrationOptions {
  /** The sales looked at, as `dimension=value` (e.g. product=P1022, category=Apparel). */
  readonly filter: string;
  /** Broken down by; default region. */
  readonly by?: string;
  readonly period?: string;
  readonly measure?: string;
  /** Values of `by` kept, largest first; default 20. */
  readonly top?: number;
  readonly from?: string;
  readonly to?: string;
  readonly tz?: string;
}

/** One period's share of a value's filtered sales, against the value's whole calendar. */
export interface ConcentrationCell {
  readonly period: number;
  readonly value: number;
  /** Share of the value's filtered sales in this period. */
  readonly share: number | null;
  /** Share of all the value's sales (every product) in this period. */
  readonly expectedShare: number | null;
  readonly lift: number | null;
}

/** One value of `by` (a region …). */
export interface ConcentrationRow {
  readonly value: string;
  readonly total: number;
  readonly cells: ConcentrationCell[];
  /** The period holding the largest share, in words with its figures. */
  readonly peak: string | null;
}

/** What `clientele concentration` prints. */
export interface ConcentrationResult {
  readonly filter: string;
  readonly by: string;
  readonly period: PeriodKind;
  readonly measure: Measure;
  readonly rows: ConcentrationRow[];
}

/**
 * `clientele concentration`: for each value of a dimension (each region), the share of the filtered sales
 * (a product's, a category's) falling in each month, weekday or hour, against the share of all that
 * value's sales in the period — "do customers in NY buy more of product A in December than the rest of
 * the year combined?" is the NY row's December share against 50 %, and its lift says whether December is
 * special for A or for NY. One query.
 */
export async function concentration(
  db: Warehouse,
  options: ConcentrationOptions,
  s: Speaker = speaker('en'),
): Promise<ConcentrationResult> {
  const pct = (share: number) => `${s.fixed(100 * share, 1)}${s.locale === 'en' ? ' %' : '%'}`;
  const aliases = await dimensionAliases(db);
  const filter =
    parseFilter('--filter', options.filter, aliases) ??
    badOption('--filter', options.filter, 'dimension=value');
  const by = dimension('--by', options.by ?? 'region', aliases);
  const period = oneOf('--period', options.period, Object.keys(PERIOD_KINDS) as PeriodKind[], 'month');
  const measure = oneOf('--measure', options.measure, MEASURES, 'revenue');
  const top = wholeNumber('--top', options.top, 20, 1);
  const tz = await checkTimeZone(db, options.tz);
  const facts = factSql(true, tz, { from: options.from, to: options.to });
  const hit = factSql(true, tz, { from: options.from, to: options.to }, filter);
  const m = measureSql(measure);
  // The filtered rows and all rows are read side by side: the first give the shares, the second the calendar.
  const rows = await db.all<{ v: string; p: number; hit: number; all: number }>(
    `WITH a AS (SELECT coalesce(CAST(${by.sql} AS VARCHAR), '(none)') AS v, ${PERIOD_KINDS[period]} AS p,
                       order_id, customer_key, revenue FROM ${facts.text}),
          h AS (SELECT coalesce(CAST(${by.sql} AS VARCHAR), '(none)') AS v, ${PERIOD_KINDS[period]} AS p,
                       order_id, customer_key, revenue FROM ${hit.text}),
          tops AS (SELECT v FROM h GROUP BY v ORDER BY ${m} DESC, v LIMIT ${top}),
          ha AS (SELECT v, p, ${m} AS m FROM h WHERE v IN (SELECT v FROM tops) GROUP BY v, p),
          aa AS (SELECT v, p, ${m} AS m FROM a WHERE v IN (SELECT v FROM tops) GROUP BY v, p)
     SELECT aa.v, aa.p, coalesce(ha.m, 0) AS hit, aa.m AS all FROM aa LEFT JOIN ha USING (v, p) ORDER BY aa.v, aa.p`,
    [...facts.params, ...hit.params],
  );
  const byValue = new Map<string, { p: number; hit: number; all: number }[]>();
  for (const r of rows) {
    const list = byValue.get(r.v) ?? [];
    list.push({ p: num(r.p), hit: num(r.hit), all: num(r.all) });
    byValue.set(r.v, list);
  }
  const out: ConcentrationRow[] = [...byValue.entries()].map(([value, list]) => {
    const total = list.reduce((s, c) => s + c.hit, 0);
    const allTotal = list.reduce((s, c) => s + c.all, 0);
    const cells = list.map((c) => {
      const share = ratio(c.hit, total);
      const expectedShare = ratio(c.all, allTotal);
      return {
        period: c.p,
        value: round(c.hit, 2) ?? 0,
        share: round(share),
        expectedShare: round(expectedShare),
        lift: round(ratio(share, expectedShare), 4),
      };
    });
    const best = [...cells].sort((x, y) => (y.share ?? 0) - (x.share ?? 0))[0];
    const peak =
      best && total > 0
        ? s.t('mining.peak', {
            share: pct(best.share ?? 0),
            when: whenWords(period, best.period, s),
            expected: pct(best.expectedShare ?? 0),
            value,
            measure: s.t(peakMeasureKey(measure)),
          }) + (best.lift === null ? '' : s.t('mining.peak.lift', { lift: s.fixed(best.lift, 2) }))
        : null;
    return { value, total: round(total, 2) ?? 0, cells, peak };
  });
  out.sort((x, y) => y.total - x.total || x.value.localeCompare(y.value));
  return { filter: `${filter.dimension.name}=${filter.value}`, by: by.name, period, measure, rows: out };
}
