import { type Static, Type } from '@sinclair/typebox';
import { Nullable, Obj } from './shared.js';

// The web app's first screen (`GET /v1/overview`), the value summary and one profile's scores.

const N = Type.Number();
const NN = Nullable(Type.Number());
const S = Type.String();
const SN = Nullable(Type.String());

/** `GET /v1/overview`. */
export const OverviewQuery = Type.Object({
  from: Type.Optional(
    Type.String({ format: 'date', description: 'First day (default: a year before `to`)' }),
  ),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day (default: the last order day)' })),
  segment: Type.Optional(
    Type.String({ minLength: 1, description: 'Only the current members of this segment' }),
  ),
});

/** `GET /v1/profiles/:id/scores`. */
export const ScoresParams = Type.Object({
  id: Type.String({ description: 'A profile id, or any identifier (as for /v1/profiles/:id)' }),
});

/** A count (and revenue) per value of one attribute. */
export const Breakdown = Obj({ key: S, customers: N, revenue: N });

/** What `GET /v1/overview` answers. */
export const Overview = Obj({
  range: Obj({ from: S, to: S, previousFrom: S, previousTo: S }),
  dataRange: Obj({ first: SN, last: SN }),
  segment: SN,
  totals: Obj({
    profiles: N,
    customers: N,
    prospects: N,
    buyers: N,
    active: N,
    activePrevious: N,
    newBuyers: N,
    orders: N,
    ordersPrevious: N,
    revenue: N,
    revenuePrevious: N,
    growth: Nullable(N, {
      description: 'Revenue in the range over revenue in the previous range of the same length, minus 1',
    }),
    lifetimeRevenue: N,
  }),
  revenueByMonth: Type.Array(Obj({ month: S, revenue: N, orders: N, buyers: N })),
  valueDistribution: Type.Array(Obj({ from: N, to: NN, customers: N, revenue: N })),
  countries: Type.Array(Breakdown),
  channels: Type.Array(Breakdown),
  devices: Type.Array(Breakdown),
  os: Type.Array(Breakdown),
  computedMs: N,
  cached: Type.Boolean(),
});

/** `GET /v1/value/summary`: the RFM grid and the CLV distribution of the latest runs (null before any). */
export const ValueSummary = Obj({
  rfm: Nullable(
    Obj({ runId: N, cells: Type.Array(Obj({ r: N, fm: N, tier: SN, customers: N, revenue: N })) }),
  ),
  clv: Nullable(
    Obj({
      runId: N,
      customers: N,
      mean: N,
      total: N,
      bands: Type.Array(Obj({ from: N, to: N, customers: N, value: N })),
    }),
  ),
});

/** `GET /v1/profiles/:id/scores`: one profile's latest model scores and its current segments. */
export const ProfileScores = Obj({
  profileId: N,
  scores: Type.Array(Obj({ score: S, value: NN, label: SN, runId: N, model: S, at: SN })),
  segments: Type.Array(Obj({ name: S, enteredAt: S })),
  churnRisk: Nullable(
    Obj(
      {
        value: Type.Number({ description: 'Churn risk, 0..1' }),
        score: Type.Union([Type.Literal('churn_risk'), Type.Literal('churn_probability')], {
          description:
            "Which score it is: 'churn_risk' (purchase-rhythm model, 1 − P(alive)) or, only without it, 'churn_probability' (the churn classifier)",
        }),
        model: S,
        runId: N,
        atRisk: Type.Boolean({
          description: 'Risk at or above the at-risk threshold (0.5) segments and reports count',
        }),
        reasons: Nullable(Type.String({ description: "The model's reasons, e.g. 'at risk, overdue'" })),
      },
      {
        description:
          'The one churn risk shown for this profile (src/semantics/churn-risk.ts), the same rule as segment and report figures; null without a churn model',
      },
    ),
  ),
});

export type Breakdown = Static<typeof Breakdown>;
export type Overview = Static<typeof Overview>;
export type ValueSummary = Static<typeof ValueSummary>;
export type ProfileScores = Static<typeof ProfileScores>;
