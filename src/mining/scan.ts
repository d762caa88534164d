import type { Warehouse } from '../store/index.js';
import { dimension, dimensionAliases, MEASURES, type Measure } from './dimensions.js';
import { round } from './numbers.js';
import { badOption, inRange, oneOf, wholeNumber } from './options.js';
import {
  groupKey,
  NESTED,
  PERIOD_KINDS,
  type PeriodKind,
  readScanGroups,
  SCAN_CHOICES,
  SCAN_NONE,
  SCAN_OTHER,
  type ScanChoice,
  type ScanDimension,
  type ScanGroup,
  type ScanGroups,
} from './scan-cells.js';
import { type CellCount, fitPrior, type LiftPrior, scoreCell } from './scan-score.js';
import { findingSentence } from './scan-words.js';
import { checkTimeZone } from './zone.js';

/** Options of `scan` (the CLI's `clientele scan`). */
export interface ScanOptions {
  readonly measure?: string;
  /** Period kinds to scan, default all: month, dow, hour. */
  readonly periods?: readonly string[];
  /** Report only cells whose dimensions are all among these; default all of SCAN_CHOICES (segment included). */
  readonly dimensions?: readonly string[];
  /** Findings printed; default 25. */
  readonly limit?: number;
  /** Values kept per dimension (the rest are "(other)", never reported); default 200. */
  readonly top?: number;
  /** Least size of a group (orders, customers or effective orders) to be scanned; default 30. */
  readonly minSize?: number;
  /** Credibility of the lift's lower bound; default 0.95. */
  readonly level?: number;
  readonly from?: string;
  readonly to?: string;
  readonly tz?: string;
}

/** A concentration of a measure in a period for some dimension values. */
export interface Finding {
  readonly dimensions: Record<string, string>;
  readonly period: Partial<Record<PeriodKind, number>>;
  /** The group's measure in the period, and over all periods. */
  readonly value: number;
  readonly groupTotal: number;
  /** Kish's effective number of independent customer × period clusters behind groupTotal. */
  readonly size: number;
  readonly share: number | null;
  readonly expectedShare: number | null;
  readonly lift: number | null;
  readonly shrunkLift: number | null;
  /** Lower credible bound of the lift: what ranks findings. */
  readonly liftLower: number | null;
  readonly z: number | null;
  readonly pValue: number | null;
  readonly sentence: string;
}

/** What `clientele scan` prints. */
export interface ScanResult {
  readonly measure: Measure;
  readonly findings: Finding[];
  /** Cells scored and how many showed a credible concentration (lower bound of lift above 1). */
  readonly cellsScored: number;
  readonly cellsCredible: number;
  readonly parameters: {
    periods: PeriodKind[];
    dimensions: ScanChoice[];
    top: number;
    minSize: number;
    level: number;
    /** The prior of the lifts fitted to the cells (empirical Bayes), per period kind. */
    prior: Partial<Record<PeriodKind, LiftPrior>>;
    timeZone: string;
  };
}

const PERIOD_NAMES = Object.keys(PERIOD_KINDS) as PeriodKind[];

/**
 * `clientele scan`: every (dimension values × calendar position) cell's share of its group against what
 * the data as a whole predicts, ranked by the lower credible bound of the lift. One dimension expects the
 * overall calendar; two dimensions expect what each alone shows (no three-way interaction), so a pair is
 * reported only for what it adds to its parts; a nested dimension (a product, a city) expects its parent's
 * calendar (its category's, its region's), so December toys do not repeat as every toy in December.
 */
