import { type Static, Type } from '@sinclair/typebox';
import { FAILURE_REASONS } from '../outbox/failure.js';
import { PlacementRules } from '../placements/rules.js';
import { Warnings } from '../warnings/warning.js';
import { Nullable, Obj, OneOf } from './shared.js';

// Acting on the data over HTTP (issue 16): destinations, audiences, the outbox, campaigns, experiments and
// placements, as the web app's Act screens read them. Credentials (a webhook's secret, a write key) go in
// and never come out: answers say only whether a destination signs its bodies.

const N = Type.Number();
const S = Type.String();
const SN = Nullable(S);
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });

/** `/v1/destinations/:name`, `/v1/audiences/:name`, … */
export const ActNameParams = Type.Object({
  name: Type.String({ description: 'The name it was saved under' }),
});

/** Why a delivery failed, in a word (src/outbox/failure.ts); `error` keeps the raw cause. */
const FailureReasonSchema = OneOf(FAILURE_REASONS, {
  description:
    'Why it failed: status (the receiver answered with an error status), timeout, refused (nothing accepts connections at the address), unknownHost, unreachable, dropped (the connection was cut), tls (the certificate was refused), file (a file destination could not be written), other',
});

/** How deliveries to a destination went (the outbox). */
export const DestinationHealth = Obj({
  delivered: N,
  pending: N,
  retrying: Type.Number({ description: 'Pending deliveries that failed at least once and wait for a retry' }),
  dead: Type.Number({ description: 'Deliveries given up after the last retry (dead letters)' }),
  lastDeliveredAt: SN,
  lastFailure: Nullable(
    Obj({
      status: Nullable(N),
      error: Type.Union([S, Type.Null()], {
        description:
          "The raw cause, for programs and support: the network error's code and message, or HTTP 500",
      }),
      reason: FailureReasonSchema,
    }),
  ),
});

/** A destination, without its credentials. */
export const DestinationView = Obj({
  name: S,
  type: OneOf(['webhook', 'segment', 'file']),
  url: Nullable(S, { description: 'Scheme, host and path only: a query or user part may hold a credential' }),
  out: SN,
  batch: N,
  signed: Type.Boolean({ description: 'Webhook bodies carry X-Clientele-Signature' }),
  createdAt: S,
  health: DestinationHealth,
});
export type DestinationView = Static<typeof DestinationView>;

/** `GET /v1/destinations`. */
export const DestinationList = Obj({ destinations: Type.Array(DestinationView) });

/** `POST /v1/destinations`, `clientele destinations create`. */
export const DestinationCreate = Type.Object({
  name: Name,
  type: OneOf(['webhook', 'segment', 'file']),
  url: Type.Optional(Type.String({ description: 'http(s) URL (webhook, segment)' })),
  secret: Type.Optional(Type.String({ description: 'HMAC-SHA256 key that signs webhook bodies' })),
  writeKey: Type.Optional(Type.String({ description: 'The write key of a Segment-compatible endpoint' })),
  batch: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  out: Type.Optional(Type.String({ description: 'A .csv or .parquet path on the server (admins only)' })),
});

/** `POST /v1/destinations/:name/test`. */
export const DestinationTested = Obj({
  name: S,
  ok: Type.Boolean(),
  status: Nullable(N),
  error: SN,
  reason: Nullable(FailureReasonSchema),
});

/** A deletion. */
export const ActDeleted = Obj({ name: S, deleted: Type.Literal(true) });

/** An audience's last sync, read back from the outbox. */
export const AudienceLastSync = Obj({
  entered: N,
  exited: N,
  sent: N,
  failed: N,
  pending: N,
});

/** An audience: a segment kept in step with a destination. */
export const AudienceView = Obj({
  name: S,
  segment: S,
  destination: S,
  fields: Type.Array(S),
  members: Type.Number({ description: 'People the destination was last told are in the audience' }),
  syncedAt: SN,
  lastSync: Nullable(AudienceLastSync),
  delivered: Obj(
    { sent: N, failed: N, pending: N },
    { description: 'Moves in all the audience’s deliveries: delivered, dead, still waiting' },
  ),
});
export type AudienceView = Static<typeof AudienceView>;

