import {
  type ObjectOptions,
  type SchemaOptions,
  type TLiteral,
  type TObject,
  type TProperties,
  type TSchema,
  type TUnion,
  Type,
} from '@sinclair/typebox';

/**
 * An answer's object: exactly these fields. Fastify's serializer writes only the fields a response schema
 * names, so an answer's schema names every field (the OpenAPI test fails on one left out) and says so.
 */
export const Obj = <T extends TProperties>(properties: T, options: ObjectOptions = {}): TObject<T> =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** `T` or `null`. */
export const Nullable = <T extends TSchema>(schema: T, options: SchemaOptions = {}) =>
  Type.Union([schema, Type.Null()], options);

/** A day as `YYYY-MM-DD`. */
export const Day = (description: string) => Type.String({ format: 'date', description });

/** A list of column (trait or metric) names. */
export const Columns = (description: string) => Type.Array(Type.String({ minLength: 1 }), { description });

/** A share strictly between 0 and 1. */
export const Share = (description: string, byDefault?: number) =>
  Type.Number({
    minimum: 0.001,
    maximum: 0.999,
    description,
    ...(byDefault !== undefined && { default: byDefault }),
  });

/** A list of literal values as a union (an enum in OpenAPI). */
export const OneOf = <const T extends string>(values: readonly T[], options: SchemaOptions = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as TUnion<TLiteral<T>[]>;

/** Every failure's answer: `{ error: { code, message, hint, details } }` (src/server/errors.ts, docs/errors.md). */
export const ErrorReply = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'A CLT_ERR_* code (docs/errors.md)' }),
    message: Type.String(),
    hint: Type.String(),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  }),
});

/** The error answers every route may give (bad input, no access, not found, over a limit, a failure). */
export const ERRORS = {
  '4xx': ErrorReply,
  '5xx': ErrorReply,
} as const;

/** A route's `response` schemas: its success answer under `status` and the error shape. */
export function replies<T extends TSchema, S extends number = 200>(success: T, status: S = 200 as S) {
  return { [status]: success, ...ERRORS } as { [K in S]: T } & typeof ERRORS;
}
