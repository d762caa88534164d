import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { cardWords } from './card.js';
import { finite, toFloat64, toText } from './columns.js';
import { loadFeatureRows } from './feature-rows.js';
import { discoverFeatures, type Feature } from './features.js';
import { FIT_LIMITS } from './model-warnings.js';
import { recordRun } from './runs.js';
import { contrastTraits, type TraitContrast } from './traits-compare.js';
import { historicValueSql } from './value-sql.js';

/** What "value" ranks customers by: net historic value (default), revenue, or the latest CLV run. */
export type ValueBasis = 'net' | 'revenue' | 'clv';

/** Options of {@link runValue}. */
export interface ValueOptions {
  readonly by?: ValueBasis;
  /** Share of customers counted as the most valuable; default 0.1. */
  readonly topShare?: number;
  /** Trait contrasts to return; default 25. */
  readonly limit?: number;
}

/** Totals of historic value, for all customers or one group. */
export interface ValueTotals {
  readonly customers: number;
  readonly revenue: number | null;
  readonly margin: number | null;
  readonly acquisitionCost: number | null;
  readonly retentionCost: number | null;
  readonly netValue: number | null;
}

/** What `clientele model value --json` prints. */
export interface ValueResult {
  readonly runId: number;
  readonly by: ValueBasis;
  readonly customers: number;
  readonly buyers: number;
  /** Customers whose every purchase has a cost, so whose margin is known. */
  readonly marginKnown: number;
  readonly totals: ValueTotals;
  readonly byChannel: readonly (ValueTotals & { channel: string; costPerCustomer: number | null })[];
  readonly byCohort: readonly (ValueTotals & { cohort: string; costPerCustomer: number | null })[];
  readonly topGroup: {
    readonly share: number;
    readonly customers: number;
    readonly threshold: number | null;
    /** Share of all value the group holds. */
    readonly valueShare: number | null;
    readonly traits: readonly TraitContrast[];
  };
  /** A top group too small for its contrasts to mean much. */
  readonly warnings: readonly Warning[];
}

// These make up the value itself: comparing the best customers on them says nothing.
const VALUE_METRICS = new Set(['revenue', 'margin', 'avg_order_value']);

/**
 * Historic value per customer — revenue, margin where every purchase has a cost, acquisition cost
 * (the acquisition channel's spend in the customer's cohort month shared among the customers it
 * brought in that month), retention cost (discounts given) and net value = margin (or revenue when
 * costs are missing) − acquisition cost — with totals by channel and cohort; then what the most
 * valuable customers (top decile by default) have in common against the rest, each trait with its
 * lift and a significance test. Writes net_value, acquisition_cost and value_decile.
 */
