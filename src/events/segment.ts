import { type Static, Type } from '@sinclair/typebox';

/** The six Segment call types. */
export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;

/** One of the Segment call types. */
export type EventType = (typeof EVENT_TYPES)[number];

const Id = Type.Union([Type.String(), Type.Number()]);
const Obj = (description: string) => Type.Object({}, { additionalProperties: true, description });

/**
 * One event as the Segment HTTP tracking API takes it (https://segment.com/docs/connections/spec/common/).
 * Keys beyond these are kept, in the `extra` column.
 */
export const SegmentEvent = Type.Object(
  {
    type: Type.Optional(Type.Union(EVENT_TYPES.map((t) => Type.Literal(t)))),
    messageId: Type.Optional(
      Type.String({ description: 'Unique id; a repeat within the window is dropped' }),
    ),
    userId: Type.Optional(Id),
    anonymousId: Type.Optional(Id),
    event: Type.Optional(Type.String({ description: 'Event name (track)' })),
    name: Type.Optional(Type.String({ description: 'Page or screen name' })),
    groupId: Type.Optional(Id),
    previousId: Type.Optional(Id),
    timestamp: Type.Optional(Type.String({ description: 'ISO 8601; when the event happened' })),
    originalTimestamp: Type.Optional(Type.String()),
    sentAt: Type.Optional(Type.String()),
    channel: Type.Optional(Type.String()),
    properties: Type.Optional(Obj('Event properties (track, page, screen)')),
    traits: Type.Optional(Obj('Traits (identify, group)')),
    context: Type.Optional(Obj('Device, OS, library, locale, IP, location, page, campaign')),
    integrations: Type.Optional(Obj('Destinations to send to; kept, not acted on')),
  },
  { additionalProperties: true, description: 'A Segment-spec event' },
);

/** A Segment-spec event. */
export type SegmentEvent = Static<typeof SegmentEvent>;

/** The body of `POST /v1/batch`: what @segment/analytics-node and @rudderstack/rudder-sdk-node send. */
export const BatchBody = Type.Object(
  {
    batch: Type.Array(SegmentEvent, { description: 'The events, each with its `type`' }),
    sentAt: Type.Optional(Type.String()),
    context: Type.Optional(Obj('Merged under each event’s own context')),
    integrations: Type.Optional(Obj('Merged under each event’s own integrations')),
    writeKey: Type.Optional(Type.String({ description: 'Ignored: the key is read from Basic auth' })),
  },
  { additionalProperties: true },
);

/** The body of `POST /v1/batch`. */
export type BatchBody = Static<typeof BatchBody>;

/** Why an event was not stored: a reason code (also in `rejects.reason_code`) and a sentence. */
export const EventProblem = Type.Object({
  index: Type.Integer({ description: 'Position in the batch (0 for single-event routes)' }),
  messageId: Type.Union([Type.String(), Type.Null()]),
  code: Type.String({ description: 'e.g. missing_identifier, wrong_type, bad_date, event_too_large' }),
  field: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
});

/** Why an event was not stored. */
export type EventProblem = Static<typeof EventProblem>;

/** The answer to an accepted request: Segment answers `{ success: true }`; we add the counts. */
export const AcceptedReply = Type.Object({
  success: Type.Literal(true),
  accepted: Type.Integer({ description: 'Events stored by this request' }),
  duplicates: Type.Integer({
    description: 'Events dropped as repeats of a messageId seen within the window',
  }),
  flagged: Type.Integer({ description: 'Events stored with a timestamp flag (far future, before 2000)' }),
});

/** The answer to an accepted request. */
export type AcceptedReply = Static<typeof AcceptedReply>;

/** The answer to a failed request: a registry code, a sentence, a hint, and for events which ones and why. */
export { ErrorReply } from '../contracts/shared.js';
