import { readFile } from 'node:fs/promises';
import { type Cap, parseCap } from '../campaigns/index.js';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import { titleEn, titlePhrase } from '../i18n/titles.js';
import { type Dialect, param, raw, sql, type Warehouse } from '../store/index.js';
import { exec, rows } from './db.js';
import type { JourneyDefinition, QuietHours } from './schema.js';
import { checkJourney } from './validate.js';

/** A journey as listed: its definition, whether it runs, and how many people are where. */
export interface Journey {
  readonly name: string;
  readonly state: 'active' | 'paused';
  /** How many definitions it has had: 1 at creation, one more at each update. */
  readonly version: number;
  readonly trigger: string;
  readonly steps: number;
  readonly definition: JourneyDefinition;
  /** People in the journey now (waiting or due). */
  readonly active: number;
  /** People who ever entered. */
  readonly entered: number;
  /** People who finished or left. */
  readonly exited: number;
  /** E-mails and destination messages sent. */
  readonly sent: number;
  readonly createdAt: string;
  readonly runAt: string | null;
}

/** Reads and checks a journey file, then saves it (active, first run at the next `journeys run`). */
export async function createJourneyFromFile(db: Warehouse, file: string): Promise<Journey> {
  return createJourney(db, await readJourneyFile(file), file);
}

/** A journey file's JSON, or the file error. */
export async function readJourneyFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new ClienteleError('CLT_ERR_JOURNEY_FILE', `${file}: ${(e as Error).message}`);
  }
}

/** Checks a journey (shape, graph, names; see checkJourney) and saves it. */
export async function createJourney(db: Warehouse, input: unknown, file?: string): Promise<Journey> {
  const def = await checkJourney(db, input, file);
  const [exists] = await rows(db, sql`SELECT 1 AS x FROM journeys WHERE name = ${param(def.name)}`);
  if (exists)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_EXISTS',
      `a journey named “${titleEn(def.name)}” exists`,
      { name: def.name },
      phrase('error.journeyExists', { name: titlePhrase(def.name) }),
    );
  await exec(
    db,
    sql`INSERT INTO journeys (name, definition, state) VALUES (${param(def.name)}, CAST(${param(JSON.stringify(def))} AS JSON), 'active')`,
  );
  return getJourney(db, def.name);
}

type Row = Omit<Journey, 'definition' | 'trigger' | 'steps'> & { definition: string };

const select = (
  d: Dialect,
) => sql`SELECT j.name, j.state, coalesce(j.version, 1)::INTEGER AS version, CAST(j.definition AS VARCHAR) AS definition,
  (SELECT count(*)::INTEGER FROM journey_positions p WHERE p.journey = j.name AND p.status = 'active') AS active,
  (SELECT coalesce(sum(p.entries), 0)::INTEGER FROM journey_positions p WHERE p.journey = j.name) AS entered,
  (SELECT count(*)::INTEGER FROM journey_steps s WHERE s.journey = j.name AND s.kind = 'exit') AS exited,
  (SELECT count(*)::INTEGER FROM journey_steps s WHERE s.journey = j.name AND s.outcome = 'sent') AS sent,
  ${raw(d.formatTime('j.created_at', '%Y-%m-%dT%H:%M:%SZ'))} AS "createdAt", ${raw(d.formatTime('j.run_at', '%Y-%m-%dT%H:%M:%SZ'))} AS "runAt"
  FROM journeys j`;

/** A trigger in words. */
export function describeTrigger(t: JourneyDefinition['trigger']): string {
  switch (t.kind) {
    case 'segment':
      return `${t.on === 'exit' ? 'exits' : 'enters'} segment '${t.segment}'${t.existing ? ' (and those in it)' : ''}`;
    case 'event':
      return `does '${t.event}'${t.where ? ` with (${t.where})` : ''}`;
    case 'date':
      return `${t.offsetDays ? `${Math.abs(t.offsetDays)} days ${t.offsetDays < 0 ? 'before' : 'after'} ` : 'on '}${t.field}`;
    case 'score':
      return t.above !== undefined
        ? `${t.score} rises above ${t.above}`
        : `${t.score} falls below ${t.below}`;
  }
}

