import { ClienteleError } from '../errors/index.js';
import { checkHttpUrl } from '../outbox/index.js';
import { sealSecret } from '../privacy/secrets.js';
import { getSegment } from '../segments/index.js';
import type { Dialect, Warehouse } from '../store/index.js';

/** Where an alert looks. */
export const ALERT_SOURCES = ['social', 'feedback', 'events', 'all'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];
/** The social actions an alert can fire on. */
export const ALERT_ACTIONS = ['like', 'follow', 'share'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** An alert as stored and listed (its secret never shown). */
export type Alert = {
  readonly name: string;
  readonly keywords: readonly string[] | null;
  readonly on: AlertAction | null;
  readonly source: AlertSource;
  readonly sentimentBelow: number | null;
  readonly segment: string | null;
  readonly webhook: string | null;
  readonly signed: boolean;
  readonly foldDiacritics: boolean;
  readonly createdAt: string;
  readonly hits: number;
};

/** What `alerts create` takes. */
export interface AlertInput {
  readonly name: string;
  readonly keywords?: string | undefined;
  readonly on?: string | undefined;
  readonly source?: string | undefined;
  readonly sentimentBelow?: number | undefined;
  readonly segment?: string | undefined;
  readonly webhook?: string | undefined;
  readonly secret?: string | undefined;
  readonly foldDiacritics?: boolean | undefined;
}

// Named by the option as the API spells it, not by a command-line flag (issue 13: service errors name options).
const invalid = (option: string, message: string) =>
  new ClienteleError('CLT_ERR_ACTIVATION_INVALID', message, { option });

/** Splits a keyword list: commas separate, blanks and repeats are dropped. */
export function parseKeywords(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Checks and saves an alert. It watches records that arrive from now on; `backfill` (done by the caller
 * through `evaluateAlerts`) also looks at what is stored.
 */
export async function createAlert(db: Warehouse, input: AlertInput): Promise<Alert> {
  const keywords = input.keywords === undefined ? null : parseKeywords(input.keywords);
  if ((keywords === null) === (input.on === undefined))
    throw invalid('keywords', 'give either keywords ("a,b") or on (like, follow or share)');
  if (keywords !== null && keywords.length === 0)
    throw invalid('keywords', 'keywords: give at least one keyword');
  if (input.on !== undefined && !(ALERT_ACTIONS as readonly string[]).includes(input.on))
    throw invalid('on', `on ${input.on}: use like, follow or share`);
  const source = (input.source ?? (input.on ? 'social' : 'all')) as AlertSource;
  if (!ALERT_SOURCES.includes(source))
    throw invalid('source', `source ${input.source}: use social, feedback, events or all`);
  const below = input.sentimentBelow;
  if (below !== undefined && !(Number.isFinite(below) && below >= -1 && below <= 1))
    throw invalid('sentimentBelow', `sentimentBelow ${below}: a score between -1 and 1`);
  if (input.segment !== undefined) await getSegment(db, input.segment);
  const webhook = input.webhook === undefined ? null : checkHttpUrl(input.webhook, 'webhook');
  if (input.secret !== undefined && webhook === null)
    throw invalid('secret', 'secret signs webhook bodies: give webhook too');
  const [exists] = await db.all('SELECT 1 FROM alerts WHERE name = ?', [input.name]);
  if (exists) throw new ClienteleError('CLT_ERR_ACTIVATION_EXISTS', `an alert named '${input.name}' exists`);
  // From now on: records already stored are not alerted on unless backfilled.
  await db.run(
    `INSERT INTO alerts (name, keywords, on_kind, source, sentiment_below, segment, webhook, secret, fold_diacritics,
       evaluated_to, evaluated_import, created_import)
     VALUES (?, CAST(? AS JSON), ?, ?, ?, ?, ?, ?, ?, current_timestamp, (SELECT coalesce(max(import_id), 0) FROM imports),
       (SELECT coalesce(max(import_id), 0) FROM imports))`,
    [
      input.name,
      keywords === null ? null : JSON.stringify(keywords),
      input.on ?? null,
      source,
      below ?? null,
      input.segment ?? null,
      webhook,
      await sealSecret(db, input.secret, 'alerts.secret'),
      input.foldDiacritics ?? true,
    ],
  );
  return getAlert(db, input.name);
}

const select = (
  d: Dialect,
) => `SELECT a.name, CAST(a.keywords AS VARCHAR) AS keywords, a.on_kind AS "on", a.source,
  a.sentiment_below AS "sentimentBelow", a.segment, a.webhook, a.secret IS NOT NULL AS signed,
  a.fold_diacritics AS "foldDiacritics", ${d.formatTime('a.created_at', '%Y-%m-%dT%H:%M:%SZ')} AS "createdAt",
  (SELECT count(*)::INTEGER FROM alert_hits h WHERE h.alert = a.name) AS hits FROM alerts a`;

const parse = (r: Omit<Alert, 'keywords'> & { keywords: string | null }): Alert => ({
  ...r,
  keywords: r.keywords === null ? null : (JSON.parse(r.keywords) as string[]),
});

/** Every alert. */
export async function listAlerts(db: Warehouse): Promise<Alert[]> {
  return (
    await db.all<Omit<Alert, 'keywords'> & { keywords: string | null }>(
      `${select(db.dialect)} ORDER BY a.name`,
    )
  ).map(parse);
}

/** One alert, or the not-found error. */
export async function getAlert(db: Warehouse, name: string): Promise<Alert> {
  const [row] = await db.all<Omit<Alert, 'keywords'> & { keywords: string | null }>(
    `${select(db.dialect)} WHERE a.name = ?`,
    [name],
  );
  if (!row) throw new ClienteleError('CLT_ERR_ACTIVATION_NOT_FOUND', `no alert named '${name}'`, { name });
  return parse(row);
}

/** Deletes an alert and its inbox (deliveries already in the outbox still go out). */
export async function deleteAlert(db: Warehouse, name: string): Promise<{ name: string; deleted: true }> {
  await getAlert(db, name);
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM alert_hits WHERE alert = ?', [name]);
    await tx.run('DELETE FROM alerts WHERE name = ?', [name]);
  });
  return { name, deleted: true };
}
