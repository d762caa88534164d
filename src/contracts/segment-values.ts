import { type Static, Type } from '@sinclair/typebox';
import { Obj } from './shared.js';

// The segment builder's value pickers: `GET /v1/segments/fields/:field/values`.

/** `/v1/segments/fields/:field/values`. */
export const FieldParams = Type.Object({
  field: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'A profile field or trait the segment language names, or $event for event names',
  }),
});

/** What to suggest. */
export const FieldValuesQuery = Type.Object({
  prefix: Type.String({ default: '', maxLength: 200, description: 'Values that start with this (any case)' }),
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
});

/** The field's most common values that start with the prefix, most common first. */
export const FieldValues = Obj({
  field: Type.String(),
  values: Type.Array(
    Obj({ value: Type.String(), count: Type.Number({ description: 'Profiles (or events) with it' }) }),
  ),
});

export type FieldValues = Static<typeof FieldValues>;
