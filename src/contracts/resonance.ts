import { type Static, Type } from '@sinclair/typebox';
import { Warnings } from '../warnings/warning.js';
import { Nullable, Obj } from './shared.js';

const N = (description: string) => Type.Number({ description });
const Rate = (what: string) => Nullable(Type.Number({ minimum: 0, maximum: 1 }), { description: what });

/** `GET /v1/resonance`'s query. */
export const ResonanceQuery = Type.Object({
  segment: Type.Optional(Type.String({ minLength: 1, description: "a saved segment's current members" })),
  customer: Type.Optional(Type.String({ minLength: 1, description: 'one person, by any identifier' })),
  minSends: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100000, description: 'sends a group needs to be tested' }),
  ),
});

/** One group of sends (a message type, a subject word or a send hour) with its evidence. */
export const ResonanceGroup = Obj({
  key: Type.String({ description: 'the type, the word, or the hour (00–23, UTC)' }),
  sends: N('e-mails in the group'),
  opens: N('of them opened (a click counts as an open)'),
  clicks: N('of them clicked'),
  replies: N('of them replied to'),
  openRate: N('opens / sends'),
  clickRate: N('clicks / sends'),
  replyRate: N('replies / sends'),
  lift: N("open rate over the scope's open rate"),
  pValue: Nullable(Type.Number(), { description: 'two-proportion z test of the open rate against the rest' }),
  qValue: Nullable(Type.Number(), { description: 'Benjamini–Hochberg q-value across the breakdown' }),
  thin: Type.Boolean({ description: 'fewer sends than minSends: shown, not tested' }),
});

/** What `clientele resonance --json` and `GET /v1/resonance` answer. */
export const ResonanceReport = Obj({
  scope: Obj({
    segment: Nullable(Type.String()),
    customer: Nullable(Type.String()),
    profileId: Nullable(Type.Number()),
  }),
  sends: N('e-mails in scope'),
  opens: N('opened'),
  clicks: N('clicked'),
  replies: N('replied to'),
  openRate: Rate('opens / sends; null without sends'),
  clickRate: Rate('clicks / sends'),
  replyRate: Rate('replies / sends'),
  bestSendHour: Nullable(Type.Integer({ minimum: 0, maximum: 23 }), {
    description: 'the UTC send hour with the most response (shrunk toward the overall rate)',
  }),
  byType: Type.Array(ResonanceGroup),
  bySubjectWord: Type.Array(ResonanceGroup),
  byHour: Type.Array(ResonanceGroup),
  warnings: Warnings,
});
export type ResonanceReport = Static<typeof ResonanceReport>;
