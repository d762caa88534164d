/**
 * Social activity sent over the Event API lands as the `social` kind, like an imported posts file: a `track`
 * event named `Social` (or `Social Post`, `Social Like`, `Social Share` …, any case) becomes one `social` row
 * whose fields come from its properties (`post_id`, `platform`, `handle`, `kind`, `text`, `target`, `url`,
 * `posted_at`) and its identifiers (`userId` as the customer id, e-mail, phone, anonymous id). The kind is
 * `properties.kind`, else the event name's second word, else `post`. Rows are keyed `event:<event row key>`,
 * so promoting again adds nothing; identity resolution then joins them to profiles through their handles
 * (src/identity/sources.ts), and the alerts read them as social records (the events source skips them, so a
 * post is one hit, not two).
 */
import { inTurn, param, raw, sql, type Warehouse } from '../store/index.js';

const MARK = 'social.events_through';

/** The condition that picks social events out of `events` under the alias `alias`. */
export const socialEvent = (alias: string): string =>
  `(lower(${alias}.event) = 'social' OR lower(${alias}.event) LIKE 'social %')`;

/**
 * Copies the social events that arrived since the last call into `social`; returns how many. Calls take
 * turns (the server's loop, an alert pass and a `words` request may ask at once): the NOT EXISTS below does
 * not stop two at once from adding the same post.
 */
export function promoteSocialEvents(db: Warehouse): Promise<number> {
  return inTurn(db, 'social-events', promoteOnce);
}

async function promoteOnce(db: Warehouse): Promise<number> {
  const [mark] = await db.all<{ value: string }>('SELECT value FROM upkeep_state WHERE name = ?', [MARK]);
  const [newest] = await db.all<{ at: string | null }>(
    `SELECT ${db.dialect.formatTime('max(imported_at)', '%Y-%m-%dT%H:%M:%S.%fZ')} AS at FROM events`,
  );
  if (!newest?.at || newest.at === mark?.value) return 0;
  // Thirty seconds of slack: a group commit stamps its rows with its start, which may precede the last mark.
  const since = mark?.value ?? '1970-01-01T00:00:00Z';
  const p = (k: string) => `(e.properties->>'${k}')`;
  const q = sql`INSERT INTO social (post_id, platform, handle, customer_id, email, phone, anonymous_id, kind, text,
      target, url, posted_at, row_key, row_hash, import_id, source_row, extra, imported_at)
    SELECT coalesce(${raw(p('post_id'))}, ${raw(p('postId'))}, e.message_id),
      lower(${raw(p('platform'))}), ${raw(p('handle'))}, e.user_id, e.email, e.phone, e.anonymous_id,
      lower(coalesce(nullif(trim(${raw(p('kind'))}), ''), nullif(trim(substr(e.event, 8)), ''), 'post')),
      ${raw(p('text'))}, ${raw(p('target'))}, ${raw(p('url'))},
      coalesce(${raw(db.dialect.tryTimestamptz(p('posted_at')))}, ${raw(db.dialect.tryTimestamptz(p('postedAt')))}, e.ts),
      'event:' || e.row_key, e.row_hash, e.import_id, e.source_row, e.properties, now()
    FROM events e
    WHERE e.type = 'track' AND ${raw(socialEvent('e'))}
      AND e.imported_at >= CAST(${param(since)} AS TIMESTAMPTZ) - INTERVAL '30 seconds'
      AND NOT EXISTS (SELECT 1 FROM social s WHERE s.row_key = 'event:' || e.row_key)`;
  const before = await countSocial(db);
  await db.run(q.text, [...q.params]);
  const added = (await countSocial(db)) - before;
  await db.run(
    `INSERT INTO upkeep_state (name, value, updated_at) VALUES (?, ?, now())
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [MARK, newest.at],
  );
  return added;
}

async function countSocial(db: Warehouse): Promise<number> {
  const [row] = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM social');
  return Number(row?.n ?? 0);
}
