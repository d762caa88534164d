import { type ClienteleError, ERROR_CODES, type ErrorCode } from '../errors/index.js';
import { ERROR_MESSAGES_PL } from './errors.messages.pl.js';
import { ERROR_HINTS_PL } from './errors.pl.js';
import type { Locale } from './locale.js';

/** An error as a person reads it in `locale`: its message and hint; the code never changes. */
export interface SaidError {
  readonly message: string;
  readonly hint: string;
  /** The message as the code that failed wrote it (English, with the names and values involved), if it was replaced. */
  readonly detail?: string;
}

/** Whether `code` is one of the registry's codes (an error read back from JSON). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** What an error `code` means in `locale`: what went wrong (`message`) and what to do (`hint`). */
export function sayErrorCode(code: ErrorCode, locale: Locale): { message: string; hint: string } {
  if (locale === 'en') return { message: ERROR_CODES[code].hint, hint: ERROR_CODES[code].hint };
  return { message: ERROR_MESSAGES_PL[code], hint: ERROR_HINTS_PL[code] };
}

/**
 * `error` in `locale`. English is the registry's own words. In Polish the message says what went wrong and
 * the hint what to do (errors.messages.pl.ts, errors.pl.ts); the original message, which names the values
 * involved, is kept as `detail` (the HTTP answer's `details.detail`, the CLI's second line).
 */
export function sayError(error: ClienteleError, locale: Locale): SaidError {
  if (locale === 'en') return { message: error.message, hint: error.hint };
  const said = sayErrorCode(error.code, locale);
  return { message: said.message, hint: said.hint, detail: error.message };
}

/** The `{ code, message, hint, details }` of an error answer in `locale` (src/server/errors.ts). */
export function errorBody(error: ClienteleError, locale: Locale): Record<string, unknown> {
  const body = error.toJSON();
  if (locale === 'en') return body;
  const said = sayError(error, locale);
  const details = (body.details ?? {}) as Record<string, unknown>;
  return { ...body, message: said.message, hint: said.hint, details: { ...details, detail: said.detail } };
}
