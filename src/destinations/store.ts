import { extname } from 'node:path';
import { ClienteleError } from '../errors/index.js';
import { type Phrase, phrase } from '../i18n/phrase.js';
import { titleEn, titlePhrase } from '../i18n/titles.js';
import { checkHttpUrl } from '../outbox/index.js';
import { openSecret, resealSecrets, sealSecret } from '../privacy/secrets.js';
import type { Dialect, Warehouse } from '../store/index.js';

/** Where audiences and journeys send people. */
export type DestinationType = 'webhook' | 'segment' | 'file';
export const DESTINATION_TYPES: readonly DestinationType[] = ['webhook', 'segment', 'file'];

/** A destination as stored (its secret and write key are never printed). */
export type Destination = {
  readonly name: string;
  readonly type: DestinationType;
  readonly url: string | null;
  readonly out: string | null;
  readonly batch: number;
  readonly signed: boolean;
  readonly createdAt: string;
};

/** What `destinations create` takes. */
export interface DestinationInput {
  readonly name: string;
  readonly type: string;
  readonly url?: string | undefined;
  readonly secret?: string | undefined;
  readonly writeKey?: string | undefined;
  readonly batch?: number | undefined;
  readonly out?: string | undefined;
}

/** The stored row with its credentials, for the senders. */
export type DestinationRow = Destination & {
  readonly secret: string | null;
  readonly writeKey: string | null;
};

// Named by the option (`type`, `out`, `url`, `writeKey`, `batch`), not by a command-line flag: the route, the
// web app and the CLI all call this (issue 13: service errors name options).
const invalid = (option: string, message: string, said: Phrase) =>
  new ClienteleError('CLT_ERR_ACTIVATION_INVALID', message, { option }, said);

/** Checks and saves a destination; the URL must be http(s), a file must end in .csv or .parquet. */
export async function createDestination(db: Warehouse, input: DestinationInput): Promise<Destination> {
  const type = input.type as DestinationType;
  if (!DESTINATION_TYPES.includes(type))
    throw invalid(
      'type',
      `type “${input.type}” is not a kind of destination: use webhook, segment or file`,
      phrase('error.destinationType', { type: input.type }),
    );
  let url: string | null = null;
  let out: string | null = null;
  if (type === 'file') {
    if (!input.out)
      throw invalid(
        'out',
        'a file destination needs out: the path of a .csv or .parquet file',
        phrase('error.destinationNeedsOut'),
      );
    if (!['.csv', '.parquet'].includes(extname(input.out).toLowerCase()))
      throw invalid(
        'out',
        `out “${input.out}”: the file must end in .csv or .parquet`,
        phrase('error.destinationOutKind', { out: input.out }),
      );
    out = input.out;
  } else {
    if (!input.url)
      throw invalid('url', `a ${type} destination needs url`, phrase('error.destinationNeedsUrl', { type }));
    url = checkHttpUrl(input.url);
    if (type === 'segment' && !input.writeKey)
      throw invalid(
        'writeKey',
        'a segment destination needs writeKey: the source’s write key',
        phrase('error.destinationNeedsWriteKey'),
      );
  }
  const batch = input.batch ?? (type === 'segment' ? 100 : 1);
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000)
    throw invalid(
      'batch',
      `batch ${batch}: expected a whole number from 1 to 1000`,
      phrase('error.destinationBatch', { batch: String(batch) }),
    );
  const [exists] = await db.all('SELECT 1 FROM destinations WHERE name = ?', [input.name]);
  if (exists)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_EXISTS',
      `a destination named “${titleEn(input.name)}” exists`,
      { name: input.name },
      phrase('error.destinationExists', { name: titlePhrase(input.name) }),
    );
  await db.run(
    'INSERT INTO destinations (name, type, url, out_path, secret, write_key, batch_size) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      input.name,
      type,
      url,
      out,
      await sealSecret(db, input.secret, 'destinations.secret'),
      await sealSecret(db, input.writeKey, 'destinations.write_key'),
      batch,
    ],
  );
  return getDestination(db, input.name);
}

const select = (
  d: Dialect,
) => `SELECT name, type, url, out_path AS out, batch_size AS batch, secret IS NOT NULL AS signed,
  ${d.formatTime('created_at', '%Y-%m-%dT%H:%M:%SZ')} AS "createdAt", secret, write_key AS "writeKey" FROM destinations`;

/** Every destination, without credentials. */
export async function listDestinations(db: Warehouse): Promise<Destination[]> {
  const rows = await db.all<DestinationRow>(`${select(db.dialect)} ORDER BY name`);
  return rows.map(({ secret: _s, writeKey: _w, ...d }) => d);
}

/**
 * One destination with its credentials in clear (for delivering), or the not-found error. Credentials are
 * stored sealed under the instance key; one stored in clear by an older version is sealed now.
 */
export async function destinationRow(db: Warehouse, name: string): Promise<DestinationRow> {
  const [row] = await db.all<DestinationRow>(`${select(db.dialect)} WHERE name = ?`, [name]);
  if (!row)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_NOT_FOUND',
      `no destination named “${titleEn(name)}”`,
      { name },
      phrase('error.noDestination', { name: titlePhrase(name) }),
    );
  if ([row.secret, row.writeKey].some((v) => v !== null && !v.startsWith('enc1:'))) await resealSecrets(db);
  return {
    ...row,
    secret: await openSecret(db, row.secret, 'destinations.secret'),
    writeKey: await openSecret(db, row.writeKey, 'destinations.write_key'),
  };
}

/** One destination without credentials. */
export async function getDestination(db: Warehouse, name: string): Promise<Destination> {
  const { secret: _s, writeKey: _w, ...d } = await destinationRow(db, name);
  return d;
}

/** Deletes a destination; refused while an audience sends to it. */
export async function deleteDestination(
  db: Warehouse,
  name: string,
): Promise<{ name: string; deleted: true }> {
  await destinationRow(db, name);
  const [user] = await db.all<{ name: string }>('SELECT name FROM audiences WHERE destination = ?', [name]);
  if (user)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_INVALID',
      `destination “${titleEn(name)}” is used by audience “${titleEn(user.name)}”: delete that first`,
      { destination: name, audience: user.name },
      phrase('error.destinationInUse', { destination: titlePhrase(name), audience: titlePhrase(user.name) }),
    );
  await db.run('DELETE FROM destinations WHERE name = ?', [name]);
  return { name, deleted: true };
}
