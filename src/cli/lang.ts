import type { Command } from 'commander';
import { ClienteleError } from '../errors/index.js';
import { asLocale, type Locale, pickLocale } from '../i18n/locale.js';
import { type Speaker, speaker } from '../i18n/speak.js';

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
