/**
 * A persona "in their own words" (issue 15): the terms its members use more than the members of the other
 * personas do (log-odds with an informative Dirichlet prior, the z of src/text/logodds.ts), two or three
 * short real quotes by its members that use those terms (personal data taken out), and the sentiment of
 * what they wrote. With one persona the comparison is everyone else who wrote something.
 */
import { join, param, sql, type Warehouse } from '../../store/index.js';
import { logOddsDirichlet, redactPersonal } from '../../text/index.js';
import { type CorpusDocument, readCorpus } from '../../voice/index.js';
import { type Warning, warning } from '../../warnings/index.js';
import type { PersonaVoice } from './types.js';

const r = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const TERMS = 8;
const QUOTES = 3;
// A quote is short enough to read on a card, long enough to say something.
const QUOTE_MIN = 25;
const QUOTE_MAX = 180;
// Below this many texts a persona's words are anecdote.
/** Texts below which a persona's own words could be chance (CLT_WARN_TEXT_FEW_DOCUMENTS). */
export const FEW_TEXTS = 20;

/** An empty voice: the persona's members wrote nothing. */
const silent = (): PersonaVoice => ({
  documents: 0,
  terms: [],
  quotes: [],
  sentiment: { mean: null, negativeShare: null, positiveShare: null },
});

/** The voice of each of `segments`' members, by segment name, with the warnings each one earns. */
export async function personaVoices(
  db: Warehouse,
  segments: readonly string[],
): Promise<Map<string, { voice: PersonaVoice; warnings: Warning[] }>> {
  const out = new Map<string, { voice: PersonaVoice; warnings: Warning[] }>();
  if (segments.length === 0) return out;
  const memberQ = sql`SELECT segment, CAST(profile_id AS DOUBLE) AS profile_id FROM segment_membership
    WHERE exited_at IS NULL AND segment IN (${join(
      segments.map((s) => param(s)),
      ', ',
    )})`;
  const members = new Map<number, Set<string>>();
  for (const m of await db.all<{ segment: string; profile_id: number }>(memberQ.text, [...memberQ.params])) {
    const set = members.get(m.profile_id) ?? new Set<string>();
    set.add(m.segment);
    members.set(m.profile_id, set);
  }
  const corpus = await readCorpus(db, { source: 'all' });
  const docs = corpus.documents;
  const names = await writerNames(
    db,
    docs.filter((d) => d.profileId !== null && members.has(d.profileId)),
  );
  const of = (d: CorpusDocument) => (d.profileId === null ? undefined : members.get(d.profileId));
  for (const segment of segments) {
    const mine = (d: CorpusDocument) => of(d)?.has(segment) === true;
    // Against the other personas' members; with one persona, against everyone else who wrote.
    const other =
      segments.length > 1
        ? (d: CorpusDocument) => (of(d)?.size ?? 0) > 0 && !mine(d)
        : (d: CorpusDocument) => !mine(d);
    out.set(segment, voiceOf(docs.filter(mine), docs.filter(other), names));
  }
  return out;
}

// The first and last names of the people who wrote, so a quote never names its writer.
async function writerNames(db: Warehouse, docs: readonly CorpusDocument[]): Promise<Map<number, string[]>> {
  const ids = [...new Set(docs.map((d) => d.profileId).filter((p): p is number => p !== null))];
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const q = sql`SELECT CAST(profile_id AS DOUBLE) AS id, first_name, last_name FROM profiles
    WHERE profile_id IN (${join(
      ids.map((id) => param(id)),
      ', ',
    )})`;
  for (const row of await db.all<{ id: number; first_name: string | null; last_name: string | null }>(
    q.text,
    [...q.params],
  )) {
    out.set(
      row.id,
      [row.first_name, row.last_name].filter((n): n is string => typeof n === 'string' && n !== ''),
    );
  }
  return out;
}

