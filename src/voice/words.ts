/**
 * `clientele words`: the terms and phrases of the selected documents, by count, or with `--compare-to` by how
 * distinctive they are against the other documents (rest) or all of them (log-odds with an informative
 * Dirichlet prior, src/text/logodds.ts).
 */
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import type { Language } from '../text/index.js';
import { logOddsDirichlet } from '../text/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { type CorpusDocument, readCorpus } from './corpus.js';
import type { DocumentFilter } from './documents.js';

/** Options of `words`. */
export interface WordsOptions extends DocumentFilter {
  readonly compareTo?: 'rest' | 'all';
  readonly top?: number;
  readonly language?: Language;
}

/** One term of the cloud. */
export interface WordTerm {
  readonly term: string;
  /** Occurrences in the selected documents. */
  readonly count: number;
  /** Selected documents holding it. */
  readonly documents: number;
  /** Without --compare-to: its share of all term occurrences; with it: the log-odds ratio δ. */
  readonly weight: number;
  /** With --compare-to: δ's z-score (|z| ≥ 1.96 is distinctive at the 5 % level); else null. */
  readonly z: number | null;
  /** Mean sentiment of the selected documents holding it (colours the cloud). */
  readonly sentiment: number | null;
}

/** What `words` returns. */
export interface WordsResult {
  readonly documents: number;
  readonly terms: WordTerm[];
  readonly compareTo: 'rest' | 'all' | null;
  readonly comparedWith: number | null;
  readonly warnings: Warning[];
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
// Below this many documents a word cloud is anecdote.
const FEW_DOCUMENTS = 20;

interface Tally {
  label: string;
  count: number;
  documents: number;
  rest: number;
  sentimentSum: number;
  sentimentN: number;
}

function tally(documents: readonly CorpusDocument[]): {
  terms: Map<string, Tally>;
  selected: number;
  rest: number;
} {
  const terms = new Map<string, Tally>();
  let selected = 0;
  let rest = 0;
  for (const d of documents) {
    if (d.selected) selected++;
    else rest++;
    const seen = new Set<string>();
    for (const t of d.bag) {
      let e = terms.get(t.key);
      if (e === undefined) {
        e = { label: t.label, count: 0, documents: 0, rest: 0, sentimentSum: 0, sentimentN: 0 };
        terms.set(t.key, e);
      }
      if (!d.selected) {
        e.rest++;
        continue;
      }
      e.count++;
      if (!seen.has(t.key)) {
        seen.add(t.key);
        e.documents++;
        if (d.sentiment !== null) {
          e.sentimentSum += d.sentiment;
          e.sentimentN++;
        }
      }
    }
  }
  return { terms, selected, rest };
}

// A term inside a longer listed phrase with the same count adds nothing ("stories" beside "stories maker").
function withoutSubsumed(terms: WordTerm[]): WordTerm[] {
  const inside = (a: string, b: string) => a !== b && ` ${b} `.includes(` ${a} `);
  return terms.filter((t) => !terms.some((o) => o.count === t.count && inside(t.term, o.term)));
}

/** Counts and ranks the terms of the documents `options` selects. */
export async function words(db: Warehouse, options: WordsOptions): Promise<WordsResult> {
  const top = options.top ?? 50;
  if (!Number.isInteger(top) || top < 1 || top > 10_000) {
    throw new ClienteleError('CLT_ERR_USAGE', `top ${top}: expected a whole number from 1 to 10000`, {
      option: 'top',
    });
  }
  const compareTo = options.compareTo ?? null;
  const corpus = await readCorpus(db, options, {
    withRest: compareTo !== null,
    ...(options.language === undefined ? {} : { language: options.language }),
  });
  const { terms, selected, rest } = tally(corpus.documents);
  const warnings = [...corpus.warnings];
  if (selected < FEW_DOCUMENTS) {
    warnings.push(
      warning(
        'CLT_WARN_TEXT_FEW_DOCUMENTS',
        `only ${selected} document(s) selected: the terms could be chance`,
      ),
    );
  }
  // The label shown for a stem is the form written most: counted as the first seen here, which is fine for
  // English lemmas; Polish stems keep the first form met, see docs/text.md.
  const entries = [...terms.entries()].filter(([, e]) => e.count > 0);
  let ranked: WordTerm[];
  if (compareTo === null) {
    const total = entries.reduce((s, [, e]) => s + e.count, 0) || 1;
    ranked = entries
      .sort((a, b) => b[1].count - a[1].count || b[1].documents - a[1].documents || a[0].localeCompare(b[0]))
      .slice(0, top)
      .map(([, e]) => ({
        term: e.label,
        count: e.count,
        documents: e.documents,
        weight: round(e.count / total, 6),
        z: null,
        sentiment: e.sentimentN ? round(e.sentimentSum / e.sentimentN, 3) : null,
      }));
  } else {
    if (compareTo === 'rest' && rest === 0) {
      warnings.push(
        warning(
          'CLT_WARN_TEXT_FEW_DOCUMENTS',
          'no other documents to compare with: every document is selected',
        ),
      );
    }
    const all = [...terms.values()];
    const counts = all.map((e) => ({
      selection: e.count,
      comparison: compareTo === 'rest' ? e.rest : e.rest + e.count,
    }));
    const { delta, z } = logOddsDirichlet(counts);
    ranked = all
      .map((e, i) => ({ e, delta: delta[i]!, z: z[i]! }))
      // A term the selection used once says nothing about it.
      .filter((x) => x.e.count >= 2)
      .sort((a, b) => b.z - a.z || b.e.count - a.e.count)
      .slice(0, top)
      .map(({ e, delta: d, z: zz }) => ({
        term: e.label,
        count: e.count,
        documents: e.documents,
        weight: round(d),
        z: round(zz, 3),
        sentiment: e.sentimentN ? round(e.sentimentSum / e.sentimentN, 3) : null,
      }));
  }
  return {
    documents: selected,
    terms: withoutSubsumed(ranked),
    compareTo,
    comparedWith: compareTo === null ? null : compareTo === 'rest' ? rest : rest + selected,
    warnings,
  };
}
