/** The identity commands' reads and writes beside resolution: blocked values and refused merges. */
import { ClienteleError } from '../errors/index.js';
import type { Row, Warehouse } from '../store/index.js';

/** Blocks an identifier value (as normalized) so that nothing joins on it again; the caller re-resolves. */
export async function blockIdentifier(db: Warehouse, value: string, reason?: string): Promise<void> {
  await db.run('INSERT INTO identity_blocked (value, reason) VALUES (?, ?) ON CONFLICT DO NOTHING', [
    value,
    reason ?? null,
  ]);
}

/** Lets a blocked value join records again; CLT_ERR_USAGE when it is not blocked. The caller re-resolves. */
export async function unblockIdentifier(db: Warehouse, value: string): Promise<void> {
  const [hit] = await db.all<{ n: number }>('SELECT count(*) AS n FROM identity_blocked WHERE value = ?', [
    value,
  ]);
  if (!hit?.n) throw new ClienteleError('CLT_ERR_USAGE', `${value} is not blocked`);
  await db.run('DELETE FROM identity_blocked WHERE value = ?', [value]);
}

/** The merges the rules refused, newest first: table, rowKey, type, value, profile, otherProfile. */
export async function listConflicts(db: Warehouse, limit: number): Promise<Row[]> {
  return db.all(
    `SELECT record_table AS "table", row_key AS "rowKey", id_type AS type, value, profile_id AS profile, other_profile_id AS "otherProfile"
     FROM identity_conflicts ORDER BY detected_at DESC, row_key LIMIT ?`,
    [limit],
  );
}
