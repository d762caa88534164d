/**
 * What a segment may name: the `profiles` table's columns and the traits in its `traits` JSON, each with
 * the type its values compare as. A name that is not a column is looked up in traits.
 */

import { type FieldAlias, matchName, nameHint } from '../domain/fields.js';

/** The type a field's values compare as. */
export type FieldType = 'string' | 'number' | 'boolean';

/** The fields a segment may name, split by where they live. */
export interface SegmentSchema {
  /** Columns of `profiles`, by name. */
  readonly columns: Readonly<Record<string, FieldType>>;
  /** Keys of `profiles.traits`, by name. */
  readonly traits: Readonly<Record<string, FieldType>>;
  /** Model scores (the latest run's value per profile in `customer_scores`), by name. */
  readonly scores?: Readonly<Record<string, FieldType>>;
  /** The names customer files gave their columns (customer_state → region), latest import first. */
  readonly aliases?: readonly FieldAlias[];
}

/** Where a field lives and how it compares, or undefined for an unknown name. */
export interface ResolvedField {
  /** The canonical name: the profile column, score or trait key the typed name means. */
  readonly name: string;
  readonly source: 'column' | 'score' | 'trait';
  readonly type: FieldType;
}

// Every name a schema knows, in the order a name is looked up: columns, then scores, then traits.
function knownNames(schema: SegmentSchema): string[] {
  return [...Object.keys(schema.columns), ...Object.keys(schema.scores ?? {}), ...Object.keys(schema.traits)];
}

/**
 * Looks a field up through the one field resolver (src/domain/fields.ts): a column first, then a model score,
 * then a trait; any case or spelling of separators, or the name the column had in a customer file.
 */
export function resolveField(schema: SegmentSchema, name: string): ResolvedField | undefined {
  const found = matchName(name, knownNames(schema), schema.aliases);
  if (found === undefined) return undefined;
  const key = found.name;
  const column = Object.hasOwn(schema.columns, key) ? schema.columns[key] : undefined;
  if (column !== undefined) return { name: key, source: 'column', type: column };
  const scores = schema.scores ?? {};
  const score = Object.hasOwn(scores, key) ? scores[key] : undefined;
  if (score !== undefined) return { name: key, source: 'score', type: score };
  const trait = Object.hasOwn(schema.traits, key) ? schema.traits[key] : undefined;
  if (trait !== undefined) return { name: key, source: 'trait', type: trait };
  return undefined;
}

/** The message for a name no field of the schema answers to, with the nearest known names. */
export function unknownFieldMessage(schema: SegmentSchema, name: string): string {
  return `unknown field '${name}'${nameHint(name, knownNames(schema), schema.aliases ?? [])}`;
}

/** The scalar columns of `profiles` (migration 6) a segment can compare; lists and timestamps are not yet. */
export const PROFILE_COLUMNS: Readonly<Record<string, FieldType>> = {
  email: 'string',
  phone: 'string',
  first_name: 'string',
  last_name: 'string',
  full_name: 'string',
  gender: 'string',
  age: 'number',
  occupation: 'string',
  education: 'string',
  income_band: 'string',
  marital_status: 'string',
  children: 'number',
  city: 'string',
  region: 'string',
  country: 'string',
  postal_code: 'string',
  company: 'string',
  industry: 'string',
  job_title: 'string',
  decision_maker: 'boolean',
  is_prospect: 'boolean',
  lifecycle_stage: 'string',
  acquisition_source: 'string',
  acquisition_campaign: 'string',
  consent_email: 'boolean',
  consent_sms: 'boolean',
  orders: 'number',
  revenue: 'number',
  average_order_value: 'number',
  returns: 'number',
  late_deliveries: 'number',
  events: 'number',
  top_device: 'string',
  top_os: 'string',
  emails_sent: 'number',
  emails_opened: 'number',
  emails_clicked: 'number',
  emails_bounced: 'number',
  unsubscribed: 'boolean',
  tickets: 'number',
  reviews: 'number',
  average_rating: 'number',
};

/**
 * The model scores a segment can name, from `clientele model clv|churn|rfm|propensity` (src/modeling).
 * Text scores (the RFM tier) compare by their label, the others by value.
 */
export const SCORE_FIELDS: Readonly<Record<string, FieldType>> = {
  clv: 'number',
  p_alive: 'number',
  expected_purchases: 'number',
  expected_spend: 'number',
  churn_risk: 'number',
  rfm_r: 'number',
  rfm_f: 'number',
  rfm_m: 'number',
  rfm_tier: 'string',
  propensity: 'number',
  // Written by `clientele sentiment` (src/voice/analysis.ts).
  avg_sentiment: 'number',
  last_review_sentiment: 'number',
  // Written by `clientele resonance` (src/resonance/traits.ts).
  email_open_rate: 'number',
  email_click_rate: 'number',
  email_reply_rate: 'number',
  best_send_hour: 'number',
};
