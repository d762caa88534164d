import { RFM_TIER_GRID, RFM_TIERS, type RfmTier, scoreRfm } from '../analytics/rfm/index.js';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { cardWords } from './card.js';
import { finite, toFloat64, toText } from './columns.js';
import { dayNumber, dayText } from './histories.js';
import { excludedOrdersSql, purchaseDaysSql } from './purchases.js';
import { recordRun } from './runs.js';

/** Options of {@link runRfm}. */
export interface RfmOptions {
  /** Day recency is counted to (YYYY-MM-DD); default the last order day. */
  readonly asOf?: string;
  /** Also return every customer's scores (they are always written to customer_scores). */
  readonly perCustomer?: boolean;
}

/** One customer's RFM scores. */
export interface RfmCustomer {
  readonly customer: string;
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly fm: number;
  readonly tier: RfmTier;
}

/** What `clientele model rfm --json` prints. */
export interface RfmResult {
  readonly runId: number;
  readonly asOf: string;
  readonly customers: number;
  readonly tiers: readonly {
    tier: RfmTier;
    customers: number;
    share: number | null;
    revenue: number | null;
    revenueShare: number | null;
    meanRecencyDays: number | null;
    meanFrequency: number | null;
  }[];
  /** Tier of each (R, FM) cell: grid[R − 1][FM − 1], FM = ⌊(F + M + 1) / 2⌋. */
  readonly grid: readonly (readonly RfmTier[])[];
  /** Customers with exactly one purchase: all have F = 1, so none is in Champions or Loyal. */
  readonly oneTimeBuyers: number;
  /** What the data could not support (see {@link rfmWarnings}). */
  readonly warnings: readonly Warning[];
  readonly scores?: readonly RfmCustomer[];
}

/** Thresholds of the RFM warnings (docs/modeling.md, "Warnings"). */
export const RFM_LIMITS = {
  /** From this share of customers tied at one purchase count, frequency cannot rank them. */
  frequencyTie: 0.5,
  /** Below this many customers a quintile holds fewer than 10. */
  customers: 50,
} as const;

