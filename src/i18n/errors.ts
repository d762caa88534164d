import type { ClienteleError } from '../errors/index.js';
import { ERROR_HINTS_PL } from './errors.pl.js';
import type { Locale } from './locale.js';

/** An error as a person reads it in `locale`: its message and hint; the code never changes. */
export interface SaidError {
  readonly message: string;
  readonly hint: string;
  /** The message as the code that failed wrote it (English, with the names and values involved), if it was replaced. */
  readonly detail?: string;
}

/**
 * `error` in `locale`. English is the registry's own words. In Polish the message becomes the meaning of the
 * code and what to do (the registry's hint, said in Polish), and the original message, which names the values
 * involved, is kept as `detail` (the HTTP answer's `details.detail`, the CLI's second line).
 */
export function sayError(error: ClienteleError, locale: Locale): SaidError {
  if (locale === 'en') return { message: error.message, hint: error.hint };
  const said = ERROR_HINTS_PL[error.code];
  return { message: said, hint: said, detail: error.message };
}

/** The `{ code, message, hint, details }` of an error answer in `locale` (src/server/errors.ts). */
export function errorBody(error: ClienteleError, locale: Locale): Record<string, unknown> {
  const body = error.toJSON();
  if (locale === 'en') return body;
  const said = sayError(error, locale);
  const details = (body.details ?? {}) as Record<string, unknown>;
  return { ...body, message: said.message, hint: said.hint, details: { ...details, detail: said.detail } };
}
