/**
 * Bringing a saved segment's stored membership up to date with its rule: who entered, who left, and the
 * size logged. A refresh can be scoped to the profiles that changed, so new data costs what it touched.
 */
import type { SqlValue, Warehouse } from '../store/index.js';

/** What one refresh moved. */
export interface Moved {
  readonly count: number;
  readonly entered: number;
  readonly exited: number;
}

/**
 * Brings the membership of `name` to the rows of `sql` (a query selecting `profile_id`). With `scoped`,
 * only the profiles in the temporary table `segment_scope` (and members whose profile is gone) are looked
 * at; everyone else keeps their membership. Runs inside the caller's transaction.
 */
export async function materialize(
  tx: Warehouse,
  name: string,
  sql: string,
  params: readonly SqlValue[],
  scoped = false,
): Promise<Moved> {
  const inScope = scoped
    ? 'AND (c.profile_id IN (SELECT profile_id FROM segment_scope) OR c.profile_id NOT IN (SELECT profile_id FROM profiles))'
    : '';
  await tx.run('DROP TABLE IF EXISTS segment_now');
  await tx.run(
    `CREATE TEMP TABLE segment_now AS SELECT DISTINCT profile_id FROM (${sql}) q
     ${scoped ? 'WHERE q.profile_id IN (SELECT profile_id FROM segment_scope)' : ''}`,
    [...params],
  );
  // On PostgreSQL a table made moments ago has no statistics: the planner takes it for small and nests loops
  // over the membership (a cluster run's re-save of 2,000 profiles ran for minutes). DuckDB keeps its own.
  // SKIP_LOCKED: ANALYZE holds segment_membership's statistics lock to the end of the transaction, and a save
  // (saveSegment: its segments row deleted and written first) waiting for it while a refresh of the same
  // segment waits for that row closed a deadlock; a table analyzed by a transaction still open is fresh.
  const statistics = tx.dialect.refreshStatistics(['segment_now', 'segment_membership'], {
    skipLocked: true,
  });
  if (statistics !== null) await tx.run(statistics);
  const leaving = `FROM segment_membership c WHERE c.segment = ? AND c.exited_at IS NULL ${inScope}
     AND NOT EXISTS (SELECT 1 FROM segment_now s WHERE s.profile_id = c.profile_id)`;
  const [exited] = await tx.all<{ n: number }>(`SELECT count(*) AS n ${leaving}`, [name]);
  await tx.run(
    `UPDATE segment_membership SET exited_at = current_timestamp
     WHERE segment = ? AND exited_at IS NULL AND profile_id IN (SELECT c.profile_id ${leaving})`,
    [name, name],
  );
  const joining = `FROM segment_now s WHERE NOT EXISTS
     (SELECT 1 FROM segment_membership m WHERE m.segment = ? AND m.exited_at IS NULL AND m.profile_id = s.profile_id)`;
  const [entered] = await tx.all<{ n: number }>(`SELECT count(*) AS n ${joining}`, [name]);
  await tx.run(
    `INSERT INTO segment_membership (segment, profile_id, entered_at) SELECT ?, profile_id, current_timestamp ${joining}`,
    [name, name],
  );
  const [count] = await tx.all<{ n: number }>(
    'SELECT count(*) AS n FROM segment_membership WHERE segment = ? AND exited_at IS NULL',
    [name],
  );
  const moved = { count: count?.n ?? 0, entered: entered?.n ?? 0, exited: exited?.n ?? 0 };
  await tx.run('UPDATE segments SET size = ?, refreshed_at = current_timestamp WHERE name = ?', [
    moved.count,
    name,
  ]);
  await tx.run('INSERT INTO segment_sizes VALUES (?, current_timestamp, ?, ?, ?)', [
    name,
    moved.count,
    moved.entered,
    moved.exited,
  ]);
  await tx.run('DROP TABLE segment_now');
  return moved;
}
