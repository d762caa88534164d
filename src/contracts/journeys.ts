import { Type } from '@sinclair/typebox';
import { JourneyDefinition } from '../journeys/schema.js';
import { Nullable, Obj, OneOf } from './shared.js';

export { JourneyDefinition };

/** A journey with its state and how many people are where. */
export const JourneySummary = Obj(
  {
    name: Type.String(),
    state: OneOf(['active', 'paused'] as const, { description: 'paused: nobody enters or moves' }),
    version: Type.Integer({
      description: 'how many definitions it has had: 1 at creation, +1 at each update',
    }),
    trigger: Type.String({ description: 'the trigger in words' }),
    steps: Type.Integer({ description: 'how many steps' }),
    definition: JourneyDefinition,
    active: Type.Integer({ description: 'people in the journey now (waiting or due)' }),
    entered: Type.Integer({ description: 'entries so far (a person who came back counts again)' }),
    exited: Type.Integer({ description: 'people who finished or left' }),
    sent: Type.Integer({ description: 'e-mails and destination messages sent' }),
    createdAt: Type.String(),
    runAt: Nullable(Type.String(), { description: 'when it last ran' }),
  },
  { description: 'A journey: a trigger followed by steps, with its counts' },
);

/** Every journey. */
export const JourneyList = Type.Array(JourneySummary);

/** A journey named in the path. */
export const JourneyParams = Type.Object({ name: Type.String({ minLength: 1 }) });

/** A deleted journey. */
export const JourneyDeleted = Obj({ name: Type.String(), deleted: Type.Literal(true) });

/** A journey whose definition was replaced, and what that did to the people in it. */
export const JourneyUpdated = Obj(
  {
    journey: JourneySummary,
    moved: Type.Integer({ description: 'people at a removed step, moved to the next surviving one' }),
    exited: Type.Integer({
      description: 'people at a removed step with nothing after it surviving: they left',
    }),
    stayed: Type.Integer({ description: 'people whose step survived: they stay where they are' }),
  },
  { description: 'PUT /v1/journeys/:name' },
);
