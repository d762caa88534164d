/**
 * Phrases: two- and three-word collocations found in the corpus itself. A pair of adjacent terms (stop words
 * removed, never across a clause boundary) is a phrase when it occurs in at least `minDocuments` documents
 * and its pointwise mutual information, ln(N·c(ab) / (c(a)·c(b))), is at least `minPmi` (it occurs together
 * e³ ≈ 2.7 times more often than chance would put it there by default). A triple is a phrase when it occurs
 * in `minDocuments` documents and both of its pairs are phrases.
 */
import type { Term } from './analyze.js';

/** Options of `findPhrases`. */
export interface PhraseOptions {
  readonly minDocuments?: number;
  readonly minPmi?: number;
}

/** A phrase's key (its terms' keys joined by a space) and label. */
export type Phrase = Term;

function ngrams(terms: readonly (Term | null)[], n: number): Term[][] {
  const out: Term[][] = [];
  for (let i = 0; i + n <= terms.length; i++) {
    const window = terms.slice(i, i + n);
    if (window.every((t) => t !== null)) out.push(window as Term[]);
  }
  return out;
}

const keyOf = (gram: readonly Term[]) => gram.map((t) => t.key).join(' ');
const labelOf = (gram: readonly Term[]) => gram.map((t) => t.label).join(' ');

/** The phrases of a corpus of term sequences, by key. */
export function findPhrases(
  documents: readonly (readonly (Term | null)[])[],
  options: PhraseOptions = {},
): Map<string, Phrase> {
  const minDocuments = options.minDocuments ?? 3;
  const minPmi = options.minPmi ?? 1;
  const unigram = new Map<string, number>();
  const pairs = new Map<string, { count: number; docs: number; label: string; a: string; b: string }>();
  const triples = new Map<string, { docs: number; label: string; pairs: [string, string] }>();
  let total = 0;
  for (const terms of documents) {
    for (const t of terms) {
      if (t === null) continue;
      unigram.set(t.key, (unigram.get(t.key) ?? 0) + 1);
      total++;
    }
    const seen = new Set<string>();
    for (const g of ngrams(terms, 2)) {
      const key = keyOf(g);
      if (g[0]!.key === g[1]!.key) continue;
      const e = pairs.get(key) ?? { count: 0, docs: 0, label: labelOf(g), a: g[0]!.key, b: g[1]!.key };
      e.count++;
      if (!seen.has(key)) {
        e.docs++;
        seen.add(key);
      }
      pairs.set(key, e);
    }
    for (const g of ngrams(terms, 3)) {
      const key = keyOf(g);
      if (seen.has(key)) continue;
      seen.add(key);
      const e = triples.get(key) ?? {
        docs: 0,
        label: labelOf(g),
        pairs: [keyOf(g.slice(0, 2)), keyOf(g.slice(1))],
      };
      e.docs++;
      triples.set(key, e);
    }
  }
  const phrases = new Map<string, Phrase>();
  for (const [key, e] of pairs) {
    if (e.docs < minDocuments) continue;
    const pmi = Math.log((total * e.count) / ((unigram.get(e.a) ?? 1) * (unigram.get(e.b) ?? 1)));
    if (pmi >= minPmi) phrases.set(key, { key, label: e.label });
  }
  for (const [key, e] of triples) {
    if (e.docs >= minDocuments && phrases.has(e.pairs[0]) && phrases.has(e.pairs[1])) {
      phrases.set(key, { key, label: e.label });
    }
  }
  return phrases;
}

/** A document's terms as a bag: its unigrams and the phrases of `phrases` it contains. */
export function termBag(terms: readonly (Term | null)[], phrases: ReadonlyMap<string, Phrase>): Term[] {
  const bag: Term[] = terms.filter((t): t is Term => t !== null);
  if (phrases.size === 0) return bag;
  for (const n of [2, 3]) {
    for (const g of ngrams(terms, n)) {
      const phrase = phrases.get(keyOf(g));
      if (phrase !== undefined) bag.push(phrase);
    }
  }
  return bag;
}
