/**
 * A persona "in their own words" (issue 15): the terms its members use more than the members of the other
 * personas do (log-odds with an informative Dirichlet prior, the z of src/text/logodds.ts), two or three
 * short real quotes by its members that use those terms (personal data taken out), and the sentiment of
 * what they wrote. With one persona the comparison is everyone else who wrote something.
 */
import { construct, join, param, raw, sql, type Warehouse } from '../../store/index.js';
import { logOddsDirichlet, redactPersonal } from '../../text/index.js';
import { bagTexts, type CorpusDocument, documentsRelation, ensureAnalysed } from '../../voice/index.js';
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
  sampled: 0,
  terms: [],
  quotes: [],
  sentiment: { mean: null, negativeShare: null, positiveShare: null },
});

/**
 * Texts of a persona whose words are counted: above this many, a random sample of this many (drawn by a
 * hash of each text's source and id, so the same data draws the same sample). Tokenizing is the costly part
 * (about 0.1 ms a text) and a persona of 100,000 customers wrote tens of thousands; the log-odds z of a
 * term over a simple random sample of texts is a valid test of the same difference, with less power, so a
 * term it names is still distinctive. `documents` and `sentiment` are always of every text (stored scores).
 */
export const VOICE_SAMPLE = 1000;
// With one persona, the others it is compared with: everyone else who wrote, sampled to this many.
const REST_SAMPLE = 3 * VOICE_SAMPLE;

/** A voice whose quotes still name their writer's profile, before personal names are taken out. */
type UnsaidVoice = Omit<PersonaVoice, 'quotes'> & {
  readonly quotes: readonly (PersonaVoice['quotes'][number] & { readonly profileId: number | null })[];
};

/** A text as the voice reads it. */
type VoiceDocument = Pick<CorpusDocument, 'source' | 'id' | 'text' | 'profileId' | 'sentiment' | 'bag'>;

/** The voice of each of `segments`' members, by segment name, with the warnings each one earns. */
export async function personaVoices(
  db: Warehouse,
  segments: readonly string[],
): Promise<Map<string, { voice: PersonaVoice; warnings: Warning[] }>> {
  const out = new Map<string, { voice: PersonaVoice; warnings: Warning[] }>();
  if (segments.length === 0) return out;
  await ensureAnalysed(db, 'all');
  const d = db.dialect;
  // The names and their positions travel as one JSON value (many values in one parameter).
  const named = JSON.stringify(segments.map((segment, si) => ({ segment, si })));
  const docs = sql`WITH mem AS (
      SELECT DISTINCT CAST(sg.si AS INTEGER) AS si, m.profile_id
      FROM segment_membership m
      JOIN ${construct((p) => d.jsonRecords(p, { segment: 'VARCHAR', si: 'BIGINT' }, 'sg'), param(named))} ON sg.segment = m.segment
      WHERE m.exited_at IS NULL
    ), docs AS (
      SELECT p.source, p.id, p.created_at, p.profile_id, p.sentiment, md5(p.source || ':' || p.id) AS draw
      FROM (${documentsRelation('all')}) AS p WHERE p.text IS NOT NULL AND trim(p.text) <> ''
    )`;
  // Every text of every persona, in reading order (oldest first), for the exact counts and sentiment.
  const every = sql`${docs} SELECT m.si, d.sentiment FROM docs d JOIN mem m ON m.profile_id = d.profile_id
    ORDER BY d.created_at NULLS LAST, d.source, d.id, m.si`;
  const all = await db.numbers(every.text, [...every.params]);
  const stats = segments.map(() => ({ documents: 0, scored: 0, sum: 0, negative: 0, positive: 0 }));
  const si = all.si as Int32Array;
  const sentiment = all.sentiment as Float64Array;
  for (let i = 0; i < si.length; i++) {
    const st = stats[si[i] as number]!;
    st.documents++;
    const x = sentiment[i] as number;
    if (Number.isNaN(x)) continue;
    st.scored++;
    st.sum += x;
    if (x < -0.05) st.negative++;
    if (x > 0.05) st.positive++;
  }
  // The texts whose words are counted: each persona's sample and, alone, the sample of everyone else's.
  const alone = segments.length === 1;
  const chosen = sql`${docs}, ranked AS (
      SELECT m.si, d.source, d.id, row_number() OVER (PARTITION BY m.si ORDER BY d.draw, d.source, d.id) AS r
      FROM docs d JOIN mem m ON m.profile_id = d.profile_id
    ), rest AS (
      SELECT d.source, d.id, row_number() OVER (ORDER BY d.draw, d.source, d.id) AS r FROM docs d
      WHERE ${raw(alone ? 'true' : 'false')}
        AND (d.profile_id IS NULL OR d.profile_id NOT IN (SELECT profile_id FROM mem))
    ), picked AS (
      SELECT source, id, ${raw(d.listAgg('si', { orderBy: 'si' }))} AS sampled FROM ranked WHERE r <= ${param(VOICE_SAMPLE)} GROUP BY source, id
      UNION ALL SELECT source, id, CAST(NULL AS INTEGER[]) FROM rest WHERE r <= ${param(REST_SAMPLE)}
    )
    SELECT p.source, p.id, p.text, CAST(p.profile_id AS DOUBLE) AS "profileId", p.sentiment, p.language,
      k.sampled, (SELECT ${raw(d.listAgg('m.si', { orderBy: 'm.si' }))} FROM mem m WHERE m.profile_id = p.profile_id) AS wrote
    FROM (${documentsRelation('all')}) AS p JOIN picked k ON k.source = p.source AND k.id = p.id
    ORDER BY p.created_at NULLS LAST, p.source, p.id`;
  const rows = await db.all<
    Omit<VoiceDocument, 'bag'> & { language: string | null; sampled: number[] | null; wrote: number[] | null }
  >(chosen.text, [...chosen.params]);
  const { bags } = bagTexts(rows);
  const read: (VoiceDocument & { sampled: ReadonlySet<number>; wrote: ReadonlySet<number> })[] = rows.map(
    (r, i) => ({
      source: r.source,
      id: r.id,
      text: r.text,
      profileId: r.profileId,
      sentiment: r.sentiment,
      bag: bags[i]!,
      // No list (NULL) where a text was sampled for none of them, or its writer is in none.
      sampled: new Set(r.sampled ?? []),
      wrote: new Set(r.wrote ?? []),
    }),
  );
  const voices: { segment: string; voice: UnsaidVoice; warnings: Warning[] }[] = [];
  segments.forEach((segment, s) => {
    const mine = read.filter((d) => d.sampled.has(s));
    // Against the other personas' members; with one persona, against everyone else who wrote.
    const others = alone
      ? read.filter((d) => !d.wrote.has(s))
      : read.filter((d) => !d.wrote.has(s) && [...d.sampled].some((t) => t !== s));
    const st = stats[s]!;
    const r3 = (x: number) => r(x);
    voices.push({
      segment,
      ...voiceOf(mine, others, {
        documents: st.documents,
        sentiment: {
          mean: st.scored ? r3(st.sum / st.scored) : null,
          negativeShare: st.scored ? r3(st.negative / st.scored) : null,
          positiveShare: st.scored ? r3(st.positive / st.scored) : null,
        },
      }),
    });
  });
  // Only the quoted texts' writers are looked up (a few per persona, not every writer of every sample).
  const writers = await writerNames(
    db,
    voices.flatMap((v) => v.voice.quotes.map((q) => q.profileId)),
  );
  for (const { segment, voice, warnings } of voices) {
    const quotes = voice.quotes.map(({ profileId, ...q }) => ({
      ...q,
      text: redactPersonal(q.text, profileId === null ? [] : (writers.get(profileId) ?? [])),
    }));
    out.set(segment, { voice: { ...voice, quotes }, warnings });
  }
  return out;
}