export async function runValue(db: Warehouse, options: ValueOptions = {}): Promise<ValueResult> {
  const startedAt = new Date();
  const by = options.by ?? 'net';
  const topShare = options.topShare ?? 0.1;
  if (!(topShare > 0 && topShare < 1))
    throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', `invalid top share: ${topShare} (expected 0 to 1)`);
  const cols = await db.numbers(historicValueSql(db.dialect));
  const keys = toText(cols.customer).map((k) => k ?? '');
  const orders = toFloat64(cols.orders);
  const revenue = toFloat64(cols.revenue);
  const margin = toFloat64(cols.margin);
  const costed = toFloat64(cols.costed);
  const discounts = toFloat64(cols.discounts);
  const acquisition = toFloat64(cols.acquisition_cost).map((v) => (Number.isFinite(v) ? v : 0));
  const channels = toText(cols.channel);
  const cohorts = toText(cols.cohort);
  const n = keys.length;
  let buyers = 0;
  let marginKnown = 0;
  const gross = new Float64Array(n);
  const net = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const bought = (orders[i] ?? 0) > 0;
    if (bought) buyers++;
    const known = bought && costed[i] === orders[i] && Number.isFinite(margin[i] ?? Number.NaN);
    if (known) marginKnown++;
    gross[i] = known ? (margin[i] ?? 0) : (revenue[i] ?? 0);
    net[i] = (gross[i] ?? 0) - (acquisition[i] ?? 0);
  }
  if (buyers === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      'no purchases to value: no order has a customer id, a time and a non-negative revenue',
    );
  }
  const value = by === 'clv' ? await latestClv(db, keys) : by === 'revenue' ? revenue : net;
  // The population compared: buyers (or, by CLV, the customers the CLV run scored).
  const inPopulation = (i: number) =>
    by === 'clv' ? Number.isFinite(value[i] ?? Number.NaN) : (orders[i] ?? 0) > 0;
  const population = Array.from({ length: n }, (_, i) => i).filter(inPopulation);
  const ranked = [...population].sort(
    (a, b) => (value[b] ?? 0) - (value[a] ?? 0) || (keys[a] ?? '').localeCompare(keys[b] ?? ''),
  );
  const topCount = Math.max(1, Math.round(population.length * topShare));
  const top = new Set(ranked.slice(0, topCount));
  const decile = new Float64Array(n).fill(Number.NaN);
  ranked.forEach((i, rank) => {
    decile[i] = 1 + Math.floor((10 * rank) / ranked.length);
  });
  let topValue = 0;
  let allValue = 0;
  for (const i of population) {
    allValue += value[i] ?? 0;
    if (top.has(i)) topValue += value[i] ?? 0;
  }

  const features = (await discoverFeatures(db)).filter((f) => !f.identifier && !VALUE_METRICS.has(f.name));
  const extra: Feature[] = [
    { name: 'main_channel', kind: 'categorical', source: 'metric', sql: 'NULL', identifier: false },
    { name: 'top_category', kind: 'categorical', source: 'metric', sql: 'NULL', identifier: false },
  ];
  const traitRows = await loadFeatureRows(db, features);
  const index = new Map(traitRows.keys.map((k, i) => [k, i]));
  const mainChannel = toText(cols.main_channel);
  const topCategory = toText(cols.top_category);
  const compareRows = population.map((i) => ({
    ...(traitRows.rows[index.get(keys[i] ?? '') ?? -1] ?? {}),
    main_channel: mainChannel[i] ?? null,
    top_category: topCategory[i] ?? null,
  }));
  const traits = contrastTraits(
    compareRows,
    population.map((i) => top.has(i)),
    [...features, ...extra],
  ).slice(0, options.limit ?? 25);

  const totals = (idx: readonly number[]): ValueTotals => {
    let rev = 0;
    let mar = 0;
    let acq = 0;
    let ret = 0;
    let nv = 0;
    let known = 0;
    for (const i of idx) {
      rev += revenue[i] ?? 0;
      if (Number.isFinite(margin[i] ?? Number.NaN)) {
        mar += margin[i] ?? 0;
        known++;
      }
      acq += acquisition[i] ?? 0;
      ret += discounts[i] ?? 0;
      nv += net[i] ?? 0;
    }
    return {
      customers: idx.length,
      revenue: finite(rev, 10),
      margin: known ? finite(mar, 10) : null,
      acquisitionCost: finite(acq, 10),
      retentionCost: finite(ret, 10),
      netValue: finite(nv, 10),
    };
  };
  const groupBy = (labels: (string | null)[]) => {
    const groups = new Map<string, number[]>();
    labels.forEach((label, i) => {
      const k = label ?? '(unknown)';
      const g = groups.get(k) ?? [];
      g.push(i);
      groups.set(k, g);
    });
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const withCost = (t: ValueTotals) => ({
    ...t,
    costPerCustomer: t.customers ? finite((t.acquisitionCost ?? 0) / t.customers, 6) : null,
  });
  const all = Array.from({ length: n }, (_, i) => i);
  const warnings: Warning[] =
    top.size < FIT_LIMITS.groupSize
      ? [
          warning(
            'CLT_WARN_VALUE_FEW_BUYERS',
            `the top group holds ${top.size} customers (fewer than ${FIT_LIMITS.groupSize}): what they share against the rest rests on too few to generalize; read pAdjusted`,
          ),
        ]
      : [];
  const result: Omit<ValueResult, 'runId'> = {
    by,
    customers: n,
    buyers,
    marginKnown,
    totals: totals(all),
    byChannel: groupBy(channels).map(([channel, idx]) => ({ channel, ...withCost(totals(idx)) })),
    byCohort: groupBy(cohorts).map(([cohort, idx]) => ({ cohort, ...withCost(totals(idx)) })),
    topGroup: {
      share: topShare,
      customers: top.size,
      threshold: finite(value[ranked[topCount - 1] ?? -1] ?? Number.NaN, 10),
      valueShare: allValue > 0 ? finite(topValue / allValue, 4) : null,
      traits,
    },
    warnings,
  };
  const runId = await recordRun(db, {
    model: 'value',
    parameters: { by, topShare },
    metrics: { totals: result.totals, topValueShare: result.topGroup.valueShare },
    card: {
      model: 'value',
      ...cardWords({
        title: phrase('modelCard.value.title'),
        what: phrase('modelCard.value.what', { percent: Math.round(topShare * 100), by }),
        caveats: [phrase('modelCard.value.acquisition'), phrase('modelCard.value.contrasts')],
      }),
      data: {
        source: 'customers, orders, order_items, marketing_spend',
        windowStart: null,
        windowEnd: null,
        rowsRead: n,
        rowsUsed: population.length,
        customers: n,
      },
      parameters: { by, topShare },
      quality: { buyers, marginKnown, topValueShare: result.topGroup.valueShare },
      warnings,
      scores: ['net_value', 'acquisition_cost', 'value_decile'],
    },
    startedAt,
    customers: keys,
    scores: [
      { name: 'net_value', values: net },
      { name: 'acquisition_cost', values: acquisition },
      { name: 'value_decile', values: decile },
    ],
  });
  return { runId, ...result };
}

async function latestClv(db: Warehouse, keys: readonly string[]): Promise<Float64Array> {
  const rows = await db.all<{ customer_key: string; value: number | null }>(
    `SELECT customer_key, value FROM customer_scores
     WHERE score = 'clv' AND run_id = (SELECT max(run_id) FROM model_runs WHERE model = 'clv')`,
  );
  if (rows.length === 0) {
    throw new ClienteleError('CLT_ERR_MODEL_NO_DATA', 'no CLV scores yet: run `clientele model clv` first');
  }
  const map = new Map(rows.map((r) => [r.customer_key, r.value ?? Number.NaN]));
  return Float64Array.from(keys, (k) => map.get(k) ?? Number.NaN);
}
