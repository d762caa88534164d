import { type ColumnSpec, type RawRow, stratifiedSplit } from '../analytics/classify/index.js';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import type { Warning } from '../warnings/index.js';
import { cardWords } from './card.js';
import { type Driver, scoreRows, type TestMetrics, trainClassifier } from './classifier.js';
import { finite, toFloat64, toText } from './columns.js';
import { customerKey, hasCustomerKey } from './customer-key.js';
import { outcomeOnlyFeatures, type SkippedFeature, usableFeatures } from './dataset.js';
import { loadFeatureRows } from './feature-rows.js';
import { discoverFeatures, type Feature } from './features.js';
import { classifierWarnings } from './model-warnings.js';
import { recordRun } from './runs.js';

/** Options of {@link runPropensity}. */
export interface PropensityOptions {
  /** Open leads to print, best first; default 20. */
  readonly limit?: number;
  readonly seed?: number;
}

/** What `clientele model propensity --json` prints. */
export interface PropensityResult extends TestMetrics {
  readonly runId: number;
  readonly closedLeads: number;
  readonly won: number;
  readonly lost: number;
  readonly openLeads: number;
  readonly trainRows: number;
  readonly testRows: number;
  readonly features: readonly string[];
  readonly skippedFeatures: readonly SkippedFeature[];
  readonly drivers: readonly Driver[];
  readonly top: readonly { customer: string; score: number | null; reasons: readonly string[] }[];
  /** Few closed leads of one outcome in the test part, or an AUC near chance. */
  readonly warnings: readonly Warning[];
}

// The stage a lead reached and the length of its history describe how far it went, which a closed
// lead has by definition: they would leak the outcome, so only what is known early is used.
const NOT_FEATURES = new Set(['is_prospect', 'lifecycle_stage']);
// An objection raised by fewer leads than this gets no column of its own.
const MIN_OBJECTION = 5;

/**
 * Propensity to convert for leads in the sales pipeline (sales notes): a regularized logistic model
 * learns won against lost on the closed leads — from their traits, how they heard of us and the
 * objections they raised — measured on a stratified 30 % of them (seed 42), and ranks the open leads
 * with the three reasons that raise each score most. Writes `propensity` per open lead.
 */
