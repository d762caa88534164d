import { ClienteleError } from '../errors/index.js';
import { findProfile } from '../profiles/index.js';
import { getSegment } from '../segments/index.js';
import { type Fragment, param, raw, sql, type Warehouse } from '../store/index.js';
import type { Send } from './measure.js';

/** Whose e-mails: one person, a segment's current members, or everyone. */
export interface ResonanceScope {
  readonly segment?: string | undefined;
  /** Any identifier of the person (customer id, e-mail, profile id …). */
  readonly customer?: string | undefined;
}

/** The scope as resolved: the profile the customer identifier named. */
export interface ResolvedScope {
  readonly segment: string | null;
  readonly customer: string | null;
  readonly profileId: number | null;
}

/** Resolves a scope; an unknown segment or person is its not-found error. */
export async function resolveScope(db: Warehouse, scope: ResonanceScope): Promise<ResolvedScope> {
  if (scope.segment !== undefined) await getSegment(db, scope.segment);
  let profileId: number | null = null;
  if (scope.customer !== undefined) {
    profileId = await findProfile(db, scope.customer);
    if (profileId === null)
      throw new ClienteleError('CLT_ERR_PROFILE_NOT_FOUND', `no profile matches '${scope.customer}'`, {
        identifier: scope.customer,
      });
  }
  return { segment: scope.segment ?? null, customer: scope.customer ?? null, profileId };
}

/**
 * The e-mails sent in scope with what came back. A reply is a `message_engagement` row of kind `reply` or
 * an `Email Replied` event whose `message_id` (or Segment's `email_id`) property names the message. The
 * send hour is read in UTC.
 */
export async function readSends(db: Warehouse, scope: ResolvedScope): Promise<Send[]> {
  const where: Fragment[] = [sql`lower(coalesce(m.channel, 'email')) = 'email'`, sql`m.sent_at IS NOT NULL`];
  if (scope.profileId !== null) where.push(sql`rp.profile_id = ${param(scope.profileId)}`);
  if (scope.segment !== null)
    where.push(sql`rp.profile_id IN (SELECT profile_id FROM segment_membership
      WHERE segment = ${param(scope.segment)} AND exited_at IS NULL)`);
  const condition = where.reduce((a, b) => sql`${a} AND ${b}`);
  const d = db.dialect;
  const q = sql`WITH replied AS (
      SELECT message_id AS id FROM message_engagement WHERE kind = 'reply'
      UNION SELECT coalesce(${raw(d.jsonText('properties', ['message_id']))}, ${raw(d.jsonText('properties', ['email_id']))})
        FROM events WHERE event = 'Email Replied')
    SELECT rp.profile_id::DOUBLE AS profile_id,
      coalesce(nullif(trim(m.category), ''), nullif(trim(m.campaign), ''), 'other') AS type,
      m.subject, CAST(EXTRACT(HOUR FROM m.sent_at AT TIME ZONE 'UTC') AS INTEGER) AS hour,
      (m.opened_at IS NOT NULL OR m.clicked_at IS NOT NULL) AS opened, m.clicked_at IS NOT NULL AS clicked,
      m.message_id IN (SELECT id FROM replied WHERE id IS NOT NULL) AS replied
    FROM messages m
    LEFT JOIN record_profiles rp ON rp.record_table = 'messages' AND rp.row_key = m.row_key
    WHERE ${condition}`;
  const rows = await db.all<{
    profile_id: number | null;
    type: string;
    subject: string | null;
    hour: number | null;
    opened: boolean;
    clicked: boolean;
    replied: boolean | null;
  }>(q.text, q.params);
  return rows.map((r) => ({
    profileId: r.profile_id,
    type: r.type,
    subject: r.subject,
    hour: r.hour,
    opened: r.opened,
    clicked: r.clicked,
    replied: r.replied === true,
  }));
}
