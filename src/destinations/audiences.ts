import { randomUUID } from 'node:crypto';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import { titleEn, titlePhrase } from '../i18n/titles.js';
import { enqueue } from '../outbox/index.js';
import { consentCondition } from '../privacy/consent.js';
import { exportSegment, getSegment } from '../segments/index.js';
import { type Dialect, inTurn, type Warehouse } from '../store/index.js';
import { deliveriesFor, type ProfileEvent } from './messages.js';
import { destinationRow } from './store.js';

/** The traits an audience sends when `--fields` is not given. */
export const DEFAULT_AUDIENCE_FIELDS = ['email', 'first_name', 'last_name', 'country'];

/** An audience: a saved segment kept in step with a destination. */
export interface Audience {
  readonly name: string;
  readonly segment: string;
  readonly destination: string;
  readonly fields: readonly string[];
  readonly members: number;
  readonly syncedAt: string | null;
}

/** What one sync did, before delivery (`deliveries` are outbox ids with the events each carries). */
export interface AudienceSync {
  readonly name: string;
  readonly entered: number;
  readonly exited: number;
  readonly deliveries: readonly { readonly id: string; readonly count: number }[];
  /** Rows written, for a file destination (delivered at once). */
  readonly written: number;
}

/** Saves an audience after checking that its segment and destination exist. */
export async function createAudience(
  db: Warehouse,
  input: { name: string; segment: string; to: string; fields?: readonly string[] | undefined },
): Promise<Audience> {
  await getSegment(db, input.segment);
  await destinationRow(db, input.to);
  const [exists] = await db.all('SELECT 1 FROM audiences WHERE name = ?', [input.name]);
  if (exists)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_EXISTS',
      `an audience named “${titleEn(input.name)}” exists`,
      { name: input.name },
      phrase('error.audienceExists', { name: titlePhrase(input.name) }),
    );
  const fields = input.fields?.length ? input.fields : DEFAULT_AUDIENCE_FIELDS;
  await db.run('INSERT INTO audiences (name, segment, destination, fields) VALUES (?, ?, ?, ?)', [
    input.name,
    input.segment,
    input.to,
    JSON.stringify(fields),
  ]);
  return getAudience(db, input.name);
}

const select = (d: Dialect) => `SELECT a.name, a.segment, a.destination, CAST(a.fields AS VARCHAR) AS fields,
  (SELECT count(*)::INTEGER FROM audience_members m WHERE m.audience = a.name) AS members,
  ${d.formatTime('a.synced_at', '%Y-%m-%dT%H:%M:%SZ')} AS "syncedAt" FROM audiences a`;

type AudienceRow = Omit<Audience, 'fields'> & { fields: string };
const parse = (r: AudienceRow): Audience => ({ ...r, fields: JSON.parse(r.fields) as string[] });

/** Every audience. */
export async function listAudiences(db: Warehouse): Promise<Audience[]> {
  return (await db.all<AudienceRow>(`${select(db.dialect)} ORDER BY a.name`)).map(parse);
}

/** One audience, or the not-found error. */
export async function getAudience(db: Warehouse, name: string): Promise<Audience> {
  const [row] = await db.all<AudienceRow>(`${select(db.dialect)} WHERE a.name = ?`, [name]);
  if (!row)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_NOT_FOUND',
      `no audience named “${titleEn(name)}”`,
      { name },
      phrase('error.noAudience', { name: titlePhrase(name) }),
    );
  return parse(row);
}

/** Deletes an audience and its record of who was sent (the destination is not told). */
export async function deleteAudience(db: Warehouse, name: string): Promise<{ name: string; deleted: true }> {
  await getAudience(db, name);
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM audience_members WHERE audience = ?', [name]);
    await tx.run('DELETE FROM audiences WHERE name = ?', [name]);
  });
  return { name, deleted: true };
}

// A profile row as JSON, its traits picked by field name: a column of the stored profile, else a trait.
function pick(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const traits = (typeof row.traits === 'string' ? JSON.parse(row.traits) : (row.traits ?? {})) as Record<
    string,
    unknown
  >;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = Object.hasOwn(row, f) && f !== 'traits' ? row[f] : (traits[f] ?? null);
  return out;
}

/**
 * Brings one audience's destination in step with its segment: the members who consented to ads (an
 * audience is advertising: GDPR art. 6(1)(a)) and were not erased. The first sync sends every member as
 * `audience.entered`; later ones the entered and exited since. Deliveries are enqueued in the same
 * transaction that records who was sent, so a crash neither loses nor repeats a move; the outbox delivers
 * them. A file destination is rewritten with the current members instead. Syncs of one audience take turns
 * (the server's loop and a request may ask at once): the second then finds only what moved since the first.
 */
export function syncAudience(db: Warehouse, name: string): Promise<AudienceSync> {
  return inTurn(db, `audience:${name}`, (tx) => syncOnce(tx, name));
}

/**
 * What the server's loop runs: the sync of an audience whose segment was refreshed since its last sync,
 * checked again once its turn comes (a request may have synced it meanwhile: then nothing is done, and the
 * last sync stays the one that moved people). Null when there was nothing to do.
 */
