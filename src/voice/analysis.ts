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

// Scores appended to the scratch table this many at a time.
const APPEND_SLICE = 50_000;

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
  // Texts repeat (a campaign's subject line goes to thousands), so each distinct text is analysed once and
  // its scores joined back to every row that holds it in the engine: the rows themselves never come into
  // JavaScript (17 million message subjects did not fit in its heap: a crash at the end of an import).
  const relation = documentsRelation(source);
  const pending = sql`SELECT p.source, p.id, md5(p.text) AS hash, p.text FROM (${relation}) AS p
    WHERE p.text IS NOT NULL AND trim(p.text) <> '' AND (p.text_hash IS NULL OR p.text_hash <> md5(p.text))`;
  const distinct = sql`SELECT hash, min(text) AS text, count(*) AS n FROM (${pending}) AS q GROUP BY hash`;
  const table = sql`CASE q.source ${raw(
    Object.entries(SOURCE_TABLE)
      .map(([from, to]) => `WHEN ${db.dialect.literal(from)} THEN ${db.dialect.literal(to)}`)
      .join(' '),
  )} END`;
  // The distinct texts' scores are kept here while the stream reads, and written once it has ended: a
  // session writing while the stream reads would hold two of the pool's connections at once (on PostgreSQL,
  // with the smallest pool or under load, a wait for a connection that never comes).
  let rows = 0;
  const hashes: string[] = [];
  const languages: string[] = [];
  const sentiments: number[] = [];
  await db.stream(
    distinct.text,
    (c) => {
      const texts = c.text as string[];
      for (let i = 0; i < texts.length; i++) {
        const doc = analyze(texts[i]!);
        hashes.push(c.hash![i] as string);
        languages.push(doc.language);
        sentiments.push(Math.round(doc.sentiment * 1e4) / 1e4);
        rows += Number(c.n![i]);
      }
    },
    [...distinct.params],
  );
  if (rows > 0)
    await db.session(async (s) => {
      await s.run('CREATE TEMPORARY TABLE text_scores (hash VARCHAR, language VARCHAR, sentiment DOUBLE)');
      try {
        for (let at = 0; at < hashes.length; at += APPEND_SLICE)
          await s.append('text_scores', [
            { kind: 'text', values: hashes.slice(at, at + APPEND_SLICE) },
            { kind: 'text', values: languages.slice(at, at + APPEND_SLICE) },
            { kind: 'double', values: sentiments.slice(at, at + APPEND_SLICE) },
          ]);
        // A text edited since it was read has another hash and waits for the next call (its counters moved).
        const write = sql`INSERT INTO text_analysis (record_table, row_key, text_hash, language, sentiment)
          SELECT ${table}, q.id, q.hash, h.language, h.sentiment FROM (${pending}) AS q JOIN text_scores h ON h.hash = q.hash
          ON CONFLICT (record_table, row_key) DO UPDATE SET text_hash = excluded.text_hash,
            language = excluded.language, sentiment = excluded.sentiment, analysed_at = now()`;
        await s.run(write.text, [...write.params]);
      } finally {
        await s.run('DROP TABLE IF EXISTS text_scores');
      }
    });
  const scored = SCORED.get(db) ?? new Map<string, string>();
  scored.set(source, counters);
  SCORED.set(db, scored);
  return rows;
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
