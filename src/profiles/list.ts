/** Pages of profiles with their headline figures: the CLI's `clientele profiles` and `GET /v1/profiles`. */
import { normalizeEmail, normalizePhone } from '../identity/normalize.js';
import { fieldCrypto } from '../privacy/fields.js';
import { measure } from '../semantics/index.js';
import {
  type Fragment,
  join,
  LIKE_ESCAPE,
  likeEscape,
  param,
  raw,
  sql,
  type Warehouse,
} from '../store/index.js';
import { findProfile } from './lookup.js';

/** A page of profiles with their customer ids and headline figures, most valuable first. */
export async function listProfiles(
  db: Warehouse,
  limit: number,
  offset: number,
): Promise<{ id: number; customerIds: string[]; email: string | null; orders: number; revenue: number }[]> {
  const d = db.dialect;
  const q = sql`WITH o AS (
       SELECT rp.profile_id, ${raw(measure('orders', 't', d))} AS orders, ${raw(measure('revenue', 't', d))} AS revenue FROM placed_orders t
       JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = t.row_key GROUP BY 1),
     c AS (
       SELECT rp.profile_id, ${raw(d.listAgg('customer_id', { distinct: true, orderBy: 'customer_id' }))} FILTER (WHERE customer_id IS NOT NULL) AS ids
       FROM customers t JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = t.row_key GROUP BY 1),
     e AS (SELECT profile_id, min(value) AS email FROM identity_nodes WHERE id_type = 'email' GROUP BY 1),
     p AS (SELECT DISTINCT profile_id FROM record_profiles)
     SELECT p.profile_id AS id, coalesce(c.ids, ${raw(d.emptyTextList)}) AS "customerIds", e.email, coalesce(o.orders, 0) AS orders,
       ${raw(d.round('coalesce(o.revenue, 0)', 2))} AS revenue
     FROM p LEFT JOIN o USING (profile_id) LEFT JOIN c USING (profile_id) LEFT JOIN e USING (profile_id)
     ORDER BY revenue DESC, id LIMIT ${param(limit)} OFFSET ${param(offset)}`;
  return db.all(q.text, q.params);
}

/** The filters of `GET /v1/profiles`. */
export interface ProfileSearch {
  readonly limit: number;
  readonly offset: number;
  /** Only profiles whose email, name or customer id contains this. */
  readonly q?: string;
  readonly country?: string;
  readonly minOrders?: number;
  readonly isProspect?: boolean;
}

/** A filtered page of stored profiles with the total that match. */
export interface ProfileListPage {
  total: number;
  limit: number;
  offset: number;
  profiles: Record<string, unknown>[];
  warnings?: { code: string; message: string }[];
}

/** A filtered page of the stored profiles, most valuable first; every filter value is bound. */
export async function searchProfiles(db: Warehouse, s: ProfileSearch): Promise<ProfileListPage> {
  const where: Fragment[] = [];
  const warnings: { code: string; message: string }[] = [];
  const crypto = s.q ? await fieldCrypto(db) : null;
  if (s.q && crypto) {
    // Encrypted names and e-mails cannot be searched by substring: an exact e-mail or phone is found by its
    // blind index, anything else only among customer ids (docs/privacy.md).
    const exact =
      normalizeEmail(s.q) ?? (/[0-9]{6}/.test(s.q.replace(/\D/g, '')) ? normalizePhone(s.q) : null);
    if (exact) {
      where.push(sql`profile_id = ${param((await findProfile(db, s.q)) ?? -1)}`);
    } else {
      where.push(
        sql`array_to_string(customer_ids, ' ') ILIKE ${param(`%${likeEscape(s.q)}%`)} ${raw(LIKE_ESCAPE)}`,
      );
      warnings.push({
        code: 'encrypted_search',
        message:
          'personal fields are stored encrypted: q= matches a whole e-mail or phone number exactly, or part of a customer id; names and parts of e-mails are not searched',
      });
    }
  } else if (s.q) {
    const pattern = param(`%${likeEscape(s.q)}%`);
    const esc = raw(LIKE_ESCAPE);
    where.push(
      sql`(email ILIKE ${pattern} ${esc} OR concat_ws(' ', first_name, last_name, full_name) ILIKE ${pattern} ${esc} OR array_to_string(customer_ids, ' ') ILIKE ${pattern} ${esc})`,
    );
  }
  if (s.country) where.push(sql`country = ${param(s.country)}`);
  if (s.minOrders !== undefined) where.push(sql`orders >= ${param(s.minOrders)}`);
  if (s.isProspect !== undefined) where.push(sql`coalesce(is_prospect, false) = ${param(s.isProspect)}`);
  const clause = where.length ? sql`WHERE ${join(where, ' AND ')}` : raw('');
  const count = sql`SELECT count(*) AS n FROM profiles ${clause}`;
  const [total] = await db.all<{ n: number }>(count.text, count.params);
  const page = sql`SELECT profile_id AS id, customer_ids AS "customerIds", email, first_name AS "firstName", last_name AS "lastName",
      country, orders, ${raw(db.dialect.round('revenue', 2))} AS revenue, ${raw(db.dialect.formatTime('last_seen_at', '%Y-%m-%dT%H:%M:%SZ'))} AS "lastSeenAt"
    FROM profiles ${clause} ORDER BY revenue DESC, profile_id LIMIT ${param(s.limit)} OFFSET ${param(s.offset)}`;
  const profiles = await db.all(page.text, page.params);
  return {
    total: total?.n ?? 0,
    limit: s.limit,
    offset: s.offset,
    profiles,
    ...(warnings.length && { warnings }),
  };
}