function voiceOf(
  mine: readonly CorpusDocument[],
  others: readonly CorpusDocument[],
  names: ReadonlyMap<number, string[]>,
): { voice: PersonaVoice; warnings: Warning[] } {
  if (mine.length === 0) {
    // Nothing written: `documents` 0 says so, and the card leaves the section out.
    return { voice: silent(), warnings: [] };
  }
  const counts = new Map<string, { label: string; sel: number; rest: number; docs: number }>();
  for (const [list, selected] of [
    [mine, true],
    [others, false],
  ] as const) {
    for (const d of list) {
      const seen = new Set<string>();
      for (const t of d.bag) {
        const e = counts.get(t.key) ?? { label: t.label, sel: 0, rest: 0, docs: 0 };
        if (selected) {
          e.sel++;
          if (!seen.has(t.key)) {
            seen.add(t.key);
            e.docs++;
          }
        } else e.rest++;
        counts.set(t.key, e);
      }
    }
  }
  const keys = [...counts.keys()];
  const { z } = logOddsDirichlet(
    keys.map((k) => ({ selection: counts.get(k)!.sel, comparison: counts.get(k)!.rest })),
  );
  const ranked = keys
    .map((key, i) => ({ key, e: counts.get(key)!, z: z[i]! }))
    // Distinctive at the 5 % level and used by at least two of them (one writer is not a persona).
    .filter((x) => x.e.docs >= 2 && x.z >= 1.96)
    .sort((a, b) => b.z - a.z || b.e.sel - a.e.sel);
  // A word inside a listed phrase used about as often adds nothing ("month" beside "#harborhaul month").
  const head = ranked.slice(0, TERMS * 3);
  const inside = (a: string, b: string) => a !== b && ` ${b} `.includes(` ${a} `);
  const terms = head
    .filter((x) => !head.some((o) => inside(x.e.label, o.e.label) && o.e.sel >= 0.8 * x.e.sel))
    .slice(0, TERMS);
  const weight = new Map(terms.map((t) => [t.key, t.z]));
  // Quotes: short texts that use the most of the distinctive terms, no two alike.
  // Sales notes are the rep's words about them: quoted only when the members wrote nothing else that fits.
  const fits = (d: CorpusDocument) => d.text.length >= QUOTE_MIN && d.text.length <= QUOTE_MAX;
  const own = mine.filter((d) => d.source !== 'notes' && fits(d));
  const candidates = (own.length > 0 ? own : mine.filter(fits))
    .map((d) => ({
      d,
      score: [...new Set(d.bag.map((t) => t.key))].reduce((s, k) => s + (weight.get(k) ?? 0), 0),
    }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.d.id.localeCompare(b.d.id));
  const quotes: { text: string; source: string; sentiment: number | null }[] = [];
  const said = new Set<string>();
  for (const c of candidates) {
    if (quotes.length >= QUOTES) break;
    const key = c.d.text.toLowerCase().replace(/\W+/g, ' ').trim();
    if (said.has(key)) continue;
    said.add(key);
    quotes.push({
      text: redactPersonal(c.d.text, c.d.profileId === null ? [] : (names.get(c.d.profileId) ?? [])),
      source: c.d.source,
      sentiment: c.d.sentiment,
    });
  }
  const scored = mine.map((d) => d.sentiment).filter((s): s is number => s !== null);
  const share = (f: (s: number) => boolean) =>
    scored.length ? r(scored.filter(f).length / scored.length) : null;
  const warnings: Warning[] = [];
  if (mine.length < FEW_TEXTS) {
    warnings.push(
      warning(
        'CLT_WARN_TEXT_FEW_DOCUMENTS',
        `its members wrote only ${mine.length} text(s): their words and sentiment could be chance`,
      ),
    );
  }
  return {
    voice: {
      documents: mine.length,
      terms: terms.map((t) => ({ term: t.e.label, count: t.e.sel, documents: t.e.docs, z: r(t.z) })),
      quotes,
      sentiment: {
        mean: scored.length ? r(scored.reduce((s, x) => s + x, 0) / scored.length) : null,
        negativeShare: share((s) => s < -0.05),
        positiveShare: share((s) => s > 0.05),
      },
    },
    warnings,
  };
}