export async function runPropensity(
  db: Warehouse,
  options: PropensityOptions = {},
): Promise<PropensityResult> {
  const startedAt = new Date();
  const seed = options.seed ?? 42;
  const leads = await db.numbers(
    `SELECT ${customerKey('sales_notes')} AS k,
       CASE WHEN bool_or(lower(outcome) = 'won') THEN 'won' WHEN bool_or(lower(outcome) = 'lost') THEN 'lost'
            ELSE 'open' END AS outcome,
       ${db.dialect.argMinWhere('heard_from', 'created_at', 'heard_from IS NOT NULL')} AS heard_from,
       string_agg(objections, ';') AS objections, count(*) AS notes
     FROM sales_notes WHERE ${hasCustomerKey('sales_notes')} GROUP BY 1 ORDER BY 1`,
  );
  const keys = toText(leads.k).map((k) => k ?? '');
  const outcome = toText(leads.outcome);
  const notes = toFloat64(leads.notes);
  if (keys.length === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      'no sales notes with a customer id: there is no pipeline to score',
    );
  }
  const heard = toText(leads.heard_from);
  const objections = toText(leads.objections).map(
    (o) =>
      new Set(
        (o ?? '')
          .split(';')
          .map((x) => x.trim().toLowerCase())
          .filter((x) => x !== ''),
      ),
  );
  const counts = new Map<string, number>();
  for (const set of objections) for (const o of set) counts.set(o, (counts.get(o) ?? 0) + 1);
  const objectionNames = [...counts.entries()]
    .filter(([, n]) => n >= MIN_OBJECTION)
    .map(([o]) => o)
    .sort();
  const all = await discoverFeatures(db);
  const traits = all.filter((f) => !f.identifier && f.source !== 'metric' && !NOT_FEATURES.has(f.name));
  const traitRows = await loadFeatureRows(db, traits);
  const index = new Map(traitRows.keys.map((k, i) => [k, i]));
  const pipeline: Feature[] = [
    { name: 'heard_from', kind: 'categorical', source: 'metric', sql: 'NULL', identifier: false },
    { name: 'objections', kind: 'numeric', source: 'metric', sql: 'NULL', identifier: false },
    ...objectionNames.map(
      (o): Feature => ({
        name: `objection: ${o}`,
        kind: 'boolean',
        source: 'metric',
        sql: 'NULL',
        identifier: false,
      }),
    ),
  ];
  const candidates = [...traits.filter((f) => f.name !== 'heard_from'), ...pipeline];
  const rows: RawRow[] = keys.map((k, i) => {
    const row: Record<string, RawRow[string]> = { ...(traitRows.rows[index.get(k) ?? -1] ?? {}) };
    row.heard_from = heard[i] ?? null;
    row.objections = objections[i]?.size ?? 0;
    for (const o of objectionNames) row[`objection: ${o}`] = objections[i]?.has(o) ? 1 : 0;
    return row;
  });
  const closed = keys.map((_, i) => i).filter((i) => outcome[i] !== 'open');
  const open = keys.map((_, i) => i).filter((i) => outcome[i] === 'open');
  const won = closed.filter((i) => outcome[i] === 'won').length;
  if (closed.length < 20 || won === 0 || won === closed.length) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `${closed.length} closed leads (${won} won): a propensity model needs at least 20, won and lost both`,
    );
  }
  const closedRows = closed.map((i) => rows[i] as RawRow);
  const y = Uint8Array.from(closed, (i) => (outcome[i] === 'won' ? 1 : 0));
  const leaks = outcomeOnlyFeatures(candidates, closedRows, y);
  const leaked = new Set(leaks.map((l) => l.name));
  const usable = usableFeatures(
    candidates.filter((f) => !leaked.has(f.name)),
    closedRows,
  );
  const { specs, kept } = usable;
  const skipped = [...leaks, ...usable.skipped];
  if (specs.length === 0)
    throw new ClienteleError('CLT_ERR_MODEL_NO_DATA', 'no usable feature for the closed leads');
  const split = stratifiedSplit(y, { testFraction: 0.3, seed });
  const trained = trainClassifier(closedRows, y, specs as ColumnSpec[], kept, split, {
    kind: 'logistic',
    seed,
    what: 'propensity model',
  });
  const openRows = open.map((i) => rows[i] as RawRow);
  const scored = openRows.length
    ? scoreRows(trained, openRows, kept)
    : { scores: new Float64Array(0), reasons: [] };
  const order = Array.from(scored.scores.keys()).sort(
    (a, b) => (scored.scores[b] ?? 0) - (scored.scores[a] ?? 0),
  );
  const openKeys = open.map((i) => keys[i] ?? '');
  const result: Omit<PropensityResult, 'runId'> = {
    ...trained.metrics,
    closedLeads: closed.length,
    won,
    lost: closed.length - won,
    openLeads: open.length,
    trainRows: trained.trainRows,
    testRows: trained.testRows,
    features: kept.map((f) => f.name),
    skippedFeatures: skipped,
    drivers: trained.drivers.slice(0, 20),
    top: order.slice(0, options.limit ?? 20).map((k) => ({
      customer: openKeys[k] ?? '',
      score: finite(scored.scores[k] ?? Number.NaN, 4),
      reasons: scored.reasons?.[k] ?? [],
    })),
    warnings: classifierWarnings(trained.metrics, trained.testRows, 'propensity model'),
  };
  const runId = await recordRun(db, {
    model: 'propensity',
    parameters: { seed, features: result.features },
    metrics: { auc: result.auc, prAuc: result.prAuc, closedLeads: closed.length, won },
    card: {
      model: 'propensity',
      ...cardWords({
        title: phrase('modelCard.propensity.title'),
        what: phrase('modelCard.propensity.what', { percent: 30, seed }),
        caveats: [phrase('modelCard.propensity.few'), phrase('modelCard.propensity.objections')],
      }),
      data: {
        source: 'sales_notes, customers',
        windowStart: null,
        windowEnd: null,
        rowsRead: notes.reduce((a, b) => a + b, 0),
        rowsUsed: closed.length,
        customers: open.length,
      },
      parameters: { seed },
      quality: { auc: result.auc, prAuc: result.prAuc, baseRate: result.baseRate },
      warnings: result.warnings,
      scores: ['propensity'],
    },
    startedAt,
    customers: openKeys,
    scores: [
      { name: 'propensity', values: scored.scores, labels: scored.reasons?.map((r) => r.join('; ') || null) },
    ],
  });
  return { runId, ...result };
}
