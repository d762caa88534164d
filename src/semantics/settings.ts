import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/warehouse.js';

/** What a business may set about its definitions; everything else about them is fixed in code. */
export interface DefinitionSettings {
  /** Word stems of order statuses that mean "not placed": a status with a word starting with one of them does not count. */
  readonly notPlacedStatuses: readonly string[];
  /** Word stems of statuses that mean the money of a sale went back (returned, refunded). */
  readonly returnedStatuses: readonly string[];
  /** Days before the last order in the data within which a customer's last order makes them active. */
  readonly activeWindowDays: number;
}

/** The settings a new database starts with. */
export const DEFAULT_SETTINGS: DefinitionSettings = {
  notPlacedStatuses: ['cancel', 'void', 'fail', 'test', 'fraud'],
  returnedStatuses: ['return', 'refund'],
  activeWindowDays: 365,
};

/** The names `clientele config` takes, beside the setting each one sets. */
export const SETTING_NAMES = {
  'not-placed-statuses': 'notPlacedStatuses',
  'returned-statuses': 'returnedStatuses',
  'active-window-days': 'activeWindowDays',
} as const satisfies Record<string, keyof DefinitionSettings>;

/** A setting's name as `clientele config` takes it. */
export type SettingName = keyof typeof SETTING_NAMES;

// Stems go into a regular expression of the compiled views, so they are held to lowercase letters.
const STEM = /^[a-z]+$/;

function stems(name: string, raw: unknown): string[] {
  const list = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
    .map((s) => String(s).trim().toLowerCase())
    .filter((s) => s !== '');
  const bad = list.filter((s) => !STEM.test(s));
  if (!list.length || bad.length) {
    throw new ClienteleError(
      'CLT_ERR_CONFIG_INVALID',
      `${name} must be a comma-separated list of words of letters a–z${bad.length ? `; not ${bad.map((b) => JSON.stringify(b)).join(', ')}` : ''}`,
    );
  }
  return [...new Set(list)];
}

function days(name: string, raw: unknown): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 36500) {
    throw new ClienteleError(
      'CLT_ERR_CONFIG_INVALID',
      `${name} must be a whole number of days from 1 to 36500, not ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

/** Checks one setting's value as given (text or JSON) and returns it in its stored shape. */
export function parseSetting(name: string, raw: unknown): { key: keyof DefinitionSettings; value: unknown } {
  const key = (SETTING_NAMES as Record<string, keyof DefinitionSettings>)[name];
  if (!key) {
    throw new ClienteleError(
      'CLT_ERR_CONFIG_INVALID',
      `no setting named ${JSON.stringify(name)}; the settings are ${Object.keys(SETTING_NAMES).join(', ')}`,
    );
  }
  return { key, value: key === 'activeWindowDays' ? days(name, raw) : stems(name, raw) };
}

/** The settings stored in the database (table `definition_settings`), over the defaults. */
export async function readSettings(db: Pick<Warehouse, 'all'>): Promise<DefinitionSettings> {
  const rows = await db.all<{ key: string; value: string }>(
    'SELECT key, CAST(value AS VARCHAR) AS value FROM definition_settings',
  );
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    const name = Object.entries(SETTING_NAMES).find(([, k]) => k === r.key)?.[0];
    if (name) out[r.key] = parseSetting(name, JSON.parse(r.value)).value;
  }
  return out as unknown as DefinitionSettings;
}

/** Stores one setting (checked first); the caller compiles the definitions again. */
export async function writeSetting(db: Pick<Warehouse, 'run'>, name: string, raw: unknown): Promise<void> {
  const { key, value } = parseSetting(name, raw);
  await db.run(
    `INSERT INTO definition_settings (key, value, updated_at) VALUES (?, ?, current_timestamp)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [key, JSON.stringify(value)],
  );
}

/** Removes a stored setting so that its default applies again. */
export async function resetSetting(db: Pick<Warehouse, 'run'>, name: string): Promise<void> {
  const key = (SETTING_NAMES as Record<string, keyof DefinitionSettings>)[name];
  if (!key) parseSetting(name, undefined);
  await db.run('DELETE FROM definition_settings WHERE key = ?', [key ?? name]);
}
