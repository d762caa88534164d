/**
 * `clientele scenarios`: scenario planning from the sales notes. A deal is an account's cycle (its customer
 * id, else its company); its outcome is the last won or lost note, else open. Per stage: the questions and
 * objections raised, and what preceded won deals against lost ones — each fact noted up to that stage (how
 * they heard of us, an interest, a question, an objection) with its deals, win rate and lift (its win rate
 * over the overall win rate of closed deals). Then how prospects heard of us and what interested them.
 */
import type { Warehouse } from '../store/index.js';
import { type Warning, warning } from '../warnings/index.js';

/** The stages in the order a cycle runs through them; others follow in alphabetical order. */
export const STAGE_ORDER = ['awareness', 'interest', 'consideration', 'evaluation', 'negotiation', 'closed'];

/** A fact that preceded deals, with how they ended. */
export interface Precedent {
  readonly fact: string;
  readonly deals: number;
  readonly won: number;
  readonly lost: number;
  readonly winRate: number;
  readonly lift: number;
}

/** One stage's scenario. */
export interface StageScenario {
  readonly stage: string;
  readonly notes: number;
  readonly deals: number;
  readonly questions: { text: string; count: number }[];
  readonly objections: { text: string; count: number }[];
  /** Facts noted by this stage, most lift first: what won deals had. */
  readonly winning: Precedent[];
  /** The same, least lift first: what lost deals had. */
  readonly losing: Precedent[];
}

/** What `scenarios` returns. */
export interface ScenariosResult {
  readonly deals: { won: number; lost: number; open: number };
  readonly winRate: number | null;
  readonly stages: StageScenario[];
  readonly heardFrom: { source: string; deals: number; won: number; lost: number; winRate: number | null }[];
  readonly interests: { interest: string; deals: number; won: number; winRate: number | null }[];
  readonly warnings: Warning[];
}

type NoteRow = {
  deal: string;
  stage: string | null;
  outcome: string | null;
  heard_from: string | null;
  interested_in: string | null;
  questions: string | null;
  objections: string | null;
  at: string | null;
};

const r = (x: number) => Math.round(x * 1e4) / 1e4;
const split = (v: string | null) =>
  (v ?? '')
    .split(/\s*[;|]\s*|(?<=[.?!])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
const order = (stage: string) => {
  const i = STAGE_ORDER.indexOf(stage.toLowerCase());
  return i < 0 ? STAGE_ORDER.length : i;
};
const top = (m: Map<string, number>, n = 8) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([text, count]) => ({ text, count }));