const parse = (r: Row): Journey => {
  const definition = JSON.parse(r.definition) as JourneyDefinition;
  return { ...r, trigger: describeTrigger(definition.trigger), steps: definition.steps.length, definition };
};

/** Every journey. */
export async function listJourneys(db: Warehouse): Promise<Journey[]> {
  return (await rows<Row>(db, sql`${select(db.dialect)} ORDER BY j.name`)).map(parse);
}

/** One journey, or the not-found error. */
export async function getJourney(db: Warehouse, name: string): Promise<Journey> {
  const [row] = await rows<Row>(db, sql`${select(db.dialect)} WHERE j.name = ${param(name)}`);
  if (!row)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_NOT_FOUND',
      `no journey named “${titleEn(name)}”`,
      { name },
      phrase('error.noJourney', { name: titlePhrase(name) }),
    );
  return parse(row);
}

/** Pauses (nobody enters or moves; positions are kept) or resumes a journey. */
export async function setJourneyState(
  db: Warehouse,
  name: string,
  state: 'active' | 'paused',
): Promise<Journey> {
  await getJourney(db, name);
  await exec(db, sql`UPDATE journeys SET state = ${param(state)} WHERE name = ${param(name)}`);
  return getJourney(db, name);
}

/**
 * Deletes a journey, the positions in it and its log; the steps already taken stay on the profiles (as the
 * messages and events they were recorded as).
 */
export async function deleteJourney(db: Warehouse, name: string): Promise<{ name: string; deleted: true }> {
  await getJourney(db, name);
  await db.transaction(async (tx) => {
    for (const table of ['journey_positions', 'journey_marks', 'journey_steps'] as const)
      await exec(tx, sql`DELETE FROM ${raw(table)} WHERE journey = ${param(name)}`);
    await exec(tx, sql`DELETE FROM journeys WHERE name = ${param(name)}`);
  });
  return { name, deleted: true };
}

/** The rules every journey obeys. */
export interface JourneySettings {
  /** At most this many e-mails to one person in the period, counting every e-mail on record (campaigns too). */
  readonly cap: Cap | null;
  /** Hours of the person's clock when no journey sends (a journey may set its own). */
  readonly quietHours: QuietHours | null;
}

/** The defaults: three e-mails a week, nothing between 21:00 and 08:00. */
export const DEFAULT_SETTINGS: JourneySettings = {
  cap: { count: 3, days: 7 },
  quietHours: { start: '21:00', end: '08:00' },
};

/** The settings in force. */
export async function readSettings(db: Warehouse): Promise<JourneySettings> {
  const stored = await rows<{ key: string; value: string }>(db, sql`SELECT key, value FROM journey_settings`);
  const by = new Map(stored.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return {
    cap: by.has('cap') ? (by.get('cap') as Cap | null) : DEFAULT_SETTINGS.cap,
    quietHours: by.has('quietHours')
      ? (by.get('quietHours') as QuietHours | null)
      : DEFAULT_SETTINGS.quietHours,
  };
}

// Named by the option as the API spells it (issue 13: service errors name options, not CLI flags).
const invalid = (option: string, message: string) =>
  new ClienteleError('CLT_ERR_ACTIVATION_INVALID', message, { option });

/** Changes the settings: `cap` as N/PERIOD or `none`, `quietHours` as HH:MM-HH:MM or `none`. */
export async function writeSettings(
  db: Warehouse,
  input: { cap?: string | undefined; quietHours?: string | undefined },
): Promise<JourneySettings> {
  const set = async (key: string, value: unknown) => {
    await exec(db, sql`DELETE FROM journey_settings WHERE key = ${param(key)}`);
    await exec(db, sql`INSERT INTO journey_settings VALUES (${param(key)}, ${param(JSON.stringify(value))})`);
  };
  if (input.cap !== undefined) await set('cap', input.cap === 'none' ? null : parseCap(input.cap));
  if (input.quietHours !== undefined) {
    if (input.quietHours === 'none') await set('quietHours', null);
    else {
      const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(input.quietHours);
      if (!m)
        throw invalid(
          'quietHours',
          `quietHours ${input.quietHours}: write HH:MM-HH:MM, e.g. 21:00-08:00, or none`,
        );
      await set('quietHours', { start: `${m[1]}:${m[2]}`, end: `${m[3]}:${m[4]}` });
    }
  }
  return readSettings(db);
}
