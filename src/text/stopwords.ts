/**
 * Stop words per language from stopwords-iso (the union of the main published lists). Polish keeps its
 * diacritics here as in the text: `że` is a stop word, `ze` is a separate entry of the same list.
 */
import { createRequire } from 'node:module';
import type { Language } from './language.js';

const require = createRequire(import.meta.url);
const ALL = require('stopwords-iso') as Readonly<Record<string, readonly string[]>>;

// Words that stopwords-iso lists but that carry meaning in customer text (its English list is broad: it
// holds `good`, `love` and `order`). Negations stay stop words: they reach terms as the prefix of "not good".
const KEEP: Readonly<Partial<Record<Language, readonly string[]>>> = {
  en: [
    'good',
    'great',
    'best',
    'better',
    'well',
    'bad',
    'worse',
    'worst',
    'love',
    'like',
    'thanks',
    'thank',
    'fast',
    'quick',
    'quickly',
    'late',
    'long',
    'cheap',
    'new',
    'old',
    'small',
    'big',
    'high',
    'low',
    'free',
    'easy',
    'hard',
    'help',
    'helpful',
    'problem',
    'problems',
    'home',
    'order',
    'ordered',
    'work',
    'works',
    'worked',
    'working',
    'broke',
    'broken',
    'value',
    'price',
    'size',
    'sizes',
    'use',
    'used',
    'useful',
    'kids',
    'family',
    'staff',
    'team',
    'office',
    'daily',
  ],
  pl: ['dobry', 'dobra', 'dobrze', 'źle'],
};

const cache = new Map<Language, ReadonlySet<string>>();

/** The stop words of `language` (empty for `und`), lower case. */
export function stopWords(language: Language): ReadonlySet<string> {
  let set = cache.get(language);
  if (set === undefined) {
    const keep = new Set(KEEP[language] ?? []);
    set = new Set((ALL[language] ?? []).map((w) => w.toLowerCase()).filter((w) => !keep.has(w)));
    cache.set(language, set);
  }
  return set;
}
