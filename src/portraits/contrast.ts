import type { Warehouse } from '../store/index.js';
import { type Family, LIST_FEATURES } from './features.js';
import type { GroupSizes } from './groups.js';
import { benjaminiHochberg, cohenD, cohenH, lift, round, twoProportionZ, welchT } from './stats.js';

/** One value of a categorical feature counted on both sides. */
export interface LevelCount {
  readonly feature: string;
  readonly family: Family;
  readonly value: string;
  readonly a: number;
  readonly b: number;
}

/** How many profiles of each side have any value of a feature. */
export interface KnownCount {
  readonly feature: string;
  readonly a: number;
  readonly b: number;
}

/** One numeric feature summarized on one side. */
export interface NumberSummary {
  readonly feature: string;
  readonly family: Family;
  readonly g: 'a' | 'b';
  readonly n: number;
  readonly mean: number;
  readonly variance: number | null;
  readonly median: number;
}

/** How one feature (a value of a category, or a number) differs between side a and side b. */
export interface Contrast {
  readonly feature: string;
  readonly family: Family;
  /** The value compared, or null for a number (means are compared). */
  readonly value: string | null;
  /** Share with the value (of members whose feature is known; of every member for lists), or mean. */
  readonly a: number | null;
  readonly b: number | null;
  /** a / b. */
  readonly lift: number | null;
  readonly test: 'two-proportion z' | 'Welch t';
  readonly statistic: number | null;
  readonly pValue: number | null;
  /** Benjamini–Hochberg adjusted p-value over every test of the portrait. */
  readonly qValue: number | null;
  /** Cohen's h for shares, Cohen's d for means. */
  readonly effect: number | null;
  /** Profiles behind the figure on each side. */
  readonly nA: number;
  readonly nB: number;
}

/** Every contrast of a portrait with the correction it was made under. */
export interface ContrastSet {
  readonly correction: string;
  readonly tests: number;
  readonly contrasts: readonly Contrast[];
}

/**
 * What makes a contrast a driver, a trait that sets a group apart: a false discovery rate under 5 %
 * (Benjamini–Hochberg's q over every test of the portrait), and a difference that matters, not only one a
 * large sample makes significant: at least a small effect by Cohen's convention (|h| or |d| ≥ 0.2; Cohen 1988,
 * §2.2.3, §6.2.3), and a lift at least 10 % away from 1 (0.9 or less, 1.1 or more), so no "1.02×" is listed.
 */
export const DRIVER = { maxQ: 0.05, minEffect: 0.2, minLiftGap: 0.1 } as const;

/** Whether `c` is a driver (DRIVER): significant after Benjamini–Hochberg, and large enough to matter. */
export function isDriver(c: Contrast): boolean {
  return (
    c.qValue !== null &&
    c.qValue < DRIVER.maxQ &&
    c.effect !== null &&
    Math.abs(c.effect) >= DRIVER.minEffect &&
    (c.lift === null || Math.abs(c.lift - 1) >= DRIVER.minLiftGap)
  );
}

// Levels seen fewer times than this on both sides together are not tested: the test has no power and
// the list would fill with single cities.
const MIN_LEVEL = 5;
const MAX_LEVELS = 30;

/** The counts behind the contrasts, from the scratch tables of withGroups. */
export async function loadCounts(
  s: Warehouse,
): Promise<{ levels: LevelCount[]; known: KnownCount[]; numbers: NumberSummary[] }> {
  // A feature's family is one value: min() picks it on both engines. PostgreSQL orders by a bare output
  // alias only, so the sum of the two sides is written out.
  const a = "count(DISTINCT c.profile_id) FILTER (WHERE g.g = 'a')";
  const b = "count(DISTINCT c.profile_id) FILTER (WHERE g.g = 'b')";
  const levels = await s.all<LevelCount & Record<string, unknown>>(
    `SELECT c.feature, min(c.family) AS family, c.value, ${a} AS a, ${b} AS b
     FROM pt_cat c JOIN pt_group g ON g.profile_id = c.profile_id
     GROUP BY c.feature, c.value ORDER BY c.feature, ${a} + ${b} DESC, c.value`,
  );
  const known = await s.all<KnownCount & Record<string, unknown>>(
    `SELECT c.feature, count(DISTINCT c.profile_id) FILTER (WHERE g.g = 'a') AS a,
       count(DISTINCT c.profile_id) FILTER (WHERE g.g = 'b') AS b
     FROM pt_cat c JOIN pt_group g ON g.profile_id = c.profile_id GROUP BY c.feature ORDER BY c.feature`,
  );
  const numbers = await s.all<NumberSummary & Record<string, unknown>>(
    `SELECT x.feature, min(x.family) AS family, g.g, count(*) AS n, avg(x.x) AS mean,
       var_samp(x.x) AS variance, ${s.dialect.continuousQuantile('x.x', 0.5)} AS median
     FROM pt_num x JOIN pt_group g ON g.profile_id = x.profile_id
     GROUP BY x.feature, g.g ORDER BY x.feature, g.g`,
  );
  return { levels, known, numbers };
}

