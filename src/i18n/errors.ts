import {
  type ClienteleError,
  ERROR_CODES,
  type ErrorCode,
  onSurface,
  type Surface,
} from '../errors/index.js';
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

/**
 * What an error `code` means in `locale`: what went wrong (`message`) and what to do (`hint`), the options
 * they name as `surface` spells them (src/errors/option.ts, `onSurface`).
 */
export function sayErrorCode(
  code: ErrorCode,
  locale: Locale,
  surface: Surface = 'cli',
): { message: string; hint: string } {
  if (locale === 'en') {
    const hint = onSurface(ERROR_CODES[code].hint, surface);
    return { message: hint, hint };
  }
  return {
    message: onSurface(ERROR_MESSAGES_PL[code], surface),
    hint: onSurface(ERROR_HINTS_PL[code], surface),
  };
}

/**
 * `error` in `locale`. English is the registry's own words. In Polish the message says what went wrong and
 * the hint what to do (errors.messages.pl.ts, errors.pl.ts); what failed, with the names and values involved,
 * is `detail`: said in Polish from the error's phrase (`ClienteleError.said`, details.pl.ts), else the code's
 * own English words (the CLI's second line).
 */
export function sayError(error: ClienteleError, locale: Locale, surface: Surface = 'cli'): SaidError {
  if (locale === 'en')
    return { message: error.message, hint: onSurface(ERROR_CODES[error.code].hint, surface) };
  const said = sayErrorCode(error.code, locale, surface);
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
  // An API answer: the options it names are the API's (`dateFormat`), not the command line's flags.
  const body = error.toJSON('api');
  if (locale === 'en') return body;
  const said = sayError(error, locale, 'api');
  const details = (body.details ?? {}) as Record<string, unknown>;
  const what = said.detailSaid ? { detail: said.detail } : { original: error.message };
  return { ...body, message: said.message, hint: said.hint, details: { ...details, ...what } };
}
