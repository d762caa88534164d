import type { Warehouse } from '../store/index.js';
import type { ChannelEngagement, ProductFigure } from './activity.js';
import type { Contrast } from './contrast.js';
import type { Family } from './features.js';
import { requireSegment, withGroups } from './groups.js';
import { type ScoreFigure, scoreFigure } from './profile.js';
import { round } from './stats.js';
import { measure, type NumberFigure, type ValueShare } from './summary.js';

/** One side of a comparison in figures. */
export interface CompareSide {
  readonly segment: string;
  readonly size: number;
  readonly share: number | null;
  readonly revenue: { total: number; share: number | null; perMember: number | null };
  readonly buyers: { count: number; share: number | null };
  readonly clv: ScoreFigure | null;
  readonly churnRisk: ScoreFigure | null;
  readonly products: readonly ProductFigure[];
}

/** Two segments side by side, and the features that differ most between them. */
export interface SegmentComparison {
  readonly a: CompareSide;
  readonly b: CompareSide;
  /** Profiles in both. */
  readonly overlap: number;
  /** Per feature, the values of `a` with their share in `a` (share) and in `b` (restShare). */
  readonly distributions: Record<Family, Record<string, ValueShare[]>>;
  /** mean/median are `a`'s, restMean/restMedian `b`'s. */
  readonly numbers: Record<string, NumberFigure>;
  /** openRate/clickRate are `a`'s, restOpenRate/restClickRate `b`'s. */
  readonly engagement: readonly ChannelEngagement[];
  /** Lift is a over b. */
  readonly differences: { correction: string; tests: number; features: readonly Contrast[] };
}

const TOP_FEATURES = 25;

/** Compares saved segments `a` and `b` (members in both count on both sides). */
export async function compareSegments(db: Warehouse, a: string, b: string): Promise<SegmentComparison> {
  await requireSegment(db, a);
  await requireSegment(db, b);
  const { measured, overlap } = await withGroups(db, { kind: 'pair', a, b }, async (s, sizes) => {
    const [row] = await s.all<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT profile_id FROM pt_group GROUP BY profile_id HAVING count(DISTINCT g) = 2) o`,
    );
    return { measured: await measure(s, sizes), overlap: row?.n ?? 0 };
  });
  const { sizes, totals, numbers } = measured;
  const side = (name: string, g: 'a' | 'b'): CompareSide => {
    const size = sizes[g];
    const t = totals[g];
    const score = (n: NumberFigure | undefined) =>
      g === 'a' || !n
        ? scoreFigure(n)
        : scoreFigure({
            mean: n.restMean,
            median: n.restMedian,
            restMean: n.mean,
            restMedian: n.median,
            known: n.restKnown,
            restKnown: n.known,
          });
    return {
      segment: name,
      size,
      share: sizes.profiles ? round(size / sizes.profiles) : null,
      revenue: {
        total: t.revenue,
        share: totals.all ? round(t.revenue / totals.all) : null,
        perMember: size ? round(t.revenue / size) : null,
      },
      buyers: { count: t.buyers, share: size ? round(t.buyers / size) : null },
      clv: score(numbers.clv),
      churnRisk: score(numbers.churn_risk),
      products: g === 'a' ? measured.productsA : measured.productsB,
    };
  };
  return {
    a: side(a, 'a'),
    b: side(b, 'b'),
    overlap,
    distributions: measured.distributions,
    numbers,
    engagement: measured.engagement,
    differences: {
      correction: measured.contrasts.correction,
      tests: measured.contrasts.tests,
      features: measured.contrasts.contrasts.slice(0, TOP_FEATURES),
    },
  };
}
