/**
 * A light Polish stemmer: suffix stripping in seven passes (nouns, diminutives, adjectives, verbs, adverbs,
 * plurals, a last vowel), ported from @nlpjs/lang-pl 4.26.1 `stemmer-pl.js` (MIT licence, Copyright (c) AXA
 * Group Operations Spain S.A.; see lexicon/LICENSE-nlpjs.md). It works on the lower-case word with
 * diacritics folded except `ł`, as that package's normalizer leaves it. It groups regular inflections
 * (`dostawa`, `dostawy`, `dostawie` → `dostaw`) and misses alternations of the stem (`ręka`/`ręce`,
 * `przyszedł`/`przyjść`): it is a grouping key, not a lemma, and never shown to people.
 */

const ends = (word: string, list: readonly string[], n: number): boolean => list.includes(word.slice(-n));

function noun(w: string): string {
  if (w.length > 7 && ends(w, ['zacja', 'zacji'], 5)) return w.slice(0, -4);
  if (w.length > 6) {
    if (ends(w, ['acja', 'acji', 'tach', 'anie', 'enie', 'eniu', 'aniu'], 4)) return w.slice(0, -4);
    if (w.endsWith('tyka')) return w.slice(0, -2);
  }
  if (w.length > 5) {
    if (ends(w, ['ach', 'ami', 'nia', 'niu', 'cia', 'ciu'], 3)) return w.slice(0, -3);
    if (ends(w, ['cji', 'cja'], 3)) return w.slice(0, -2);
    if (ends(w, ['ce', 'ta'], 2)) return w.slice(0, -2);
  }
  return w;
}

function diminutive(w: string): string {
  if (w.length > 6) {
    if (ends(w, ['eczek', 'iczek', 'iszek', 'aszek', 'uszek'], 5)) return w.slice(0, -5);
    if (ends(w, ['enek', 'ejek', 'erek'], 4)) return w.slice(0, -2);
  }
  if (w.length > 4 && ends(w, ['ek', 'ak'], 2)) return w.slice(0, -2);
  return w;
}

function adjective(w: string): string {
  if (w.length > 7 && w.startsWith('naj')) {
    if (w.endsWith('szych')) return w.slice(3, -5);
    if (w.endsWith('sze') || w.endsWith('szy')) return w.slice(3, -3);
  }
  if (w.length > 6 && w.endsWith('czny')) return w.slice(0, -4);
  if (w.length > 5) {
    if (ends(w, ['owy', 'owa', 'owe', 'ych', 'ego'], 3)) return w.slice(0, -3);
    if (w.endsWith('ej')) return w.slice(0, -2);
  }
  return w;
}

function verb(w: string): string {
  if (w.length > 5 && ends(w, ['bym', 'esz', 'asz', 'cie', 'esc', 'asc', 'łem', 'amy', 'emy'], 3)) {
    return w.slice(0, -3);
  }
  if (w.length > 3) {
    if (ends(w, ['esz', 'asz', 'esc', 'asc'], 3)) return w.slice(0, -2);
    if (w.endsWith('aj')) return w.slice(0, -1);
    if (ends(w, ['ac', 'em', 'am', 'ał', 'ił', 'ic'], 2)) return w.slice(0, -2);
  }
  return w;
}

function adverb(w: string): string {
  if (w.length > 4 && ends(w, ['nie', 'wie', 'rze'], 3)) return w.slice(0, -2);
  return w;
}

function plural(w: string): string {
  if (w.length > 4) {
    if (w.endsWith('ami')) return w.slice(0, -3);
    if (w.endsWith('ow') || w.endsWith('om')) return w.slice(0, -2);
  }
  return w;
}

function general(w: string): string {
  if (w.length > 4) {
    if (w.endsWith('ia') || w.endsWith('ie')) return w.slice(0, -2);
    if ('uaieły'.includes(w.at(-1) ?? '')) return w.slice(0, -1);
  }
  return w;
}

/** Diacritics removed except `ł`, lower case: the form the stemmer's suffix lists are written in. */
export function foldPolish(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/** The grouping stem of one Polish word. */
export function stemPolish(word: string): string {
  let w = foldPolish(word);
  for (const pass of [noun, diminutive, adjective, verb, adverb, plural, general]) w = pass(w);
  return w;
}
