import { type Static, Type } from '@sinclair/typebox';
import { Warnings } from '../warnings/warning.js';
import { Nullable, Obj, OneOf } from './shared.js';

// The segment-by-segment report: `GET /v1/report` (the web app's Reports page) and `clientele report --out`.

const N = Type.Number();
const NN = Nullable(Type.Number());
const S = Type.String();
const SN = Nullable(Type.String());

/** The report's languages. */
export const REPORT_LANGS = ['en', 'pl'] as const;

/** `GET /v1/report`, `clientele report`. */
export const ReportQuery = Type.Object({
  segments: Type.Optional(
    Type.String({ description: 'Only segments whose names start with this (default: every saved segment)' }),
  ),
  personas: Type.Boolean({ default: true, description: "Include each segment's persona card" }),
});

/** What the churn model puts at stake in a segment (null figures before a churn model ran). */
export const AtStake = Obj(
  {
    scored: Type.Number({ description: 'Members with a churn score' }),
    atRisk: Type.Number({ description: 'Members whose churn risk is 0.5 or more' }),
    revenue: Type.Number({ description: 'Lifetime revenue of the members at risk' }),
    clv: Nullable(Type.Number({ description: 'Predicted customer value of the members at risk' })),
    share: Nullable(Type.Number({ description: "The at-risk members' share of the segment's revenue" })),
  },
  { description: 'Revenue at stake: what the members the churn model expects to lose have brought' },
);

/** One trait that sets a segment apart (a significant contrast with everyone else). */
export const ReportTrait = Obj({
  feature: S,
  value: SN,
  here: NN,
  rest: NN,
  lift: NN,
  kind: OneOf(['share', 'mean']),
});

/** A persona card as the report shows it: who, the recommended action, and the warnings. */
export const ReportPersona = Obj({
  name: S,
  avatar: S,
  summary: S,
  stage: S,
  preferredChannel: S,
  actions: Type.Array(Obj({ action: S, evidence: S })),
  warnings: Type.Array(S),
});

/** One segment of the report. */
export const ReportSegment = Obj({
  name: S,
  kind: S,
  rule: SN,
  size: N,
  share: NN,
  sizes: Type.Array(Obj({ at: S, size: N }), { description: 'Size at each refresh, oldest first' }),
  sizeChange: Nullable(N, { description: 'Size now minus size at the first refresh shown' }),
  revenue: Obj({ total: N, share: NN, perMember: NN }),
  buyersShare: NN,
  clvMean: NN,
  churnRiskMean: NN,
  atStake: AtStake,
  monthlyRevenue: Type.Array(Obj({ month: S, revenue: N })),
  traits: Type.Array(ReportTrait),
  persona: Nullable(ReportPersona),
  warnings: Warnings,
});

/** `GET /v1/report`: every selected segment with its figures. */
export const Report = Obj({
  generatedAt: S,
  currency: Type.String({ description: 'ISO 4217 code money is shown in (the orders’ most common)' }),
  profiles: N,
  segments: Type.Array(ReportSegment),
});

export type Report = Static<typeof Report>;
export type ReportSegment = Static<typeof ReportSegment>;
export type ReportTrait = Static<typeof ReportTrait>;
export type ReportPersona = Static<typeof ReportPersona>;

/** The card of a persona (the server's or the API's shape) as the report shows it, in the file and on the page. */
export function reportPersona(
  p: Pick<ReportPersona, 'name' | 'avatar' | 'summary' | 'stage' | 'preferredChannel'> & {
    readonly actions: readonly { readonly action: string; readonly expectedEffect: string }[];
    readonly warnings: readonly { readonly message: string }[];
  },
): ReportPersona {
  return {
    name: p.name,
    avatar: p.avatar,
    summary: p.summary,
    stage: p.stage,
    preferredChannel: p.preferredChannel,
    actions: p.actions.map((a) => ({ action: a.action, evidence: a.expectedEffect })),
    warnings: p.warnings.map((w) => w.message),
  };
}
export type AtStake = Static<typeof AtStake>;
export type ReportLang = (typeof REPORT_LANGS)[number];
