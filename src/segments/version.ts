/**
 * What a saved segment holds, as a short text that changes whenever its definition or its members do, and
 * not when a refresh finds the same members again. Caches of what is computed from a segment's members
 * (personas, a segment's portrait in the report) key on it, so refreshing a segment whose members did not
 * move keeps their answers, while anyone entering or leaving (a row added to `segment_membership`, or its
 * `exited_at` set) moves the version, and so does deleting the segment and saving it again (its creation
 * time and its members' entry times are new).
 */
import type { Warehouse } from '../store/index.js';

/** Each named segment's version (segments that do not exist are left out), by name. */
export async function segmentVersions(db: Warehouse, names: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(names);
  if (!wanted.size) return new Map();
  const rows = await db.all<{ name: string; v: string }>(
    `SELECT s.name, concat_ws('|', s.expression, CAST(s.definition AS VARCHAR), CAST(s.created_at AS VARCHAR),
         CAST(coalesce(m.n, 0) AS VARCHAR), CAST(coalesce(m.exited, 0) AS VARCHAR),
         CAST(m.entered_at AS VARCHAR), CAST(m.exited_at AS VARCHAR)) AS v
     FROM segments s LEFT JOIN (
       SELECT segment, count(*) AS n, count(exited_at) AS exited, max(entered_at) AS entered_at, max(exited_at) AS exited_at
       FROM segment_membership GROUP BY segment) m ON m.segment = s.name
     ORDER BY s.name`,
  );
  return new Map(rows.filter((r) => wanted.has(r.name)).map((r) => [r.name, r.v]));
}
