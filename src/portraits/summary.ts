import type { Warehouse } from '../store/index.js';
import {
  type ChannelEngagement,
  channelEngagement,
  type ProductFigure,
  revenueTotals,
  type SideTotals,
  topProducts,
} from './activity.js';
import {
  type ContrastSet,
  contrast,
  type KnownCount,
  type LevelCount,
  loadCounts,
  type NumberSummary,
} from './contrast.js';
import { type Family, LIST_FEATURES } from './features.js';
import type { GroupSizes } from './groups.js';
import { lift, round } from './stats.js';

/** One value of a categorical feature: its share on side a, on side b, and their ratio. */
export interface ValueShare {
  readonly value: string;
  readonly share: number | null;
  readonly restShare: number | null;
  readonly lift: number | null;
}

/** A number on both sides: mean and median. */
export interface NumberFigure {
  readonly mean: number | null;
  readonly median: number | null;
  readonly restMean: number | null;
  readonly restMedian: number | null;
  /** Members with a value on each side. */
  readonly known: number;
  readonly restKnown: number;
}

/** Everything measured on two sides in one session: the material of a profile and of a comparison. */
export interface Measured {
  readonly sizes: GroupSizes;
  readonly totals: { a: SideTotals; b: SideTotals; all: number };
  readonly distributions: Record<Family, Record<string, ValueShare[]>>;
  readonly numbers: Record<string, NumberFigure>;
  readonly engagement: ChannelEngagement[];
  readonly productsA: ProductFigure[];
  readonly productsB: ProductFigure[];
  readonly contrasts: ContrastSet;
}

const TOP_VALUES = 8;

/** Measures both sides of the scratch tables made by withGroups. */
export async function measure(s: Warehouse, sizes: GroupSizes): Promise<Measured> {
  const counts = await loadCounts(s);
  return {
    sizes,
    totals: await revenueTotals(s),
    distributions: distributions(counts.levels, counts.known, sizes),
    numbers: numbers(counts.numbers),
    engagement: await channelEngagement(s),
    productsA: await topProducts(s, sizes, 10, 'a'),
    productsB: await topProducts(s, sizes, 10, 'b'),
    contrasts: contrast(counts, sizes),
  };
}

/** The most common values of each categorical feature on side a, with side b's share beside. */
export function distributions(
  levels: readonly LevelCount[],
  known: readonly KnownCount[],
  sizes: Pick<GroupSizes, 'a' | 'b'>,
): Record<Family, Record<string, ValueShare[]>> {
  const out = {} as Record<Family, Record<string, ValueShare[]>>;
  const knownBy = new Map(known.map((k) => [k.feature, k]));
  const sorted = [...levels].sort(
    (x, y) => x.feature.localeCompare(y.feature) || y.a - x.a || y.b - x.b || x.value.localeCompare(y.value),
  );
  for (const level of sorted) {
    const list = LIST_FEATURES.has(level.feature);
    const nA = list ? sizes.a : (knownBy.get(level.feature)?.a ?? 0);
    const nB = list ? sizes.b : (knownBy.get(level.feature)?.b ?? 0);
    const family = out[level.family] ?? {};
    out[level.family] = family;
    const values = family[level.feature] ?? [];
    family[level.feature] = values;
    if (values.length >= TOP_VALUES || (level.a === 0 && nA > 0)) continue;
    const share = nA ? level.a / nA : null;
    const restShare = nB ? level.b / nB : null;
    values.push({
      value: level.value,
      share: round(share),
      restShare: round(restShare),
      lift: share !== null && restShare !== null ? round(lift(share, restShare), 3) : null,
    });
  }
  return out;
}

/** Mean and median of each number on both sides, by feature name. */
export function numbers(rows: readonly NumberSummary[]): Record<string, NumberFigure> {
  const out: Record<string, NumberFigure> = {};
  for (const feature of [...new Set(rows.map((r) => r.feature))].sort()) {
    const a = rows.find((r) => r.feature === feature && r.g === 'a');
    const b = rows.find((r) => r.feature === feature && r.g === 'b');
    out[feature] = {
      mean: round(a?.mean),
      median: round(a?.median),
      restMean: round(b?.mean),
      restMedian: round(b?.median),
      known: a?.n ?? 0,
      restKnown: b?.n ?? 0,
    };
  }
  return out;
}
