/**
 * Topics of a corpus of term bags: a TF-IDF matrix (sublinear tf, smooth idf, rows of unit length) over the
 * terms found in at least `minDocuments` documents and at most half of them, factorised by NMF. With k
 * "auto", k runs from 2 to `maxK` and the k whose topics are most coherent wins: the mean, over topics, of
 * the normalised pointwise mutual information (NPMI, Bouma 2009) of every pair of its eight top terms, from
 * document co-occurrence (Aletras & Stevenson 2013 found NPMI the coherence closest to people's judgement);
 * a tie goes to the smaller k.
 */
import { nmf, type SparseRows } from './nmf.js';

/** A document's terms for topic modelling. */
export interface TopicInput {
  readonly keys: readonly string[];
}

/** One topic. */
export interface TopicFit {
  /** Term indexes into `vocabulary`, best first, with their weights in H. */
  readonly terms: readonly { readonly index: number; readonly weight: number }[];
  readonly coherence: number;
}

/** What `fitTopics` returns. */
export interface TopicsFit {
  readonly k: number;
  readonly vocabulary: readonly string[];
  readonly topics: readonly TopicFit[];
  /** Each document's dominant topic, or −1 for a document with no modelled term. */
  readonly assignment: Int32Array;
  readonly relativeError: number;
  /** Mean NPMI coherence of each k tried. */
  readonly tried: readonly { readonly k: number; readonly coherence: number }[];
}

/** Options of `fitTopics`. */
export interface TopicOptions {
  readonly k?: number | 'auto';
  readonly maxK?: number;
  readonly minDocuments?: number;
  readonly maxVocabulary?: number;
  readonly iterations?: number;
  readonly seed?: number;
}

const TOP = 8;

function matrix(docs: readonly TopicInput[], minDocuments: number, maxVocabulary: number) {
  const df = new Map<string, number>();
  for (const d of docs) for (const key of new Set(d.keys)) df.set(key, (df.get(key) ?? 0) + 1);
  const n = docs.length;
  const vocabulary = [...df.entries()]
    .filter(([, c]) => c >= minDocuments && c <= n / 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxVocabulary)
    .map(([k]) => k);
  const index = new Map(vocabulary.map((k, i) => [k, i]));
  const ptr = new Int32Array(n + 1);
  const idx: number[] = [];
  const vals: number[] = [];
  const sets: Set<number>[] = [];
  docs.forEach((d, i) => {
    const tf = new Map<number, number>();
    for (const key of d.keys) {
      const j = index.get(key);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
    }
    const entries = [...tf.entries()].sort((a, b) => a[0] - b[0]);
    const row = entries.map(
      ([j, c]) => (1 + Math.log(c)) * (Math.log((1 + n) / (1 + (df.get(vocabulary[j]!) ?? 0))) + 1),
    );
    const norm = Math.sqrt(row.reduce((s, x) => s + x * x, 0)) || 1;
    entries.forEach(([j], e) => {
      idx.push(j);
      vals.push(row[e]! / norm);
    });
    sets.push(new Set(entries.map(([j]) => j)));
    ptr[i + 1] = idx.length;
  });
  const v: SparseRows = {
    rows: n,
    cols: vocabulary.length,
    ptr,
    idx: Int32Array.from(idx),
    vals: Float64Array.from(vals),
  };
  return { v, vocabulary, sets };
}

function topTerms(h: Float64Array, m: number, t: number, top: number) {
  const row = Array.from({ length: m }, (_, j) => ({ index: j, weight: h[t * m + j]! }));
  return row
    .sort((a, b) => b.weight - a.weight)
    .slice(0, top)
    .filter((x) => x.weight > 0);
}

// NPMI of each pair of top terms from document co-occurrence, averaged; pairs never seen together score −1.
function coherence(terms: readonly number[], postings: Map<number, Set<number>>, n: number): number {
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < terms.length; a++) {
    for (let b = a + 1; b < terms.length; b++) {
      const da = postings.get(terms[a]!) ?? new Set();
      const db = postings.get(terms[b]!) ?? new Set();
      let both = 0;
      for (const d of da) if (db.has(d)) both++;
      pairs++;
      if (both === 0) {
        total -= 1;
        continue;
      }
      const pab = both / n;
      const pmi = Math.log(pab / ((da.size / n) * (db.size / n)));
      total += pab === 1 ? 1 : pmi / -Math.log(pab);
    }
  }
  return pairs ? total / pairs : 0;
}

/** Fits topics to `docs`. Fewer than two usable terms or documents give no topic. */
export function fitTopics(docs: readonly TopicInput[], options: TopicOptions = {}): TopicsFit {
  const minDocuments = options.minDocuments ?? Math.max(3, Math.ceil(docs.length * 0.002));
  const { v, vocabulary, sets } = matrix(docs, minDocuments, options.maxVocabulary ?? 1500);
  const m = vocabulary.length;
  const empty: TopicsFit = {
    k: 0,
    vocabulary,
    topics: [],
    assignment: new Int32Array(docs.length).fill(-1),
    relativeError: 1,
    tried: [],
  };
  if (m < 2 || docs.length < 4) return empty;
  const postings = new Map<number, Set<number>>();
  sets.forEach((s, d) => {
    for (const j of s) {
      let p = postings.get(j);
      if (p === undefined) {
        p = new Set();
        postings.set(j, p);
      }
      p.add(d);
    }
  });
  const maxK = Math.max(2, Math.min(options.maxK ?? 10, m - 1, Math.floor(docs.length / 5)));
  const ks =
    options.k === undefined || options.k === 'auto'
      ? Array.from({ length: maxK - 1 }, (_, i) => i + 2)
      : [Math.max(1, Math.min(options.k, m))];
  let best: { fit: ReturnType<typeof nmf>; topics: TopicFit[]; score: number } | undefined;
  const tried: { k: number; coherence: number }[] = [];
  for (const k of ks) {
    const fit = nmf(v, k, { iterations: options.iterations ?? 150, seed: options.seed ?? 1 });
    const topics = Array.from({ length: k }, (_, t) => {
      const terms = topTerms(fit.h, m, t, 10);
      return {
        terms,
        coherence: coherence(
          terms.slice(0, TOP).map((x) => x.index),
          postings,
          docs.length,
        ),
      };
    });
    const score = topics.reduce((s, t) => s + t.coherence, 0) / k;
    tried.push({ k, coherence: Math.round(score * 1e4) / 1e4 });
    if (best === undefined || score > best.score + 1e-9) best = { fit, topics, score };
  }
  if (best === undefined) return empty;
  const { fit, topics } = best;
  const k = fit.k;
  const assignment = new Int32Array(docs.length).fill(-1);
  for (let i = 0; i < docs.length; i++) {
    if (v.ptr[i + 1] === v.ptr[i]) continue;
    let top = -1;
    let weight = 0;
    for (let t = 0; t < k; t++) {
      if (fit.w[i * k + t]! > weight) {
        weight = fit.w[i * k + t]!;
        top = t;
      }
    }
    assignment[i] = top;
  }
  return { k, vocabulary, topics, assignment, relativeError: fit.relativeError, tried };
}