/** The warnings of an RFM scoring: frequency that cannot separate customers, too few customers. */
export function rfmWarnings(frequency: Float64Array, f: Uint8Array): Warning[] {
  const n = frequency.length;
  const warnings: Warning[] = [];
  const counts = new Map<number, number>();
  for (const v of frequency) counts.set(v, (counts.get(v) ?? 0) + 1);
  let tieValue = 0;
  let tie = 0;
  for (const [v, c] of counts) if (c > tie || (c === tie && v < tieValue)) [tieValue, tie] = [v, c];
  const levels = new Set(f).size;
  if (n > 0 && tie / n >= RFM_LIMITS.frequencyTie) {
    const who = tieValue === 1 ? 'bought once' : `made ${tieValue} purchases`;
    warnings.push(
      warning(
        'CLT_WARN_RFM_FREQUENCY_TIES',
        `${pct(tie / n)} of customers (${tie.toLocaleString('en-US')} of ${n.toLocaleString('en-US')}) ${who}: frequency cannot tell them apart, so they all share F = ${f[frequency.indexOf(tieValue)] ?? 1} and their tiers rest on recency and spend; F uses ${levels} of its 5 levels`,
      ),
    );
  }
  if (n < RFM_LIMITS.customers) {
    warnings.push(
      warning(
        'CLT_WARN_RFM_FEW_CUSTOMERS',
        `only ${n} customers: each quintile holds about ${Math.max(1, Math.round(n / 5))}, so one customer more or less moves scores and tiers`,
      ),
    );
  }
  return warnings;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

/**
 * Scores every buying customer by recency (days from the last purchase day to `asOf`), frequency
 * (purchases, i.e. orders) and monetary value (revenue), each in quintiles 1–5, and names the tier from the R × FM
 * grid of src/analytics/rfm. Writes rfm_r, rfm_f, rfm_m and rfm_tier to customer_scores.
 */
export async function runRfm(db: Warehouse, options: RfmOptions = {}): Promise<RfmResult> {
  const startedAt = new Date();
  const asOfDay = options.asOf === undefined ? 2_147_483_647 : dayNumber(options.asOf);
  const cols = await db.numbers(
    `SELECT k AS customer, min(d) AS first, max(d) AS last, sum(orders) AS frequency, sum(v) AS monetary
     FROM (${purchaseDaysSql(db.dialect)}) p WHERE d <= ? GROUP BY k ORDER BY k`,
    [asOfDay],
  );
  const count = cols.customer?.length ?? 0;
  if (count === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      options.asOf === undefined
        ? 'no purchases to score: no order has a customer id, a time and a non-negative revenue'
        : `no purchases on or before ${options.asOf}`,
    );
  }
  const last = toFloat64(cols.last);
  const first = toFloat64(cols.first);
  let lastDay = Number.NEGATIVE_INFINITY;
  let firstDay = Number.POSITIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    lastDay = Math.max(lastDay, last[i] ?? lastDay);
    firstDay = Math.min(firstDay, first[i] ?? firstDay);
  }
  const asOf = options.asOf ?? dayText(lastDay);
  const end = dayNumber(asOf);
  const [orders] = await db.all<Record<string, number>>(excludedOrdersSql());
  const customers = toText(cols.customer).map((c) => c ?? '');
  const recency = last.map((d) => end - d);
  const frequency = toFloat64(cols.frequency);
  const monetary = toFloat64(cols.monetary);
  const s = scoreRfm({ recency, frequency, monetary });
  let totalRevenue = 0;
  for (const v of monetary) totalRevenue += v;
  const tiers = RFM_TIERS.map((tier) => {
    let count = 0;
    let revenue = 0;
    let rec = 0;
    let freq = 0;
    for (let i = 0; i < customers.length; i++) {
      if (s.tier[i] !== tier) continue;
      count++;
      revenue += monetary[i] ?? 0;
      rec += recency[i] ?? 0;
      freq += frequency[i] ?? 0;
    }
    return {
      tier,
      customers: count,
      share: finite(count / customers.length, 4),
      revenue: finite(revenue, 10),
      revenueShare: totalRevenue > 0 ? finite(revenue / totalRevenue, 4) : null,
      meanRecencyDays: count ? finite(rec / count, 4) : null,
      meanFrequency: count ? finite(freq / count, 4) : null,
    };
  });
  const used = frequency.reduce((a, b) => a + b, 0);
  const warnings = rfmWarnings(frequency, s.f);
  const oneTimeBuyers = frequency.reduce((a, v) => a + (v === 1 ? 1 : 0), 0);
  const runId = await recordRun(db, {
    model: 'rfm',
    parameters: { asOf },
    metrics: {
      customers: customers.length,
      tiers: Object.fromEntries(tiers.map((t) => [t.tier, t.customers])),
    },
    card: {
      model: 'rfm',
      ...cardWords({
        title: phrase('modelCard.rfm.title'),
        what: phrase('modelCard.rfm.what', { asOf }),
        caveats: [phrase('modelCard.rfm.relative'), phrase('modelCard.rfm.ties')],
      }),
      data: {
        source: 'orders',
        windowStart: dayText(firstDay),
        windowEnd: asOf,
        rowsRead: orders?.orders ?? 0,
        rowsUsed: used,
        customers: customers.length,
      },
      parameters: { asOf },
      quality: {
        champions: tiers.find((t) => t.tier === 'Champions')?.customers ?? 0,
        championsRevenueShare: tiers.find((t) => t.tier === 'Champions')?.revenueShare ?? null,
      },
      warnings,
      scores: ['rfm_r', 'rfm_f', 'rfm_m', 'rfm_tier'],
    },
    startedAt,
    customers,
    scores: [
      { name: 'rfm_r', values: s.r },
      { name: 'rfm_f', values: s.f },
      { name: 'rfm_m', values: s.m },
      { name: 'rfm_tier', values: s.fm, labels: s.tier },
    ],
  });
  return {
    runId,
    asOf,
    customers: customers.length,
    tiers,
    grid: RFM_TIER_GRID,
    oneTimeBuyers,
    warnings,
    ...(options.perCustomer && {
      scores: customers.map((customer, i) => ({
        customer,
        recencyDays: recency[i] ?? 0,
        frequency: frequency[i] ?? 0,
        monetary: finite(monetary[i] ?? 0, 10) ?? 0,
        r: s.r[i] ?? 0,
        f: s.f[i] ?? 0,
        m: s.m[i] ?? 0,
        fm: s.fm[i] ?? 0,
        tier: s.tier[i] as RfmTier,
      })),
    }),
  };
}
