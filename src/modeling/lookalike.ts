import { type RawRow, stratifiedSplit } from '../analytics/classify/index.js';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import type { Warning } from '../warnings/index.js';
import { cardWords } from './card.js';
import { type Driver, scoreRows, trainClassifier } from './classifier.js';
import { finite } from './columns.js';
import { type SkippedFeature, usableFeatures } from './dataset.js';
import { loadFeatureRows } from './feature-rows.js';
import { discoverFeatures, resolveFeature } from './features.js';
import { classifierWarnings } from './model-warnings.js';
import { recordRun } from './runs.js';

/** Options of {@link runLookalike}. */
export interface LookalikeOptions {
  /** Share of buyers, ranked by revenue, that are the "best customers"; default 0.1. */
  readonly topShare?: number;
  /** Traits to compare on; default every trait that is not an identifier, a metric or the prospect flag. */
  readonly features?: readonly string[];
  /** How many of the best-scored prospects to print; default 20. */
  readonly limit?: number;
  readonly seed?: number;
}

/** A prospect's score with the traits that raise it most. */
export interface LookalikeProspect {
  readonly customer: string;
  readonly score: number | null;
  readonly reasons: readonly string[];
}

/** What `clientele model lookalike --json` prints. */
export interface LookalikeResult {
  readonly runId: number;
  readonly buyers: number;
  readonly seeds: number;
  /** Revenue from which a buyer counts among the best. */
  readonly valueThreshold: number | null;
  readonly prospects: number;
  /** How well the traits tell the best buyers from the others, on a held-out 30 % of buyers. */
  readonly auc: number | null;
  readonly topDecileLift: number | null;
  readonly features: readonly string[];
  readonly skippedFeatures: readonly SkippedFeature[];
  /** What sets the best buyers apart, by permutation importance on the held-out buyers. */
  readonly drivers: readonly Driver[];
  readonly top: readonly LookalikeProspect[];
  /** Few best buyers in the test part, or traits that barely tell them apart. */
  readonly warnings: readonly Warning[];
}

// Metrics describe buying; prospects have none, so a lookalike model must not see them.
const NOT_TRAITS = new Set(['is_prospect', 'lifecycle_stage']);

/**
 * Lookalike scoring: a regularized logistic model learns, on the buyers, what sets the best of them
 * (the top `topShare` by revenue) apart from the rest by their traits only; prospects (customers
 * marked is_prospect, or with no purchase) are scored by it, with the three traits that raise their
 * score most. The score is the probability of resembling a best customer, not of buying.
 */
export async function runLookalike(db: Warehouse, options: LookalikeOptions = {}): Promise<LookalikeResult> {
  const startedAt = new Date();
  const topShare = options.topShare ?? 0.1;
  const seed = options.seed ?? 42;
  const limit = options.limit ?? 20;
  if (!(topShare > 0 && topShare < 1))
    throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', `invalid top share: ${topShare} (expected 0 to 1)`);
  const all = await discoverFeatures(db);
  const candidates = options.features?.length
    ? options.features.map((name) => resolveFeature(all, name))
    : all.filter((f) => !f.identifier && f.source !== 'metric' && !NOT_TRAITS.has(f.name));
  const revenue = resolveFeature(all, 'revenue');
  const orders = resolveFeature(all, 'orders');
  const data = await loadFeatureRows(db, [revenue, orders, ...candidates]);
  const buyers: number[] = [];
  const prospects: number[] = [];
  data.rows.forEach((r, i) => {
    const bought = Number(r.orders ?? 0) > 0;
    if (data.prospect[i] || !bought) prospects.push(i);
    else buyers.push(i);
  });
  if (buyers.length < 20) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `only ${buyers.length} buyers: a lookalike model needs at least 20 to find the best ones`,
    );
  }
  if (prospects.length === 0) {
    throw new ClienteleError('CLT_ERR_MODEL_NO_DATA', 'no prospects to score: every customer has bought');
  }
  const values = buyers.map((i) => Number(data.rows[i]?.revenue ?? 0)).sort((a, b) => b - a);
  const seeds = Math.max(1, Math.round(buyers.length * topShare));
  const threshold = values[seeds - 1] ?? 0;
  const buyerRows = buyers.map((i) => data.rows[i] as RawRow);
  const y = Uint8Array.from(buyerRows, (r) => (Number(r.revenue ?? 0) >= threshold ? 1 : 0));
  // A trait no prospect has (a loyalty tier given on the first purchase) cannot rank prospects.
  const prospectRows = prospects.map((i) => data.rows[i] as RawRow);
  const absent = candidates.filter((f) =>
    prospectRows.every(
      (r) => r[f.name] === null || r[f.name] === undefined || String(r[f.name]).trim() === '',
    ),
  );
  const usable = usableFeatures(
    candidates.filter((f) => !absent.includes(f)),
    buyerRows,
  );
  const { specs, kept } = usable;
  const skipped = [
    ...absent.map((f) => ({ name: f.name, reason: 'no prospect has a value' })),
    ...usable.skipped,
  ];
  if (specs.length === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      'no trait to compare prospects on: the customers table has no usable traits besides identifiers',
    );
  }
  const split = stratifiedSplit(y, { testFraction: 0.3, seed });
  const trained = trainClassifier(buyerRows, y, specs, kept, split, {
    kind: 'logistic',
    seed,
    what: 'lookalike model',
  });
  const { scores: score, reasons = [] } = scoreRows(trained, prospectRows, kept);
  const keys = prospects.map((i) => data.keys[i] ?? '');
  const order = Array.from(score.keys()).sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0));
  const result: Omit<LookalikeResult, 'runId'> = {
    buyers: buyers.length,
    seeds: y.reduce((a, b) => a + b, 0),
    valueThreshold: finite(threshold, 10),
    prospects: prospects.length,
    auc: trained.metrics.auc,
    topDecileLift: trained.metrics.topDecileLift,
    drivers: trained.drivers.slice(0, 15),
    features: kept.map((f) => f.name),
    skippedFeatures: skipped,
    top: order.slice(0, limit).map((k) => ({
      customer: keys[k] ?? '',
      score: finite(score[k] ?? Number.NaN, 4),
      reasons: reasons[k] ?? [],
    })),
    warnings: classifierWarnings(trained.metrics, trained.testRows, 'lookalike model'),
  };
  const runId = await recordRun(db, {
    model: 'lookalike',
    parameters: { topShare, features: result.features, seed },
    metrics: {
      auc: result.auc,
      topDecileLift: result.topDecileLift,
      seeds: result.seeds,
      prospects: prospects.length,
    },
    card: {
      model: 'lookalike',
      ...cardWords({
        title: phrase('modelCard.lookalike.title'),
        what: phrase('modelCard.lookalike.what', { percent: Math.round(topShare * 100) }),
        caveats: [phrase('modelCard.lookalike.resemblance'), phrase('modelCard.lookalike.auc')],
      }),
      data: {
        source: 'customers and orders',
        windowStart: null,
        windowEnd: null,
        rowsRead: data.keys.length,
        rowsUsed: buyers.length,
        customers: prospects.length,
      },
      parameters: { topShare, seed },
      quality: { auc: result.auc, topDecileLift: result.topDecileLift },
      warnings: result.warnings,
      scores: ['lookalike'],
    },
    startedAt,
    customers: keys,
    scores: [{ name: 'lookalike', values: score, labels: reasons.map((r) => r.join('; ') || null) }],
  });
  return { runId, ...result };
}
