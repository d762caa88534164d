/**
 * The documents customers wrote, from every source, as one relation with the fields `--where` may name:
 * feedback (reviews, surveys, tickets and social rows imported as feedback), sales notes, social activity and
 * message subjects. Each carries the profile it belongs to (through identity resolution) so that `--segment`
 * and segment rules over events apply.
 */
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import { compileSegment, parseSegment, type SegmentSchema } from '../segments/index.js';
import { duckdbDialect } from '../store/dialect.js';
import { type Fragment, param, raw, sql, type Warehouse } from '../store/index.js';

const { literal } = duckdbDialect;

/** The sources of text. */
export const SOURCES = ['feedback', 'notes', 'social', 'messages'] as const;
export type Source = (typeof SOURCES)[number];

/**
 * What `all` means: everything customers wrote. Message subjects are the business's own words, so they are
 * read only when asked for by name (`--source messages`).
 */
export const CUSTOMER_SOURCES: readonly Source[] = ['feedback', 'notes', 'social'];

/** The fields of a document a `--where` rule may compare, with the types they compare as. */
export const DOCUMENT_FIELDS: SegmentSchema['columns'] = {
  source: 'string',
  rating: 'number',
  channel: 'string',
  kind: 'string',
  product_id: 'string',
  platform: 'string',
  // Compared as ISO text: `created_at >= '2025-06-01'`.
  created_at: 'string',
  stage: 'string',
  outcome: 'string',
  rep: 'string',
  company: 'string',
  category: 'string',
  sentiment: 'number',
  language: 'string',
};

/** The table each source is stored in. */
export const SOURCE_TABLE: Readonly<Record<Source, string>> = {
  feedback: 'feedback',
  notes: 'sales_notes',
  social: 'social',
  messages: 'messages',
};

// Each source's rows in the common shape. The text of a note joins its questions, objections and free text;
// a review's title precedes its text; a message is its subject line.
const PARTS: Readonly<Record<Source, string>> = {
  feedback: `SELECT 'feedback' AS source, t.row_key AS id, concat_ws('. ', nullif(t.subject, ''), nullif(t.text, '')) AS text,
      t.created_at, t.rating, t.channel, t.kind, t.product_id, CAST(NULL AS VARCHAR) AS platform,
      CAST(NULL AS VARCHAR) AS stage, CAST(NULL AS VARCHAR) AS outcome, CAST(NULL AS VARCHAR) AS rep,
      CAST(NULL AS VARCHAR) AS company, CAST(NULL AS VARCHAR) AS category, t.customer_id
    FROM feedback t`,
  notes: `SELECT 'notes', t.row_key, concat_ws('. ', nullif(t.questions, ''), nullif(t.objections, ''), nullif(t.text, '')),
      t.created_at, NULL, NULL, 'note', NULL, NULL, t.stage, t.outcome, t.rep, t.company, NULL, t.customer_id
    FROM sales_notes t`,
  social: `SELECT 'social', t.row_key, t.text, t.posted_at, NULL, t.platform, t.kind, NULL, t.platform,
      NULL, NULL, NULL, NULL, NULL, t.customer_id
    FROM social t`,
  messages: `SELECT 'messages', t.row_key, t.subject, t.sent_at, NULL, t.channel, t.category, NULL, NULL,
      NULL, NULL, NULL, NULL, t.category, t.customer_id
    FROM messages t`,
};

/** What selects documents. */
export interface DocumentFilter {
  /** One source, or all of them. */
  readonly source?: Source | 'all';
  /** A rule over the documents' own fields, in the segment language (`rating <= 2 and channel = 'web'`). */
  readonly where?: string;
  /** Only documents of a saved segment's current members. */
  readonly segment?: string;
  /** Documents with no text are left out unless asked for. */
  readonly withEmpty?: boolean;
}

/** Checks a `--source` value. */
export function parseSource(value: string | undefined): Source | 'all' {
  if (value === undefined || value === 'all') return 'all';
  if ((SOURCES as readonly string[]).includes(value)) return value as Source;
  throw new ClienteleError(
    'CLT_ERR_TEXT_SOURCE',
    `unknown source '${value}': use ${SOURCES.join(', ')} or all`,
    {
      source: value,
    },
  );
}

/** The relation of every document of the chosen sources, with its profile, language and sentiment if known. */
export function documentsRelation(source: Source | 'all'): Fragment {
  const sources = source === 'all' ? CUSTOMER_SOURCES : [source];
  const union = sources.map((s) => PARTS[s]).join('\nUNION ALL\n');
  // A document's table name is its source's table; the analysis and the profile are joined by it.
  const table = `CASE d.source ${sources.map((s) => `WHEN ${literal(s)} THEN ${literal(SOURCE_TABLE[s])}`).join(' ')} END`;
  return raw(`SELECT d.*, rp.profile_id, ta.sentiment, ta.language, ta.text_hash
    FROM (${union}) AS d(source, id, text, created_at, rating, channel, kind, product_id, platform, stage, outcome,
      rep, company, category, customer_id)
    LEFT JOIN record_profiles rp ON rp.record_table = ${table} AND rp.row_key = d.id
    LEFT JOIN text_analysis ta ON ta.record_table = ${table} AND ta.row_key = d.id`);
}

