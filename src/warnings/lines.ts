import type { Speaker } from '../i18n/speak.js';
import { WARNING_MEANINGS_PL } from '../i18n/warnings.js';
import type { Warning } from './warning.js';

/**
 * The warnings as text lines for people, one per warning (empty when there are none), in the speaker's
 * language: a Polish line gives the code's Polish meaning (src/i18n/warnings.ts) in place of the English
 * message. Its own module, with no schema import, so CLI commands can print warnings without loading TypeBox.
 */
export function warningLines(warnings: readonly Warning[], s?: Speaker): string[] {
  if (!s || s.locale === 'en') return warnings.map((w) => `warning: ${w.message} (${w.code})`);
  return warnings.map((w) =>
    s.t('cli.warning', { message: WARNING_MEANINGS_PL[w.code] ?? w.message, code: w.code }),
  );
}
