/**
 * The language of a document: franc-min's trigram guess among the languages we have stop words for, or the
 * caller's choice. Short texts carry too few trigrams for franc (below ~30 letters it guesses wildly), so
 * they fall back to Polish when they hold Polish letters and to the default otherwise.
 */
import { franc } from 'franc-min';

/** The languages the pipeline knows by name (ISO 639-1), and `und` for text with no letters. */
export const LANGUAGES = ['en', 'pl', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'und'] as const;
export type Language = (typeof LANGUAGES)[number];

// franc's ISO 639-3 codes for the languages above; restricting the guess to these keeps franc from
// naming Sundanese or Scots for a Polish or English review, which it does when unrestricted.
const ISO3: Readonly<Record<string, Language>> = {
  eng: 'en',
  pol: 'pl',
  deu: 'de',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
};
const ONLY = Object.keys(ISO3);
const WITH_POLISH = ['pol', 'eng', 'deu', 'nld'];

/** Letters that only Polish (among the languages above) writes. */
const POLISH_LETTERS = /[ąćęłńśźżĄĆĘŁŃŚŹŻ]/u;
const LETTER = /\p{L}/gu;
// Below this many letters franc's guess is noise.
const MIN_LETTERS = 30;

/** True when `value` names a language of the pipeline. */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** Options of `detectLanguage`. */
export interface DetectOptions {
  /** The language to use whatever the text looks like (`--language`). */
  readonly override?: Language;
  /** The language of a text too short to guess: English unless told. */
  readonly fallback?: Language;
}

/** The language of `text`: the override, else franc's guess, else the fallback for short or odd text. */
export function detectLanguage(text: string, options: DetectOptions = {}): Language {
  if (options.override !== undefined) return options.override;
  const fallback = options.fallback ?? 'en';
  // Handles, hashtags and links are not words of any language.
  const plain = text.slice(0, 20_000).replace(/https?:\/\/\S+|[@#][\p{L}\p{N}_.]+/gu, ' ');
  const letters = plain.match(LETTER)?.length ?? 0;
  if (letters === 0) return 'und';
  const polish = POLISH_LETTERS.test(plain);
  if (letters < MIN_LETTERS) return polish ? 'pl' : fallback;
  // ą, ę, ł, ś, ź, ż, ć, ń are written by none of the Romance languages franc confuses short Polish with
  // (Spanish, Portuguese): with them in the text, only languages that could quote a Polish name stay in.
  const guess = franc(plain, { only: polish ? WITH_POLISH : ONLY, minLength: MIN_LETTERS });
  const found = ISO3[guess];
  if (found === undefined) return polish ? 'pl' : fallback;
  return found;
}
