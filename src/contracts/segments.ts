import { type Static, Type } from '@sinclair/typebox';
import { MEMBER_SORTS } from '../segments/member-sort.js';
import { SegmentNode } from '../segments/nodes.js';
import { PURPOSES } from './consent.js';
import { AtStake } from './reports.js';
import { Nullable, Obj, OneOf } from './shared.js';

// Segments over HTTP and on the command line: a rule is given in the text form (`where`) or as the tree the
// text form parses to (`tree`, `SegmentNode` JSON, what the web app's builder sends).

/** A rule in the text form. */
export const Where = Type.String({
  minLength: 1,
  maxLength: 20_000,
  description: "The rule in the text form, e.g. country = 'DE' and orders >= 2 (docs/segments.md)",
});

/** A segment's name. */
export const SegmentName = Type.String({
  pattern: '^[A-Za-z0-9_.:-]{1,100}$',
  description: 'The segment name',
});

/** A rule as text or as a tree: exactly one of the two. */
export const SegmentRule = Type.Union([
  Obj({ where: Where }),
  Obj({ tree: SegmentNode }, { description: 'The rule as a SegmentNode tree (src/segments/nodes.ts)' }),
]);

/** `POST /v1/segments/preview`, `clientele segment preview`. */
export const PreviewBody = SegmentRule;

/** `POST /v1/segments`, `clientele segment create`. */
export const CreateBody = Type.Union([
  Obj({ name: SegmentName, where: Where }),
  Obj({ name: SegmentName, tree: SegmentNode }),
]);

/** `POST /v1/segments/refresh`. */
export const RefreshBody = Type.Optional(Obj({ names: Type.Optional(Type.Array(Type.String())) }));

/** `/v1/segments/:name…`. */
export const NameParams = Type.Object({ name: Type.String({ description: 'A saved segment name' }) });

const MemberSort = OneOf(MEMBER_SORTS, {
  description:
    'Order of the members: revenue or orders (largest first), entered (newest first); default revenue',
});

const Purpose = OneOf(PURPOSES, { description: 'Only members who consented to this purpose' });

/** `GET /v1/segments/:name/members`. */
export const MembersQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000 }),
  purpose: Type.Optional(Purpose),
  sort: Type.Optional(MemberSort),
});

/** `GET /v1/segments/:name/export`, `clientele segment export`. */
export const ExportQuery = Type.Object({
  format: OneOf(['csv', 'parquet'], { default: 'csv' }),
  purpose: Type.Optional(Purpose),
});

/** `GET /v1/segments/compare`. */
export const CompareQuery = Type.Object({ a: Type.String(), b: Type.String() });

const N = Type.Number();
const NN = Nullable(Type.Number());
const S = Type.String();
const SN = Nullable(Type.String());

/** How many profiles a rule selects now. */
export const SegmentPreview = Obj({ count: N, expression: S });

/** What saving a segment did. */
export const SegmentSaved = Obj({ name: S, expression: S, count: N, entered: N, exited: N });

/** A saved segment as listed: its rule (or description), size, and size over time. */
export const SegmentSummary = Obj({
  name: S,
  kind: S,
  expression: S,
  count: N,
  createdAt: SN,
  refreshedAt: SN,
  sizes: Type.Array(Obj({ at: S, size: N, entered: N, exited: N }), {
    description: 'One point per refresh, oldest first (the last 100)',
  }),
  atStake: Type.Optional(AtStake),
});

/** `GET /v1/segments`. */
export const SegmentList = Type.Array(SegmentSummary);

/** A member of a segment: profile id, customer ids and the main traits (masked without the pii scope). */
export const SegmentMember = Obj({
  id: N,
  customerIds: Type.Array(S),
  email: SN,
  firstName: SN,
  lastName: SN,
  country: SN,
  region: SN,
  orders: N,
  revenue: NN,
  enteredAt: SN,
});

/** `GET /v1/segments/:name/members`. */
export const SegmentMembers = Type.Array(SegmentMember);

/** `POST /v1/segments/refresh`: what each refresh did. */
export const SegmentRefreshed = Type.Array(
  Obj({
    name: S,
    count: N,
    entered: N,
    exited: N,
    mode: OneOf(['full', 'incremental']),
    error: Type.Optional(S),
  }),
);

/** `DELETE /v1/segments/:name`. */
export const SegmentDeleted = Obj({ name: S, deleted: Type.Literal(true) });

export type SegmentSummary = Static<typeof SegmentSummary>;
export type SegmentMember = Static<typeof SegmentMember>;
export type SegmentPreview = Static<typeof SegmentPreview>;
export type SegmentSaved = Static<typeof SegmentSaved>;
export type SegmentRule = Static<typeof SegmentRule>;
