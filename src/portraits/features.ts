import { AS_OF, churnRiskAggregateSql, measure } from '../semantics/index.js';
import type { Dialect } from '../store/index.js';

/**
 * The features a portrait describes and compares, as SQL over one row of `pt_base` (a profile with its
 * latest model scores and a few derived figures). Categorical features become rows of `pt_cat` (one per
 * profile and value), numeric ones rows of `pt_num`, so that one GROUP BY counts them all.
 */

/** Which part of the portrait a feature belongs to. */
export type Family =
  | 'demographics'
  | 'geography'
  | 'channels'
  | 'devices'
  | 'engagement'
  | 'value'
  | 'b2b'
  | 'interests'
  | 'products'
  | 'traits';

/** A categorical feature: an SQL expression giving a value (or a list of values) per profile. */
export interface CategoricalFeature {
  readonly name: string;
  readonly family: Family;
  readonly sql: string;
  /** A list column: a profile may have several values, and shares are of every member. */
  readonly list?: boolean;
}

/** A numeric feature: an SQL expression giving a number (or NULL when unknown) per profile. */
export interface NumericFeature {
  readonly name: string;
  readonly family: Family;
  readonly sql: string;
}

const AGE_BAND = `CASE WHEN age IS NULL THEN NULL WHEN age < 25 THEN '18-24' WHEN age < 35 THEN '25-34'
  WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' WHEN age < 65 THEN '55-64' ELSE '65+' END`;
// Imports spell gender several ways (F, female, Woman); the portrait counts them as one.
const GENDER = `CASE WHEN lower(trim(gender)) IN ('f', 'female', 'woman', 'w') THEN 'female'
  WHEN lower(trim(gender)) IN ('m', 'male', 'man') THEN 'male' ELSE nullif(lower(trim(gender)), '') END`;
