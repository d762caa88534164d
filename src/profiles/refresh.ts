import { countryValuesSql } from '../domain/countries.js';
import { KINDS } from '../domain/kinds.js';
import { measure } from '../semantics/index.js';
import { type Dialect, duckdbDialect } from '../store/dialect.js';
import type { Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';

const { literal } = duckdbDialect;
const id = (name: string) => identifier(name).text;

// Traits taken from the CRM records: the most recently updated non-empty value wins.
const LATEST = [
  'first_name',
  'last_name',
  'full_name',
  'gender',
  'birth_date',
  'occupation',
  'education',
  'income_band',
  'marital_status',
  'children',
  'city',
  'region',
  'country',
  'postal_code',
  'company',
  'industry',
  'job_title',
  'decision_maker',
  'interests',
  'is_prospect',
  'lifecycle_stage',
  'acquisition_source',
  'acquisition_campaign',
  'consent_email',
  'consent_sms',
] as const;

// The customer fields that hold a list.
const LISTS = new Set<string>(KINDS.customers.fields.filter((f) => f.type === 'list').map((f) => f.name));

const mine = (table: string, scope: string) =>
  `JOIN record_profiles rp ON rp.record_table = ${literal(table)} AND rp.row_key = t.row_key ${scope}`;

/** The SQL computing profile rows; `scope` narrows it to some profiles (`AND rp.profile_id IN (…)`). */
function profileSql(scope: string, d: Dialect): string {
  // Enrichment files (imported with priority low) rank below the business's own sources, whatever their dates.
  const recency = `(CASE WHEN (SELECT im.options->>'priority' FROM imports im WHERE im.import_id = t.import_id) = 'low' THEN 0 ELSE 1 END,
    coalesce(t.updated_at, t.signup_at, t.imported_at), t.row_key)`;
  return `
  WITH c AS (
    SELECT rp.profile_id,
      ${d.listAgg('t.customer_id', { distinct: true, orderBy: 't.customer_id' })} FILTER (WHERE t.customer_id IS NOT NULL) AS customer_ids,
      ${LATEST.map((f) => `${d.argMaxWhere(`t.${id(f)}`, recency, `t.${id(f)} IS NOT NULL`, LISTS.has(f))} AS ${id(f)}`).join(',\n      ')},
      ${d.argMaxWhere('t.birth_year', recency, 't.birth_year IS NOT NULL')} AS birth_year,
      ${d.argMaxWhere('t.age', recency, 't.age IS NOT NULL')} AS stated_age,
      min(t.signup_at) AS signup_at
    FROM customers t ${mine('customers', scope)} GROUP BY 1),
  x AS (
    SELECT profile_id, ${d.jsonObjectAgg('key', 'value')} AS traits FROM (
      SELECT rp.profile_id, j.key, ${d.argMax('j.value', recency)} AS value
      FROM customers t ${mine('customers', scope)}, ${d.jsonEach('t.extra')} j GROUP BY 1, 2) kv GROUP BY 1),
  o AS (
    -- Orders, revenue and dates by the business definitions (docs/definitions.md) over the placed orders.
    SELECT rp.profile_id, ${measure('orders', 't')} AS orders, ${measure('revenue', 't')} AS revenue,
      ${measure('first_order_at', 't')} AS first_order_at, ${measure('last_order_at', 't')} AS last_order_at,
      count(*) FILTER (WHERE t.refund OR t.returned) AS returns,
      count(*) FILTER (WHERE delivered_at > promised_at) AS late_deliveries
    FROM placed_orders t ${mine('orders', scope)} GROUP BY 1),
  e AS (
    SELECT rp.profile_id, count(*) AS events, min(ts) AS first_ts, max(ts) AS last_ts,
      bool_or(type = 'screen' OR (os IN ('iOS', 'Android') AND type <> 'page')) AS app,
      bool_or(type = 'page') AS web
    FROM events t ${mine('events', scope)} GROUP BY 1),
  d AS (
    -- The most frequent device and OS; ties go to the name first in order, so results never depend on scan order.
    SELECT profile_id,
      ${d.argMaxWhere('device_type', '(n, device_type)', 'device_type IS NOT NULL')} AS top_device,
      ${d.argMaxWhere('os', '(n, os)', 'os IS NOT NULL')} AS top_os
    FROM (SELECT rp.profile_id, device_type, os, count(*) AS n FROM events t ${mine('events', scope)} GROUP BY 1, 2, 3) dn GROUP BY 1),
  m AS (
    SELECT rp.profile_id,
      count(*) FILTER (WHERE coalesce(channel, 'email') = 'email') AS sent,
      count(opened_at) FILTER (WHERE coalesce(channel, 'email') = 'email') AS opened,
      count(clicked_at) FILTER (WHERE coalesce(channel, 'email') = 'email') AS clicked,
      count(*) FILTER (WHERE bounced AND coalesce(channel, 'email') = 'email') AS bounced,
      bool_or(unsubscribed_at IS NOT NULL) AS unsubscribed,
      ${d.listAgg("coalesce(channel, 'email')", { distinct: true })} AS channels, min(sent_at) AS first_ts, max(sent_at) AS last_ts
    FROM messages t ${mine('messages', scope)} GROUP BY 1),
  f AS (
    SELECT rp.profile_id, count(*) FILTER (WHERE kind = 'ticket') AS tickets, count(*) FILTER (WHERE kind = 'review') AS reviews,
      avg(rating) AS average_rating, min(created_at) AS first_ts, max(created_at) AS last_ts
    FROM feedback t ${mine('feedback', scope)} GROUP BY 1),
  i AS (
    SELECT profile_id, min(value) FILTER (WHERE id_type = 'email') AS email, min(value) FILTER (WHERE id_type = 'phone') AS phone
    FROM identity_nodes WHERE profile_id IS NOT NULL GROUP BY 1),
  p AS (SELECT DISTINCT rp.profile_id FROM record_profiles rp WHERE true ${scope})
  SELECT p.profile_id, c.customer_ids, i.email, i.phone,
    ${LATEST.slice(0, 5)
      .map((f) => `c."${f}"`)
      .join(', ')},
    CAST(coalesce(${d.yearDiff('c.birth_date', 'current_date')}, ${d.yearOf('current_date')} - c.birth_year, c.stated_age) AS INTEGER) AS age,
    ${LATEST.slice(5)
      .map((f) =>
        f === 'country'
          ? `coalesce(cc.code, c.country) AS country`
          : f === 'is_prospect'
            ? `${measure('prospect', 'o')} AS is_prospect`
            : `c."${f}"`,
      )
      .join(', ')}, c.signup_at,
    coalesce(o.orders, 0) AS orders, coalesce(o.revenue, 0) AS revenue,
    CASE WHEN o.orders > 0 THEN o.revenue / o.orders END AS average_order_value,
    o.first_order_at, o.last_order_at, coalesce(o.returns, 0) AS returns, coalesce(o.late_deliveries, 0) AS late_deliveries,
    coalesce(e.events, 0) AS events,
    least(o.first_order_at, e.first_ts, m.first_ts, f.first_ts, c.signup_at) AS first_seen_at,
    greatest(o.last_order_at, e.last_ts, m.last_ts, f.last_ts) AS last_seen_at,
    d.top_device, d.top_os,
    ${d.sortedUnion([
      `coalesce(m.channels, ${d.emptyTextList})`,
      `CASE WHEN e.app THEN ${d.list(["'app'"])} ELSE ${d.emptyTextList} END`,
      `CASE WHEN e.web THEN ${d.list(["'web'"])} ELSE ${d.emptyTextList} END`,
    ])} AS channels,
    coalesce(m.sent, 0) AS emails_sent, coalesce(m.opened, 0) AS emails_opened, coalesce(m.clicked, 0) AS emails_clicked,
    coalesce(m.bounced, 0) AS emails_bounced, coalesce(m.unsubscribed, false) AS unsubscribed,
    coalesce(f.tickets, 0) AS tickets, coalesce(f.reviews, 0) AS reviews, f.average_rating,
    x.traits, current_timestamp AS refreshed_at
  FROM p LEFT JOIN c USING (profile_id) LEFT JOIN x USING (profile_id) LEFT JOIN o USING (profile_id)
    LEFT JOIN e USING (profile_id) LEFT JOIN d USING (profile_id) LEFT JOIN m USING (profile_id) LEFT JOIN f USING (profile_id) LEFT JOIN i USING (profile_id)
    -- However a country is written (USA, United States, Deutschland), profiles carry its ISO alpha-2 code.
    LEFT JOIN (VALUES ${countryValuesSql()}) AS cc(alias, code) ON cc.alias = lower(trim(c.country))`;
}

// The columns profileSql selects, in its order (PostgreSQL inserts by position, DuckDB by these names).
const PROFILE_COLUMNS = [
  'profile_id',
  'customer_ids',
  'email',
  'phone',
  ...LATEST.slice(0, 5),
  'age',
  ...LATEST.slice(5),
  'signup_at',
  'orders',
  'revenue',
  'average_order_value',
  'first_order_at',
  'last_order_at',
  'returns',
  'late_deliveries',
  'events',
  'first_seen_at',
  'last_seen_at',
  'top_device',
  'top_os',
  'channels',
  'emails_sent',
  'emails_opened',
  'emails_clicked',
  'emails_bounced',
  'unsubscribed',
  'tickets',
  'reviews',
  'average_rating',
  'traits',
  'refreshed_at',
].map(id);

/**
 * Recomputes stored profiles: all of them, or only those listed (the ones new records or merges touched),
 * and drops profiles that no longer exist (absorbed by a merge, split by a block).
 */
export async function refreshProfiles(db: Warehouse, only?: readonly number[]): Promise<number> {
  return db.transaction(async (tx) => {
    if (!only) {
      await tx.run('DELETE FROM profiles');
      await tx.run(tx.dialect.insertByName('profiles', PROFILE_COLUMNS, profileSql('', tx.dialect)));
    } else if (only.length) {
      await tx.run('CREATE TEMP TABLE refresh_ids (profile_id BIGINT)');
      await tx.append('refresh_ids', [{ kind: 'int', values: [...new Set(only)] }]);
      await tx.run('DELETE FROM profiles WHERE profile_id IN (SELECT profile_id FROM refresh_ids)');
      await tx.run(
        tx.dialect.insertByName(
          'profiles',
          PROFILE_COLUMNS,
          profileSql('AND rp.profile_id IN (SELECT profile_id FROM refresh_ids)', tx.dialect),
        ),
      );
      await tx.run('DROP TABLE refresh_ids');
    }
    await tx.run(
      'DELETE FROM profiles WHERE profile_id NOT IN (SELECT DISTINCT profile_id FROM record_profiles)',
    );
    const [r] = await tx.all<{ n: number }>('SELECT count(*) AS n FROM profiles');
    return r?.n ?? 0;
  });
}
