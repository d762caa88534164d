import { param, sql, type Warehouse } from '../store/index.js';

/** What came back from a message: its pixel loaded, a link followed, a reply. */
export type EngagementKind = 'open' | 'click' | 'reply';

/** One engagement as recorded, or null when no message has that tracking id. */
export interface Engagement {
  readonly messageId: string;
  readonly kind: EngagementKind;
  readonly profileId: number | null;
}

/**
 * Records an open, click or reply of the message whose tracking id (its `message_id`) is `trackingId`:
 * one `message_engagement` row each time, and the message's first `opened_at`/`clicked_at` (a click or a
 * reply implies the message was opened, even when images were blocked), which the profile's timeline and
 * e-mail traits read. An unknown id records nothing.
 */
export async function recordEngagement(
  db: Warehouse,
  trackingId: string,
  kind: EngagementKind,
  options: { url?: string; at?: Date } = {},
): Promise<Engagement | null> {
  const at = (options.at ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    const find = sql`SELECT rp.profile_id AS id FROM messages m
      LEFT JOIN record_profiles rp ON rp.record_table = 'messages' AND rp.row_key = m.row_key
      WHERE m.message_id = ${param(trackingId)} LIMIT 1`;
    const [found] = await tx.all<{ id: bigint | number | null }>(find.text, find.params);
    if (!found) return null;
    const profileId = found.id === null ? null : Number(found.id);
    const insert = sql`INSERT INTO message_engagement (message_id, kind, url, engaged_at, profile_id)
      VALUES (${param(trackingId)}, ${param(kind)}, ${param(options.url ?? null)}, CAST(${param(at)} AS TIMESTAMPTZ), ${param(profileId)})`;
    await tx.run(insert.text, insert.params);
    const when = sql`CAST(${param(at)} AS TIMESTAMPTZ)`;
    const update =
      kind === 'click'
        ? sql`UPDATE messages SET opened_at = coalesce(opened_at, ${when}), clicked_at = coalesce(clicked_at, ${when})
            WHERE message_id = ${param(trackingId)}`
        : sql`UPDATE messages SET opened_at = coalesce(opened_at, ${when}) WHERE message_id = ${param(trackingId)}`;
    await tx.run(update.text, update.params);
    return { messageId: trackingId, kind, profileId };
  });
}