const yesNo = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} THEN 'yes' ELSE 'no' END`;

/** Every categorical feature a portrait looks at. */
export const CATEGORICAL: readonly CategoricalFeature[] = [
  { name: 'gender', family: 'demographics', sql: GENDER },
  { name: 'age_band', family: 'demographics', sql: AGE_BAND },
  { name: 'income_band', family: 'demographics', sql: 'income_band' },
  { name: 'education', family: 'demographics', sql: 'education' },
  { name: 'occupation', family: 'demographics', sql: 'occupation' },
  { name: 'marital_status', family: 'demographics', sql: 'marital_status' },
  {
    name: 'children',
    family: 'demographics',
    sql: `CASE WHEN children IS NULL THEN NULL WHEN children >= 3 THEN '3+' ELSE CAST(children AS VARCHAR) END`,
  },
  { name: 'country', family: 'geography', sql: 'country' },
  { name: 'region', family: 'geography', sql: 'region' },
  { name: 'city', family: 'geography', sql: 'city' },
  { name: 'acquisition_source', family: 'channels', sql: 'acquisition_source' },
  { name: 'acquisition_campaign', family: 'channels', sql: 'acquisition_campaign' },
  { name: 'channels', family: 'channels', sql: 'channels', list: true },
  { name: 'consent_email', family: 'channels', sql: yesNo('consent_email') },
  { name: 'consent_sms', family: 'channels', sql: yesNo('consent_sms') },
  { name: 'unsubscribed', family: 'channels', sql: yesNo('unsubscribed') },
  { name: 'top_device', family: 'devices', sql: 'top_device' },
  { name: 'top_os', family: 'devices', sql: 'top_os' },
  { name: 'lifecycle_stage', family: 'value', sql: 'lifecycle_stage' },
  { name: 'rfm_tier', family: 'value', sql: 'rfm_tier' },
  { name: 'industry', family: 'b2b', sql: 'industry' },
  { name: 'decision_maker', family: 'b2b', sql: yesNo('decision_maker') },
  { name: 'interests', family: 'interests', sql: 'interests', list: true },
  { name: 'category', family: 'products', sql: 'categories', list: true },
];

/** Every numeric feature a portrait looks at. */
export const NUMERIC: readonly NumericFeature[] = [
  { name: 'age', family: 'demographics', sql: 'age' },
  { name: 'children', family: 'demographics', sql: 'children' },
  { name: 'orders', family: 'value', sql: 'orders' },
  { name: 'revenue', family: 'value', sql: 'revenue' },
  { name: 'average_order_value', family: 'value', sql: 'average_order_value' },
  { name: 'days_since_last_order', family: 'value', sql: 'days_since_last_order' },
  { name: 'tenure_days', family: 'value', sql: 'tenure_days' },
  { name: 'clv', family: 'value', sql: 'clv' },
  { name: 'churn_risk', family: 'value', sql: 'churn_risk' },
  { name: 'returns', family: 'value', sql: 'returns' },
  { name: 'late_deliveries', family: 'value', sql: 'late_deliveries' },
  { name: 'events', family: 'engagement', sql: 'events' },
  // A cast before `/`: PostgreSQL divides two whole numbers to a whole number (DuckDB does not).
  {
    name: 'email_open_rate',
    family: 'engagement',
    sql: 'CAST(emails_opened AS DOUBLE) / nullif(emails_sent, 0)',
  },
  {
    name: 'email_click_rate',
    family: 'engagement',
    sql: 'CAST(emails_clicked AS DOUBLE) / nullif(emails_sent, 0)',
  },
  { name: 'tickets', family: 'engagement', sql: 'tickets' },
  { name: 'reviews', family: 'engagement', sql: 'reviews' },
  { name: 'average_rating', family: 'engagement', sql: 'average_rating' },
];

// String traits imported beside the known fields take part when they have few values (a tier, a store),
// not when they are identifiers or free text.
const MAX_TRAIT_VALUES = 50;

/**
 * The SQL that fills `pt_orders`: `order_facts`' columns that portraits and personas read, with each order's
 * profile (NULL when none). The view joins every order's lines and profile and matches its status against
 * patterns: read once here, not once per statement (issue 13: it was read six times per persona computation).
 * Its rows are the view's rows, one each (record_profiles holds one row per record).
 */
export const ORDERS_SQL = `SELECT o.order_id, o.row_key, o.placed, o.order_ts, o.campaign, o.discount, o.revenue,
    o.coupon_code, o.cost, o.refund, o.returned, o.returned_value, rpo.profile_id
  FROM order_facts o LEFT JOIN record_profiles rpo ON rpo.record_table = 'orders' AND rpo.row_key = o.row_key`;

/** The definitions' "now" (AS_OF, the last placed order) read from `pt_orders` instead of the view. */
export const AS_OF_ORDERS = '(SELECT max(order_ts) FROM pt_orders WHERE placed)';

/** A measure over `alias` with AS_OF read from `pt_orders` (the same value, without reading the view again). */
export function measureOverOrders(name: string, alias: string, d: Dialect): string {
  return measure(name, alias, d).replaceAll(AS_OF, AS_OF_ORDERS);
}

/**
 * An order line's profile (the order's, else the line's own), with the order from `pt_orders` as `o`:
 * `coalesce(o.profile_id, rpi.profile_id)`, as activity.ts's LINE_PROFILE over `order_facts`.
 */
export const LINE_PROFILE_OF_ORDERS = `LEFT JOIN pt_orders o ON o.order_id = i.order_id
     LEFT JOIN record_profiles rpi ON rpi.record_table = 'order_items' AND rpi.row_key = i.row_key`;

/**
 * The SQL that fills `pt_base` (after `pt_orders`): every profile with its latest scores (per score, the newest run that wrote
 * it), the products categories it bought, and recency and tenure as docs/definitions.md defines them
 * (counted to the last placed order in the data, not today, so that the same data always gives the same portrait).
 */
export const baseSql = (d: Dialect): string => `
  WITH latest AS (
    SELECT score, max(run_id) AS run_id FROM customer_scores GROUP BY score
  ), scores AS (
    SELECT ${d.tryBigint('cs.customer_key')} AS profile_id,
      max(cs.value) FILTER (WHERE cs.score = 'clv') AS clv,
      ${churnRiskAggregateSql('cs')} AS churn_risk,
      max(cs.label) FILTER (WHERE cs.score = 'rfm_tier') AS rfm_tier
    FROM customer_scores cs JOIN latest l ON l.score = cs.score AND l.run_id = cs.run_id
    WHERE cs.score IN ('clv', 'churn_risk', 'churn_probability', 'rfm_tier')
    GROUP BY 1
  ), bought AS (
    -- Each profile's distinct categories found first, then listed: a DISTINCT inside the list aggregate
    -- sorted every line of every profile (issue 13: about a third less work at 100,000 customers).
    SELECT profile_id, ${d.listAgg('category', { orderBy: 'category' })} AS categories FROM (
      SELECT DISTINCT coalesce(o.profile_id, rpi.profile_id) AS profile_id,
        coalesce(i.category, pr.category) AS category
      FROM order_items i
      ${LINE_PROFILE_OF_ORDERS}
      LEFT JOIN products pr ON pr.product_id = i.product_id
      WHERE coalesce(o.placed, true)
        AND coalesce(o.profile_id, rpi.profile_id) IS NOT NULL AND coalesce(i.category, pr.category) IS NOT NULL
    ) c
    GROUP BY 1
  )
  SELECT p.*, s.clv, s.churn_risk, s.rfm_tier,
    coalesce(b.categories, ${d.emptyTextList}) AS categories,
    ${measureOverOrders('days_since_last_order', 'p', d)} AS days_since_last_order,
    ${measureOverOrders('tenure_days', 'p', d)} AS tenure_days
  FROM profiles p
  LEFT JOIN scores s ON s.profile_id = p.profile_id
  LEFT JOIN bought b ON b.profile_id = p.profile_id`;

/**
 * The SQL that fills `pt_cat(profile_id, feature, family, value)` from `pt_base`: one row per profile, feature
 * and value (a list's repeated value once), so that profiles per value are `count(*)`, not `count(DISTINCT)`.
 */
export function categoricalSql(d: Dialect, features: readonly CategoricalFeature[] = CATEGORICAL): string {
  const parts = features.map((f) =>
    f.list
      ? `SELECT DISTINCT profile_id, feature, family, value FROM (SELECT profile_id, ${d.literal(f.name)} AS feature, ${d.literal(f.family)} AS family, CAST(unnest(${f.sql}) AS VARCHAR) AS value FROM pt_base) l`
      : `SELECT profile_id, ${d.literal(f.name)} AS feature, ${d.literal(f.family)} AS family, CAST(${f.sql} AS VARCHAR) AS value FROM pt_base`,
  );
  parts.push(`SELECT b.profile_id, 'traits.' || t.key AS feature, 'traits' AS family, ${d.jsonText('t.value', [])} AS value
    FROM pt_base b, ${d.jsonEach('b.traits')} t
    WHERE b.traits IS NOT NULL AND ${d.jsonKind('t.value')} = 'VARCHAR'
      AND t.key IN (SELECT k.key FROM pt_base kb, ${d.jsonEach('kb.traits')} k WHERE kb.traits IS NOT NULL
        AND ${d.jsonKind('k.value')} = 'VARCHAR' GROUP BY k.key HAVING count(DISTINCT k.value) <= ${MAX_TRAIT_VALUES})`);
  return `SELECT * FROM (${parts.join('\n UNION ALL ')}) c WHERE value IS NOT NULL AND trim(value) <> ''`;
}

/** The SQL that fills `pt_num(profile_id, feature, family, x)` from `pt_base`. */
export function numericSql(d: Dialect, features: readonly NumericFeature[] = NUMERIC): string {
  const parts = features.map(
    (f) =>
      `SELECT profile_id, ${d.literal(f.name)} AS feature, ${d.literal(f.family)} AS family, CAST(${f.sql} AS DOUBLE) AS x FROM pt_base`,
  );
  return `SELECT * FROM (${parts.join('\n UNION ALL ')}) n WHERE x IS NOT NULL AND ${d.isFinite('x')}`;
}

/** Features whose lists are of every member (a missing list means none), not of members with a value. */
export const LIST_FEATURES: ReadonlySet<string> = new Set(
  CATEGORICAL.filter((f) => f.list).map((f) => f.name),
);