export async function scan(db: Warehouse, options: ScanOptions = {}): Promise<ScanResult> {
  const measure = oneOf('--measure', options.measure, MEASURES, 'customers');
  const periods = (options.periods ?? PERIOD_NAMES).map((p) => oneOf('--periods', p, PERIOD_NAMES, 'month'));
  if (periods.length === 0) badOption('--periods', '', `some of ${PERIOD_NAMES.join(', ')}`);
  const aliases = options.dimensions ? await dimensionAliases(db) : [];
  const chosen = new Set(
    (options.dimensions ?? SCAN_CHOICES).map(
      (d) => dimension('--dimensions', d, aliases, SCAN_CHOICES).name as ScanChoice,
    ),
  );
  if (chosen.size === 0) badOption('--dimensions', '', `some of ${SCAN_CHOICES.join(', ')}`);
  const limit = wholeNumber('--limit', options.limit, 25, 0);
  const top = wholeNumber('--top', options.top, 200, 1);
  const minSize = inRange('--min-size', options.minSize, 30, 0, 1e12);
  const level = inRange('--level', options.level, 0.95, 0.5, 1, false);
  if (level >= 1) badOption('--level', level, 'a number in [0.5, 1)');
  const tz = await checkTimeZone(db, options.tz);
  const window = { from: options.from, to: options.to };
  const scored: (Finding & { rank: number })[] = [];
  let cellsScored = 0;
  const priors: Partial<Record<PeriodKind, LiftPrior>> = {};
  for (const kind of new Set(periods)) {
    const groups = await readScanGroups(db, measure, kind, top, tz, window, chosen.has('segment'));
    const whole = groups.get(groupKey({}));
    if (!whole || !(whole.total > 0)) continue;
    const cells: { group: ScanGroup; p: number; inCell: number; e: number; count: CellCount }[] = [];
    for (const group of groups.values()) {
      const names = Object.keys(group.dims);
      if (names.length === 0 || group.size < minSize || !(group.total > 0)) continue;
      if (Object.values(group.dims).some((v) => v === SCAN_OTHER || v === SCAN_NONE)) continue;
      if (names.some((n) => !chosen.has(n as ScanChoice))) continue;
      const expected = expectedShares(group, groups, whole);
      if (!expected) continue;
      // Empty cells count too: they are most of the evidence that a share is only noise.
      for (const [p, e] of expected) {
        const inCell = group.byPeriod.get(p) ?? 0;
        const share = Math.min(1, inCell / group.total);
        cells.push({
          group,
          p,
          inCell,
          e,
          count: { observed: share * group.size, expected: e * group.size },
        });
      }
    }
    const prior = fitPrior(cells.map((c) => c.count));
    priors[kind] = roundPrior(prior);
    for (const { group, p, inCell, e, count } of cells) {
      const score = scoreCell(count, prior, level);
      if (!score) continue;
      cellsScored++;
      if (!(score.liftLower > 1)) continue;
      const share = inCell / group.total;
      scored.push({
        rank: score.liftLower,
        dimensions: { ...group.dims },
        period: { [kind]: p },
        value: round(inCell, 2) ?? 0,
        groupTotal: round(group.total, 2) ?? 0,
        size: round(group.size, 1) ?? 0,
        share: round(share),
        expectedShare: round(e),
        lift: round(score.lift, 4),
        shrunkLift: round(score.shrunkLift, 4),
        liftLower: round(score.liftLower, 4),
        z: round(score.z, 3),
        pValue: score.pValue < 1e-300 ? 0 : Number(score.pValue.toPrecision(3)),
        sentence: findingSentence({
          dims: group.dims,
          kind,
          p,
          measure,
          share,
          expected: e,
          lift: score.lift,
          liftLower: score.liftLower,
          total: group.total,
          level,
        }),
      });
    }
  }
  scored.sort((a, b) => b.rank - a.rank || (b.z ?? 0) - (a.z ?? 0) || a.sentence.localeCompare(b.sentence));
  return {
    measure,
    findings: scored.slice(0, limit).map(({ rank: _rank, ...f }) => f),
    cellsScored,
    cellsCredible: scored.length,
    parameters: {
      periods: [...new Set(periods)],
      dimensions: [...chosen],
      top,
      minSize,
      level,
      prior: priors,
      timeZone: tz,
    },
  };
}

/**
 * The share of a group expected in each period. One dimension: the whole data's calendar. Two (a, b):
 * s_a(p) · s_b(p) / s(p), renormalised to sum to 1 — the calendar the pair would have if it added nothing
 * to what a and b show alone.
 */
export function expectedShares(
  group: ScanGroup,
  groups: ScanGroups,
  whole: ScanGroup,
): Map<number, number> | null {
  const names = Object.keys(group.dims);
  const shares = (g: ScanGroup) => (p: number) => (g.byPeriod.get(p) ?? 0) / g.total;
  const all = shares(whole);
  if (names.length === 1) return new Map([...whole.byPeriod.keys()].map((p) => [p, all(p)]));
  const child = names.find((n) => NESTED[n as ScanDimension] !== undefined);
  if (child) {
    const parentName = NESTED[child as ScanDimension] as string;
    const parent = groups.get(groupKey({ [parentName]: group.dims[parentName] as string }));
    if (!parent || !(parent.total > 0)) return null;
    const of = shares(parent);
    return new Map([...whole.byPeriod.keys()].map((p) => [p, of(p)]));
  }
  const parts = names.map((n) => groups.get(groupKey({ [n]: group.dims[n] as string })));
  if (parts.some((g) => !g || !(g.total > 0))) return null;
  const raw = new Map<number, number>();
  let sum = 0;
  for (const p of whole.byPeriod.keys()) {
    const base = all(p);
    if (!(base > 0)) continue;
    let v = base;
    for (const g of parts) v *= shares(g as ScanGroup)(p) / base;
    raw.set(p, v);
    sum += v;
  }
  if (!(sum > 0)) return null;
  for (const [p, v] of raw) raw.set(p, v / sum);
  return raw;
}

function roundPrior(p: LiftPrior): LiftPrior {
  return { a: round(p.a, 4) ?? 0, fitted: round(p.fitted, 4) ?? 0 };
}
