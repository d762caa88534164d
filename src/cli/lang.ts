import type { Command } from 'commander';
import { ClienteleError } from '../errors/index.js';
import type { MessageKey } from '../i18n/en.js';
import { asLocale, type Locale, pickLocale } from '../i18n/locale.js';
import { type Speaker, speaker } from '../i18n/speak.js';
import { n } from './format.js';

/**
 * The language of a command's text for people: `--lang` (a global option, also accepted after the command),
 * then CLIENTELE_LANG, then LANG, else English. `--json` output keeps its codes and field names; only the
 * sentences change.
 */
export function cliLocale(command: Command): Locale {
  const lang = command.optsWithGlobals<{ lang?: string }>().lang;
  if (lang !== undefined && !asLocale(lang))
    throw new ClienteleError('CLT_ERR_USAGE', `--lang ${lang}: use en or pl`);
  return pickLocale({ explicit: lang, env: process.env });
}

/** The speaker of {@link cliLocale}. */
export function cliSpeaker(command: Command): Speaker {
  return speaker(cliLocale(command));
}

/**
 * What a command's text output says numbers and days with. English keeps the forms the CLI always printed
 * (counts grouped by format.ts's `n`, other figures as JavaScript writes them, ISO days), so scripts reading
 * English text see no change; Polish writes them as Polish does (1 234,5; 6 grudnia 2026).
 */
export interface CliWords {
  readonly s: Speaker;
  /** A count or an amount. */
  n(value: number): string;
  /** A figure as a model or query rounded it (null and strings as they are, for table cells). */
  v(value: unknown): string;
  /** An ISO day (YYYY-MM-DD, or a timestamp's day) in the locale's long form; other text as it is. */
  day(value: string | null | undefined): string;
}

/** The {@link CliWords} of `s`. */
export function cliWords(s: Speaker): CliWords {
  if (s.locale === 'en')
    return {
      s,
      n,
      v: (value) => (value === null || value === undefined ? '' : String(value)),
      day: (value) => value ?? '',
    };
  return {
    s,
    n: (value) => s.num(value, 3),
    v: (value) =>
      typeof value === 'number'
        ? s.num(value, 6)
        : value === null || value === undefined
          ? ''
          : String(value),
    day: (value) =>
      value && /^\d{4}-\d{2}-\d{2}$/.test(value.slice(0, 10)) ? s.date(value.slice(0, 10)) : (value ?? ''),
  };
}

/** The {@link CliWords} of {@link cliLocale}. */
export function cliSay(command: Command): CliWords {
  return cliWords(cliSpeaker(command));
}

/** The name of a column heading of the catalogue (`cli.col.NAME`). */
export type ColumnName = MessageKey extends infer K ? (K extends `cli.col.${infer C}` ? C : never) : never;

/** Column headings in the command's language. */
export function heads(w: CliWords, ...names: ColumnName[]): string[] {
  return names.map((name) => w.s.t(`cli.col.${name}`));
}
