/**
 * The stored analysis of each document: its language and sentiment, computed once per text (the text's MD5
 * is kept beside them, so an edited text is analysed again) and written to `text_analysis`. Per person the
 * scores `avg_sentiment` (mean over everything they wrote: feedback, notes, social) and
 * `last_review_sentiment` (their latest review) are written to `customer_scores` as a model run, which is how
 * segment rules name them.
 */
import { recordRun } from '../modeling/runs.js';
import { raw, sql, type Warehouse } from '../store/index.js';
import { analyze } from '../text/index.js';
import { documentsRelation, SOURCE_TABLE, type Source } from './documents.js';
import { promoteSocialEvents } from './social-events.js';
import { textCounters } from './state.js';

const CHUNK = 500;

// Per database and source, the text counters (state.ts) at which no text was left unscored: the check reads and
// hashes every text (issue 13: about a tenth of a second at 10,000 customers on every persona computation, words
// and sentiment request of a server), so while no text was added, removed or imported again it is not repeated.
const SCORED = new WeakMap<Warehouse, Map<string, string>>();

/** Analyses the documents of `source` that have no current analysis; returns how many were analysed. */
export async function ensureAnalysed(db: Warehouse, source: Source | 'all' = 'all'): Promise<number> {
  // Social events stored while no server loop ran (or a moment ago) are documents too.
  if (source === 'all' || source === 'social') await promoteSocialEvents(db);
  // Read before the check: a text arriving while it runs moves them, so the next call checks again. With the
  // scores' count: an erasure removes texts and their scores, and as many texts arriving after it (the Event
  // API's social posts, no import) would leave the texts' counters as the last check saw them.
  const [scores] = await db.all<{ n: number }>('SELECT count(*) AS n FROM text_analysis');
  const counters = `${await textCounters(db)}:${scores?.n ?? 0}`;
  if (SCORED.get(db)?.get(source) === counters) return 0;
  const relation = documentsRelation(source);
  const q = sql`SELECT p.source, p.id, p.text, md5(p.text) AS hash FROM (${relation}) AS p
    WHERE p.text IS NOT NULL AND trim(p.text) <> '' AND (p.text_hash IS NULL OR p.text_hash <> md5(p.text))`;
  const rows = await db.all<{ source: Source; id: string; text: string; hash: string }>(q.text, [
    ...q.params,
  ]);
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params: (string | number)[] = [];
    for (const r of chunk) {
      const doc = analyze(r.text);
      params.push(SOURCE_TABLE[r.source], r.id, r.hash, doc.language, Math.round(doc.sentiment * 1e4) / 1e4);
    }
    await db.run(
      `INSERT INTO text_analysis (record_table, row_key, text_hash, language, sentiment)
       VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (record_table, row_key) DO UPDATE SET text_hash = excluded.text_hash,
         language = excluded.language, sentiment = excluded.sentiment, analysed_at = now()`,
      params,
    );
  }
  const scored = SCORED.get(db) ?? new Map<string, string>();
  scored.set(source, counters);
  SCORED.set(db, scored);
  return rows.length;
}

/** Writes `avg_sentiment` and `last_review_sentiment` per profile as a run of the model `sentiment`. */
export async function writePersonSentiment(db: Warehouse): Promise<{ runId: number; customers: number }> {
  const startedAt = new Date();
  const relation = documentsRelation('all');
  const q = sql`SELECT CAST(p.profile_id AS VARCHAR) AS k, avg(p.sentiment) AS avg,
      ${raw(
        db.dialect.argMax(
          "CASE WHEN p.source = 'feedback' AND p.kind = 'review' THEN p.sentiment END",
          "CASE WHEN p.source = 'feedback' AND p.kind = 'review' AND p.sentiment IS NOT NULL THEN p.created_at END",
        ),
      )} AS last
    FROM (${relation}) AS p
    WHERE p.profile_id IS NOT NULL AND p.sentiment IS NOT NULL AND p.source <> 'messages'
    GROUP BY p.profile_id ORDER BY p.profile_id`;
  const rows = await db.all<{ k: string; avg: number; last: number | null }>(q.text, [...q.params]);
  const customers = rows.map((r) => r.k);
  const runId = await recordRun(db, {
    model: 'sentiment',
    parameters: {},
    metrics: { people: rows.length },
    startedAt,
    customers,
    scores: [
      { name: 'avg_sentiment', values: rows.map((r) => r.avg) },
      { name: 'last_review_sentiment', values: rows.map((r) => r.last ?? Number.NaN) },
    ],
    card: {
      model: 'sentiment',
      title: 'Sentiment of what each person wrote',
      what: 'Lexicon and rules (src/text/sentiment.ts) score each document in [-1, 1]; a person gets the mean of their feedback, notes and social posts, and the score of their latest review.',
      data: {
        source: 'feedback, sales_notes, social',
        windowStart: null,
        windowEnd: null,
        rowsRead: rows.length,
        rowsUsed: rows.length,
        customers: rows.length,
      },
      parameters: {},
      quality: {},
      caveats: ['Validated against star ratings in docs/text.md; sarcasm and domain slang are missed.'],
      scores: ['avg_sentiment', 'last_review_sentiment'],
    },
  });
  return { runId, customers: rows.length };
}
