/**
 * Housekeeping's answers over HTTP (docs/housekeeping.md): the audit and its history, probable duplicates
 * with the two records side by side and the decisions on them, the data map, and drift per model.
 */
import { type Static, Type } from '@sinclair/typebox';
import { Warnings } from '../warnings/warning.js';
import { Nullable, Obj, OneOf } from './shared.js';

const N = Type.Number();
const I = Type.Integer();
const S = Type.String();

// ---- The audit ------------------------------------------------------------------------------------------

export const AuditQuery = Type.Object(
  {
    kind: Type.Optional(Type.String({ description: 'Only the sources of this kind (customers, orders, …)' })),
    staleAfter: Type.Optional(
      Type.String({ description: 'A shelf life (18m, 90d, 2y): list the contacts not confirmed since' }),
    ),
    remedies: Type.Optional(
      Type.Union([Type.Literal('web'), Type.Literal('cli')], {
        description:
          "Where the fixes point: 'web' (the web app's screens, the default) or 'cli' (clientele's commands and options, for scripts)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const FieldAudit = Obj({
  field: S,
  filled: I,
  valid: I,
  invalid: I,
  examples: Type.Array(S, { description: 'Up to three invalid values (masked without the pii scope)' }),
  distinct: I,
});

export const SourceAudit = Obj({
  kind: S,
  file: Type.String({ description: "The imported file's path, or api:NAME for an event write key" }),
  importedAt: S,
  rows: I,
  owner: Nullable(S, { description: "Who is responsible for the source's shelf life" }),
  fields: Type.Array(FieldAudit),
});

export const AuditIssue = Obj({
  code: S,
  count: I,
  counts: Type.Union(
    [
      Type.Literal('rows'),
      Type.Literal('addresses'),
      Type.Literal('numbers'),
      Type.Literal('people'),
      Type.Literal('orders'),
    ],
    {
      description:
        'What count counts: rows of the sources, distinct e-mail addresses or phone numbers (each once across every table), people (profiles) or orders',
    },
  ),
  message: S,
  fix: Type.String({ description: 'What to do about it' }),
  source: Type.Optional(
    Type.String({ description: 'The file of the source the finding is about, as imported (its full path)' }),
  ),
});

export const StaleContact = Obj({
  profileId: I,
  customerId: Nullable(S),
  email: Nullable(S),
  phone: Nullable(S),
  lastConfirmedAt: Nullable(S),
  emailConfirmedAt: Nullable(S),
});

export const Staleness = Obj({
  after: Nullable(S),
  cutoff: Nullable(S),
  profiles: I,
  stale: Nullable(I),
  oldestConfirmedAt: Nullable(S),
  newestConfirmedAt: Nullable(S),
  contacts: Type.Array(StaleContact),
});

export const AuditResult = Obj({
  sources: Type.Array(SourceAudit),
  contacts: Obj({
    emails: Obj({
      valid: I,
      invalidSyntax: I,
      disposable: I,
      roleBased: I,
      typoDomain: I,
      bounced: I,
      complained: I,
    }),
    phones: Obj({ valid: I, invalid: I }),
  }),
  staleness: Staleness,
  issues: Type.Array(AuditIssue),
  warnings: Warnings,
});
export type AuditResult = Static<typeof AuditResult>;

export const AuditPoint = Obj({
  auditedAt: S,
  source: Type.String({ description: "The source's file (or api:NAME)" }),
  kind: S,
  rows: I,
  completeness: Nullable(N, { description: 'Filled values over rows × fields' }),
  validity: Nullable(N, { description: 'Valid values over the values judged' }),
});

export const AuditHistory = Obj({
  runs: I,
  points: Type.Array(AuditPoint, { description: 'One per source per recorded audit, oldest first' }),
});
export type AuditHistory = Static<typeof AuditHistory>;

export const AuditRecorded = Obj({ auditedAt: S, sources: I, issues: I });

// ---- Probable duplicates --------------------------------------------------------------------------------

export const DedupeQuery = Type.Object(
  {
    threshold: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: 'List pairs at least this probable', default: 0.9 }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

/** One side of a pair as the import wrote it (personal fields masked without the pii scope). */
export const DedupePerson = Obj({
  customer_id: S,
  profileId: I,
  first_name: Nullable(S),
  last_name: Nullable(S),
  email: Nullable(S),
  phone: Nullable(S),
  birth_date: Nullable(S),
  postal_code: Nullable(S),
  city: Nullable(S),
});

export const DedupeCandidate = Obj({
  a: S,
  b: S,
  probability: N,
  agreements: Type.Record(S, S, { description: 'The level of each comparison, or null for an empty side' }),
  people: Type.Array(DedupePerson, { description: 'The records of a and b' }),
});

export const DedupeDecisionRow = Obj({
  a: S,
  b: S,
  decision: OneOf(['accepted', 'rejected'] as const),
  probability: Nullable(N),
  decidedBy: S,
  decidedAt: S,
});

export const DedupeReview = Obj({
  pairs: Type.Array(DedupeCandidate),
  total: Type.Integer({ description: 'Pairs at or above the threshold (pairs lists the first `limit`)' }),
  records: I,
  candidates: I,
  threshold: N,
  decisions: Type.Array(DedupeDecisionRow, { description: 'Standing decisions, the latest first' }),
  warnings: Warnings,
});
export type DedupeReview = Static<typeof DedupeReview>;

export const DedupeDecide = Type.Object(
  {
    a: Type.String({ minLength: 1, description: 'A customer id' }),
    b: Type.String({ minLength: 1, description: 'Another customer id' }),
    decision: OneOf(['accepted', 'rejected', 'undone'] as const, {
      description:
        'accepted joins the two as one person, rejected keeps the pair off the list, undone takes either back',
    }),
  },
  { additionalProperties: false },
);

export const DecisionResult = Obj({
  a: S,
  b: S,
  decision: OneOf(['accepted', 'rejected', 'undone'] as const),
  profiles: Type.Array(I),
});
export type DecisionResult = Static<typeof DecisionResult>;

// ---- The data map ---------------------------------------------------------------------------------------

export const MapNode = Obj({
  id: S,
  type: OneOf(['source', 'table', 'field', 'trait', 'model', 'segment', 'destination', 'journey'] as const),
  name: S,
  rows: Nullable(N),
  freshness: Nullable(S, { description: 'When it last changed (ISO)' }),
  owner: Nullable(S),
});

export const DataMap = Obj({
  nodes: Type.Array(MapNode),
  edges: Type.Array(Obj({ from: S, to: S })),
});
export type DataMap = Static<typeof DataMap>;

// ---- Drift ----------------------------------------------------------------------------------------------

export const CalibrationDecile = Obj({ decile: I, customers: I, predicted: N, realised: N });

export const ChurnCalibration = Obj({
  run: I,
  score: S,
  runAsOf: Nullable(S),
  dataAsOf: Nullable(S),
  daysSince: Nullable(I),
  customers: I,
  predicted: Nullable(N),
  realised: Nullable(N),
  deciles: Type.Array(CalibrationDecile),
});

export const DriftResult = Obj({
  model: S,
  baselineRun: I,
  currentRun: I,
  features: Type.Array(Obj({ name: S, psi: N })),
  score: Obj({ name: Nullable(S), psi: Nullable(N) }),
  calibration: Obj({
    baselineMean: Nullable(N),
    currentMean: Nullable(N),
    shift: Nullable(N),
    churn: Nullable(ChurnCalibration, {
      description: "For a churn model: realised against predicted churn of the baseline run's customers",
    }),
  }),
  thresholds: Obj({ watch: N, drifted: N }),
  status: OneOf(['stable', 'watch', 'drifted'] as const),
  warnings: Warnings,
});
export type DriftResult = Static<typeof DriftResult>;

export const DriftReport = Obj({
  models: Type.Array(DriftResult, { description: 'Each model with two recorded runs or more' }),
  waiting: Type.Array(Obj({ model: S, runs: I }), { description: 'Models with one run: nothing to compare' }),
});
export type DriftReport = Static<typeof DriftReport>;
