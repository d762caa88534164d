/**
 * Text → tokens. English goes through wink-nlp (tokens, lemmas, negation scope); other languages through
 * a Unicode tokenizer of our own with a short negator list per language. Either way a token carries its
 * kind, lower-case form, lemma, whether a negation governs it and how much it is emphasised.
 */
import { createRequire } from 'node:module';
import type { Language } from './language.js';

/** What a token is. */
export type TokenKind = 'word' | 'hashtag' | 'mention' | 'emoji' | 'number' | 'url' | 'punct' | 'other';

/** One token of a document. */
export interface Token {
  /** As written. */
  readonly text: string;
  readonly kind: TokenKind;
  /** Lower case. */
  readonly lower: string;
  /** The dictionary form where a model has one (English), else the lower-case form. */
  readonly lemma: string;
  /** Inside the scope of a negation ("not really good": `really` and `good`). */
  readonly negated: boolean;
  /** Written in capitals in a text that is not all capitals, or with a letter repeated ("soooo"). */
  readonly emphasised: boolean;
  /** Ends a clause: punctuation that stops negation and phrases. */
  readonly boundary: boolean;
  /** wink-nlp's own stop-word flag (English only; false elsewhere). */
  readonly stop?: boolean;
}

type Wink = {
  readDoc(text: string): { tokens(): { out(f?: unknown): string[] | boolean[] } };
  its: Record<string, unknown>;
};
let wink: Wink | undefined;

// wink's model takes ~200 ms to load: only when English text first arrives.
function english(): Wink {
  if (wink === undefined) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: unknown) => Wink;
    wink = winkNLP(require('wink-eng-lite-web-model'));
  }
  return wink;
}

const WINK_KIND: Readonly<Record<string, TokenKind>> = {
  word: 'word',
  hashtag: 'hashtag',
  mention: 'mention',
  emoji: 'emoji',
  emoticon: 'emoji',
  number: 'number',
  ordinal: 'number',
  url: 'url',
  email: 'other',
  punctuation: 'punct',
};

const CAPS = /^\p{Lu}{2,}$/u;
const REPEATED = /(\p{L})\1\1/u;
const BOUNDARY = /^[.!?;:,()[\]{}"“”…]+$|^[-–—]$/u;

function emphasis(text: string, kind: TokenKind, allCaps: boolean): boolean {
  if (kind !== 'word') return false;
  return (!allCaps && CAPS.test(text)) || REPEATED.test(text);
}

// The document is written in capitals throughout: capitals then say nothing.
function shouting(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 8) return false;
  return letters.filter((l) => l !== l.toLowerCase()).length / letters.length > 0.8;
}

function tokenizeEnglish(text: string): Token[] {
  const nlp = english();
  const doc = nlp.readDoc(text);
  const t = doc.tokens();
  const { its } = nlp;
  const values = t.out(its.value) as string[];
  const types = t.out(its.type) as string[];
  const lemmas = t.out(its.lemma) as string[];
  const negations = t.out(its.negationFlag) as boolean[];
  const stops = t.out(its.stopWordFlag) as boolean[];
  const caps = shouting(text);
  return values.map((value, i) => {
    const kind = WINK_KIND[types[i] ?? ''] ?? 'other';
    const lower = value.toLowerCase();
    return {
      text: value,
      kind,
      lower,
      lemma: kind === 'word' ? (lemmas[i] ?? lower).toLowerCase() : lower,
      negated: negations[i] === true,
      emphasised: emphasis(value, kind, caps),
      boundary: kind === 'punct' && BOUNDARY.test(value),
      stop: stops[i] === true,
    };
  });
}

const TOKEN =
  /(https?:\/\/\S+|www\.\S+)|(#[\p{L}\p{N}_]+)|(@[\p{L}\p{N}_.]+)|(\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*)|(\p{N}+(?:[.,]\p{N}+)*)|(\p{L}[\p{L}\p{M}\p{N}'’]*(?:-\p{L}[\p{L}\p{M}\p{N}'’]*)*)|([.!?;:,()…"“”]+)/gu;

/** Words that negate what follows, per language. */
export const NEGATORS: Readonly<Partial<Record<Language, readonly string[]>>> = {
  pl: ['nie', 'ani', 'nigdy', 'żaden', 'żadna', 'żadne', 'bez', 'brak', 'brakuje'],
  de: ['nicht', 'kein', 'keine', 'keinen', 'nie', 'niemals'],
  fr: ['ne', 'pas', 'jamais', 'aucun', 'aucune', 'sans'],
  es: ['no', 'nunca', 'jamás', 'ningún', 'ninguna', 'sin'],
  it: ['non', 'mai', 'nessun', 'nessuna', 'senza'],
  pt: ['não', 'nunca', 'nenhum', 'nenhuma', 'sem'],
  nl: ['niet', 'geen', 'nooit', 'zonder'],
};
// A negation reaches this many words, or the end of the clause.
const NEGATION_REACH = 3;

function tokenizeOther(text: string, language: Language): Token[] {
  const negators = new Set(NEGATORS[language] ?? []);
  const caps = shouting(text);
  const out: Token[] = [];
  let reach = 0;
  for (const m of text.matchAll(TOKEN)) {
    const value = m[0];
    const kind: TokenKind = m[1]
      ? 'url'
      : m[2]
        ? 'hashtag'
        : m[3]
          ? 'mention'
          : m[4]
            ? 'emoji'
            : m[5]
              ? 'number'
              : m[6]
                ? 'word'
                : 'punct';
    const lower = value.toLowerCase();
    const boundary = kind === 'punct';
    if (boundary) reach = 0;
    const negator = kind === 'word' && negators.has(lower);
    out.push({
      text: value,
      kind,
      lower,
      lemma: lower,
      negated: !negator && reach > 0 && kind === 'word',
      emphasised: emphasis(value, kind, caps),
      boundary,
    });
    if (negator) reach = NEGATION_REACH;
    else if (kind === 'word' && reach > 0) reach--;
  }
  return out;
}

/** The tokens of `text` (already cleaned) in `language`. */
export function tokenize(text: string, language: Language): Token[] {
  if (text.trim() === '') return [];
  return language === 'en' ? tokenizeEnglish(text) : tokenizeOther(text, language);
}
