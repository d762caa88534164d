import { badOption } from './options.js';

/** The length of a time bucket of a series. */
export type Grain = 'day' | 'week' | 'month';

/** The grains `--by` accepts. */
export const GRAINS: readonly Grain[] = ['day', 'week', 'month'];

/** Points in one season: a week of days, a year of weeks or months. */
export const SEASON: Readonly<Record<Grain, number>> = { day: 7, week: 52, month: 12 };

/** The word for a season of each grain. */
export const SEASON_NAME: Readonly<Record<Grain, string>> = { day: 'week', week: 'year', month: 'year' };

/** Every period start from `first` to `last` (ISO days, both included), at `grain` (weeks start on Monday). */
export function periodRange(first: string, last: string, grain: Grain): string[] {
  const out: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  let at = new Date(`${first}T00:00:00Z`);
  if (Number.isNaN(at.getTime()) || Number.isNaN(end))
    return badOption('period', `${first}…${last}`, 'ISO days');
  while (at.getTime() <= end) {
    out.push(at.toISOString().slice(0, 10));
    at = nextPeriod(at, grain);
  }
  return out;
}

/** The start of the period after the one starting at `at`. */
export function nextPeriod(at: Date, grain: Grain): Date {
  const next = new Date(at.getTime());
  if (grain === 'day') next.setUTCDate(next.getUTCDate() + 1);
  else if (grain === 'week') next.setUTCDate(next.getUTCDate() + 7);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}
