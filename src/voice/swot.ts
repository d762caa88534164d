/**
 * `clientele swot`: a SWOT-TOWS draft from the data, every statement with its evidence.
 *   S — what the most valuable customers (top fifth by revenue) praise: distinctive terms of their positive
 *       documents against everything else (log-odds z).
 *   W — complaint themes (distinctive terms of negative documents) and, when a churn model has run, how much
 *       riskier the people who complained are.
 *   O — rising positive topics, growing segments, and regions where value per customer is high and customers
 *       are few (under-penetrated: the seeds' "new target markets").
 *   T — competitor mentions, rising negative topics, and the share of customers at high churn risk.
 *   TOWS — actions pairing the top items: SO (use a strength for an opportunity), ST, WO, WT.
 * Drafts are saved in `swot_drafts`; an edited draft is kept over regeneration unless asked.
 */

import { ClienteleError } from '../errors/index.js';
import { type MessageKey, type Speaker, speaker } from '../i18n/index.js';
import { isPhrase, type Phrase, phrase, say } from '../i18n/phrase.js';
import { AT_RISK, latestChurnRiskSql } from '../semantics/index.js';
import { param, sql, type Warehouse } from '../store/index.js';
import { logOddsDirichlet, matchKeywords } from '../text/index.js';
import { escapeXml } from '../text/markup.js';
import { type Warning, warning } from '../warnings/index.js';
import { type CorpusDocument, readCorpus } from './corpus.js';
import { topics } from './topics.js';

/** One statement with what supports it. */
export interface SwotItem {
  readonly statement: string;
  readonly evidence: Readonly<Record<string, unknown>>;
  /** The statement as a catalogue phrase, kept with a generated draft so it is said in the reader's language. */
  readonly said?: unknown;
}

const EN = speaker('en');

/** A generated statement: its English sentence and the phrase it is said from. */
const stated = (p: Phrase): Pick<SwotItem, 'statement' | 'said'> => ({ statement: say(EN, p), said: p });

/** A SWOT-TOWS draft. */
export interface SwotDraft {
  readonly name: string;
  readonly segment: string | null;
  readonly strengths: SwotItem[];
  readonly weaknesses: SwotItem[];
  readonly opportunities: SwotItem[];
  readonly threats: SwotItem[];
  readonly tows: { so: SwotItem[]; st: SwotItem[]; wo: SwotItem[]; wt: SwotItem[] };
  readonly edited: boolean;
  readonly warnings: Warning[];
}

/** Words and phrases that name a move to a competitor. */
export const COMPETITOR_WORDS = [
  'competitor',
  'competitors',
  'another vendor',
  'other vendor',
  'another supplier',
  'current supplier',
  'existing supplier',
  'cheaper elsewhere',
  'went with',
  'switched to',
  'switching to',
  'amazon',
  'konkurencja',
  'konkurencji',
];

const r = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const NEG = -0.05;
const POS = 0.05;

function distinctive(
  docs: readonly CorpusDocument[],
  inSelection: (d: CorpusDocument) => boolean,
  n: number,
): { term: string; documents: number; z: number; sentiment: number | null; quote: string | undefined }[] {
  const counts = new Map<
    string,
    { label: string; sel: number; rest: number; docs: number; s: number; sn: number; quote?: string }
  >();
  for (const d of docs) {
    const sel = inSelection(d);
    const seen = new Set<string>();
    for (const t of d.bag) {
      const e = counts.get(t.key) ?? { label: t.label, sel: 0, rest: 0, docs: 0, s: 0, sn: 0 };
      if (sel) {
        e.sel++;
        if (!seen.has(t.key)) {
          seen.add(t.key);
          e.docs++;
          if (d.sentiment !== null) {
            e.s += d.sentiment;
            e.sn++;
          }
          e.quote ??= d.text.slice(0, 160);
        }
      } else e.rest++;
      counts.set(t.key, e);
    }
  }
  const entries = [...counts.values()];
  const { z } = logOddsDirichlet(entries.map((e) => ({ selection: e.sel, comparison: e.rest })));
  return entries
    .map((e, i) => ({ e, z: z[i]! }))
    .filter((x) => x.e.docs >= 3 && x.z >= 1.96)
    .sort((a, b) => b.z - a.z)
    .filter(
      (x, i, all) =>
        !all
          .slice(0, i)
          .some(
            (o) => ` ${o.e.label} `.includes(` ${x.e.label} `) || ` ${x.e.label} `.includes(` ${o.e.label} `),
          ),
    )
    .slice(0, n)
    .map(({ e, z: zz }) => ({
      term: e.label,
      documents: e.docs,
      z: r(zz),
      sentiment: e.sn ? r(e.s / e.sn) : null,
      quote: e.quote,
    }));
}

