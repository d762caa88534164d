import type { FastifyInstance } from 'fastify';
import {
  ProfileListQuery as ListQuery,
  Profile,
  ProfileList,
  ProfileParams,
  ProfileQuery,
  ProfileTimeline,
  ResolveBody,
  ResolveSummary,
} from '../../contracts/profiles.js';
import { replies } from '../../contracts/shared.js';
import { resolveIdentities } from '../../identity/index.js';
import { normalizeEmail, normalizePhone } from '../../identity/normalize.js';
import { fieldCrypto } from '../../privacy/fields.js';
import { findProfile, requireProfile } from '../../profiles/index.js';
import { LIKE_ESCAPE, likeEscape, type Warehouse } from '../../store/index.js';

/** What the profile routes need. */
export interface ProfileDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

/**
 * Profiles behind the role matrix (src/security/routes.ts): one profile by any identifier (with its timeline), a filtered page
 * of profiles, and identity resolution on demand (the server owns the database, so the CLI asks here).
 */
export async function profileRoutes(app: FastifyInstance, deps: ProfileDeps): Promise<void> {
  const security = [{ adminToken: [] }];
  app.get(
    '/v1/profiles/:id',
    {
      schema: {
        summary: 'One profile, found by any identifier',
        tags: ['profiles'],
        security,
        params: ProfileParams,
        querystring: ProfileQuery,
        response: replies(Profile),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const q = request.query as { explain: boolean; timeline: number };
      return requireProfile(deps.db, id, { explain: q.explain, timeline: q.timeline });
    },
  );
  app.get(
    '/v1/profiles/:id/timeline',
    {
      schema: {
        summary: 'Every touchpoint of one profile, newest first',
        tags: ['profiles'],
        security,
        params: ProfileParams,
        querystring: ProfileQuery,
        response: replies(ProfileTimeline),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const profile = await requireProfile(deps.db, id, {
        timeline: (request.query as { timeline: number }).timeline,
      });
      return { profileId: profile.id, timeline: profile.timeline };
    },
  );
  app.get(
    '/v1/profiles',
    {
      schema: {
        summary: 'Profiles, most valuable first, filtered and paginated',
        tags: ['profiles'],
        security,
        querystring: ListQuery,
        response: replies(ProfileList),
      },
    },
    async (request) => {
      const q = request.query as {
        limit: number;
        offset: number;
        q?: string;
        country?: string;
        minOrders?: number;
        isProspect?: boolean;
      };
      const where: string[] = [];
      const params: (string | number | boolean)[] = [];
      const warnings: { code: string; message: string }[] = [];
      const crypto = q.q ? await fieldCrypto(deps.db) : null;
      if (q.q && crypto) {
        // Encrypted names and e-mails cannot be searched by substring: an exact e-mail or phone is found by
        // its blind index, anything else only among customer ids.
        const exact =
          normalizeEmail(q.q) ?? (/[0-9]{6}/.test(q.q.replace(/\D/g, '')) ? normalizePhone(q.q) : null);
        if (exact) {
          where.push('profile_id = ?');
          params.push((await findProfile(deps.db, q.q)) ?? -1);
        } else {
          where.push(`array_to_string(customer_ids, ' ') ILIKE ? ${LIKE_ESCAPE}`);
          params.push(`%${likeEscape(q.q)}%`);
          warnings.push({
            code: 'encrypted_search',
            message:
              'personal fields are stored encrypted: q= matches a whole e-mail or phone number exactly, or part of a customer id; names and parts of e-mails are not searched',
          });
        }
      } else if (q.q) {
        where.push(
          `(email ILIKE ? ${LIKE_ESCAPE} OR concat_ws(' ', first_name, last_name, full_name) ILIKE ? ${LIKE_ESCAPE} OR array_to_string(customer_ids, ' ') ILIKE ? ${LIKE_ESCAPE})`,
        );
        const pattern = `%${likeEscape(q.q)}%`;
        params.push(pattern, pattern, pattern);
      }
      if (q.country) {
        where.push('country = ?');
        params.push(q.country);
      }
      if (q.minOrders !== undefined) {
        where.push('orders >= ?');
        params.push(q.minOrders);
      }
      if (q.isProspect !== undefined) {
        where.push('coalesce(is_prospect, false) = ?');
        params.push(q.isProspect);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const [total] = await deps.db.all<{ n: number }>(
        `SELECT count(*) AS n FROM profiles ${clause}`,
        params,
      );
      const rows = await deps.db.all(
        `SELECT profile_id AS id, customer_ids AS "customerIds", email, first_name AS "firstName", last_name AS "lastName",
           country, orders, round(revenue, 2) AS revenue, strftime(last_seen_at, '%Y-%m-%dT%H:%M:%SZ') AS "lastSeenAt"
         FROM profiles ${clause} ORDER BY revenue DESC, profile_id LIMIT ? OFFSET ?`,
        [...params, q.limit, q.offset],
      );
      return {
        total: total?.n ?? 0,
        limit: q.limit,
        offset: q.offset,
        profiles: rows,
        ...(warnings.length && { warnings }),
      };
    },
  );
  app.post(
    '/v1/identity/resolve',
    {
      schema: {
        summary: 'Join new records (imports and events) into profiles',
        tags: ['profiles'],
        security,
        body: ResolveBody,
        response: replies(ResolveSummary),
      },
    },
    async (request) =>
      resolveIdentities(deps.db, { full: (request.body as { full?: boolean } | undefined)?.full ?? false }),
  );
}
