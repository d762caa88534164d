import { PURPOSES } from '../contracts/consent.js';
import { ClienteleError } from '../errors/index.js';
import { duckdbDialect } from '../store/dialect.js';
import type { Warehouse } from '../store/index.js';

export { PURPOSES };
export type Purpose = (typeof PURPOSES)[number];

/** One purpose's standing: the latest statement found, where it came from and when. */
export interface ConsentState {
  readonly granted: boolean;
  readonly source: string;
  readonly recordedAt: string | null;
}

/** A purpose named by a person, checked. */
export function checkPurpose(purpose: string): Purpose {
  if ((PURPOSES as readonly string[]).includes(purpose)) return purpose as Purpose;
  throw new ClienteleError(
    'CLT_ERR_PRIVACY_PURPOSE',
    `consent purpose '${purpose}': use one of ${PURPOSES.join(', ')}`,
  );
}

// Where each purpose is stated, besides the customers table's own consent_* columns: extra columns of an
// import (kept in `extra`) and identify traits use these names (Shopify's accepts_marketing, newsletter …).
const NAMES: Readonly<Record<Purpose, readonly string[]>> = {
  email: ['consent_email', 'email_consent', 'email_opt_in', 'newsletter', 'accepts_marketing'],
  sms: ['consent_sms', 'sms_consent', 'sms_opt_in', 'accepts_sms'],
  push: ['consent_push', 'push_consent', 'push_opt_in'],
  ads: ['consent_ads', 'ads_consent', 'ad_personalization'],
  profiling: ['consent_profiling', 'profiling_consent', 'consent_analytics'],
};
const COLUMNS: Readonly<Partial<Record<Purpose, string>>> = {
  email: 'consent_email',
  sms: 'consent_sms',
  push: 'consent_push',
  ads: 'consent_ads',
};

// Text as a yes or no; anything else (blank, "unknown") states nothing.
const bool = (expr: string) => `CASE
  WHEN lower(trim(CAST(${expr} AS VARCHAR))) IN ('true', 't', 'yes', 'y', '1', 'opt-in', 'opted_in', 'granted', 'subscribed') THEN true
  WHEN lower(trim(CAST(${expr} AS VARCHAR))) IN ('false', 'f', 'no', 'n', '0', 'opt-out', 'opted_out', 'denied', 'unsubscribed') THEN false END`;

// Every (purpose, name) a statement can be found under, as a VALUES list; the nested
// `traits.consent.{purpose}` form has the name ''.
const NAME_ROWS = PURPOSES.flatMap((p) => [...NAMES[p], ''].map((n) => `('${p}', '${n}')`)).join(', ');

// One scan per table: each row is crossed with the names, so adding a name costs no scan.
function factsSql(filter: string): string {
  const columns = Object.entries(COLUMNS)
    .map(([, column]) => `WHEN ${duckdbDialect.literal(column)} THEN c.${column}`)
    .join(' ');
  return `
    SELECT rp.profile_id, k.purpose,
      CASE k.name ${columns} WHEN '' THEN NULL ELSE ${bool('c.extra->>k.name')} END AS granted,
      'import ' || i.file AS source, coalesce(c.updated_at, c.signup_at, c.imported_at) AS stated_at
    FROM customers c JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
      JOIN imports i ON i.import_id = c.import_id CROSS JOIN (VALUES ${NAME_ROWS}) k (purpose, name)
    WHERE ${filter}
    UNION ALL
    SELECT rp.profile_id, k.purpose,
      ${bool("CASE WHEN k.name = '' THEN e.traits->'consent'->>k.purpose ELSE e.traits->>k.name END")},
      'identify ' || i.file, e.ts
    FROM events e JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = e.row_key
      JOIN imports i ON i.import_id = e.import_id CROSS JOIN (VALUES ${NAME_ROWS}) k (purpose, name)
    WHERE e.type = 'identify' AND e.traits IS NOT NULL AND ${filter}
    UNION ALL
    -- An unsubscribe is a withdrawal of that channel's consent, at the time it happened.
    SELECT rp.profile_id, CASE WHEN lower(m.channel) = 'sms' THEN 'sms' ELSE 'email' END, false,
      'unsubscribe ' || i.file, m.unsubscribed_at
    FROM messages m JOIN record_profiles rp ON rp.record_table = 'messages' AND rp.row_key = m.row_key
      JOIN imports i ON i.import_id = m.import_id
    WHERE m.unsubscribed_at IS NOT NULL AND ${filter}`;
}

/**
 * Computes the stored consent of the touched profiles (all without `touched`): per purpose, the latest
 * statement from imported customer columns, identify traits and unsubscribes; at the same time a refusal
 * wins. Returns the rows written.
 */
export async function refreshConsents(db: Warehouse, touched?: readonly number[]): Promise<number> {
  const [empty] = await db.all<{ e: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM consents) AS e');
  const all = touched === undefined || (empty?.e ?? true);
  if (!all && touched.length === 0) return 0;
  const ids = `(SELECT unnest(${db.dialect.jsonList('?', 'BIGINT')}))`;
  const filter = all ? 'true' : `rp.profile_id IN ${ids}`;
  const params = all ? [] : [JSON.stringify([...new Set(touched)])];
  const occurrences = (factsSql(filter).match(/\?/g) ?? []).length;
  return db.transaction(async (tx) => {
    await tx.run(all ? 'DELETE FROM consents' : `DELETE FROM consents WHERE profile_id IN ${ids}`, params);
    await tx.run(
      // The latest statement per purpose, as a numbered subquery (no QUALIFY: it runs on PostgreSQL too).
      `INSERT INTO consents
       SELECT profile_id, purpose, granted, source, stated_at FROM (
         SELECT *, row_number() OVER (PARTITION BY profile_id, purpose ORDER BY stated_at DESC NULLS LAST, granted) AS rn
         FROM (${factsSql(filter)}) f (profile_id, purpose, granted, source, stated_at)
         WHERE granted IS NOT NULL) latest
       WHERE rn = 1`,
      all ? [] : Array.from({ length: occurrences }, () => params[0]!),
    );
    const [n] = await tx.all<{ n: number }>(
      all
        ? 'SELECT count(*)::INTEGER AS n FROM consents'
        : `SELECT count(*)::INTEGER AS n FROM consents WHERE profile_id IN ${ids}`,
      params,
    );
    return n?.n ?? 0;
  });
}

/** A profile's consent per purpose; null where nothing was ever stated (which counts as no consent). */
export async function profileConsent(
  db: Warehouse,
  profileId: number,
): Promise<Record<Purpose, ConsentState | null>> {
  const rows = await db.all<{ purpose: Purpose; granted: boolean; source: string; at: string | null }>(
    `SELECT purpose, granted, source, ${db.dialect.formatTime('recorded_at', '%Y-%m-%dT%H:%M:%SZ')} AS at FROM consents WHERE profile_id = ?`,
    [profileId],
  );
  const out = Object.fromEntries(PURPOSES.map((p) => [p, null])) as Record<Purpose, ConsentState | null>;
  for (const r of rows) out[r.purpose] = { granted: r.granted, source: r.source, recordedAt: r.at };
  return out;
}

/** SQL condition that the profile `alias.profile_id` consented to `purpose` (no statement: no consent). */
export function consentCondition(purpose: Purpose, alias = 'p'): string {
  return `EXISTS (SELECT 1 FROM consents c WHERE c.profile_id = ${alias}.profile_id AND c.purpose = ${duckdbDialect.literal(checkPurpose(purpose))} AND c.granted)`;
}
