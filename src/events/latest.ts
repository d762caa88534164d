import type { Row, Warehouse } from '../store/index.js';

/** The latest stored events, newest first, of every source or of one write key's (`source`). */
export async function latestEvents(
  db: Warehouse,
  options: { limit: number; source?: string },
): Promise<Row[]> {
  return db.all(
    `SELECT e.message_id AS "messageId", e.type, e.event, e.user_id AS "userId", e.anonymous_id AS "anonymousId",
       CAST(e.ts AS VARCHAR) AS ts, CAST(e.properties AS VARCHAR) AS properties, CAST(e.traits AS VARCHAR) AS traits,
       CAST(e.extra AS VARCHAR) AS extra, i.file AS source
     FROM events e JOIN imports i USING (import_id)
     WHERE (CAST(? AS VARCHAR) IS NULL OR i.file = 'api:' || CAST(? AS VARCHAR)) ORDER BY e.imported_at DESC LIMIT ?`,
    [options.source ?? null, options.source ?? null, options.limit],
  );
}
