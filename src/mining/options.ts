import { ClienteleError, optionName } from '../errors/index.js';

/** Throws CLT_ERR_MINING_BAD_OPTION naming the option, the value and what was expected. */
export function badOption(option: string, value: unknown, expected: string): never {
  const name = optionName(option);
  throw new ClienteleError(
    'CLT_ERR_MINING_BAD_OPTION',
    `invalid ${name}: ${String(value)} (expected ${expected})`,
    {
      option: name,
      value: typeof value === 'number' || typeof value === 'string' ? value : String(value),
    },
  );
}

/** `value` when it is one of `allowed`, else a bad-option error that lists them. */
export function oneOf<T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return badOption(option, value, `one of ${allowed.join(', ')}`);
}

/** A number in [min, max] (both inclusive unless `openMin`), else a bad-option error. */
export function inRange(
  option: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  openMin = false,
): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value > max || (openMin ? value <= min : value < min)) {
    return badOption(option, value, `a number in ${openMin ? '(' : '['}${min}, ${max}]`);
  }
  return value;
}

/** A whole number of at least `min`, else a bad-option error. */
export function wholeNumber(option: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) return badOption(option, value, `a whole number ≥ ${min}`);
  return value;
}

/** The IANA time zone periods are read in; checked by the engine when it is used. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** A time zone name: letters, digits, `/`, `_`, `+`, `-` only (anything else is rejected before SQL sees it). */
export function timeZone(value: string | undefined): string {
  if (value === undefined) return DEFAULT_TIME_ZONE;
  if (!/^[A-Za-z][A-Za-z0-9_/+-]{0,63}$/.test(value))
    return badOption('--tz', value, 'an IANA time zone such as America/Chicago');
  return value;
}
