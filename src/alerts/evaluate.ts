import { enqueue } from '../outbox/index.js';
import { openSecret } from '../privacy/secrets.js';
import type { Warehouse } from '../store/index.js';
import { keywordMatcher } from '../text/index.js';
import { sentimentScore } from './sentiment.js';
import { type Candidate, candidates } from './sources.js';
import { type AlertAction, type AlertSource, listAlerts } from './store.js';

/** One alert's hit, as the inbox and the webhook show it. */
export type AlertHit = {
  readonly alert: string;
  readonly at: string;
  readonly source: string;
  readonly recordId: string;
  readonly customerId: string | null;
  readonly text: string;
  readonly matched: readonly string[];
};

/** What evaluating one alert found. */
export interface AlertEvaluation {
  readonly alert: string;
  readonly looked: number;
  readonly hits: number;
}

// A hit keeps the opening of a long text (a 1 MB post is still one alert, not a megabyte in the inbox).
const TEXT_KEPT = 2_000;

/** Whether an event or post kind is the action (`like` is liked, likes, Post Liked, page_like …). */
export function isAction(kind: string | null, action: AlertAction): boolean {
  if (!kind) return false;
  const words = kind.toLowerCase().split(/[^\p{L}]+/u);
  return words.some((w) => w === action || w === `${action}s` || w === `${action}d` || w === `${action}ed`);
}

type Stored = {
  name: string;
  keywords: string | null;
  on_kind: AlertAction | null;
  source: AlertSource;
  sentiment_below: number | null;
  segment: string | null;
  webhook: string | null;
  secret: string | null;
  fold_diacritics: boolean;
  evaluated_to: string;
  evaluated_import: number;
  created_at: string;
  created_import: number;
};

/**
 * Evaluates alerts over the records that arrived since each last looked (or, with `backfill`, over every
 * stored record), exactly once per (alert, record): a hit is stored under its (alert, source, record) key,
 * and only a new hit is enqueued to the alert's webhook, in the same transaction.
 */
export async function evaluateAlerts(
  db: Warehouse,
  options: {
    readonly names?: readonly string[];
    readonly backfill?: boolean;
    /** Only alerts without a segment filter (profiles are not current yet). */
    readonly withoutSegmentOnly?: boolean;
  } = {},
): Promise<AlertEvaluation[]> {
  const all = await db.all<Stored>(
    `SELECT name, CAST(keywords AS VARCHAR) AS keywords, on_kind, source, sentiment_below, segment, webhook, secret,
       fold_diacritics, ${db.dialect.formatTime('evaluated_to', '%Y-%m-%dT%H:%M:%S.%fZ')} AS evaluated_to, evaluated_import,
       ${db.dialect.formatTime('created_at', '%Y-%m-%dT%H:%M:%S.%fZ')} AS created_at, created_import
     FROM alerts ORDER BY name`,
  );
  const wanted = all.filter(
    (a) =>
      (options.names === undefined || options.names.includes(a.name)) &&
      !(options.withoutSegmentOnly && a.segment !== null),
  );
  const out: AlertEvaluation[] = [];
  for (const alert of wanted) {
    const [mark] = await db.all<{ at: string; i: number }>(
      `SELECT ${db.dialect.formatTime('current_timestamp', '%Y-%m-%dT%H:%M:%S.%fZ')} AS at, coalesce(max(import_id), 0) AS i FROM imports`,
    );
    const since = options.backfill
      ? null
      : {
          importId: Number(alert.evaluated_import),
          at: alert.evaluated_to,
          createdImport: Number(alert.created_import),
          createdAt: alert.created_at,
        };
    const found = await candidates(db, alert.source, since);
    const hits = await select(db, alert, found);
    // Stored sealed (src/privacy/secrets.ts): in clear only to sign what is enqueued now.
    const secret = await openSecret(db, alert.secret, 'alerts.secret');
    await db.transaction(async (tx) => {
      const fresh = await newHits(tx, alert.name, hits);
      if (fresh.length) {
        await tx.run(
          `INSERT INTO alert_hits (alert, source, record_key, hit_at, record_at, profile_id, customer_id, text, matched)
           SELECT ?, h.source, h.key, current_timestamp, CAST(h.at AS TIMESTAMPTZ), h.profile_id, h.customer_id, h.text, CAST(h.matched AS JSON)
           FROM ${tx.dialect.jsonRecords('?', { source: 'VARCHAR', key: 'VARCHAR', at: 'VARCHAR', profile_id: 'BIGINT', customer_id: 'VARCHAR', text: 'VARCHAR', matched: 'VARCHAR' }, 'h')}
           ON CONFLICT DO NOTHING`,
          [
            alert.name,
            JSON.stringify(
              fresh.map(({ c, matched }) => ({
                source: c.source,
                key: c.key,
                at: c.at,
                profile_id: c.profileId,
                customer_id: c.customerId,
                text: c.text.slice(0, TEXT_KEPT),
                matched: JSON.stringify(matched),
              })),
            ),
          ],
        );
        if (alert.webhook) {
          const webhook = alert.webhook;
          await enqueue(
            tx,
            fresh.map(({ c, matched }) => ({
              origin: `alert:${alert.name}`,
              orderingKey: `alert:${alert.name}:${c.profileId ?? c.key}`,
              url: webhook,
              secret,
              body: JSON.stringify({
                type: 'alert.hit',
                alert: alert.name,
                at: c.at ?? new Date().toISOString(),
                source: c.source,
                recordId: c.key,
                customerId: c.customerId,
                text: c.text.slice(0, TEXT_KEPT),
                matched,
              } satisfies AlertHit & { type: string }),
            })),
          );
        }
      }
      if (mark)
        await tx.run(
          'UPDATE alerts SET evaluated_to = CAST(? AS TIMESTAMPTZ), evaluated_import = ? WHERE name = ?',
          [mark.at, Number(mark.i), alert.name],
        );
      out.push({ alert: alert.name, looked: found.length, hits: fresh.length });
    });
  }
  return out;
}

