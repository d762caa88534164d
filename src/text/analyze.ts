/**
 * One document through the pipeline: clean → language → tokens → terms and sentiment. Terms are what word
 * clouds, topics and search count: English lemmas, Polish stems (shown as the form most written), other
 * languages' lower-case words, hashtags and emojis; stop words, handles, links and numbers are left out.
 * A polar word under a negation becomes one term with its negator ("not good", "nie polecam").
 */
import { cleanText } from './clean.js';
import { detectLanguage, type Language } from './language.js';
import { scoreTokens, valence } from './sentiment.js';
import { stemPolish } from './stem-pl.js';
import { stopWords } from './stopwords.js';
import { type Token, tokenize } from './tokenize.js';

/** A term as counted (`key`) and as shown (`label`). */
export interface Term {
  readonly key: string;
  readonly label: string;
}

/** A document after the pipeline. */
export interface TextDocument {
  readonly language: Language;
  readonly tokens: readonly Token[];
  /** Content terms in order; `null` marks a clause boundary (phrases never cross one). */
  readonly terms: readonly (Term | null)[];
  /** In [−1, 1]. */
  readonly sentiment: number;
  /** The text was longer than MAX_TEXT and only its start was analysed. */
  readonly truncated: boolean;
}

/** Options of `analyze`. */
export interface AnalyzeOptions {
  /** A language to use instead of detecting one (`--language`). */
  readonly language?: Language;
  /** The language of a text too short to detect (English unless told). */
  readonly fallback?: Language;
}

const NEGATOR_WORD: Readonly<Partial<Record<Language, string>>> = {
  pl: 'nie',
  de: 'nicht',
  fr: 'pas',
  es: 'no',
  it: 'non',
  pt: 'não',
  nl: 'niet',
};

function termOf(token: Token, language: Language, stops: ReadonlySet<string>): Term | undefined {
  switch (token.kind) {
    case 'hashtag':
      return { key: token.lower, label: token.lower };
    case 'emoji': {
      const e = token.text.replace(/\uFE0F/g, '');
      return { key: e, label: e };
    }
    case 'word': {
      const word = token.lower.replace(/[’']s$/u, '');
      // stopwords-iso's English list is broad (it holds "html", "text", "order", "information"): an English
      // word is a stop word only when wink-nlp's own list agrees.
      const listed = stops.has(token.lower) || stops.has(word) || stops.has(token.lemma);
      if (word.length < 2 || (listed && (language !== 'en' || token.stop === true))) return undefined;
      if (!/\p{L}/u.test(word)) return undefined;
      const base =
        language === 'en'
          ? { key: token.lemma, label: token.lemma }
          : language === 'pl'
            ? { key: `pl:${stemPolish(word)}`, label: word }
            : { key: word, label: word };
      if (token.negated && valence(token, language) !== 0) {
        const not = NEGATOR_WORD[language] ?? 'not';
        return { key: `${not} ${base.key}`, label: `${not} ${base.label}` };
      }
      return base;
    }
    default:
      return undefined;
  }
}

/** Runs the pipeline over one text. Never throws on content: empty, binary or 1 MB texts all come back. */
export function analyze(raw: string, options: AnalyzeOptions = {}): TextDocument {
  const { language, tokens, terms, truncated } = tokensAndTerms(raw, options);
  return { language, tokens, terms, sentiment: scoreTokens(tokens, language), truncated };
}

/**
 * A text's terms alone, as {@link analyze} finds them, without scoring its sentiment or keeping its tokens:
 * what counting words needs (the persona's voice reads stored sentiment; issue 13).
 */
export function analyzeTerms(
  raw: string,
  options: AnalyzeOptions = {},
): Omit<TextDocument, 'tokens' | 'sentiment'> {
  const { language, terms, truncated } = tokensAndTerms(raw, options);
  return { language, terms, truncated };
}

function tokensAndTerms(raw: string, options: AnalyzeOptions): Omit<TextDocument, 'sentiment'> {
  const { text, truncated } = cleanText(raw);
  const language = detectLanguage(text, {
    ...(options.language === undefined ? {} : { override: options.language }),
    ...(options.fallback === undefined ? {} : { fallback: options.fallback }),
  });
  const tokens = tokenize(text, language);
  const stops = stopWords(language);
  const terms: (Term | null)[] = [];
  for (const token of tokens) {
    if (token.boundary || token.kind === 'url' || token.kind === 'mention') {
      if (terms.at(-1) !== null) terms.push(null);
      continue;
    }
    const term = termOf(token, language, stops);
    if (term !== undefined) terms.push(term);
  }
  return { language, tokens, terms, truncated };
}
