/**
 * The sales-notes library: full-text search over sales notes (their questions, objections and text, the
 * company and the rep) with MiniSearch in process, ranked by BM25+ (MiniSearch's scoring), with light
 * stemming (Polish stems, English suffixes) so that "discounts" finds "discount", a little fuzziness for
 * typos, and highlights as offsets into each hit's snippet (never markup: the caller decides how to show
 * them). On PostgreSQL the database's own full-text search would take over (docs/text.md).
 */
import MiniSearch from 'minisearch';
import { ClienteleError } from '../errors/index.js';
import { type Fragment, param, raw, sql, type Warehouse } from '../store/index.js';
import { stemPolish } from '../text/index.js';

/** Options of `searchNotes`. */
export interface NotesSearchOptions {
  readonly stage?: string;
  readonly outcome?: string;
  readonly rep?: string;
  readonly limit?: number;
}

/** One hit. */
export interface NoteHit {
  readonly noteId: string | null;
  readonly customerId: string | null;
  readonly company: string | null;
  readonly stage: string | null;
  readonly outcome: string | null;
  readonly rep: string | null;
  readonly createdAt: string | null;
  readonly snippet: string;
  /** [start, end) offsets of the matched words in `snippet`. */
  readonly highlights: [number, number][];
  readonly score: number;
}

const POLISH = /[ąćęłńóśźż]/;

/** The search key of one word: lower case and stemmed (Polish stems; English plural, -ing, -ed, -ly). */
export function searchKey(word: string): string {
  const w = word.toLowerCase();
  if (POLISH.test(w)) return stemPolish(w);
  if (w.length <= 4) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 6) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('ly') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('es') && /(ch|sh|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;
const STOP = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'for',
  'is',
  'are',
  'with',
  'we',
  'they',
  'i',
  'it',
  'at',
  'by',
  'be',
  'our',
  'their',
  'that',
  'this',
]);

function words(text: string): string[] {
  return (text.match(WORD) ?? []).filter((w) => !STOP.has(w.toLowerCase()));
}

// The part of the text around the first matched word, and where the matched words are in it.
function snippetOf(
  text: string,
  keys: ReadonlySet<string>,
  width = 220,
): { snippet: string; highlights: [number, number][] } {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(WORD)) {
    if (keys.has(searchKey(m[0]))) spans.push([m.index, m.index + m[0].length]);
  }
  const first = spans[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 3));
  if (start > 0) {
    const space = text.lastIndexOf(' ', start);
    start = space >= 0 && start - space < 20 ? space + 1 : start;
  }
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const snippet = `${prefix}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  const highlights = spans
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
  return { snippet, highlights };
}

type NoteRow = {
  id: string;
  noteId: string | null;
  customerId: string | null;
  company: string | null;
  stage: string | null;
  outcome: string | null;
  rep: string | null;
  createdAt: string | null;
  body: string;
};

/** Searches the sales notes for `query`, best first. */
export async function searchNotes(
  db: Warehouse,
  query: string,
  options: NotesSearchOptions = {},
): Promise<{ hits: NoteHit[]; notes: number }> {
  if (query.trim() === '')
    throw new ClienteleError('CLT_ERR_USAGE', 'give a search query, e.g. "payment terms"');
  const conditions: Fragment[] = [raw('true')];
  if (options.stage !== undefined) conditions.push(sql`lower(n.stage) = lower(${param(options.stage)})`);
  if (options.outcome !== undefined)
    conditions.push(sql`lower(n.outcome) = lower(${param(options.outcome)})`);
  if (options.rep !== undefined) conditions.push(sql`lower(n.rep) = lower(${param(options.rep)})`);
  const where = {
    text: conditions.map((c) => c.text).join(' AND '),
    params: conditions.flatMap((c) => c.params),
  };
  const q = sql`SELECT n.row_key AS id, n.note_id AS "noteId", n.customer_id AS "customerId", n.company, n.stage,
      n.outcome, n.rep, ${raw(db.dialect.formatTime('n.created_at', '%Y-%m-%dT%H:%M:%SZ'))} AS "createdAt",
      concat_ws(' ', nullif(n.text, ''), nullif(n.questions, ''), nullif(n.objections, '')) AS body
    FROM sales_notes n WHERE ${where} ORDER BY n.created_at, n.row_key`;
  const rows = await db.all<NoteRow>(q.text, [...q.params]);
  const index = new MiniSearch<NoteRow>({
    fields: ['body', 'company', 'rep'],
    idField: 'id',
    tokenize: (text) => words(text),
    processTerm: (term) => searchKey(term),
    searchOptions: { boost: { body: 2 }, fuzzy: (term) => (term.length > 5 ? 0.2 : 0), combineWith: 'OR' },
  });
  index.addAll(rows.filter((r) => r.body !== ''));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const results = index.search(query).slice(0, options.limit ?? 20);
  const hits = results.map((res): NoteHit => {
    const row = byId.get(String(res.id))!;
    const keys = new Set(res.terms.map((t) => searchKey(t)));
    const { snippet, highlights } = snippetOf(row.body, keys);
    return {
      noteId: row.noteId,
      customerId: row.customerId,
      company: row.company,
      stage: row.stage,
      outcome: row.outcome,
      rep: row.rep,
      createdAt: row.createdAt,
      snippet,
      highlights,
      score: Math.round(res.score * 1e4) / 1e4,
    };
  });
  return { hits, notes: rows.length };
}