/** Drafts the SWOT-TOWS of everyone, or of a segment's members. */
export async function draftSwot(db: Warehouse, options: { segment?: string } = {}): Promise<SwotDraft> {
  const segment = options.segment ?? null;
  const filter = segment === null ? {} : { segment };
  const corpus = await readCorpus(db, { source: 'all', ...filter });
  const docs = corpus.documents;
  const warnings = [...corpus.warnings];
  if (docs.length === 0) {
    throw new ClienteleError(
      'CLT_ERR_TEXT_NO_DOCUMENTS',
      'no feedback, notes or social posts with text to draft a SWOT from',
    );
  }
  const valuable = new Set(
    (
      await db.all<{ id: number }>(
        `SELECT CAST(profile_id AS DOUBLE) AS id FROM profiles
         WHERE revenue > 0 AND revenue >= (SELECT percentile_cont(0.8) WITHIN GROUP (ORDER BY revenue) FROM profiles WHERE revenue > 0)`,
      )
    ).map((x) => Number(x.id)),
  );
  const strengths: SwotItem[] = distinctive(
    docs,
    (d) => d.profileId !== null && valuable.has(Number(d.profileId)) && (d.sentiment ?? 0) > POS,
    4,
  ).map((t) => ({
    ...stated(phrase('swot.strength.praise', { term: t.term })),
    evidence: {
      documents: t.documents,
      z: t.z,
      sentiment: t.sentiment,
      quote: t.quote,
      who: 'top fifth by revenue',
    },
  }));
  const complaints = distinctive(docs, (d) => (d.sentiment ?? 0) < NEG, 4);
  const weaknesses: SwotItem[] = complaints.map((t) => ({
    ...stated(phrase('swot.weakness.complaint', { term: t.term })),
    evidence: { documents: t.documents, z: t.z, sentiment: t.sentiment, quote: t.quote },
  }));
  const churn = await db.all<{ complained: boolean; risk: number; n: number }>(
    `WITH latest AS (SELECT customer_key, risk AS value FROM (${latestChurnRiskSql()}) r),
     complainers AS (SELECT DISTINCT CAST(rp.profile_id AS VARCHAR) AS k FROM text_analysis ta
       JOIN record_profiles rp ON rp.record_table = ta.record_table AND rp.row_key = ta.row_key WHERE ta.sentiment < ${NEG})
     SELECT (c.k IS NOT NULL) AS complained, avg(l.value) AS risk, count(*) AS n
     FROM latest l LEFT JOIN complainers c ON c.k = l.customer_key GROUP BY 1`,
  );
  const withC = churn.find((c) => c.complained);
  const without = churn.find((c) => !c.complained);
  if (withC && without && Number(withC.n) >= 10) {
    weaknesses.push({
      ...stated(phrase('swot.weakness.churn', { risk: r(withC.risk), others: r(without.risk) })),
      evidence: { complained: Number(withC.n), others: Number(without.n), model: 'churn risk (latest run)' },
    });
  } else if (churn.length === 0) {
    warnings.push(
      warning(
        'CLT_WARN_SWOT_PARTIAL',
        'no churn model has run: `clientele model churn` adds churn drivers and risk',
      ),
    );
  }
  const found = await topics(db, { source: 'all', ...filter, k: 'auto' });
  const opportunities: SwotItem[] = found.topics
    .filter((t) => t.trend?.direction === 'rising' && (t.sentiment ?? 0) > 0.1)
    .slice(0, 2)
    .map((t) => ({
      ...stated(phrase('swot.opportunity.praiseRising', { label: t.label })),
      evidence: { documents: t.documents, sentiment: t.sentiment, trend: t.trend },
    }));
  const growing = await db.all<{ segment: string; entered: number; exited: number; size: number }>(
    `SELECT * FROM (
       SELECT m.segment, count(*) FILTER (WHERE m.entered_at >= now() - INTERVAL '90 days') AS entered,
         count(*) FILTER (WHERE m.exited_at >= now() - INTERVAL '90 days') AS exited,
         count(*) FILTER (WHERE m.exited_at IS NULL) AS size
       FROM segment_membership m GROUP BY m.segment) g
     WHERE size >= 20 ORDER BY (entered - exited) * 1.0 / size DESC, segment LIMIT 2`,
  );
  for (const g of growing) {
    const net = Number(g.entered) - Number(g.exited);
    if (net <= 0) continue;
    opportunities.push({
      ...stated(phrase('swot.opportunity.segmentGrew', { segment: g.segment, net })),
      evidence: { entered: Number(g.entered), exited: Number(g.exited), size: Number(g.size) },
    });
  }
  const regions = await db.all<{ region: string; customers: number; value: number }>(
    `WITH r AS (SELECT region, count(*) AS customers, avg(revenue) AS value FROM profiles
       WHERE revenue > 0 AND region IS NOT NULL GROUP BY region HAVING count(*) >= 5)
     SELECT region, customers, value FROM r
     WHERE value >= 1.2 * (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY value) FROM r)
       AND customers <= (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY customers) FROM r)
     ORDER BY value DESC LIMIT 2`,
  );
  for (const g of regions) {
    opportunities.push({
      ...stated(
        phrase('swot.opportunity.region', {
          region: g.region,
          customers: Number(g.customers),
          value: r(g.value, 2),
        }),
      ),
      evidence: {
        customers: Number(g.customers),
        valuePerCustomer: r(g.value, 2),
        test: '≥ 1.2 × median value, ≤ median count',
      },
    });
  }
  const threats: SwotItem[] = [];
  const mentions = docs.filter((d) => matchKeywords(d.text, COMPETITOR_WORDS).length > 0);
  if (mentions.length > 0) {
    threats.push({
      ...stated(phrase('swot.threat.competitor', { n: mentions.length })),
      evidence: {
        documents: mentions.length,
        quote: mentions[0]!.text.slice(0, 160),
        words: COMPETITOR_WORDS,
      },
    });
  }
  for (const t of found.topics
    .filter((x) => x.trend?.direction === 'rising' && (x.sentiment ?? 0) < -0.1)
    .slice(0, 2)) {
    threats.push({
      ...stated(phrase('swot.threat.complaintsRising', { label: t.label })),
      evidence: { documents: t.documents, sentiment: t.sentiment, trend: t.trend },
    });
  }
  const atRisk = await db.all<{ high: number; n: number }>(
    `SELECT count(*) FILTER (WHERE risk >= ${AT_RISK}) AS high, count(*) AS n FROM (${latestChurnRiskSql()}) r`,
  );
  const risk = atRisk[0];
  if (risk && Number(risk.n) > 0) {
    threats.push({
      ...stated(phrase('swot.threat.churn', { share: r((Number(risk.high) / Number(risk.n)) * 100, 1) })),
      evidence: { atRisk: Number(risk.high), customers: Number(risk.n) },
    });
  }
  // A TOWS action names its two statements; their phrases nest in its own, so it is said in one language.
  const part = (i: SwotItem): Phrase | string => (isPhrase(i.said) ? i.said : i.statement);
  const pair = (
    a: SwotItem | undefined,
    b: SwotItem | undefined,
    key: MessageKey,
    names: readonly [string, string],
  ): SwotItem[] =>
    a && b
      ? [
          {
            ...stated(phrase(key, { [names[0]]: part(a), [names[1]]: part(b) })),
            evidence: { from: [a.statement, b.statement] },
          },
        ]
      : [];
  const tows = {
    so: pair(strengths[0], opportunities[0], 'swot.tows.so', ['s', 'o']),
    st: pair(strengths[0], threats[0], 'swot.tows.st', ['s', 't']),
    wo: pair(weaknesses[0], opportunities[0], 'swot.tows.wo', ['w', 'o']),
    wt: pair(weaknesses[0], threats[0], 'swot.tows.wt', ['w', 't']),
  };
  if (docs.length < 50) {
    warnings.push(
      warning(
        'CLT_WARN_TEXT_FEW_DOCUMENTS',
        `only ${docs.length} document(s): the draft could rest on chance`,
      ),
    );
  }
  return {
    name: segment ?? 'all',
    segment,
    strengths,
    weaknesses,
    opportunities,
    threats,
    tows,
    edited: false,
    warnings,
  };
}

