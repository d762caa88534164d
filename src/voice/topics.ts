/**
 * `clientele topics`: themes of what customers wrote, by NMF over TF-IDF (src/text/topics.ts), each labelled
 * by its top terms and phrases, with its share of the documents, their mean sentiment and its trend: its
 * share in the later half of the period against the earlier half, with a two-proportion z.
 */
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { fitTopics, type Language, type Term } from '../text/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { readCorpus } from './corpus.js';
import type { DocumentFilter } from './documents.js';

/** Options of `topics`. */
export interface TopicsOptions extends DocumentFilter {
  readonly k?: number | 'auto';
  readonly language?: Language;
  readonly seed?: number;
}

/** A topic's trend: its share of the earlier and the later half of the documents' period. */
export interface TopicTrend {
  readonly direction: 'rising' | 'falling' | 'flat';
  readonly earlier: number;
  readonly later: number;
  readonly change: number;
  readonly z: number;
}

/** One topic. */
export interface Topic {
  readonly id: number;
  readonly label: string;
  readonly terms: string[];
  readonly documents: number;
  readonly share: number;
  readonly sentiment: number | null;
  readonly trend: TopicTrend | null;
  /** Two documents that hold most of it, as examples. */
  readonly examples: string[];
}

/** What `topics` returns. */
export interface TopicsResult {
  readonly documents: number;
  readonly k: number;
  /** How k was chosen: the mean NPMI coherence of each k tried. */
  readonly tried: readonly { k: number; coherence: number }[];
  readonly topics: Topic[];
  readonly warnings: Warning[];
}

const r = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

// Phrases first in a label, and no word already inside a phrase of the label.
function labelOf(terms: readonly Term[]): string {
  const picked: string[] = [];
  const ordered = [...terms.slice(0, 6)].sort(
    (a, b) => b.label.split(' ').length - a.label.split(' ').length,
  );
  for (const t of ordered) {
    if (picked.length >= 3) break;
    if (picked.some((p) => ` ${p} `.includes(` ${t.label} `))) continue;
    picked.push(t.label);
  }
  const rank = new Map(terms.map((t, i) => [t.label, i]));
  return picked.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)).join(' · ');
}

/** Finds the topics of the documents `options` selects. */
export async function topics(db: Warehouse, options: TopicsOptions): Promise<TopicsResult> {
  if (
    options.k !== undefined &&
    options.k !== 'auto' &&
    (!Number.isInteger(options.k) || options.k < 1 || options.k > 50)
  ) {
    throw new ClienteleError(
      'CLT_ERR_USAGE',
      `k ${options.k}: expected auto or a whole number from 1 to 50`,
      { option: 'k' },
    );
  }
  const corpus = await readCorpus(
    db,
    options,
    options.language === undefined ? {} : { language: options.language },
  );
  const docs = corpus.documents;
  const warnings = [...corpus.warnings];
  const labels = new Map<string, string>();
  for (const d of docs) for (const t of d.bag) if (!labels.has(t.key)) labels.set(t.key, t.label);
  const fit = fitTopics(
    docs.map((d) => ({ keys: d.bag.map((t) => t.key) })),
    { k: options.k ?? 'auto', seed: options.seed ?? 1 },
  );
  if (docs.length < 50) {
    warnings.push(
      warning('CLT_WARN_TEXT_FEW_DOCUMENTS', `only ${docs.length} document(s): topics could be chance`),
    );
  }
  if (fit.k > 0 && fit.relativeError > 0.9) {
    warnings.push(
      warning(
        'CLT_WARN_TEXT_WEAK_TOPICS',
        `the topics leave ${Math.round(fit.relativeError * 100)} % of the TF-IDF matrix unexplained`,
      ),
    );
  }
  const times = docs.map((d) => (d.createdAt ? Date.parse(d.createdAt) : Number.NaN));
  const finite = times.filter(Number.isFinite);
  const mid = finite.length ? (Math.min(...finite) + Math.max(...finite)) / 2 : Number.NaN;
  let earlyN = 0;
  let lateN = 0;
  times.forEach((t) => {
    if (!Number.isFinite(t)) return;
    if (t < mid) earlyN++;
    else lateN++;
  });
  const assigned = [...fit.assignment].filter((a) => a >= 0).length;
  const out: Topic[] = fit.topics.map((topic, id) => {
    const members = docs.map((_, i) => i).filter((i) => fit.assignment[i] === id);
    const scored = members.map((i) => docs[i]!.sentiment).filter((s): s is number => s !== null);
    let early = 0;
    let late = 0;
    for (const i of members) {
      const t = times[i]!;
      if (!Number.isFinite(t)) continue;
      if (t < mid) early++;
      else late++;
    }
    let trend: TopicTrend | null = null;
    if (earlyN > 0 && lateN > 0) {
      const p1 = early / earlyN;
      const p2 = late / lateN;
      const p = (early + late) / (earlyN + lateN);
      const se = Math.sqrt(p * (1 - p) * (1 / earlyN + 1 / lateN));
      const z = se > 0 ? (p2 - p1) / se : 0;
      trend = {
        direction: z >= 1.96 ? 'rising' : z <= -1.96 ? 'falling' : 'flat',
        earlier: r(p1),
        later: r(p2),
        change: r(p2 - p1),
        z: r(z, 3),
      };
    }
    const terms = topic.terms.map((x) => {
      const key = fit.vocabulary[x.index]!;
      return { key, label: labels.get(key) ?? key };
    });
    const examples = members.slice(0, 2).map((i) => docs[i]!.text.slice(0, 200));
    return {
      id: id + 1,
      label: labelOf(terms),
      terms: terms.map((t) => t.label),
      documents: members.length,
      share: assigned ? r(members.length / assigned) : 0,
      sentiment: scored.length ? r(scored.reduce((s, x) => s + x, 0) / scored.length, 3) : null,
      trend,
      examples,
    };
  });
  out.sort((a, b) => b.documents - a.documents);
  return {
    documents: docs.length,
    k: fit.k,
    tried: fit.tried,
    topics: out.map((t, i) => ({ ...t, id: i + 1 })),
    warnings,
  };
}
