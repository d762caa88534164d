import { ClienteleError } from '../errors/index.js';
import { type Phrase, phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';
import { sqlString } from './convert.js';

/** How a column's dates are written: a named reader or a list of strptime formats tried in order. */
export interface TimestampFormat {
  readonly kind: 'iso' | 'epoch_seconds' | 'epoch_millis' | 'strptime';
  readonly formats: readonly string[];
  /** How the form is shown to a person in reject reasons. */
  readonly label: string;
}

const withTimes = (dateParts: string[]): string[] =>
  dateParts.flatMap((d) => [`${d} %H:%M:%S`, `${d} %H:%M`, `${d} %I:%M %p`, `${d} %I:%M:%S %p`, d]);

/** The candidate forms, in the order they are preferred when several read every sample value. */
export const TIMESTAMP_FORMATS: Readonly<Record<string, TimestampFormat>> = {
  iso: { kind: 'iso', formats: [], label: 'ISO 8601 (2024-03-05 or 2024-03-05T14:22:10Z)' },
  // Shopify's exports write a local time with its offset after a blank, which the ISO cast does not read.
  iso_offset: {
    kind: 'strptime',
    formats: ['%Y-%m-%d %H:%M:%S %z', '%Y-%m-%d %H:%M %z'],
    label: 'date, time and offset (2018-07-31 14:02:11 -0400)',
  },
  ymd_compact: { kind: 'strptime', formats: ['%Y%m%d', '%Y%m%d%H%M%S'], label: 'YYYYMMDD' },
  epoch: { kind: 'epoch_seconds', formats: [], label: 'epoch seconds' },
  epoch_ms: { kind: 'epoch_millis', formats: [], label: 'epoch milliseconds' },
  mdy: {
    kind: 'strptime',
    formats: withTimes(['%m/%d/%Y', '%m/%d/%y', '%m-%d-%Y']),
    label: 'month/day/year (M/D/YYYY)',
  },
  dmy: {
    kind: 'strptime',
    formats: withTimes(['%d/%m/%Y', '%d/%m/%y', '%d.%m.%Y', '%d-%m-%Y', '%d.%m.%y']),
    label: 'day/month/year (D/M/YYYY)',
  },
  ymd: { kind: 'strptime', formats: withTimes(['%Y/%m/%d', '%Y.%m.%d']), label: 'year/month/day (YYYY/M/D)' },
  // A month name makes the order of day and month plain, so these need no flag. A two-digit year
  // (31-Jul-18, as Excel writes dates) is tried before a four-digit one, which would read it as year 18.
  text: {
    kind: 'strptime',
    formats: withTimes([
      '%d-%b-%y',
      '%d-%b-%Y',
      '%d-%B-%y',
      '%d-%B-%Y',
      '%d %b %y',
      '%d %b %Y',
      '%d %B %Y',
      '%b %d, %Y',
      '%B %d, %Y',
      '%b %d %Y',
      '%B %d %Y',
      '%b-%d-%Y',
      '%Y-%b-%d',
      '%a, %d %b %Y',
      '%a %b %d %Y',
    ]),
    label: 'a written date (31-Jul-18, 5 Mar 2024, Mar 5, 2024)',
  },
};

/** The SQL turning the text `s` into a TIMESTAMPTZ (NULL when it does not read) in the given form. */
export function timestampExpr(s: string, format: TimestampFormat): string {
  switch (format.kind) {
    case 'iso':
      return `try_cast(${s} AS TIMESTAMPTZ)`;
    case 'epoch_seconds':
      return `CASE WHEN regexp_full_match(${s}, '-?[0-9]{1,11}(\\.[0-9]+)?') THEN to_timestamp(CAST(${s} AS DOUBLE)) END`;
    case 'epoch_millis':
      return `CASE WHEN regexp_full_match(${s}, '-?[0-9]{11,14}') THEN epoch_ms(CAST(${s} AS BIGINT)) END`;
    case 'strptime':
      return `CAST(try_strptime(${s}, [${format.formats.map(sqlString).join(', ')}]) AS TIMESTAMPTZ)`;
  }
}

/** Turns a --date-format value into a form: a named order (mdy, dmy, ymd, iso, epoch) or a strptime pattern. */
export function parseDateFormatOption(option: string): TimestampFormat {
  const named = TIMESTAMP_FORMATS[option.toLowerCase()];
  if (named) return named;
  if (option.includes('%')) return { kind: 'strptime', formats: [option], label: option };
  throw new ClienteleError(
    'CLT_ERR_IMPORT_BAD_OPTION',
    `dateFormat ${option}: use mdy, dmy, ymd, iso, epoch, epoch_ms or a strptime pattern such as '%d/%m/%Y %H:%M'`,
    { option: 'dateFormat' },
  );
}

/** What date detection decided for one column, and any doubt worth telling the person. */
export interface DateDetection {
  readonly format: TimestampFormat;
  readonly warning?: Phrase;
}

const DETECTION_ORDER = [
  'iso',
  'iso_offset',
  'ymd_compact',
  'epoch',
  'epoch_ms',
  'mdy',
  'dmy',
  'ymd',
  'text',
] as const;

/**
 * Picks the form that reads every distinct non-empty sample value (up to 2,000 of them) of a column (the fewest failures when none does).
 * When both month-first and day-first read them all and disagree, month-first wins with a warning.
 */
export async function detectDateFormat(
  db: Warehouse,
  sampleSql: string,
  textColumn: string,
  column: string,
): Promise<DateDetection> {
  const values = `(SELECT DISTINCT s FROM (SELECT ${textColumn} AS s FROM (${sampleSql}) AS sample) AS t WHERE s IS NOT NULL`;
  const distinct = `${values} LIMIT 2000) AS d`;
  // ISO comes first and wins ties, so a column ISO reads whole (every sample value, not only the 2,000 the
  // comparison below looks at) needs no other form tried: the dozens of strptime patterns cost most of the
  // planning of a file with ISO dates.
  const [iso] = await db.all<{ n: number; iso: number }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE ${timestampExpr('s', TIMESTAMP_FORMATS.iso!)} IS NULL) AS iso FROM ${values}) AS d`,
  );
  if (!iso || iso.n === 0 || iso.iso === 0) return { format: TIMESTAMP_FORMATS.iso! };
  const counts = DETECTION_ORDER.map(
    (name) =>
      `count(*) FILTER (WHERE ${timestampExpr('s', TIMESTAMP_FORMATS[name]!)} IS NULL) AS ${identifier(name).text}`,
  );
  const [row] = await db.all<Record<string, number>>(
    `SELECT count(*) AS n, ${counts.join(', ')},
       count(*) FILTER (WHERE ${timestampExpr('s', TIMESTAMP_FORMATS.mdy!)} IS DISTINCT FROM ${timestampExpr('s', TIMESTAMP_FORMATS.dmy!)}) AS mdy_dmy_differ
     FROM ${distinct}`,
  );
  if (!row || row.n === 0) return { format: TIMESTAMP_FORMATS.iso! };
  let best: (typeof DETECTION_ORDER)[number] = 'iso';
  for (const name of DETECTION_ORDER) if (row[name]! < row[best]!) best = name;
  if (best === 'mdy' && row.dmy === 0 && row.mdy_dmy_differ! > 0) {
    return {
      format: TIMESTAMP_FORMATS.mdy!,
      warning: phrase('import.dates.ambiguous', { column }),
    };
  }
  return { format: TIMESTAMP_FORMATS[best]! };
}