export function syncAudienceIfStale(db: Warehouse, name: string): Promise<AudienceSync | null> {
  return inTurn(db, `audience:${name}`, async (tx) => {
    const [stale] = await tx.all(
      `SELECT 1 FROM audiences a JOIN segments s ON s.name = a.segment
       WHERE a.name = ? AND (a.synced_at IS NULL OR s.refreshed_at > a.synced_at)`,
      [name],
    );
    return stale ? syncOnce(tx, name) : null;
  });
}

async function syncOnce(tx: Warehouse, name: string): Promise<AudienceSync> {
  const audience = await getAudience(tx, name);
  const destination = await destinationRow(tx, audience.destination);
  const at = new Date().toISOString();
  const current = `SELECT m.profile_id FROM segment_membership m JOIN profiles p USING (profile_id)
    WHERE m.segment = ? AND m.exited_at IS NULL AND ${consentCondition('ads')}`;
  const entered = await tx.all<{ id: number; customer_id: string | null; row: string }>(
    `SELECT p.profile_id AS id, p.customer_ids[1] AS customer_id, CAST(to_json(p) AS VARCHAR) AS row
     FROM profiles p WHERE p.profile_id IN (${current})
       AND p.profile_id NOT IN (SELECT profile_id FROM audience_members WHERE audience = ?)
     ORDER BY p.profile_id`,
    [audience.segment, name],
  );
  const exited = await tx.all<{ id: number; customer_id: string | null; row: string | null }>(
    `SELECT a.profile_id AS id, p.customer_ids[1] AS customer_id, CAST(to_json(p) AS VARCHAR) AS row
     FROM audience_members a LEFT JOIN profiles p USING (profile_id)
     WHERE a.audience = ? AND a.profile_id NOT IN (${current}) ORDER BY a.profile_id`,
    [name, audience.segment],
  );
  const event = (
    type: string,
    r: { id: number; customer_id: string | null; row: string | null },
  ): ProfileEvent => ({
    type,
    audience: name,
    profile: {
      id: Number(r.id),
      customerId: r.customer_id,
      // An erased person's row is gone: the destination hears only the id, to drop them.
      traits: r.row === null ? {} : pick(JSON.parse(r.row) as Record<string, unknown>, audience.fields),
    },
    at,
  });
  let deliveries: { id: string; count: number }[] = [];
  let written = 0;
  if (destination.type === 'file') {
    const out = destination.out ?? '';
    written = (
      await exportSegment(tx, audience.segment, {
        format: out.toLowerCase().endsWith('.parquet') ? 'parquet' : 'csv',
        path: out,
        purpose: 'ads',
      })
    ).rows;
  } else {
    const events = [
      ...entered.map((r) => event('audience.entered', r)),
      ...exited.map((r) => event('audience.exited', r)),
    ];
    const planned = deliveriesFor(destination, `audience:${name}`, events, () => randomUUID());
    const ids = await enqueue(
      tx,
      planned.map((p) => p.delivery),
    );
    deliveries = ids.map((id, i) => ({ id, count: planned[i]!.count }));
  }
  if (entered.length)
    await tx.run(
      `INSERT INTO audience_members SELECT ?, unnest(${tx.dialect.jsonList('?', 'BIGINT')}), current_timestamp`,
      [name, JSON.stringify(entered.map((r) => Number(r.id)))],
    );
  if (exited.length)
    await tx.run(
      `DELETE FROM audience_members WHERE audience = ? AND ${tx.dialect.listContains(tx.dialect.jsonList('?', 'BIGINT'), 'profile_id')}`,
      [name, JSON.stringify(exited.map((r) => Number(r.id)))],
    );
  await tx.run('UPDATE audiences SET synced_at = current_timestamp WHERE name = ?', [name]);
  return { name, entered: entered.length, exited: exited.length, deliveries, written };
}

/**
 * Of a sync's deliveries, how many events reached the destination and how many did not (yet); `pending`, of
 * those not delivered, the ones not tried yet or in their first try now (a failed try waits for its backoff).
 */
export async function deliveryOutcome(
  db: Warehouse,
  deliveries: readonly { id: string; count: number }[],
): Promise<{ sent: number; failed: number; pending: number }> {
  if (deliveries.length === 0) return { sent: 0, failed: 0, pending: 0 };
  const rows = await db.all<{ id: string; status: string; attempts: number }>(
    `SELECT id, status, attempts FROM outbox WHERE ${db.dialect.listContains(db.dialect.jsonList('?', 'VARCHAR'), 'id')}`,
    [JSON.stringify(deliveries.map((d) => d.id))],
  );
  const status = new Map(rows.map((r) => [r.id, r.status]));
  const tried = new Set(rows.filter((r) => Number(r.attempts) > 0).map((r) => r.id));
  let sent = 0;
  let failed = 0;
  let pending = 0;
  for (const d of deliveries) {
    const now = status.get(d.id);
    if (now === 'delivered') sent += d.count;
    else failed += d.count;
    if (now === 'pending' && !tried.has(d.id)) pending += d.count;
  }
  return { sent, failed, pending };
}
