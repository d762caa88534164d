import type { RawRow } from '../analytics/classify/index.js';
import { finite } from './columns.js';
import type { Feature } from './features.js';
import { twoProportionP, welchP } from './significance.js';

/** How one trait (a level of a category, yes for a yes/no, or a number) differs in a group from the rest. */
export interface TraitContrast {
  readonly feature: string;
  /** The level compared, or null for a numeric trait (means are compared). */
  readonly level: string | null;
  /** Share with the level (or mean) in the group and in the rest. */
  readonly group: number | null;
  readonly rest: number | null;
  /** group / overall: over 1, the group has more of it. */
  readonly lift: number | null;
  readonly pValue: number | null;
  /** Bonferroni-adjusted over every contrast made. */
  readonly pAdjusted: number | null;
}

// Levels rarer than this in the population are not compared: their tests have no power.
const MIN_LEVEL = 5;
const MAX_LEVELS = 30;

/**
 * Compares a group of rows (`inGroup`) with the rest on every feature: each category level and yes/no
 * by the share of rows having it (two-proportion z test), each number by its mean (Welch's t test).
 * Returns the contrasts sorted by p-value, then by how far the lift is from 1.
 */
export function contrastTraits(
  rows: readonly RawRow[],
  inGroup: ArrayLike<boolean>,
  features: readonly Feature[],
): TraitContrast[] {
  const out: Omit<TraitContrast, 'pAdjusted'>[] = [];
  let n1 = 0;
  for (let i = 0; i < rows.length; i++) if (inGroup[i]) n1++;
  const n2 = rows.length - n1;
  for (const f of features) {
    if (f.kind === 'numeric') {
      const stats = [new Welford(), new Welford()];
      rows.forEach((row, i) => {
        const v = row[f.name];
        if (typeof v === 'number' && Number.isFinite(v)) stats[inGroup[i] ? 0 : 1]?.add(v);
      });
      const [g, r] = stats as [Welford, Welford];
      if (g.n < 2 || r.n < 2) continue;
      const overall = (g.mean * g.n + r.mean * r.n) / (g.n + r.n);
      out.push({
        feature: f.name,
        level: null,
        group: finite(g.mean, 6),
        rest: finite(r.mean, 6),
        lift: overall !== 0 ? finite(g.mean / overall, 4) : null,
        pValue: finite(welchP(g.n, g.mean, g.variance, r.n, r.mean, r.variance), 4),
      });
      continue;
    }
    const counts = new Map<string, [number, number]>();
    rows.forEach((row, i) => {
      const raw = row[f.name];
      if (raw === null || raw === undefined || String(raw).trim() === '') return;
      const level = f.kind === 'boolean' ? (Number(raw) === 1 ? 'yes' : 'no') : String(raw);
      const c = counts.get(level) ?? [0, 0];
      c[inGroup[i] ? 0 : 1]++;
      counts.set(level, c);
    });
    const levels = [...counts.entries()]
      .filter(([level, [a, b]]) => a + b >= MIN_LEVEL && (f.kind !== 'boolean' || level === 'yes'))
      .sort((x, y) => y[1][0] + y[1][1] - (x[1][0] + x[1][1]))
      .slice(0, MAX_LEVELS);
    for (const [level, [a, b]] of levels) {
      const overall = (a + b) / rows.length;
      out.push({
        feature: f.name,
        level,
        group: n1 ? finite(a / n1, 4) : null,
        rest: n2 ? finite(b / n2, 4) : null,
        lift: n1 && overall > 0 ? finite(a / n1 / overall, 4) : null,
        pValue: finite(twoProportionP(a, n1, b, n2), 4),
      });
    }
  }
  const tests = out.length;
  return out
    .map((c) => ({ ...c, pAdjusted: c.pValue === null ? null : finite(Math.min(1, c.pValue * tests), 4) }))
    .sort(
      (x, y) =>
        (x.pValue ?? 1) - (y.pValue ?? 1) || Math.abs((y.lift ?? 1) - 1) - Math.abs((x.lift ?? 1) - 1),
    );
}

// Running mean and variance (Welford 1962), so a million rows need no second pass.
class Welford {
  n = 0;
  mean = 0;
  private m2 = 0;
  add(v: number): void {
    this.n++;
    const d = v - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (v - this.mean);
  }
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : 0;
  }
}