/** Drafts and saves, keeping an edited draft unless `regenerate`. */
export async function swot(
  db: Warehouse,
  options: { segment?: string; regenerate?: boolean } = {},
): Promise<SwotDraft> {
  const name = options.segment ?? 'all';
  if (!options.regenerate) {
    const saved = await loadSwot(db, name);
    if (saved?.edited) return saved;
  }
  const draft = await draftSwot(db, options);
  const q = sql`INSERT INTO swot_drafts (name, segment, draft, edited, updated_at) VALUES (${param(name)}, ${param(draft.segment)}, ${param(JSON.stringify(draft))}, false, now())
    ON CONFLICT (name) DO UPDATE SET segment = excluded.segment, draft = excluded.draft, edited = false, updated_at = now()`;
  await db.run(q.text, [...q.params]);
  return draft;
}

/** A saved draft, or undefined. */
export async function loadSwot(db: Warehouse, name: string): Promise<SwotDraft | undefined> {
  const rows = await db.all<{ draft: string; edited: boolean }>(
    'SELECT CAST(draft AS VARCHAR) AS draft, edited FROM swot_drafts WHERE name = ?',
    [name],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  return { ...(JSON.parse(row.draft) as SwotDraft), edited: row.edited };
}

const QUADRANTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;

/** Replaces a saved draft's statements with edited ones (the same JSON shape); it is then kept over regeneration. */
export async function editSwot(db: Warehouse, name: string, edited: unknown): Promise<SwotDraft> {
  const saved = await loadSwot(db, name);
  if (saved === undefined)
    throw new ClienteleError('CLT_ERR_SWOT_NOT_FOUND', `no SWOT draft named '${name}'`, { name });
  const e = (edited ?? {}) as Record<string, unknown>;
  const items = (v: unknown, where: string): SwotItem[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x?.statement === 'string')) {
      throw new ClienteleError('CLT_ERR_USAGE', `${where}: expected a list of {"statement", "evidence"}`);
    }
    return v.map((x) => ({
      statement: x.statement,
      evidence: typeof x.evidence === 'object' && x.evidence ? x.evidence : {},
    }));
  };
  const next: SwotDraft = {
    ...saved,
    ...Object.fromEntries(QUADRANTS.filter((q) => q in e).map((q) => [q, items(e[q], q)])),
    tows:
      'tows' in e
        ? {
            so: items((e.tows as Record<string, unknown>)?.so ?? [], 'tows.so'),
            st: items((e.tows as Record<string, unknown>)?.st ?? [], 'tows.st'),
            wo: items((e.tows as Record<string, unknown>)?.wo ?? [], 'tows.wo'),
            wt: items((e.tows as Record<string, unknown>)?.wt ?? [], 'tows.wt'),
          }
        : saved.tows,
    edited: true,
  };
  await db.run('UPDATE swot_drafts SET draft = ?, edited = true, updated_at = now() WHERE name = ?', [
    JSON.stringify(next),
    name,
  ]);
  return next;
}

