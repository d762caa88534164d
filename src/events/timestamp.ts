/**
 * Strict ISO 8601 timestamps. `Date.parse` rolls impossible dates over (`2024-02-30` became 2024-03-01)
 * and reads a time without an offset in the server's zone; here an impossible date is refused and a time
 * without an offset is UTC, as DuckDB reads it (the store sets `TimeZone = 'UTC'`).
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// Arithmetic, not a Date per event (this runs once for every event the API takes in).
const daysIn = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : (DAYS[month - 1] ?? 31);

/** Epoch milliseconds of `text`, or a sentence saying why it is not a real ISO 8601 date and time. */
export function parseTimestamp(text: string): { ok: true; ms: number } | { ok: false; reason: string } {
  const m = ISO.exec(text.trim());
  if (m === null)
    return { ok: false, reason: 'is not an ISO 8601 date (YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM])' };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < 1 || month < 1 || month > 12) return { ok: false, reason: `has no month ${mo}` };
  if (day < 1 || day > daysIn(year, month)) {
    return { ok: false, reason: `is not a calendar date: ${y}-${mo} has ${daysIn(year, month)} days` };
  }
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `has no time ${h}:${mi}:${s}` };
  let offset = 0;
  if (zone !== 'Z' && zone !== 'z' && zone !== 'UTC' && zone !== 'GMT') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) return { ok: false, reason: `has no UTC offset ${zone}` };
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not, and is needed only there.
  if (year >= 100) return { ok: true, ms: Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset };
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return { ok: true, ms: utc.getTime() - offset };
}