/** `GET /v1/audiences`. */
export const AudienceList = Obj({ audiences: Type.Array(AudienceView) });

/** `POST /v1/audiences`, `clientele audiences create`. */
export const AudienceCreate = Type.Object({
  name: Name,
  segment: Type.String({ minLength: 1 }),
  to: Type.String({ minLength: 1, description: 'The destination' }),
  fields: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 50 })),
});

/** `POST /v1/audiences/:name/sync`, `clientele audiences sync NAME --json`. */
export const AudienceSynced = Obj({
  name: S,
  entered: N,
  exited: N,
  sent: N,
  failed: N,
  warnings: Warnings,
});

/** `GET /v1/outbox`, `clientele outbox --json`. */
export const OutboxView = Obj({
  pending: N,
  delivered: N,
  dead: N,
  nextAt: SN,
  deadLetters: Type.Array(
    Obj({
      id: S,
      origin: S,
      url: S,
      attempts: N,
      lastStatus: Nullable(N),
      lastError: SN,
      createdAt: S,
    }),
  ),
});

/** A saved campaign. */
export const CampaignView = Obj({
  name: S,
  segment: S,
  subject: S,
  from: S,
  smtp: SN,
  cap: Nullable(S, { description: 'At most N e-mails to one person in D days, as N/Dd' }),
  track: Type.Boolean({ description: 'Whether sends carry the open pixel and signed click links' }),
  trackingUrl: Nullable(S, { description: "The server's public address opens and clicks come back to" }),
  createdAt: S,
});

/** `GET /v1/campaigns`. */
export const CampaignList = Obj({ campaigns: Type.Array(CampaignView) });

/** `POST /v1/campaigns`: the template is Liquid text. */
export const CampaignCreate = Type.Object({
  name: Name,
  segment: Type.String({ minLength: 1 }),
  subject: Type.String({ minLength: 1, maxLength: 300 }),
  template: Type.String({ minLength: 1, maxLength: 100_000, description: 'Liquid over the profile' }),
  from: Type.Optional(Type.String({ minLength: 3 })),
  cap: Type.Optional(Type.String({ description: 'N/PERIOD, e.g. 2/7d' })),
});

/** The saved campaign, with warnings (a variable no profile has). */
export const CampaignCreated = Obj({
  name: S,
  segment: S,
  subject: S,
  from: S,
  smtp: SN,
  cap: SN,
  track: Type.Boolean(),
  trackingUrl: SN,
  createdAt: S,
  warnings: Warnings,
});

/** `POST /v1/campaigns/preview`. */
export const CampaignPreviewBody = Type.Object({
  name: Type.Optional(Type.String({ description: 'The campaign name its discount codes derive from' })),
  segment: Type.String({ minLength: 1 }),
  subject: Type.String({ maxLength: 300 }),
  template: Type.String({ maxLength: 100_000 }),
});

/** A message rendered for one member of the segment (the first by profile id). */
export const CampaignPreview = Obj({
  members: N,
  profileId: Nullable(N),
  subject: S,
  text: S,
  warnings: Warnings,
});

/** `POST /v1/campaigns/:name/send` and `…/dry-run`, `clientele campaigns send NAME --json`. */
export const CampaignSent = Obj({
  recipients: N,
  sent: N,
  skipped: Obj({ unsubscribed: N, bounced: N, capped: N, noEmail: N, noConsent: N }),
  failed: N,
  dryRun: Type.Boolean(),
  warnings: Warnings,
});

/** A saved experiment. */
export const ExperimentView = Obj({
  name: S,
  segment: S,
  variants: Type.Array(S),
  weights: Type.Array(N),
  holdout: N,
  startAt: S,
  createdAt: S,
});

/** `POST /v1/experiments`: the body `clientele experiments create` builds from its options. */
export { ExperimentInput } from '../experiments/store.js';

