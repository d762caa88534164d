import { en, type MessageKey } from './en.js';
import { type PhraseValue, phrase } from './phrase.js';
import type { Speaker } from './speak.js';

/**
 * A field's name inside a sentence the reader sees (the import summary): its label in the catalogue
 * (`feature.NAME`, the words the web app shows for it too, src/i18n/shared.ts), else the name as words
 * (`ship_country` → "ship country"). Never the stored name with its underscores.
 */
export function fieldPhrase(field: string): PhraseValue {
  const key = `feature.${field}`;
  return key in en ? phrase(key as MessageKey) : field.replaceAll('_', ' ');
}

/** A message channel's name inside a sentence in the speaker's language ("email" → "e-mail"); another as written. */
export function channelWord(s: Speaker, channel: string): string {
  const key = `channel.${channel}`;
  return s.has(key) ? s.t(key) : channel;
}
