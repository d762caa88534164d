/**
 * The ground truth: truth.csv has one row per person (planted group, channel, BG/NBD and Gamma-Gamma
 * draws, duplicate records, churn causes, dirty flags, every identifier); truth.json has the planted
 * parameters and counts. Tests measure what analytics recover against these.
 */

import { ACQUISITION_CAMPAIGNS, UTM } from './campaigns.js';
import type { Catalog } from './catalog.js';
import { BUNDLES } from './catalog-data.js';
import { GROUPS } from './groups.js';
import * as params from './params.js';
import { GROUP_PHRASES } from './phrases.js';
import { SOCIAL_PLAN } from './social.js';

/** Columns of truth.csv. */
export const TRUTH_COLUMNS = [
  'person_id',
  'customer_id',
  'duplicate_id',
  'duplicate_kind',
  'kind',
  'group',
  'acquisition_channel',
  'acquisition_campaign',
  'is_buyer',
  'lambda_per_week',
  'dropout_p',
  'spend_nu',
  'orders',
  'first_order_at',
  'last_order_at',
  'repeat_count',
  't_x_weeks',
  'T_weeks',
  'dropped',
  'dropout_order_id',
  'churn_causes',
  'email',
  'email_invalid',
  'phone_e164',
  'phone_malformed',
  'anonymous_ids',
  'marketplace_email',
  'sales_outcome',
  'heard_from',
] as const;

/** Counters accumulated over persons and merged across chunks. */
export class Stats {
  readonly counts: Record<string, number> = {};

  /** Adds `n` to `key`. */
  add(key: string, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }

  /** Adds another chunk's counters. */
  merge(other: Readonly<Record<string, number>>): void {
    for (const [k, n] of Object.entries(other)) this.add(k, n);
  }
}

/** The contents of truth.json. */
export function truthDocument(
  options: { customers: number; seed: number; start: string; end: string },
  catalog: Catalog,
  counts: Readonly<Record<string, number>>,
  files: Readonly<Record<string, { path: string; rows: number }>>,
): object {
  const byTemplate = new Map(catalog.products.map((p) => [p.template, p.id]));
  return {
    generator: 'clientele demo (src/demo), see docs/demo-data.md',
    options,
    truthCsv: 'truth.csv',
    notes: [
      "BG/NBD is exact in each group's business time (see calendar.ts); t_x_weeks and T_weeks in truth.csv are in business weeks.",
      'Within one acquisition channel, lambda ~ Gamma(r, alpha / lambdaMultiplier) and p ~ Beta(a * dropoutA, b); paid_search is the baseline.',
      'Orders with status cancelled are extra attempts outside the purchase process; returned orders are purchases.',
    ],
    parameters: {
      composition: params.COMPOSITION,
      bgnbd: params.BGNBD,
      channelEffects: params.CHANNEL_EFFECTS,
      gammaGamma: params.GAMMA_GAMMA,
      maxOrders: params.MAX_ORDERS,
      monthFactors: params.MONTH_FACTORS,
      acquisitionMonths: params.ACQUISITION_MONTHS,
      acquisitionGrowth: params.ACQUISITION_GROWTH,
      localOffsetHours: params.LOCAL_OFFSET_HOURS,
      regionalPeaks: params.REGIONAL_PEAKS,
      churn: params.CHURN,
      orders: params.ORDERS,
      messages: params.MESSAGES,
      funnel: params.FUNNEL,
      feedback: params.FEEDBACK,
      dirty: params.DIRTY,
      lifeEvents: params.LIFE_EVENTS,
      sales: params.SALES,
      acquisitionCampaigns: ACQUISITION_CAMPAIGNS,
      utm: UTM,
      social: SOCIAL_PLAN,
      // Each group's planted praise and complaint sentences, in its reviews, surveys and social posts.
      groupPhrases: GROUP_PHRASES,
    },
    groups: GROUPS,
    bundles: BUNDLES.map((b) => ({
      items: b.items,
      productIds: b.items.map((t) => byTemplate.get(t)),
      weight: b.weight,
    })),
    productQuality: Object.fromEntries(catalog.products.map((p) => [p.id, p.quality])),
    counts,
    files,
  };
}
