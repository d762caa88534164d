import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { dropParts } from '../portraits/parts.js';
import type { SqlValue, Warehouse } from '../store/index.js';
import { findFootprint } from './footprint.js';
import { databaseKey } from './key.js';
import { type SuppressedType, suppressionEntries } from './suppress.js';

/** How to forget someone. */
export interface ForgetOptions {
  /** Say what would be removed, change nothing. */
  readonly dryRun?: boolean;
}

/** What `clientele forget` answers. */
export interface ForgetResult {
  readonly identifier: string;
  readonly profileId: number | null;
  /** Rows removed (or, in a dry run, that would be) per table; cache files under `overview_cache_files`. */
  readonly removed: Record<string, number>;
  /** The suppression entries added: the kind of identifier and its blind index (null in a dry run without a key). */
  readonly suppressed: { type: SuppressedType; blindIndex: string | null }[];
  readonly dryRun: boolean;
  /** Whether the database file was rewritten so that the erased rows' bytes are gone from it too. */
  compacted: boolean;
  readonly warnings: { code: string; message: string }[];
}

// Derived tables and how each holds a person: `$p` is the profile id, `$row` a row's locator; forget_rows, forget_ids and
// forget_rejects are the footprint as temporary tables.
const DERIVED: readonly { table: string; where: string }[] = [
  {
    table: 'record_profiles',
    where: `profile_id = $p OR EXISTS (SELECT 1 FROM forget_rows f
      WHERE f.record_table = record_profiles.record_table AND f.row_key = record_profiles.row_key)`,
  },
  {
    table: 'identity_nodes',
    where: `profile_id = $p OR EXISTS (SELECT 1 FROM forget_ids f
      WHERE f.id_type = identity_nodes.id_type AND f.value = identity_nodes.value)`,
  },
  {
    table: 'identity_conflicts',
    where: `profile_id = $p OR other_profile_id = $p
      OR EXISTS (SELECT 1 FROM forget_ids f WHERE f.id_type = identity_conflicts.id_type AND f.value = identity_conflicts.value)
      OR EXISTS (SELECT 1 FROM forget_rows f WHERE f.record_table = identity_conflicts.record_table AND f.row_key = identity_conflicts.row_key)`,
  },
  { table: 'profiles', where: 'profile_id = $p' },
  // The language and sentiment read from their texts (src/voice), keyed like the records.
  {
    table: 'text_analysis',
    where: `EXISTS (SELECT 1 FROM forget_rows f
      WHERE f.record_table = text_analysis.record_table AND f.row_key = text_analysis.row_key)`,
  },
  // Scores are keyed by the profile id as text, or the customer id of a record not yet resolved.
  {
    table: 'customer_scores',
    where: `customer_key = CAST($p AS VARCHAR)
      OR customer_key IN (SELECT value FROM forget_ids WHERE id_type = 'customer_id')`,
  },
  { table: 'segment_membership', where: 'profile_id = $p' },
  { table: 'consents', where: 'profile_id = $p' },
  { table: 'rejects', where: '$row IN (SELECT id FROM forget_rejects)' },
  // Activation (src/alerts, src/outbox, src/experiments): alert hits quote the person's text; deliveries not
  // yet made carry their traits (ordering keys end in the profile id). audience_members keeps the bare id so
  // that the next sync tells each destination the person left.
  {
    table: 'alert_hits',
    where: `profile_id = $p OR customer_id IN (SELECT value FROM forget_ids WHERE id_type = 'customer_id')
      OR EXISTS (SELECT 1 FROM forget_rows f WHERE f.record_table = alert_hits.source AND f.row_key = alert_hits.record_key)`,
  },
  { table: 'outbox', where: "status <> 'delivered' AND ordering_key LIKE ('%:' || CAST($p AS VARCHAR))" },
  { table: 'experiment_assignments', where: 'profile_id = $p' },
  // Opens, clicks and replies of their messages (src/campaigns/engagement.ts; clicks hold the URL followed).
  { table: 'message_engagement', where: 'profile_id = $p' },
  // Journeys (src/journeys): where the person is, the steps they took, the tags they were given.
  { table: 'journey_positions', where: 'profile_id = $p' },
  { table: 'journey_steps', where: 'profile_id = $p' },
  { table: 'journey_marks', where: 'profile_id = $p' },
  { table: 'profile_tags', where: 'profile_id = $p' },
  // Probable-duplicate decisions (src/housekeeping/dedupe) name both people by a customer id of theirs.
  {
    table: 'dedupe_decisions',
    where: `a IN (SELECT value FROM forget_ids WHERE id_type = 'customer_id')
      OR b IN (SELECT value FROM forget_ids WHERE id_type = 'customer_id')`,
  },
];

/** The overview's Parquet copies beside the database file (they hold one row per profile and day). */
export async function overviewCacheFiles(location: string): Promise<string[]> {
  if (location === ':memory:' || location === '') return [];
  const prefix = `${basename(location)}.overview-`;
  const dir = dirname(location);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.startsWith(prefix) && n.endsWith('.parquet')).map((n) => join(dir, n));
}

/**
 * Erases a person: every record holding one of their identifiers in every imported kind's table, their
 * order lines, their place in the identity graph, profile, scores, segment membership, consent and rejects,
 * and the overview's cached copies; then adds suppression entries (blind indexes of their identifiers and
 * order ids) so that a re-import or a later event does not bring them back. One transaction.
 */