/** Scenario planning over the sales notes, for every stage or one. */
export async function scenarios(db: Warehouse, options: { stage?: string } = {}): Promise<ScenariosResult> {
  const rows = await db.all<NoteRow>(
    `SELECT coalesce(nullif(customer_id, ''), nullif(company, ''), row_key) AS deal, lower(stage) AS stage,
       lower(outcome) AS outcome, heard_from, interested_in, questions, objections,
       ${db.dialect.formatTime('created_at', '%Y-%m-%dT%H:%M:%SZ')} AS at
     FROM sales_notes ORDER BY deal, created_at, row_key`,
  );
  const deals = new Map<string, NoteRow[]>();
  for (const row of rows) {
    const list = deals.get(row.deal) ?? [];
    list.push(row);
    deals.set(row.deal, list);
  }
  const outcomeOf = new Map<string, 'won' | 'lost' | 'open'>();
  for (const [deal, notes] of deals) {
    const closing = notes.filter((n) => n.outcome === 'won' || n.outcome === 'lost').at(-1);
    outcomeOf.set(deal, (closing?.outcome as 'won' | 'lost' | undefined) ?? 'open');
  }
  const counts = { won: 0, lost: 0, open: 0 };
  for (const o of outcomeOf.values()) counts[o]++;
  const closed = counts.won + counts.lost;
  const baseRate = closed ? counts.won / closed : null;
  const stages = [...new Set(rows.map((n) => n.stage ?? '(none)'))].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b),
  );
  const wanted =
    options.stage === undefined ? stages : stages.filter((s) => s === options.stage?.toLowerCase());
  const warnings: Warning[] = [];
  if (closed < 30) {
    warnings.push(
      warning(
        'CLT_WARN_TEXT_FEW_DOCUMENTS',
        `only ${closed} closed deal(s): win rates and lifts could be chance`,
      ),
    );
  }
  const out: StageScenario[] = wanted.map((stage) => {
    const atStage = rows.filter((n) => (n.stage ?? '(none)') === stage);
    const questions = new Map<string, number>();
    const objections = new Map<string, number>();
    for (const n of atStage) {
      for (const q of split(n.questions)) questions.set(q, (questions.get(q) ?? 0) + 1);
      for (const o of split(n.objections)) objections.set(o, (objections.get(o) ?? 0) + 1);
    }
    // Facts each closed deal had noted by this stage (the deal must have reached it).
    const facts = new Map<string, { won: number; lost: number }>();
    const reached = new Set(atStage.map((n) => n.deal));
    for (const deal of reached) {
      const outcome = outcomeOf.get(deal);
      if (outcome !== 'won' && outcome !== 'lost') continue;
      const seen = new Set<string>();
      for (const n of deals.get(deal) ?? []) {
        if (order(n.stage ?? '') > order(stage)) continue;
        if (n.heard_from) seen.add(`heard of us through ${n.heard_from}`);
        for (const i of split(n.interested_in)) seen.add(`interested in ${i}`);
        for (const q of split(n.questions)) seen.add(`asked: ${q}`);
        for (const o of split(n.objections)) seen.add(`objection: ${o}`);
      }
      for (const f of seen) {
        const e = facts.get(f) ?? { won: 0, lost: 0 };
        e[outcome]++;
        facts.set(f, e);
      }
    }
    const precedents: Precedent[] = [...facts.entries()]
      .filter(([, e]) => e.won + e.lost >= 5)
      .map(([fact, e]) => {
        const winRate = e.won / (e.won + e.lost);
        return {
          fact,
          deals: e.won + e.lost,
          won: e.won,
          lost: e.lost,
          winRate: r(winRate),
          lift: baseRate ? r(winRate / baseRate) : 0,
        };
      });
    return {
      stage,
      notes: atStage.length,
      deals: reached.size,
      questions: top(questions),
      objections: top(objections),
      winning: [...precedents]
        .sort((a, b) => b.lift - a.lift || b.deals - a.deals)
        .filter((p) => p.lift > 1)
        .slice(0, 6),
      losing: [...precedents]
        .sort((a, b) => a.lift - b.lift || b.deals - a.deals)
        .filter((p) => p.lift < 1)
        .slice(0, 6),
    };
  });
  const heard = new Map<string, { deals: number; won: number; lost: number }>();
  const interests = new Map<string, { deals: number; won: number; lost: number }>();
  for (const [deal, notes] of deals) {
    const outcome = outcomeOf.get(deal)!;
    const sources = new Set(notes.map((n) => n.heard_from).filter((h): h is string => !!h));
    const wants = new Set(notes.flatMap((n) => split(n.interested_in)));
    for (const [map, keys] of [
      [heard, sources],
      [interests, wants],
    ] as const) {
      for (const k of keys) {
        const e = map.get(k) ?? { deals: 0, won: 0, lost: 0 };
        e.deals++;
        if (outcome !== 'open') e[outcome]++;
        map.set(k, e);
      }
    }
  }
  const rate = (e: { won: number; lost: number }) => (e.won + e.lost ? r(e.won / (e.won + e.lost)) : null);
  return {
    deals: counts,
    winRate: baseRate === null ? null : r(baseRate),
    stages: out,
    heardFrom: [...heard.entries()]
      .sort((a, b) => b[1].deals - a[1].deals)
      .map(([source, e]) => ({ source, ...e, winRate: rate(e) })),
    interests: [...interests.entries()]
      .sort((a, b) => b[1].deals - a[1].deals)
      .map(([interest, e]) => ({ interest, deals: e.deals, won: e.won, winRate: rate(e) })),
    warnings,
  };
}
