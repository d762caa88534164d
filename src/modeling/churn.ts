import { type RawRow, stratifiedSplit, timeSplit } from '../analytics/classify/index.js';
import { loadFieldAliases } from '../domain/aliases.js';
import { didYouMean, matchName } from '../domain/fields.js';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';
import type { Warning } from '../warnings/index.js';
import { cardWords } from './card.js';
import { type Driver, scoreRows, type TestMetrics, trainClassifier } from './classifier.js';
import { type SkippedFeature, usableFeatures } from './dataset.js';
import { loadFeatureRows } from './feature-rows.js';
import { discoverFeatures, type Feature, resolveFeature } from './features.js';
import { binaryLabel } from './label.js';
import { classifierWarnings } from './model-warnings.js';
import { recordRun } from './runs.js';

/** Options of {@link runChurn}. */
export interface ChurnOptions {
  /** The trait holding the churn label; or give `lapsedDays`. */
  readonly label?: string;
  /**
   * Without a label column: a buyer counts as churned when their last purchase is more than this many
   * days before the last order day in the data (an observed lapse); recency itself is then not a feature.
   */
  readonly lapsedDays?: number;
  /** The label value that means churned; see `binaryLabel`. */
  readonly positive?: string;
  /** Features by name; default every trait and metric but the label and identifiers. */
  readonly features?: readonly string[];
  /** 'logistic' (l2, C = 1; default) or 'gbt'. */
  readonly model?: 'logistic' | 'gbt';
  /** Share of each class held out for testing; default 0.3. */
  readonly testFraction?: number;
  /**
   * A time-based holdout instead of the stratified one: a date or timestamp column of customers (e.g.
   * signup_at); customers from `testFrom` on (default: the latest `testFraction`) are the test part.
   */
  readonly timeColumn?: string;
  /** First day of the test part of a time-based holdout (YYYY-MM-DD). */
  readonly testFrom?: string;
  /** Seed of the stratified split and the permutations; default 42. */
  readonly seed?: number;
}

/** One driver of churn (see `trainClassifier`). */
export type ChurnDriver = Driver;

/** What `clientele model churn --json` prints. */
export interface ChurnResult extends TestMetrics {
  readonly runId: number;
  readonly mode: 'classifier';
  readonly model: 'logistic' | 'gbt';
  readonly label: string;
  readonly positive: string;
  readonly negative: string;
  readonly trainRows: number;
  readonly testRows: number;
  readonly split:
    | { readonly kind: 'stratified'; readonly testFraction: number; readonly seed: number }
    | { readonly kind: 'time'; readonly column: string; readonly testFrom: string; readonly undated: number };
  readonly features: readonly string[];
  readonly skippedFeatures: readonly SkippedFeature[];
  readonly drivers: readonly ChurnDriver[];
  readonly calibration: readonly {
    meanPredicted: number | null;
    fractionPositive: number | null;
    count: number;
  }[];
  readonly scored: number;
  /** Few cases of one class in the test part, or an AUC near chance. */
  readonly warnings: readonly Warning[];
}

/**
 * Trains a churn classifier on the customers whose `label` trait is set: a stratified split holds out
 * `testFraction` of each class (Mulberry32 seed 42 by default, as the Telco comparison in
 * docs/models-regression.md), the encoder and the model learn on the rest, and every metric is measured on
 * the held-out part. Then every customer with the features is scored, with their top three reasons.
 */