const PREFIX = 'SELECT p.profile_id FROM profiles AS p WHERE ';

/** A `--where` rule compiled to a condition over the documents relation (aliased `p`). */
export function whereCondition(where: string): Fragment {
  const parsed = parseSegment(where);
  if (!parsed.ok) {
    throw new ClienteleError('CLT_ERR_SEGMENT_SYNTAX', `${parsed.issue.message} in: ${where.slice(0, 200)}`, {
      column: parsed.issue.column,
    });
  }
  const compiled = compileSegment(parsed.node, {
    schema: { columns: DOCUMENT_FIELDS, traits: {}, scores: {} },
    now: new Date(),
  });
  if (!compiled.ok) {
    throw new ClienteleError(
      'CLT_ERR_SEGMENT_INVALID',
      `${compiled.issues.map((i) => i.message).join('; ')} (documents have: ${Object.keys(DOCUMENT_FIELDS).join(', ')})`,
      { issues: compiled.issues },
    );
  }
  // The segment compiler writes one condition over the row `p`; here `p` is a document.
  if (!compiled.sql.startsWith(PREFIX))
    throw new Error(`unexpected segment SQL: ${compiled.sql.slice(0, 60)}`);
  return { text: `(${compiled.sql.slice(PREFIX.length)})`, params: compiled.params };
}

/** The condition of a filter over the documents relation aliased `p`. */
export async function filterCondition(db: Warehouse, filter: DocumentFilter): Promise<Fragment> {
  const parts: Fragment[] = [];
  if (!filter.withEmpty) parts.push(raw(`p.text IS NOT NULL AND trim(p.text) <> ''`));
  if (filter.where !== undefined && filter.where.trim() !== '') parts.push(whereCondition(filter.where));
  if (filter.segment !== undefined) {
    const found = await db.all('SELECT 1 FROM segments WHERE name = ?', [filter.segment]);
    if (found.length === 0) {
      throw new ClienteleError(
        'CLT_ERR_SEGMENT_NOT_FOUND',
        `no segment named '${filter.segment}'`,
        { name: filter.segment },
        phrase('error.noSegment', { name: filter.segment }),
      );
    }
    parts.push(
      sql`p.profile_id IN (SELECT m.profile_id FROM segment_membership m WHERE m.segment = ${param(filter.segment)} AND m.exited_at IS NULL)`,
    );
  }
  if (parts.length === 0) return raw('true');
  return { text: parts.map((p) => p.text).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/** One document as read for analysis. */
export type DocumentRow = {
  readonly source: Source;
  readonly id: string;
  readonly text: string;
  readonly createdAt: string | null;
  readonly rating: number | null;
  readonly channel: string | null;
  readonly kind: string | null;
  readonly productId: string | null;
  readonly profileId: number | null;
  readonly sentiment: number | null;
  readonly language: string | null;
  readonly stage: string | null;
  readonly outcome: string | null;
  readonly rep: string | null;
  readonly company: string | null;
  readonly customerId: string | null;
};

/** The documents a filter selects, oldest first, with `selected` false for the rest when `withRest`. */
export async function readDocuments(
  db: Warehouse,
  filter: DocumentFilter,
  options: { withRest?: boolean; limit?: number } = {},
): Promise<(DocumentRow & { selected: boolean })[]> {
  const relation = documentsRelation(filter.source ?? 'all');
  const condition = await filterCondition(db, filter);
  const base = filter.withEmpty ? raw('true') : raw(`p.text IS NOT NULL AND trim(p.text) <> ''`);
  const q = sql`SELECT p.source, p.id, p.text, ${raw(db.dialect.formatTime('p.created_at', '%Y-%m-%dT%H:%M:%SZ'))} AS "createdAt",
      p.rating, p.channel, p.kind, p.product_id AS "productId", CAST(p.profile_id AS DOUBLE) AS "profileId",
      p.sentiment, p.language, p.stage, p.outcome, p.rep, p.company, p.customer_id AS "customerId",
      coalesce(${condition}, false) AS selected
    FROM (${relation}) AS p WHERE ${options.withRest ? base : condition}
    ORDER BY p.created_at NULLS LAST, p.source, p.id
    ${options.limit === undefined ? raw('') : sql`LIMIT ${param(options.limit)}`}`;
  return db.all<DocumentRow & { selected: boolean }>(q.text, [...q.params]);
}