/** `GET /v1/experiments`. */
export const ExperimentList = Obj({ experiments: Type.Array(ExperimentView) });

/** `GET /v1/experiments/:name/report`. */
export const ReportQuery = Type.Object({
  metric: Type.String({ default: 'conversion', description: 'conversion, revenue or an event name' }),
  windowDays: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
  minimumEffect: Type.Number({ exclusiveMinimum: 0, maximum: 10, default: 0.1 }),
});

// Figures a thin experiment cannot give (a control with no conversions has no lift) are null.
const NN = Nullable(N);
const ComparisonView = Obj({
  variant: S,
  lift: NN,
  ci: Type.Array(NN, { minItems: 2, maxItems: 2 }),
  pValue: NN,
  method: S,
  probabilityToBeatControl: Nullable(N),
});

/** `clientele experiments report --json`, with each variant's 95 % Wilson interval of its rate. */
export const ExperimentReportView = Obj({
  experiment: S,
  metric: S,
  windowDays: N,
  variants: Type.Array(
    Obj({
      name: S,
      n: N,
      conversions: N,
      rate: N,
      rateInterval: Type.Array(NN, { minItems: 2, maxItems: 2, description: '95 % Wilson interval' }),
      revenue: N,
      revenuePerMember: N,
    }),
  ),
  comparison: Nullable(ComparisonView),
  comparisons: Type.Array(ComparisonView),
  sequential: Nullable(
    Obj({
      method: Type.Literal('mSPRT'),
      tau: NN,
      likelihoodRatio: NN,
      alwaysValidP: NN,
      decision: OneOf(['stop: variant differs', 'continue']),
    }),
  ),
  sampleSize: Obj({ perVariant: NN, baseline: NN, minimumEffect: N, alpha: N, power: N }),
  warnings: Warnings,
});

/** A placement and its ordered rules. */
export const PlacementView = Obj({
  name: S,
  rules: Type.Array(
    Obj({
      if: Type.Optional(S),
      variant: Type.Optional(S),
      experiment: Type.Optional(S),
      payload: Type.Optional(Type.Record(S, Type.Unknown())),
    }),
  ),
  createdAt: S,
});

/** `POST /v1/placements`: a name and the ordered rules `clientele placements create --rules` reads. */
export const PlacementInput = Type.Object(
  { name: Name, rules: PlacementRules },
  { additionalProperties: false },
);
export type PlacementInput = Static<typeof PlacementInput>;

/** `GET /v1/placements`. */
export const PlacementList = Obj({ placements: Type.Array(PlacementView) });

/** `POST /v1/placements/:name/try`: a visitor and a context, as `GET /v1/decide` would see them. */
export const PlacementTry = Type.Object({
  userId: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  anonymousId: Type.Optional(Type.String()),
  localHour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23 })),
  weekday: Type.Optional(
    OneOf(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
  ),
  device: Type.Optional(OneOf(['desktop', 'mobile', 'tablet'])),
  category: Type.Optional(Type.String()),
  country: Type.Optional(Type.String({ maxLength: 2 })),
});

/** What `GET /v1/decide` answers. */
export const DecisionView = Obj({
  variant: SN,
  payload: Nullable(Type.Record(S, Type.Unknown())),
  reason: S,
});

// The answers as TypeScript types, for the web app (type-only imports through `@contracts`).
export type DestinationTested = Static<typeof DestinationTested>;
export type AudienceSynced = Static<typeof AudienceSynced>;
export type OutboxView = Static<typeof OutboxView>;
export type CampaignView = Static<typeof CampaignView>;
export type CampaignCreated = Static<typeof CampaignCreated>;
export type CampaignPreview = Static<typeof CampaignPreview>;
export type CampaignSent = Static<typeof CampaignSent>;
export type ExperimentView = Static<typeof ExperimentView>;
export type ExperimentReportView = Static<typeof ExperimentReportView>;
export type PlacementView = Static<typeof PlacementView>;
export type DecisionView = Static<typeof DecisionView>;
