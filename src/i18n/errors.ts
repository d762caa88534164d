import { type ClienteleError, ERROR_CODES, type ErrorCode } from '../errors/index.js';
import { ERROR_MESSAGES_PL } from './errors.messages.pl.js';
import { ERROR_HINTS_PL } from './errors.pl.js';
import type { Locale } from './locale.js';
import { say } from './phrase.js';
import { speaker } from './speak.js';

/** An error as a person reads it in `locale`: its message and hint; the code never changes. */
export interface SaidError {
  readonly message: string;
  readonly hint: string;
  /**
   * What failed with its names and values: said in `locale` from the error's phrase when it has one, else the
   * message as the code that failed wrote it (English). Absent in English (the message is the detail).
   */
  readonly detail?: string;
  /** Whether `detail` is in `locale` (said from the error's phrase), not the code's English words. */
  readonly detailSaid?: boolean;
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
 * the hint what to do (errors.messages.pl.ts, errors.pl.ts); what failed, with the names and values involved,
 * is `detail`: said in Polish from the error's phrase (`ClienteleError.said`, details.pl.ts), else the code's
 * own English words (the CLI's second line).
 */
export function sayError(error: ClienteleError, locale: Locale): SaidError {
  if (locale === 'en') return { message: error.message, hint: error.hint };
  const said = sayErrorCode(error.code, locale);
  if (error.said)
    return {
      message: said.message,
      hint: said.hint,
      detail: say(speaker(locale), error.said),
      detailSaid: true,
    };
  return { message: said.message, hint: said.hint, detail: error.message, detailSaid: false };
}

/**
 * The `{ code, message, hint, details }` of an error answer in `locale` (src/server/errors.ts). In Polish every
 * field meant for people is Polish: `details.detail` only when the error says what failed in Polish; an error
 * without a phrase keeps the code's English words as `details.original`, for logs and support, which the web app
 * never shows.
 */
export function errorBody(error: ClienteleError, locale: Locale): Record<string, unknown> {
  const body = error.toJSON();
  if (locale === 'en') return body;
  const said = sayError(error, locale);
  const details = (body.details ?? {}) as Record<string, unknown>;
  const what = said.detailSaid ? { detail: said.detail } : { original: error.message };
  return { ...body, message: said.message, hint: said.hint, details: { ...details, ...what } };
}