/**
 * Tests every categorical level (two-proportion z, equal to the 2×2 χ² test) and every number (Welch t)
 * of side a against side b, adjusts the p-values by Benjamini–Hochberg, and sorts: significant first,
 * then by effect size (|h| or |d|), then by name for a stable order.
 */
export function contrast(
  counts: { levels: readonly LevelCount[]; known: readonly KnownCount[]; numbers: readonly NumberSummary[] },
  sizes: Pick<GroupSizes, 'a' | 'b'>,
): ContrastSet {
  const raw: Omit<Contrast, 'qValue'>[] = [];
  const known = new Map(counts.known.map((k) => [k.feature, k]));
  const perFeature = new Map<string, number>();
  for (const level of counts.levels) {
    if (level.a + level.b < MIN_LEVEL) continue;
    const seen = perFeature.get(level.feature) ?? 0;
    if (seen >= MAX_LEVELS) continue;
    perFeature.set(level.feature, seen + 1);
    const list = LIST_FEATURES.has(level.feature);
    const nA = list ? sizes.a : (known.get(level.feature)?.a ?? 0);
    const nB = list ? sizes.b : (known.get(level.feature)?.b ?? 0);
    if (nA === 0 || nB === 0) continue;
    const pa = level.a / nA;
    const pb = level.b / nB;
    const z = twoProportionZ(level.a, nA, level.b, nB);
    raw.push({
      feature: level.feature,
      family: level.family,
      value: level.value,
      a: pa,
      b: pb,
      lift: lift(pa, pb),
      test: 'two-proportion z',
      statistic: z.statistic,
      pValue: z.pValue,
      effect: cohenH(pa, pb),
      nA,
      nB,
    });
  }
  const byFeature = new Map<string, { a?: NumberSummary; b?: NumberSummary }>();
  for (const row of counts.numbers) {
    const entry = byFeature.get(row.feature) ?? {};
    entry[row.g] = row;
    byFeature.set(row.feature, entry);
  }
  for (const [feature, { a, b }] of byFeature) {
    if (!a || !b) continue;
    const ma = { n: a.n, mean: a.mean, variance: a.variance ?? 0 };
    const mb = { n: b.n, mean: b.mean, variance: b.variance ?? 0 };
    const t = welchT(ma, mb);
    raw.push({
      feature,
      family: a.family,
      value: null,
      a: a.mean,
      b: b.mean,
      lift: lift(a.mean, b.mean),
      test: 'Welch t',
      statistic: t.statistic,
      pValue: t.pValue,
      effect: cohenD(ma, mb),
      nA: a.n,
      nB: b.n,
    });
  }
  const q = benjaminiHochberg(raw.map((r) => r.pValue ?? 1));
  const contrasts = raw
    .map((r, i) => ({ ...r, qValue: q[i] ?? 1 }))
    .sort(
      (x, y) =>
        Number(y.qValue < 0.05) - Number(x.qValue < 0.05) ||
        Math.abs(y.effect ?? 0) - Math.abs(x.effect ?? 0) ||
        (x.pValue ?? 1) - (y.pValue ?? 1) ||
        x.feature.localeCompare(y.feature) ||
        (x.value ?? '').localeCompare(y.value ?? ''),
    )
    .map(tidy);
  return {
    correction: `Benjamini–Hochberg over ${raw.length} tests (qValue is the adjusted p-value; significant: qValue < 0.05)`,
    tests: raw.length,
    contrasts,
  };
}

function tidy(c: Contrast): Contrast {
  return {
    ...c,
    a: round(c.a),
    b: round(c.b),
    lift: round(c.lift, 3),
    statistic: round(c.statistic, 4),
    pValue: round(c.pValue, 3),
    qValue: round(c.qValue, 3),
    effect: round(c.effect, 3),
  };
}
