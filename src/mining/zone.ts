import type { Warehouse } from '../store/index.js';
import { badOption, timeZone } from './options.js';

/** Checks a time zone name with the engine, so that a typo is a bad option and not an SQL failure. */
export async function checkTimeZone(db: Warehouse, value: string | undefined): Promise<string> {
  const tz = timeZone(value);
  try {
    await db.all(`SELECT timezone(?, TIMESTAMPTZ '2024-01-01 00:00:00+00') AS t`, [tz]);
  } catch {
    return badOption('--tz', value, 'an IANA time zone such as America/Chicago');
  }
  return tz;
}
