import { type Static, Type } from '@sinclair/typebox';
import { Warnings } from '../warnings/warning.js';
import { Nullable, Obj, OneOf } from './shared.js';

// Personas and segment portraits: `clientele personas`, `clientele segment portrait`, `… compare`.

const N = Type.Number();
const NN = Nullable(Type.Number());
const S = Type.String();
const SN = Nullable(Type.String());
const Strings = Type.Array(S);

/** `GET /v1/personas`, `clientele personas`. */
export const PersonaListQuery = Type.Object({
  segments: Type.Optional(
    Type.String({ description: 'Segments whose names start with this (default: the last clustering)' }),
  ),
  byStage: Type.Boolean({ default: false, description: 'Personas of the sales-cycle stages' }),
  tz: Type.Optional(Type.String({ description: 'Time zone of active hours and days (default UTC)' })),
});
/** `/v1/personas/:segment`. */
export const PersonaParams = Type.Object({ segment: Type.String({ description: 'A saved segment name' }) });
/** `GET /v1/personas/:segment/card.:format`. */
export const CardParams = Type.Object({
  segment: Type.String({ description: 'A saved segment name' }),
  format: OneOf(['svg', 'html', 'png']),
});
const Text = Nullable(Type.String({ maxLength: 2000 }));
/** `PATCH /v1/personas/:segment`, `clientele personas edit`. */
export const PersonaPatch = Obj(
  {
    name: Type.Optional(Text),
    summary: Type.Optional(Text),
    notes: Type.Optional(Text),
    overrides: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Other editable fields (stage, preferredChannel, triggers, holdbacks, infoSources, decisionMaker, negative); null clears',
      }),
    ),
  },
  { description: 'null clears an earlier edit of that field' },
);

/** A statement of a persona with the figures behind it. */
export const Evidence = Obj({
  field: S,
  statement: S,
  figures: Type.Record(Type.String(), Type.Union([N, S, Type.Null()])),
});

/** A persona in its members' own words: distinctive terms, quotes (personal data taken out), sentiment. */
export const PersonaVoice = Obj({
  documents: Type.Integer({ description: 'Texts its members wrote (feedback, sales notes, social posts)' }),
  sampled: Type.Integer({
    description:
      'Texts whose words were counted for terms and quotes: all of them, or a random sample when they wrote more (CLT_WARN_PERSONA_VOICE_SAMPLED)',
  }),
  terms: Type.Array(
    Obj({
      term: S,
      count: N,
      documents: N,
      z: Type.Number({ description: 'Log-odds z against the other personas' }),
    }),
  ),
  quotes: Type.Array(Obj({ text: S, source: S, sentiment: NN })),
  sentiment: Obj({ mean: NN, negativeShare: NN, positiveShare: NN }),
});

/** A persona: who the people of a segment are, each statement with its figure. */
export const Persona = Obj({
  segment: S,
  size: N,
  name: S,
  avatar: S,
  summary: S,
  stage: OneOf(['prospect', 'first purchase', 'repeat', 'loyal', 'lapsing']),
  decisionMaker: S,
  preferredChannel: S,
  triggers: Strings,
  holdbacks: Strings,
  infoSources: Strings,
  activeTimes: Obj({ timeZone: S, hours: Type.Array(N), days: Strings }),
  negative: Type.Boolean(),
  evidence: Type.Array(Evidence),
  topProducts: Type.Array(Obj({ product: S, category: SN, share: NN, lift: NN })),
  value: Obj({
    revenue: N,
    revenueShare: NN,
    revenuePerMember: NN,
    ordersPerMember: NN,
    buyerShare: NN,
    clvMean: NN,
    churnRiskMean: NN,
    net: N,
    currency: Type.Union([
      Type.String({ description: 'ISO 4217 code of the money figures: the shop’s currency' }),
      Type.Null(),
    ]),
  }),
  demographics: Type.Array(Obj({ feature: S, value: S, share: NN, lift: NN, qValue: NN })),
  actions: Type.Array(Obj({ rule: S, action: S, evidence: S, expectedEffect: S })),
  notes: SN,
  edited: Strings,
  decisionMakerShare: NN,
  voice: PersonaVoice,
  unsupported: Type.Array(OneOf(['stage', 'decisionMaker', 'preferredChannel', 'triggers', 'holdbacks'])),
  warnings: Warnings,
});