export async function runChurn(db: Warehouse, options: ChurnOptions): Promise<ChurnResult> {
  const startedAt = new Date();
  const kind = options.model ?? 'logistic';
  const testFraction = options.testFraction ?? 0.3;
  const seed = options.seed ?? 42;
  if (kind !== 'logistic' && kind !== 'gbt')
    throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', `invalid model: ${kind} (expected logistic or gbt)`);
  const all = await discoverFeatures(db);
  const label = churnLabel(all, options);
  // With a lapse label, recency is the label itself and a lifecycle stage says it again: neither is a feature.
  const leaks = new Set(
    options.lapsedDays === undefined
      ? [label.name]
      : [label.name, 'days_since_last_order', 'lifecycle_stage'],
  );
  if (options.testFrom !== undefined && options.timeColumn === undefined) {
    throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', 'testFrom needs timeColumn');
  }
  if (options.timeColumn !== undefined && (options.features ?? []).includes(options.timeColumn)) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_OPTION',
      `'${options.timeColumn}' splits the data: not a feature`,
    );
  }
  const candidates = options.features?.length
    ? options.features.map((name) => resolveFeature(all, name))
    : all.filter((f) => !f.identifier && !leaks.has(f.name));
  const leak = candidates.find((f) => leaks.has(f.name));
  if (leak) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_OPTION',
      `'${leak.name}' is the label or made from it: not a feature`,
    );
  }
  const time = options.timeColumn === undefined ? null : await timeFeature(db, options.timeColumn);
  const data = await loadFeatureRows(db, [label, ...candidates, ...(time ? [time] : [])]);
  const labelled: number[] = [];
  let undated = 0;
  data.rows.forEach((r, i) => {
    const v = r[label.name];
    if (v === null || v === undefined || String(v).trim() === '') return;
    if (time && typeof r[time.name] !== 'number') undated++;
    else labelled.push(i);
  });
  if (labelled.length < 10) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `only ${labelled.length} customers have a value in '${label.name}'; a churn model needs at least 10`,
    );
  }
  const rows = labelled.map((i) => data.rows[i] as RawRow);
  const target = binaryLabel(
    label,
    rows.map((r) => r[label.name]),
    options.positive,
  );
  const { specs, kept, skipped } = usableFeatures(candidates, rows);
  if (specs.length === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `no usable feature for '${label.name}': ${skipped.map((s) => `${s.name} (${s.reason})`).join(', ') || 'none given'}`,
    );
  }
  let split: { train: Uint32Array; test: Uint32Array };
  let splitInfo: ChurnResult['split'];
  if (time) {
    const times = Float64Array.from(rows, (r) => Number(r[time.name]));
    const cut = timeSplit(
      times,
      options.testFrom === undefined
        ? { testFraction }
        : { cutoff: Date.parse(`${options.testFrom}T00:00:00Z`) },
    );
    split = cut;
    const testFrom = new Date(cut.cutoff).toISOString().slice(0, 10);
    splitInfo = { kind: 'time', column: options.timeColumn ?? '', testFrom, undated };
  } else {
    split = stratifiedSplit(target.y, { testFraction, seed });
    splitInfo = { kind: 'stratified', testFraction, seed };
  }
  const trained = trainClassifier(rows, target.y, specs, kept, split, { kind, seed, what: 'churn model' });
  // Score everyone who has the features, labelled or not, with the model trained on the training part.
  const { scores, reasons: why } = scoreRows(trained, data.rows, kept);
  const reasons = why?.map((rs) => rs.join('; ') || null);
  const result: Omit<ChurnResult, 'runId'> = {
    mode: 'classifier',
    model: kind,
    label: label.name,
    positive: target.positive,
    negative: target.negative,
    ...trained.metrics,
    trainRows: trained.trainRows,
    testRows: trained.testRows,
    split: splitInfo,
    features: kept.map((f) => f.name),
    skippedFeatures: skipped,
    drivers: trained.drivers.slice(0, 20),
    scored: data.keys.length,
    warnings: classifierWarnings(trained.metrics, trained.testRows, 'churn model'),
  };
  const runId = await recordRun(db, {
    model: 'churn',
    parameters: {
      label: label.name,
      positive: target.positive,
      model: kind,
      features: result.features,
      testFraction,
      seed,
    },
    metrics: {
      auc: result.auc,
      prAuc: result.prAuc,
      topDecileLift: result.topDecileLift,
      logLoss: result.logLoss,
      brier: result.brier,
      // Kept with the run so its model card can draw them later (docs/modeling.md).
      curves: trained.curves,
    },
    card: {
      model: 'churn',
      ...cardWords({
        title: phrase('modelCard.churn.title', { label: label.name, positive: String(target.positive) }),
        what: phrase('modelCard.churn.what', {
          method: phrase(kind === 'logistic' ? 'modelCard.churn.logistic' : 'modelCard.churn.trees'),
          label: label.name,
          positive: String(target.positive),
          features: kept.length,
          test:
            splitInfo.kind === 'time'
              ? phrase('modelCard.churn.testTime', { from: splitInfo.testFrom, column: splitInfo.column })
              : phrase('modelCard.churn.testRandom', { percent: Math.round(testFraction * 100), seed }),
        }),
        caveats: [
          phrase(splitInfo.kind === 'time' ? 'modelCard.churn.timeSplit' : 'modelCard.churn.randomSplit'),
          phrase('modelCard.churn.drivers'),
        ],
      }),
      data: {
        source: 'customers, orders, feedback, messages',
        windowStart: null,
        windowEnd: null,
        rowsRead: data.keys.length,
        rowsUsed: rows.length,
        customers: data.keys.length,
      },
      parameters: { label: label.name, positive: target.positive, model: kind, testFraction, seed },
      quality: {
        auc: result.auc,
        prAuc: result.prAuc,
        topDecileLift: result.topDecileLift,
        brier: result.brier,
      },
      warnings: result.warnings,
      scores: ['churn_probability'],
    },
    startedAt,
    customers: data.keys,
    scores: [{ name: 'churn_probability', values: scores, ...(reasons && { labels: reasons }) }],
  });
  return { runId, ...result };
}

// The label feature: a named trait, or "lapsed" computed by the engine from the purchase metrics.
function churnLabel(all: readonly Feature[], options: ChurnOptions): Feature {
  if ((options.label === undefined) === (options.lapsedDays === undefined)) {
    throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', 'give either label or lapsedDays');
  }
  if (options.label !== undefined) return resolveFeature(all, options.label);
  const days = options.lapsedDays ?? 0;
  if (!(Number.isInteger(days) && days > 0))
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_OPTION',
      `invalid lapsedDays: ${days} (expected a whole number of days above 0)`,
    );
  return {
    name: 'lapsed',
    kind: 'boolean',
    source: 'metric',
    sql: `CASE WHEN m.orders > 0 THEN CAST(m.days_since_last_order > ${days} AS INTEGER) END`,
    identifier: false,
  };
}

// The split column: a date or timestamp column of customers, read as epoch milliseconds.
async function timeFeature(db: Warehouse, column: string): Promise<Feature> {
  const dated = await db.all<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_name = 'customers' AND table_schema = current_schema()
       AND (upper(data_type) LIKE 'DATE%' OR upper(data_type) LIKE 'TIMESTAMP%')`,
  );
  // The one field resolver: any case or separators, or the name the column had in a customer file.
  const known = dated.map((c) => c.column_name);
  const found = matchName(column, known, await loadFieldAliases(db, ['customers']));
  if (!found) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_OPTION',
      `invalid timeColumn: ${column}, expected a date or timestamp column of customers (such as signup_at)${didYouMean(column, known)}`,
    );
  }
  return {
    name: '__split_time',
    kind: 'numeric',
    source: 'column',
    sql: `CAST(${db.dialect.epochMs(`c.${identifier(found.name).text}`)} AS DOUBLE)`,
    identifier: true,
  };
}
