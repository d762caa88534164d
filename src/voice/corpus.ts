/**
 * Documents read and run through the text pipeline, with the corpus's phrases found: what words, topics and
 * SWOT count over. Sentiment comes from the stored analysis (so that every surface shows the same score),
 * terms from the pipeline run here with the `--language` override if one was given.
 */

import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { analyzeTerms, findPhrases, isLanguage, type Language, type Term, termBag } from '../text/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { ensureAnalysed } from './analysis.js';
import { type DocumentFilter, type DocumentRow, readDocuments } from './documents.js';

/** A document with its terms. */
export interface CorpusDocument extends DocumentRow {
  readonly selected: boolean;
  /** Unigrams and phrases, with repeats. */
  readonly bag: readonly Term[];
}

/** Documents with their terms, and what the reading found worth a warning. */
export interface Corpus {
  readonly documents: readonly CorpusDocument[];
  readonly warnings: Warning[];
}

// The pipeline is pure and costs milliseconds a text (wink-nlp): the words, topics, SWOT and persona screens
// read the same texts again and again, so each text's terms are kept, the most recent few thousand. Terms
// only: these readers take sentiment from the stored analysis, so it is not scored again, nor tokens kept.
const ANALYSED = new Map<string, ReturnType<typeof analyzeTerms>>();
const KEEP = 20_000;

function analyzedOnce(text: string, language: Language | undefined): ReturnType<typeof analyzeTerms> {
  const key = `${language ?? ''}\u0000${text}`;
  const hit = ANALYSED.get(key);
  if (hit !== undefined) {
    // Most recently used last, so the oldest is evicted first.
    ANALYSED.delete(key);
    ANALYSED.set(key, hit);
    return hit;
  }
  const doc = analyzeTerms(text, language === undefined ? {} : { language });
  // Long texts are rare and would hold memory: analysed each time.
  if (text.length > 10_000) return doc;
  ANALYSED.set(key, doc);
  if (ANALYSED.size > KEEP) ANALYSED.delete(ANALYSED.keys().next().value as string);
  return doc;
}

/** Checks a `--language` value: auto, or a language of the pipeline. */
export function parseLanguage(value: string | undefined): Language | undefined {
  if (value === undefined || value === 'auto') return undefined;
  if (isLanguage(value) && value !== 'und') return value;
  throw new ClienteleError(
    'CLT_ERR_TEXT_LANGUAGE',
    `unknown language '${value}': use auto, en, pl, de, fr, es, it, pt or nl`,
    {
      language: value,
    },
  );
}

/** Reads, analyses and bags the documents of `filter` (and, with `withRest`, the others too). */
export async function readCorpus(
  db: Warehouse,
  filter: DocumentFilter,
  options: { withRest?: boolean; language?: Language } = {},
): Promise<Corpus> {
  await ensureAnalysed(db, filter.source ?? 'all');
  const rows = await readDocuments(db, filter, { withRest: options.withRest ?? false });
  const { bags, truncated } = bagTexts(rows, options.language);
  const warnings: Warning[] = [];
  if (truncated > 0) {
    warnings.push(
      warning(
        'CLT_WARN_TEXT_TRUNCATED',
        `${truncated} document(s) longer than a million characters were cut`,
      ),
    );
  }
  return {
    documents: rows.map((row, i) => ({ ...row, bag: bags[i] as readonly Term[] })),
    warnings,
  };
}

/**
 * The term bags of texts (unigrams and the phrases found among them), in order, and how many were cut.
 * A text's language is `language` when given (`--language`), else the one stored by its analysis (the
 * same detection, so the same terms, without detecting it again), else detected.
 */
export function bagTexts(
  rows: readonly { readonly text: string; readonly language?: string | null }[],
  language?: Language,
): { bags: (readonly Term[])[]; truncated: number } {
  let truncated = 0;
  const terms = rows.map((row) => {
    const stored = row.language && isLanguage(row.language) ? row.language : undefined;
    const doc = analyzedOnce(row.text, language ?? stored);
    if (doc.truncated) truncated++;
    return doc.terms;
  });
  const phrases = findPhrases(terms);
  return { bags: terms.map((t) => termBag(t, phrases)), truncated };
}
