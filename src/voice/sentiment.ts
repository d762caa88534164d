/**
 * `clientele sentiment`: the stored sentiment of the selected documents, overall and by rating, segment,
 * product, channel or month, with the shares that lean negative and positive (|score| > 0.05, VADER's
 * thresholds). Running it also writes each person's `avg_sentiment` and `last_review_sentiment`.
 */
import { ClienteleError } from '../errors/index.js';
import { type Fragment, raw, sql, type Warehouse } from '../store/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { ensureAnalysed, writePersonSentiment } from './analysis.js';
import { type DocumentFilter, documentsRelation, filterCondition } from './documents.js';

/** What documents can be grouped by. */
export const SENTIMENT_GROUPS = [
  'rating',
  'segment',
  'product',
  'channel',
  'month',
  'source',
  'language',
] as const;
export type SentimentGroup = (typeof SENTIMENT_GROUPS)[number];

/** Options of `sentiment`. */
export interface SentimentOptions extends DocumentFilter {
  readonly by?: SentimentGroup;
  /** List every document's score. */
  readonly documents?: boolean;
  /** Write the per-person scores (true unless told). */
  readonly writeScores?: boolean;
}

/** One group's figures. */
export interface SentimentGroupRow {
  readonly key: string | null;
  readonly n: number;
  readonly mean: number;
  readonly negativeShare: number;
  readonly positiveShare: number;
}

/** What `sentiment` returns. */
export interface SentimentResult {
  readonly documents: number | { id: string; score: number; rating: number | null }[];
  readonly count: number;
  readonly mean: number | null;
  readonly negativeShare: number | null;
  readonly positiveShare: number | null;
  readonly groups: SentimentGroupRow[];
  readonly warnings: Warning[];
}

const THRESHOLD = 0.05;
const KEYS: Readonly<Record<Exclude<SentimentGroup, 'segment'>, string>> = {
  rating:
    'CASE WHEN p.rating = round(p.rating) THEN CAST(CAST(p.rating AS BIGINT) AS VARCHAR) ELSE CAST(p.rating AS VARCHAR) END',
  product: 'p.product_id',
  channel: 'p.channel',
  month: '', // the dialect's (see monthKey)
  source: 'p.source',
  language: 'p.language',
};

/** Checks a `by` value (the option `by`, `--by` on the command line). */
export function parseSentimentGroup(value: string | undefined): SentimentGroup | undefined {
  if (value === undefined) return undefined;
  if ((SENTIMENT_GROUPS as readonly string[]).includes(value)) return value as SentimentGroup;
  throw new ClienteleError('CLT_ERR_USAGE', `by ${value}: use ${SENTIMENT_GROUPS.join(', ')}`, {
    option: 'by',
  });
}

const figures = raw(`count(*) AS n, avg(p.sentiment) AS mean,
  avg(CASE WHEN p.sentiment < -${THRESHOLD} THEN 1.0 ELSE 0.0 END) AS neg,
  avg(CASE WHEN p.sentiment > ${THRESHOLD} THEN 1.0 ELSE 0.0 END) AS pos`);

const r4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

/** The sentiment of the documents `options` selects. */
export async function sentiment(db: Warehouse, options: SentimentOptions): Promise<SentimentResult> {
  const source = options.source ?? 'all';
  await ensureAnalysed(db, source);
  if (options.writeScores ?? true) await writePersonSentiment(db);
  const relation = documentsRelation(source);
  const where = await filterCondition(db, options);
  const from = sql`(${relation}) AS p`;
  const scored = sql`${where} AND p.sentiment IS NOT NULL`;
  const totalQ = sql`SELECT ${figures} FROM ${from} WHERE ${scored}`;
  const [total] = await db.all<{ n: number; mean: number | null; neg: number | null; pos: number | null }>(
    totalQ.text,
    [...totalQ.params],
  );
  const count = Number(total?.n ?? 0);
  let groupQ: Fragment | undefined;
  if (options.by === 'segment') {
    groupQ = sql`SELECT m.segment AS key, ${figures} FROM ${from}
      JOIN segment_membership m ON m.profile_id = p.profile_id AND m.exited_at IS NULL
      WHERE ${scored} GROUP BY m.segment ORDER BY n DESC, key`;
  } else if (options.by !== undefined) {
    const key = raw(
      options.by === 'month' ? db.dialect.formatTime('p.created_at', '%Y-%m') : KEYS[options.by],
    );
    groupQ = sql`SELECT ${key} AS key, ${figures} FROM ${from} WHERE ${scored} GROUP BY 1 ORDER BY ${raw(options.by === 'rating' ? 'min(p.rating)' : 'key')} NULLS LAST`;
  }
  const groups = groupQ
    ? (
        await db.all<{ key: string | null; n: number; mean: number; neg: number; pos: number }>(groupQ.text, [
          ...groupQ.params,
        ])
      ).map((g) => ({
        key: g.key,
        n: Number(g.n),
        mean: r4(g.mean) ?? 0,
        negativeShare: r4(g.neg) ?? 0,
        positiveShare: r4(g.pos) ?? 0,
      }))
    : [];
  const warnings: Warning[] = [];
  if (count < 20) {
    warnings.push(
      warning('CLT_WARN_TEXT_FEW_DOCUMENTS', `only ${count} scored document(s): the mean could be chance`),
    );
  }
  const small = groups.filter((g) => g.n < 10).length;
  if (small > 0) {
    warnings.push(
      warning(
        'CLT_WARN_TEXT_FEW_DOCUMENTS',
        `${small} group(s) hold fewer than 10 documents: read their means with care`,
      ),
    );
  }
  let documents: SentimentResult['documents'] = count;
  if (options.documents) {
    const q = sql`SELECT p.id, p.sentiment AS score, p.rating FROM ${from} WHERE ${scored}
      ORDER BY p.created_at NULLS LAST, p.id`;
    documents = (
      await db.all<{ id: string; score: number; rating: number | null }>(q.text, [...q.params])
    ).map((d) => ({ id: d.id, score: d.score, rating: d.rating }));
  }
  return {
    documents,
    count,
    mean: r4(total?.mean ?? null),
    negativeShare: r4(total?.neg ?? null),
    positiveShare: r4(total?.pos ?? null),
    groups,
    warnings,
  };
}
