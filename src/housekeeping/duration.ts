import { ClienteleError, type ErrorCode, optionName } from '../errors/index.js';

const UNITS_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * A schedule interval in seconds: `90s`, `15m` (minutes), `6h`, `1d`, `2w`. Intervals are about how often a
 * task runs, so `m` means minutes here. An error names `option` as the API spells it (issue 13).
 */
export function parseInterval(
  text: string,
  named = 'every',
  code: ErrorCode = 'CLT_ERR_SCHEDULE_BAD_INTERVAL',
): number {
  const option = optionName(named);
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/i.exec(text);
  if (!m)
    throw new ClienteleError(
      code,
      `${option} ${text}: expected a number and a unit (s, m, h, d, w), e.g. 15m`,
      {
        option,
      },
    );
  return Number(m[1]) * UNITS_SECONDS[m[2]!.toLowerCase()]!;
}

/**
 * An age of data as a date in the past: `18m` (months), `90d`, `2y`, `6w`. Shelf lives are long, so `m` means
 * months here; returns the cutoff before which data counts as stale. An error names `option` (issue 13).
 */
export function staleCutoff(text: string, now: Date, named = 'staleAfter'): Date {
  const option = optionName(named);
  const m = /^\s*(\d+)\s*([dwmy])\s*$/i.exec(text);
  if (!m) {
    throw new ClienteleError(
      'CLT_ERR_AUDIT_BAD_OPTION',
      `${option} ${text}: expected a whole number and a unit (d, w, m for months, y), e.g. 18m`,
      { option },
    );
  }
  const n = Number(m[1]);
  const d = new Date(now.getTime());
  switch (m[2]!.toLowerCase()) {
    case 'd':
      d.setUTCDate(d.getUTCDate() - n);
      break;
    case 'w':
      d.setUTCDate(d.getUTCDate() - 7 * n);
      break;
    case 'm':
      d.setUTCMonth(d.getUTCMonth() - n);
      break;
    default:
      d.setUTCFullYear(d.getUTCFullYear() - n);
  }
  return d;
}
