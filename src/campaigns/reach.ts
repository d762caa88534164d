import { consentCondition } from '../privacy/consent.js';
import { type Fragment, param, raw, sql } from '../store/index.js';

/** Why an e-mail was not sent, in the order the reasons are checked. */
export type SkipReason = 'noEmail' | 'unsubscribed' | 'bounced' | 'noConsent' | 'capped';

/** One person an e-mail may go to, with what decides whether it does (`recipientsQuery`). */
export type Recipient = {
  readonly id: number;
  readonly email: string | null;
  readonly customer_id: string | null;
  /** An unsubscribe on record. */
  readonly unsub: boolean;
  /** E-mail consent withdrawn. */
  readonly refused: boolean;
  readonly bounced: boolean;
  /** E-mails sent to them in the cap's window. */
  readonly recent: number;
  /** E-mail consent given (src/privacy/consent.ts). */
  readonly consent: boolean;
  /** The profile row as JSON, for the template. */
  readonly row: string;
};

/**
 * Who of `people` (a relation of `profiles` rows) may get an e-mail, with their history: the e-mails that identity
 * joined to them, and the journeys' own sends not joined yet (they name the profile in `extra`), so a cap counts
 * a send made a moment ago whoever made it. `recent` counts e-mails sent in (since, until]. Campaign sends and
 * journey e-mail steps both read it, so they skip the same people.
 */
export function recipientsQuery(people: Fragment, window: { since: Date; until: Date }): Fragment {
  const since = param(window.since.toISOString());
  const until = param(window.until.toISOString());
  return sql`WITH people AS (${people}),
    mail AS (
      SELECT rp.profile_id, m.row_key, m.channel, m.sent_at, m.bounced, m.unsubscribed_at FROM messages m
        JOIN record_profiles rp ON rp.record_table = 'messages' AND rp.row_key = m.row_key
      WHERE rp.profile_id IN (SELECT profile_id FROM people)
      UNION
      SELECT CAST(m.extra->>'profile_id' AS BIGINT), m.row_key, m.channel, m.sent_at, m.bounced, m.unsubscribed_at
      FROM messages m WHERE starts_with(m.row_key, 'journey:')
        AND CAST(m.extra->>'profile_id' AS BIGINT) IN (SELECT profile_id FROM people)),
    history AS (
      SELECT profile_id, bool_or(unsubscribed_at IS NOT NULL) AS unsub, bool_or(coalesce(bounced, false)) AS bounced,
        count(*) FILTER (WHERE lower(coalesce(channel, 'email')) = 'email'
          AND sent_at > CAST(${since} AS TIMESTAMPTZ)
          AND sent_at <= CAST(${until} AS TIMESTAMPTZ))::INTEGER AS recent
      FROM mail GROUP BY profile_id)
    SELECT p.profile_id AS id, p.email, p.customer_ids[1] AS customer_id, coalesce(h.unsub, false) AS unsub,
      coalesce(h.bounced, false) AS bounced, coalesce(h.recent, 0) AS recent,
      ${raw(consentCondition('email'))} AS consent,
      EXISTS (SELECT 1 FROM consents c WHERE c.profile_id = p.profile_id AND c.purpose = 'email' AND NOT c.granted) AS refused,
      CAST(to_json(p) AS VARCHAR) AS row
    FROM people p LEFT JOIN history h USING (profile_id) ORDER BY p.profile_id`;
}

/** Why `r` gets no e-mail, or null when it may: checked in the order of `SkipReason`. */
export function skipReason(r: Recipient, capCount: number | null): SkipReason | null {
  if (!r.email) return 'noEmail';
  if (r.unsub || r.refused) return 'unsubscribed';
  if (r.bounced) return 'bounced';
  if (!r.consent) return 'noConsent';
  if (capCount !== null && r.recent >= capCount) return 'capped';
  return null;
}