// The first and last names of the people who wrote, so a quote never names its writer.
async function writerNames(
  db: Warehouse,
  writers: readonly (number | null)[],
): Promise<Map<number, string[]>> {
  const ids = [...new Set(writers.filter((p): p is number => p !== null))];
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

// The voice from the texts read (`mine`, against `others`) and the counts of every text (`all`).
// Its quotes are not yet redacted: each carries its writer's profile, whose names are taken out afterwards.
function voiceOf(
  mine: readonly VoiceDocument[],
  others: readonly VoiceDocument[],
  all: Pick<PersonaVoice, 'documents' | 'sentiment'>,
): { voice: UnsaidVoice; warnings: Warning[] } {
  if (all.documents === 0 || mine.length === 0) {
    // Nothing written: `documents` 0 says so, and the card leaves the section out.
    return { voice: { ...silent(), quotes: [] }, warnings: [] };
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
  const fits = (d: VoiceDocument) => d.text.length >= QUOTE_MIN && d.text.length <= QUOTE_MAX;
  const own = mine.filter((d) => d.source !== 'notes' && fits(d));
  const candidates = (own.length > 0 ? own : mine.filter(fits))
    .map((d) => ({
      d,
      score: [...new Set(d.bag.map((t) => t.key))].reduce((s, k) => s + (weight.get(k) ?? 0), 0),
    }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.d.id.localeCompare(b.d.id));
  const quotes: UnsaidVoice['quotes'][number][] = [];
  const said = new Set<string>();
  for (const c of candidates) {
    if (quotes.length >= QUOTES) break;
    const key = c.d.text.toLowerCase().replace(/\W+/g, ' ').trim();
    if (said.has(key)) continue;
    said.add(key);
    quotes.push({ text: c.d.text, source: c.d.source, sentiment: c.d.sentiment, profileId: c.d.profileId });
  }
  const warnings: Warning[] = [];
  if (all.documents < FEW_TEXTS) {
    warnings.push(
      warning(
        'CLT_WARN_TEXT_FEW_DOCUMENTS',
        `its members wrote only ${all.documents} text(s): their words and sentiment could be chance`,
      ),
    );
  }
  return {
    voice: {
      documents: all.documents,
      sampled: mine.length,
      terms: terms.map((t) => ({ term: t.e.label, count: t.e.sel, documents: t.e.docs, z: r(t.z) })),
      quotes,
      sentiment: all.sentiment,
    },
    warnings,
  };
}
