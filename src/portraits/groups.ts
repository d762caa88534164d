import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import { baseSql, categoricalSql, numericSql, ORDERS_SQL } from './features.js';
import { attachedState, detach, markAttached, part, partsState } from './parts.js';
import { tempTable } from './scratch.js';

/** What a portrait sets side by side: a segment against everyone else, or two segments. */
export type Groups =
  | { readonly kind: 'segment'; readonly name: string }
  | { readonly kind: 'pair'; readonly a: string; readonly b: string };

/** The sizes of the two sides: `a` is the segment (or the first), `b` everyone else (or the second). */
export interface GroupSizes {
  readonly a: number;
  readonly b: number;
  readonly profiles: number;
}

const CURRENT = 'SELECT DISTINCT profile_id FROM segment_membership WHERE segment = ? AND exited_at IS NULL';

/** Throws CLT_ERR_SEGMENT_NOT_FOUND unless a segment of that name is saved. */
export async function requireSegment(
  db: Warehouse,
  name: string,
): Promise<{ name: string; kind: string; description: string | null; expression: string | null }> {
  const [row] = await db.all<{
    name: string;
    kind: string;
    description: string | null;
    expression: string | null;
  }>(`SELECT name, coalesce(kind, 'rule') AS kind, description, expression FROM segments WHERE name = ?`, [
    name,
  ]);
  if (!row)
    throw new ClienteleError(
      'CLT_ERR_SEGMENT_NOT_FOUND',
      `no segment named '${name}'`,
      { name },
      phrase('error.noSegment', { name }),
    );
  return row;
}

/**
 * Runs `fn` on a connection of its own holding the scratch tables every portrait query reads:
 * pt_group(profile_id, g) with g 'a' or 'b', pt_base (profiles with scores), pt_cat and pt_num (the
 * features in long form). They are temporary tables, so concurrent portraits do not see each other's.
 * The feature tables cover every profile and do not depend on the groups: inside `withFeatures` they
 * are built once for many portraits.
 */
export async function withGroups<T>(
  db: Warehouse,
  groups: Groups,
  fn: (s: Warehouse, sizes: GroupSizes) => Promise<T>,
): Promise<T> {
  return withFeatures(db, async (s) => {
    try {
      if (groups.kind === 'segment') {
        await tempTable(
          s,
          'pt_group',
          `SELECT p.profile_id, CASE WHEN m.profile_id IS NULL THEN 'b' ELSE 'a' END AS g
           FROM profiles p LEFT JOIN (${CURRENT}) m ON m.profile_id = p.profile_id`,
          [groups.name],
        );
      } else {
        await tempTable(
          s,
          'pt_group',
          `SELECT profile_id, 'a' AS g FROM (${CURRENT}) ma UNION ALL SELECT profile_id, 'b' FROM (${CURRENT}) mb`,
          [groups.a, groups.b],
        );
      }
      const [sizes] = await s.all<{ a: number; b: number; profiles: number }>(
        `SELECT count(*) FILTER (WHERE g = 'a') AS a, count(*) FILTER (WHERE g = 'b') AS b,
           (SELECT count(*) FROM profiles) AS profiles FROM pt_group`,
      );
      return await fn(s, sizes ?? { a: 0, b: 0, profiles: 0 });
    } finally {
      await s.run('DROP TABLE IF EXISTS pt_group');
    }
  });
}

/** The data-only parts withFeatures makes readable (src/portraits/parts.ts). */
const FEATURE_PARTS = ['pt_orders', 'pt_base', 'pt_cat', 'pt_num'] as const;

/**
 * Runs `fn` on one connection where pt_orders, pt_base, pt_cat and pt_num exist (unless an enclosing call made
 * them readable): the tables kept for the data's state (parts.ts), built first when this state has none.
 * The views are dropped afterwards; the tables stay for the next portrait or persona of the same data.
 */
export async function withFeatures<T>(db: Warehouse, fn: (s: Warehouse) => Promise<T>): Promise<T> {
  return db.session(async (s) => {
    if (attachedState(s) !== undefined) return fn(s);
    const state = await partsState(s);
    try {
      markAttached(s, state);
      await part(s, state, 'pt_orders', ORDERS_SQL);
      await part(s, state, 'pt_base', baseSql(s.dialect));
      await part(s, state, 'pt_cat', categoricalSql(s.dialect));
      await part(s, state, 'pt_num', numericSql(s.dialect));
      return await fn(s);
    } finally {
      markAttached(s, undefined);
      await detach(s, FEATURE_PARTS);
    }
  });
}
