import { type Static, Type } from '@sinclair/typebox';
import { Consent } from './consent.js';
import { Nullable, Obj } from './shared.js';

const N = Type.Number();
const NN = Nullable(Type.Number());
const S = Type.String();
const SN = Nullable(Type.String());

/** `GET /v1/profiles/:id`. */
export const ProfileParams = Type.Object({
  id: Type.String({
    description: 'A profile id, or an identifier (e-mail, customer id, phone…) of the person',
  }),
});

/** `GET /v1/profiles/:id`, `clientele profile`. */
export const ProfileQuery = Type.Object({
  explain: Type.Boolean({ default: false, description: 'Which identifier joined which records' }),
  timeline: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
});

/** `GET /v1/profiles`, `clientele profiles`. */
export const ProfileListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
  q: Type.Optional(
    Type.String({ description: 'Only profiles whose email, name or customer id contains this' }),
  ),
  country: Type.Optional(Type.String()),
  minOrders: Type.Optional(Type.Integer({ minimum: 0 })),
  isProspect: Type.Optional(Type.Boolean()),
});

/** `POST /v1/identity/resolve`. */
export const ResolveBody = Type.Object({ full: Type.Boolean({ default: false }) });

/** `GET /v1/profiles/:id/timeline`: one page of the whole history, newest first. */
export const TimelineQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, description: 'Entries per page (default 50)' }),
  ),
  timeline: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'The same as limit' })),
  before: Type.Optional(
    Type.String({ description: 'The `next` cursor of the previous page: older entries only' }),
  ),
  kind: Type.Optional(
    Type.String({ description: 'Only these kinds, comma-separated: order, message, track, page, ticket …' }),
  ),
  from: Type.Optional(Type.String({ description: 'Only entries at or after this date or time (ISO 8601)' })),
  to: Type.Optional(
    Type.String({ description: 'Only entries before this time; a date alone includes that day' }),
  ),
});

/** One entry of a profile's timeline. */
export const TimelineEntry = Obj({ at: S, kind: S, what: S, source: S });

/** A profile's figures. */
export const ProfileMetrics = Obj({
  orders: N,
  revenue: N,
  averageOrderValue: NN,
  firstOrderAt: SN,
  lastOrderAt: SN,
  tenureDays: NN,
  favouriteCategories: Type.Array(Obj({ category: S, units: N })),
  firstSeenAt: SN,
  lastSeenAt: SN,
  events: N,
  email: Obj({
    sent: N,
    opened: N,
    clicked: N,
    bounced: N,
    unsubscribed: N,
    openRate: NN,
    clickRate: NN,
    respondsTo: Type.Array(S),
  }),
  supportTickets: N,
  reviews: N,
  acquisitionSource: SN,
});

/** Which identifier joined which records, and which joins were refused. */
export const ProfileExplanation = Obj({
  identifiers: Type.Array(
    Obj({
      type: S,
      value: S,
      records: Type.Array(Obj({ table: S, rowKey: S, file: SN, importedAt: SN })),
    }),
  ),
  refused: Type.Array(Obj({ table: S, rowKey: S, type: S, value: S, otherProfile: NN, at: S })),
  links: Type.Array(Obj({ a: S, b: S, probability: NN, decidedBy: S, at: S }), {
    description: 'Manual links in force (accepted probable duplicates, `clientele dedupe`)',
  }),
});

/** One unified profile. */
export const Profile = Obj({
  id: N,
  identities: Type.Array(Obj({ type: S, value: S })),
  customerIds: Type.Array(S),
  traits: Type.Record(Type.String(), Type.Unknown()),
  metrics: ProfileMetrics,
  channels: Type.Array(S),
  devices: Type.Array(Obj({ deviceType: SN, os: SN, events: N })),
  records: Type.Record(Type.String(), N, { description: 'Records joined, per table' }),
  timeline: Type.Array(TimelineEntry),
  timelineNext: Type.Union([S, Type.Null()], {
    description: 'The cursor of the page before the timeline shown (GET /v1/profiles/:id/timeline?before=)',
  }),
  consent: Consent,
  explain: Type.Optional(ProfileExplanation),
});

/** `GET /v1/profiles/:id/timeline`. */
export const ProfileTimeline = Obj({
  profileId: N,
  timeline: Type.Array(TimelineEntry),
  next: Type.Union([S, Type.Null()], {
    description: 'The cursor of the next (older) page; null at the start',
  }),
});

/** A row of the profile list. */
export const ProfileRow = Obj({
  id: N,
  customerIds: Nullable(Type.Array(S)),
  email: SN,
  firstName: SN,
  lastName: SN,
  country: SN,
  orders: N,
  revenue: N,
  lastSeenAt: SN,
});

/** `GET /v1/profiles`. */
export const ProfileList = Obj({
  total: N,
  limit: N,
  offset: N,
  profiles: Type.Array(ProfileRow),
  warnings: Type.Optional(Type.Array(Obj({ code: S, message: S }))),
});

/** What an identity resolution did (`POST /v1/identity/resolve`, `clientele identity resolve`). */
export const ResolveSummary = Obj({
  mode: Type.Union([Type.Literal('full'), Type.Literal('incremental')]),
  records: N,
  unattributed: N,
  profiles: N,
  identifiers: N,
  merges: N,
  conflicts: N,
  refreshed: N,
  segments: N,
  seconds: N,
});

export type Profile = Static<typeof Profile>;
export type ProfileRow = Static<typeof ProfileRow>;
export type ProfileList = Static<typeof ProfileList>;
export type TimelineEntry = Static<typeof TimelineEntry>;