/** `GET /v1/personas`. */
export const PersonaList = Type.Array(Persona);

/**
 * `GET /v1/personas` answered 202: the personas of the current data are still being computed in the background;
 * ask again after `retryAfterSeconds`. When personas were computed for the same question from an earlier state
 * of the data or segments, they come along at once, labelled: `stale: true`, `asOf` (when they were computed)
 * and `personas`; they are never the current figures (the 200 answer is).
 */
export const PersonasComputing = Type.Object({
  code: Type.Literal('CLT_INFO_PERSONAS_COMPUTING'),
  message: Type.String(),
  retryAfterSeconds: Type.Integer({ minimum: 1 }),
  stale: Type.Optional(
    Type.Literal(true, { description: 'The personas below are of an earlier state of the data or segments' }),
  ),
  asOf: Type.Optional(
    Type.String({ format: 'date-time', description: 'When the earlier personas were computed' }),
  ),
  personas: Type.Optional(PersonaList),
});

const Family = OneOf([
  'demographics',
  'geography',
  'channels',
  'devices',
  'engagement',
  'value',
  'b2b',
  'interests',
  'products',
  'traits',
]);
const ValueShare = Obj({ value: S, share: NN, restShare: NN, lift: NN });
const NumberFigure = Obj({ mean: NN, median: NN, restMean: NN, restMedian: NN, known: N, restKnown: N });
const ScoreFigure = Obj({ mean: NN, median: NN, restMean: NN, scored: N });
const ChannelEngagement = Obj({
  channel: S,
  sent: N,
  recipients: N,
  openRate: NN,
  clickRate: NN,
  restOpenRate: NN,
  restClickRate: NN,
});
const ProductFigure = Obj({
  product: S,
  category: SN,
  buyers: N,
  share: NN,
  restShare: NN,
  lift: NN,
  revenue: N,
});
const Contrast = Obj({
  feature: S,
  family: Family,
  value: SN,
  a: NN,
  b: NN,
  lift: NN,
  test: OneOf(['two-proportion z', 'Welch t']),
  statistic: NN,
  pValue: NN,
  qValue: NN,
  effect: NN,
  nA: N,
  nB: N,
});
const Contrasts = Obj({ correction: S, tests: N, features: Type.Array(Contrast) });
const Distributions = Type.Record(Type.String(), Type.Record(Type.String(), Type.Array(ValueShare)), {
  description: 'By family, then by feature: the most common values and their lift',
});
const Money = { revenue: Obj({ total: N, share: NN, perMember: NN }), buyers: Obj({ count: N, share: NN }) };

/** A segment's portrait (`GET /v1/segments/:name/profile`, `clientele segment portrait`). */
export const SegmentProfile = Obj({
  segment: S,
  kind: S,
  description: SN,
  size: N,
  share: NN,
  ...Money,
  clv: Nullable(ScoreFigure),
  churnRisk: Nullable(ScoreFigure),
  distributions: Distributions,
  numbers: Type.Record(Type.String(), NumberFigure),
  engagement: Type.Array(ChannelEngagement),
  products: Type.Array(ProductFigure),
  distinguishing: Contrasts,
  trend: Obj({
    sizes: Type.Array(Obj({ measuredAt: S, size: N, entered: N, exited: N })),
    monthlyRevenue: Type.Array(Obj({ month: S, revenue: N, orders: N, buyers: N })),
  }),
});

const CompareSide = Obj({
  segment: S,
  size: N,
  share: NN,
  ...Money,
  clv: Nullable(ScoreFigure),
  churnRisk: Nullable(ScoreFigure),
  products: Type.Array(ProductFigure),
});

/** Two segments side by side (`GET /v1/segments/compare`, `clientele segment compare`). */
export const SegmentComparison = Obj({
  a: CompareSide,
  b: CompareSide,
  overlap: N,
  distributions: Distributions,
  numbers: Type.Record(Type.String(), NumberFigure),
  engagement: Type.Array(ChannelEngagement),
  differences: Contrasts,
});

export type Persona = Static<typeof Persona>;
export type SegmentProfile = Static<typeof SegmentProfile>;
export type SegmentComparison = Static<typeof SegmentComparison>;
export type PersonaVoice = Static<typeof PersonaVoice>;
export type PersonasComputing = Static<typeof PersonasComputing>;
