import { remember, type Warehouse } from '../store/index.js';
import { type ChannelEngagement, type ProductFigure, segmentTrend, type Trend } from './activity.js';
import { type Contrast, isDriver } from './contrast.js';
import type { Family } from './features.js';
import { requireSegment, withGroups } from './groups.js';
import { personaCacheKey } from './personas/cache.js';
import { round } from './stats.js';
import { measure, type NumberFigure, type ValueShare } from './summary.js';

/** A score's mean and median in the segment and outside it. */
export interface ScoreFigure {
  readonly mean: number | null;
  readonly median: number | null;
  readonly restMean: number | null;
  readonly scored: number;
}

/** What a segment looks like, measured against everyone else (docs/personas.md). */
export interface SegmentProfile {
  readonly segment: string;
  readonly kind: string;
  readonly description: string | null;
  readonly size: number;
  /** Share of every profile. */
  readonly share: number | null;
  readonly revenue: { total: number; share: number | null; perMember: number | null };
  readonly buyers: { count: number; share: number | null };
  /** Model scores, present when a model run wrote them (`clientele model clv|churn`). */
  readonly clv: ScoreFigure | null;
  readonly churnRisk: ScoreFigure | null;
  readonly distributions: Record<Family, Record<string, ValueShare[]>>;
  readonly numbers: Record<string, NumberFigure>;
  readonly engagement: readonly ChannelEngagement[];
  readonly products: readonly ProductFigure[];
  readonly distinguishing: { correction: string; tests: number; features: readonly Contrast[] };
  readonly trend: Trend;
}

const TOP_FEATURES = 25;

// A segment measured against everyone else, kept by the state it was measured in (the persona cache's key:
// resolved data, definitions, newest model run, texts, and the segment's version, which moves with its
// definition and members, not with a refresh that finds the same members): the report reads every segment's
// measurement, seconds of work at 100,000 customers, again after each refresh of a segment.
const MEASURED = new WeakMap<Warehouse, Map<string, Promise<Measured>>>();
const KEEP = 16;
type Measured = Awaited<ReturnType<typeof measure>>;

async function measured(db: Warehouse, name: string): Promise<Measured> {
  let answers = MEASURED.get(db);
  if (!answers) {
    answers = new Map();
    MEASURED.set(db, answers);
  }
  const key = await personaCacheKey(db, [name], { portrait: true });
  return remember(answers, key, KEEP, () =>
    withGroups(db, { kind: 'segment', name }, (s, sizes) => measure(s, sizes)),
  );
}

/** The profile of saved segment `name`: size, value, distributions, distinguishing features and trend. */
export async function profileSegment(db: Warehouse, name: string): Promise<SegmentProfile> {
  const segment = await requireSegment(db, name);
  const { sizes, totals, numbers, ...rest } = await measured(db, name);
  return {
    segment: name,
    kind: segment.kind,
    description: segment.description ?? segment.expression,
    size: sizes.a,
    share: sizes.profiles ? round(sizes.a / sizes.profiles) : null,
    revenue: {
      total: totals.a.revenue,
      share: totals.all ? round(totals.a.revenue / totals.all) : null,
      perMember: sizes.a ? round(totals.a.revenue / sizes.a) : null,
    },
    buyers: { count: totals.a.buyers, share: sizes.a ? round(totals.a.buyers / sizes.a) : null },
    clv: scoreFigure(numbers.clv),
    churnRisk: scoreFigure(numbers.churn_risk),
    distributions: rest.distributions,
    numbers,
    engagement: rest.engagement,
    products: rest.productsA,
    distinguishing: {
      correction: rest.contrasts.correction,
      tests: rest.contrasts.tests,
      features: rest.contrasts.contrasts.filter(isDriver).slice(0, TOP_FEATURES),
    },
    // The size history moves with every refresh: read each time (one small query and the members' orders).
    trend: await segmentTrend(db, name),
  };
}

/** A score's figure from its number summary, or null when no profile has the score. */
export function scoreFigure(n: NumberFigure | undefined): ScoreFigure | null {
  if (!n || n.known === 0) return null;
  return { mean: n.mean, median: n.median, restMean: n.restMean, scored: n.known };
}