export async function forgetPerson(
  db: Warehouse,
  identifier: string,
  options: ForgetOptions = {},
): Promise<ForgetResult> {
  const dryRun = options.dryRun ?? false;
  const result = await db.session(async (s) => {
    const fp = await findFootprint(s, identifier);
    const warnings: { code: string; message: string }[] = [];
    if (fp.profileId === null) {
      warnings.push({
        code: 'no_profile',
        message: `no profile has '${identifier}'; records holding it were looked for directly${fp.rows.length ? '' : ' and none were found'}, and it is suppressed all the same`,
      });
    }
    const orderIds = fp.rows.some((t) => t.table === 'orders')
      ? (
          await s.all<{ o: string }>(
            `SELECT DISTINCT order_id AS o FROM orders WHERE order_id IS NOT NULL AND ${s.dialect.listContains(s.dialect.jsonList('?', 'VARCHAR'), 'row_key')}`,
            [JSON.stringify(fp.rows.find((t) => t.table === 'orders')!.rowKeys)],
          )
        ).map((r) => r.o.trim())
      : [];
    const key = await databaseKey(s, { create: !dryRun });
    const entries: { type: SuppressedType; value: string }[] = [
      ...fp.identifiers,
      ...orderIds.map((value) => ({ type: 'order_id' as const, value })),
    ];
    const suppressed = key
      ? suppressionEntries(key, entries)
      : entries.map((e) => ({ type: e.type, blindIndex: null }));

    // Dropped first, not CREATE OR REPLACE: PostgreSQL has no such statement for tables.
    await s.run(
      'DROP TABLE IF EXISTS forget_rows; DROP TABLE IF EXISTS forget_ids; DROP TABLE IF EXISTS forget_rejects; CREATE TEMP TABLE forget_rows (record_table VARCHAR, row_key VARCHAR); CREATE TEMP TABLE forget_ids (id_type VARCHAR, value VARCHAR); CREATE TEMP TABLE forget_rejects (id VARCHAR)',
    );
    try {
      const flat = fp.rows.flatMap((t) => t.rowKeys.map((k) => [t.table, k] as const));
      await s.append('forget_rows', [
        { kind: 'text', values: flat.map((f) => f[0]) },
        { kind: 'text', values: flat.map((f) => f[1]) },
      ]);
      await s.append('forget_ids', [
        { kind: 'text', values: fp.identifiers.map((i) => i.type) },
        { kind: 'text', values: fp.identifiers.map((i) => i.value) },
      ]);
      await s.append('forget_rejects', [{ kind: 'text', values: fp.rejects }]);
      // The profile id is bound: `$p` in the conditions is the statement's first parameter.
      const profileId = fp.profileId ?? -1;
      const targets: { table: string; where: string; params: SqlValue[] }[] = [
        ...fp.rows.map((t) => ({
          table: t.table,
          where: 'row_key IN (SELECT row_key FROM forget_rows WHERE record_table = ?)',
          params: [t.table],
        })),
        ...DERIVED.map((d) => ({
          table: d.table,
          where: d.where.replaceAll('$p', '$1').replaceAll('$row', s.dialect.rowLocator(d.table)),
          params: d.where.includes('$p') ? [profileId] : [],
        })),
      ];
      const count = async (tx: Warehouse) => {
        const removed: Record<string, number> = {};
        for (const t of targets) {
          const [r] = await tx.all<{ n: number }>(
            `SELECT count(*)::INTEGER AS n FROM ${t.table} WHERE ${t.where}`,
            t.params,
          );
          if (r?.n) removed[t.table] = r.n;
        }
        return removed;
      };
      if (dryRun) return { fp, removed: await count(s), suppressed, warnings };
      const removed = await s.transaction(async (tx) => {
        const counts = await count(tx);
        for (const t of targets) await tx.run(`DELETE FROM ${t.table} WHERE ${t.where}`, t.params);
        // Saved segments' sizes follow their members.
        await tx.run(
          `UPDATE segments SET size = (SELECT count(*) FROM segment_membership m
             WHERE m.segment = segments.name AND m.exited_at IS NULL)`,
        );
        for (const e of suppressed) {
          await tx.run(
            'INSERT INTO suppressions (blind_index, id_type, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
            [e.blindIndex, e.type, 'erasure'],
          );
        }
        return counts;
      });
      return { fp, removed, suppressed, warnings };
    } finally {
      await s.run(
        'DROP TABLE IF EXISTS forget_rows; DROP TABLE IF EXISTS forget_ids; DROP TABLE IF EXISTS forget_rejects',
      );
    }
  });
  const caches = await overviewCacheFiles(db.location);
  if (caches.length) result.removed.overview_cache_files = caches.length;
  if (!dryRun) {
    for (const file of caches) await rm(file, { force: true });
    // The portraits' kept per-profile tables copy profiles' fields: dropped, built again for the new state.
    const parts = await dropParts(db);
    if (parts) result.removed.portrait_parts = parts;
    // Deleted rows stay in the file's blocks until a checkpoint rewrites them.
    await db.run('CHECKPOINT').catch(() => undefined);
  }
  return {
    identifier,
    profileId: result.fp.profileId,
    removed: result.removed,
    suppressed: result.suppressed,
    dryRun,
    compacted: false,
    warnings: result.warnings,
  };
}
