/**
 * Time in the person's zone, pure: which zone a person lives in, local clock readings, the instant of a
 * local time of day (across DST changes), waits and quiet hours.
 */
import type { QuietHours } from './schema.js';

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `3d`, `12h`, `30m`, `2w` in milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(m|h|d|w)$/.exec(text.trim());
  if (!m) throw new Error(`invalid duration: ${text}`);
  return Number(m[1]) * (UNIT_MS[m[2]!] ?? Number.NaN);
}

/** Whether a name is an IANA zone this runtime knows. */
export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** A local clock reading. */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** What a clock in `zone` shows at `instant`. */
export function localTime(instant: Date, zone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(instant))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

// The zone's offset from UTC at an instant, in milliseconds (local minus UTC).
function offsetMs(instant: Date, zone: string): number {
  const l = localTime(instant, zone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a clock in `zone` shows the given local time. Across a DST change the offset is read twice
 * (at the first guess and at the answer); a local time that does not exist (the skipped spring hour) comes
 * out an hour later, one that exists twice as its first occurrence.
 */
export function zonedInstant(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetMs(new Date(wall), zone);
  const second = wall - offsetMs(new Date(first), zone);
  if (first === second) return new Date(first);
  // Two offsets: the earlier answer whose reading is the wall time, else the later one (a skipped hour).
  const [a, b] = first < second ? [first, second] : [second, first];
  const reads = (t: number) => {
    const l = localTime(new Date(t), zone);
    return l.hour === hour && l.minute === minute;
  };
  return new Date(reads(a) ? a : b);
}

const clock = (hhmm: string): [number, number] => {
  const [h, m] = hhmm.split(':').map(Number);
  return [h ?? 0, m ?? 0];
};

/** The first instant at or after `now` when the person's clock shows `hhmm`. */
export function nextClockTime(now: Date, hhmm: string, zone: string): Date {
  const [h, m] = clock(hhmm);
  const l = localTime(now, zone);
  for (let add = 0; add < 3; add++) {
    // Day arithmetic on a UTC calendar date, so month and year ends roll over.
    const d = new Date(Date.UTC(l.year, l.month - 1, l.day + add));
    const at = zonedInstant(zone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), h, m);
    if (at.getTime() >= now.getTime()) return at;
  }
  throw new Error(`no ${hhmm} in ${zone} after ${now.toISOString()}`);
}

/** When a wait of `duration` and then (if given) until a time of day ends, from `now` in `zone`. */
export function waitUntil(now: Date, step: { duration?: string; until?: string }, zone: string): Date {
  let at = new Date(now.getTime() + (step.duration ? parseDuration(step.duration) : 0));
  if (step.until) at = nextClockTime(at, step.until, zone);
  return at;
}

/**
 * If `now` falls in the quiet hours of the person's clock, the instant they end (a send waits till then);
 * else null. A window whose start is after its end spans midnight (21:00–08:00).
 */
export function quietUntil(now: Date, quiet: QuietHours | null | undefined, zone: string): Date | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const l = localTime(now, zone);
  const minute = l.hour * 60 + l.minute;
  const [sh, sm] = clock(quiet.start);
  const [eh, em] = clock(quiet.end);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  return inside ? nextClockTime(now, quiet.end, zone) : null;
}

// The main zone of each US state (a state split between zones gets its most populous one).
const US_STATES: Readonly<Record<string, string>> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
};

// Countries with one main zone (ISO 3166 alpha-2); a country not here falls back to the journey's zone.
const COUNTRIES: Readonly<Record<string, string>> = {
  US: 'America/Chicago',
  CA: 'America/Toronto',
  MX: 'America/Mexico_City',
  BR: 'America/Sao_Paulo',
  AR: 'America/Argentina/Buenos_Aires',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  PT: 'Europe/Lisbon',
  ES: 'Europe/Madrid',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  IT: 'Europe/Rome',
  CH: 'Europe/Zurich',
  AT: 'Europe/Vienna',
  PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague',
  SE: 'Europe/Stockholm',
  NO: 'Europe/Oslo',
  DK: 'Europe/Copenhagen',
  FI: 'Europe/Helsinki',
  GR: 'Europe/Athens',
  RO: 'Europe/Bucharest',
  UA: 'Europe/Kyiv',
  TR: 'Europe/Istanbul',
  IL: 'Asia/Jerusalem',
  AE: 'Asia/Dubai',
  IN: 'Asia/Kolkata',
  CN: 'Asia/Shanghai',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  SG: 'Asia/Singapore',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  ZA: 'Africa/Johannesburg',
};

const ZONE_TRAITS = ['timezone', 'time_zone', 'tz', 'zone'];

/**
 * The person's zone: a `timezone` trait naming a known zone, else their US state's, else their country's,
 * else `fallback`.
 */
export function zoneOf(
  person: {
    readonly country?: unknown;
    readonly region?: unknown;
    readonly traits?: Readonly<Record<string, unknown>> | null;
  },
  fallback = 'UTC',
): string {
  for (const key of ZONE_TRAITS) {
    const v = person.traits?.[key];
    if (typeof v === 'string' && v.includes('/') && isZone(v)) return v;
  }
  const country = typeof person.country === 'string' ? person.country.trim().toUpperCase() : '';
  const region = typeof person.region === 'string' ? person.region.trim().toUpperCase() : '';
  if ((country === 'US' || country === 'USA' || country === '') && US_STATES[region])
    return US_STATES[region]!;
  return COUNTRIES[country === 'USA' ? 'US' : country] ?? fallback;
}
