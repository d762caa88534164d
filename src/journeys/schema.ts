import { type Static, Type } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
const Next = Type.Optional(
  Type.String({
    minLength: 1,
    description: 'the id of the step that follows (default: the next in the list)',
  }),
);
const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'a time of day, HH:MM' });

/** Enters people as they enter (or exit) a saved segment. */
export const SegmentTrigger = Type.Object(
  {
    kind: Type.Literal('segment'),
    segment: Type.String({ minLength: 1 }),
    on: Type.Optional(Type.Union([Type.Literal('enter'), Type.Literal('exit')], { default: 'enter' })),
    existing: Type.Optional(
      Type.Boolean({ description: 'at the first run, also enter those already in the segment (enter only)' }),
    ),
  },
  { additionalProperties: false },
);

/** Enters people when they do an event whose properties pass the filters. */
export const EventTrigger = Type.Object(
  {
    kind: Type.Literal('event'),
    event: Type.String({ minLength: 1 }),
    where: Type.Optional(
      Type.String({
        description: "property filters as in a segment's `with (…)`: `amount >= 50, coupon = true`",
      }),
    ),
  },
  { additionalProperties: false },
);

/** Enters people on the anniversary of a date (a birthday), in their own zone. */
export const DateTrigger = Type.Object(
  {
    kind: Type.Literal('date'),
    field: Type.String({ minLength: 1, description: '`birth_date`, or a trait holding a YYYY-MM-DD date' }),
    offsetDays: Type.Optional(
      Type.Integer({ minimum: -60, maximum: 60, description: 'days before (−) or after the date' }),
    ),
  },
  { additionalProperties: false },
);

/** Enters people when a score crosses a threshold (from below `above`, or from above `below`). */
export const ScoreTrigger = Type.Object(
  {
    kind: Type.Literal('score'),
    score: Type.String({ minLength: 1 }),
    above: Type.Optional(Type.Number()),
    below: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

/** What makes a person enter a journey. */
export const Trigger = Type.Union([SegmentTrigger, EventTrigger, DateTrigger, ScoreTrigger]);
export type Trigger = Static<typeof Trigger>;

/** Waits a duration (`3d`, `12h`, `30m`, `2w`) or until a time of day in the person's zone (or both: first the duration). */
export const WaitStep = Type.Object(
  {
    id: Id,
    kind: Type.Literal('wait'),
    duration: Type.Optional(Type.String({ pattern: '^\\d+(\\.\\d+)?\\s*(m|h|d|w)$' })),
    until: Type.Optional(Clock),
    next: Next,
  },
  { additionalProperties: false },
);

/** Goes one way or another: on a segment expression, or on the person's variant in an experiment. */
export const BranchStep = Type.Object(
  {
    id: Id,
    kind: Type.Literal('branch'),
    if: Type.Optional(Type.String({ minLength: 1, description: 'a segment expression (docs/segments.md)' })),
    goto: Type.Optional(
      Type.String({ minLength: 1, description: 'the step where those for whom `if` holds go' }),
    ),
    experiment: Type.Optional(Type.String({ minLength: 1 })),
    variants: Type.Optional(
      Type.Record(Type.String(), Type.String({ minLength: 1 }), {
        description: 'variant → step id; `holdout` names the held-out group',
      }),
    ),
    else: Type.Optional(
      Type.String({ minLength: 1, description: 'where the rest go (default: the next in the list)' }),
    ),
  },
  { additionalProperties: false },
);

/** Sends a `journey.step` message to a destination (webhook or Segment-compatible) through the outbox. */
export const DestinationStep = Type.Object(
  { id: Id, kind: Type.Literal('destination'), destination: Type.String({ minLength: 1 }), next: Next },
  { additionalProperties: false },
);

/** Sends the e-mail of a campaign (its subject, Liquid template, sender and SMTP server). */
export const EmailStep = Type.Object(
  { id: Id, kind: Type.Literal('email'), campaign: Type.String({ minLength: 1 }), next: Next },
  { additionalProperties: false },
);

/** Adds or removes a tag on the person. */
export const TagStep = Type.Object(
  {
    id: Id,
    kind: Type.Literal('tag'),
    add: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    remove: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    next: Next,
  },
  { additionalProperties: false },
);

/** Leaves the journey. */
export const ExitStep = Type.Object({ id: Id, kind: Type.Literal('exit') }, { additionalProperties: false });

/** One step of a journey. */
export const Step = Type.Union([WaitStep, BranchStep, DestinationStep, EmailStep, TagStep, ExitStep]);
export type Step = Static<typeof Step>;
/** The kinds of step. */
export type StepKind = Step['kind'];

/** When a person who left (or finished) may enter again. */
export const Reentry = Type.Union(
  [
    Type.Literal('never'),
    Type.Literal('always'),
    Type.Object({ afterDays: Type.Integer({ minimum: 1, maximum: 3650 }) }, { additionalProperties: false }),
  ],
  { description: '`never` (the default), `always`, or `{"afterDays": N}` after the last entry' },
);
export type Reentry = Static<typeof Reentry>;

/** Hours in the person's zone when nothing is sent; a send due then waits until `end`. */
export const QuietHours = Type.Object(
  { start: Clock, end: Clock },
  { additionalProperties: false, description: 'e.g. {"start": "21:00", "end": "08:00"}' },
);
export type QuietHours = Static<typeof QuietHours>;

/** A journey as written in its JSON file (docs/journeys.md). */
export const JourneyDefinition = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.-]+$' }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    trigger: Trigger,
    steps: Type.Array(Step, { minItems: 1, maxItems: 100 }),
    reentry: Type.Optional(Reentry),
    quietHours: Type.Optional(
      Type.Union([QuietHours, Type.Null()], {
        description: 'this journey’s quiet hours (default: the global ones; null: none)',
      }),
    ),
    timezone: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'the zone of people whose own zone is unknown (default UTC)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type JourneyDefinition = Static<typeof JourneyDefinition>;