// The candidates that fire the alert, with what matched.
async function select(
  db: Warehouse,
  alert: Stored,
  found: readonly Candidate[],
): Promise<{ c: Candidate; matched: string[] }[]> {
  const match = alert.keywords
    ? keywordMatcher(JSON.parse(alert.keywords) as string[], { foldDiacritics: alert.fold_diacritics })
    : null;
  let members: Set<number> | null = null;
  if (alert.segment !== null) {
    const rows = await db.all<{ id: number }>(
      'SELECT profile_id AS id FROM segment_membership WHERE segment = ? AND exited_at IS NULL',
      [alert.segment],
    );
    members = new Set(rows.map((r) => Number(r.id)));
  }
  const out: { c: Candidate; matched: string[] }[] = [];
  for (const c of found) {
    if (members && (c.profileId === null || !members.has(c.profileId))) continue;
    let matched: string[] = [];
    if (alert.on_kind) {
      if (!isAction(c.kind, alert.on_kind)) continue;
      matched = [alert.on_kind];
    }
    if (match) {
      matched = match(c.text);
      if (matched.length === 0) continue;
    }
    if (alert.sentiment_below !== null) {
      const score = sentimentScore(c.text);
      if (!(score < alert.sentiment_below)) continue;
      if (!match && !alert.on_kind) matched = [`sentiment ${score.toFixed(2)}`];
    }
    out.push({ c, matched });
  }
  return out;
}

// Of the hits, those not stored already (exactly once per alert and record).
async function newHits(
  tx: Warehouse,
  alert: string,
  hits: readonly { c: Candidate; matched: string[] }[],
): Promise<{ c: Candidate; matched: string[] }[]> {
  if (hits.length === 0) return [];
  const stored = await tx.all<{ k: string }>(
    `SELECT source || '|' || record_key AS k FROM alert_hits
     WHERE alert = ? AND ${tx.dialect.listContains(tx.dialect.jsonList('?', 'VARCHAR'), "source || '|' || record_key")}`,
    [alert, JSON.stringify(hits.map((h) => `${h.c.source}|${h.c.key}`))],
  );
  const seen = new Set(stored.map((s) => s.k));
  const out: { c: Candidate; matched: string[] }[] = [];
  for (const h of hits) {
    const k = `${h.c.source}|${h.c.key}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(h);
  }
  return out;
}

/** The hits of one alert or all, newest first. */
export async function alertInbox(db: Warehouse, name?: string, limit = 1_000): Promise<AlertHit[]> {
  const rows = await db.all<Omit<AlertHit, 'matched'> & { matched: string }>(
    `SELECT alert, ${db.dialect.formatTime('coalesce(record_at, hit_at)', '%Y-%m-%dT%H:%M:%SZ')} AS at, source, record_key AS "recordId",
       customer_id AS "customerId", text, CAST(matched AS VARCHAR) AS matched
     FROM alert_hits WHERE CAST(? AS VARCHAR) IS NULL OR alert = ? ORDER BY coalesce(record_at, hit_at) DESC, alert, record_key LIMIT ?`,
    [name ?? null, name ?? null, limit],
  );
  return rows.map((r) => ({ ...r, matched: JSON.parse(r.matched) as string[] }));
}

/** Alerts exist in this database (imports skip evaluating when none do). */
export async function hasAlerts(db: Warehouse): Promise<boolean> {
  return (await listAlerts(db)).length > 0;
}