const esc = escapeXml;

/** The draft as a self-contained HTML page: four boxes, each statement with its evidence folded under it. */
export function swotHtml(draft: SwotDraft): string {
  const box = (title: string, items: readonly SwotItem[]) =>
    `<section><h2>${esc(title)}</h2>${
      items
        .map(
          (i) =>
            `<details><summary>${esc(i.statement)}</summary><pre>${esc(JSON.stringify(i.evidence, null, 2))}</pre></details>`,
        )
        .join('') || '<p>nothing found in the data</p>'
    }</section>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>SWOT — ${esc(draft.name)}</title>
<style>body{font-family:sans-serif;margin:2rem}main{display:grid;grid-template-columns:1fr 1fr;gap:1rem}section{border:1px solid #ccc;padding:1rem}pre{white-space:pre-wrap;font-size:.8rem}</style></head>
<body><h1>SWOT-TOWS — ${esc(draft.name)}</h1><main>${box('Strengths', draft.strengths)}${box('Weaknesses', draft.weaknesses)}${box('Opportunities', draft.opportunities)}${box('Threats', draft.threats)}</main>
<h2>TOWS</h2><main>${box('SO', draft.tows.so)}${box('ST', draft.tows.st)}${box('WO', draft.tows.wo)}${box('WT', draft.tows.wt)}</main></body></html>
`;
}

/**
 * A draft in the speaker's language: a generated (unedited) draft's statements said again from their phrases;
 * an edited one as people wrote it. The phrases themselves are not part of the answer.
 */
export function saySwot(draft: SwotDraft, s: Speaker): SwotDraft {
  const items = (list: readonly SwotItem[]): SwotItem[] =>
    list.map(({ said, ...item }) => {
      if (draft.edited || s.locale === 'en' || !isPhrase(said)) return item;
      // A TOWS action's evidence quotes the two statements it pairs: they are said again too.
      const parts = Object.values(said.vars ?? {});
      const from =
        Array.isArray(item.evidence.from) && parts.every(isPhrase) ? parts.map((p) => say(s, p)) : null;
      return {
        ...item,
        statement: say(s, said),
        ...(from && { evidence: { ...item.evidence, from } }),
      };
    });
  return {
    ...draft,
    strengths: items(draft.strengths),
    weaknesses: items(draft.weaknesses),
    opportunities: items(draft.opportunities),
    threats: items(draft.threats),
    tows: {
      so: items(draft.tows.so),
      st: items(draft.tows.st),
      wo: items(draft.tows.wo),
      wt: items(draft.tows.wt),
    },
  };
}
